"""The ASB pages' tables: uses of powers by power, orders due for review or expiring, and the yearly
Case Review figures by local authority (the four figures areas publish, REFERENCE.md (c)). Counts only."""

from __future__ import annotations

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db.models import Count, Q

from beatbook.areas.authorities import local_authorities
from beatbook.areas.models import Area
from beatbook.asb.models import CaseReview, CaseReviewStatus, Power, PowerUse
from beatbook.crime.periods import Days
from beatbook.web.forms import check_date_window
from beatbook.web.forms import check_period as check_query_period
from beatbook.web.tables import Column, Table


def uses_by_power(area: Area, first: date, last: date) -> Table:
    """Uses issued from `first` to `last` inclusive, one row per power used (powers not used are left out)."""
    groups = (
        PowerUse.objects.within(area)
        .filter(issued_on__gte=first, issued_on__lte=last)
        .values("power")
        .annotate(
            uses=Count("id"), interim=Count("id", filter=Q(interim=True)), granted=Count("id", filter=Q(granted=True))
        )
    )
    by_power = {row["power"]: row for row in groups}
    return Table(
        "uses-by-power",
        f"ASB tools and powers used, {first:%B %Y} to {last:%B %Y}",
        [
            Column("label", "Tool or power"),
            Column("power", "Code"),
            Column("uses", "Uses", True),
            Column("interim", "Of which interim", True),
            Column("granted", "Granted", True),
        ],
        [
            {
                "power": power.value,
                "label": power.label,
                "uses": by_power.get(power.value, {}).get("uses", 0),
                "interim": by_power.get(power.value, {}).get("interim", 0),
                "granted": by_power.get(power.value, {}).get("granted", 0),
            }
            for power in Power
            if power.value in by_power
        ],
    )


def due_soon(area: Area, today: date, days: int = 30) -> Table:
    """Orders whose review date or expiry falls in the next `days` days (no subject names)."""
    horizon = today + timedelta(days=days)
    uses = (
        PowerUse.objects.within(area)
        .filter(Q(review_on__gte=today, review_on__lte=horizon) | Q(expires_on__gte=today, expires_on__lte=horizon))
        .select_related("area")
        .order_by("expires_on")
    )
    return Table(
        "due-soon",
        f"Orders due for review or expiring by {horizon:%-d %B %Y}",
        [
            Column("power", "Power"),
            Column("area", "Area"),
            Column("issued_on", "Issued"),
            Column("review_on", "Review"),
            Column("expires_on", "Expires"),
        ],
        [
            {
                "power": u.get_power_display(),
                "area": u.area.name,
                "issued_on": u.issued_on.isoformat(),
                "review_on": u.review_on.isoformat() if u.review_on else "",
                "expires_on": u.expires_on.isoformat() if u.expires_on else "",
            }
            for u in uses
        ],
        period=Days(today, horizon),
    )


def financial_year(text: str) -> tuple[date, date]:
    """'2021-22' → (1 April 2021, 31 March 2022). ValueError with what to fix otherwise."""
    try:
        start, end = text.split("-")
        first = int(start)
        if len(start) != 4 or len(end) != 2 or (first + 1) % 100 != int(end):
            raise ValueError
    except ValueError:
        raise ValueError("year must be a financial year written like 2021-22") from None
    start, end = date(first, 4, 1), date(first + 1, 3, 31)
    check_period(start, end)
    return start, end


def check_period(first: date, last: date) -> None:
    """ValueError saying what to fix for a reversed period, one outside the dates Beatbook holds, or one
    over ten years: the powers and Case Review pages and their API refuse these (issue 17 item 7)."""
    if last < first:
        raise ValueError("to must be the same month as from or later")
    try:
        check_date_window(first)
        check_date_window(last)
        check_query_period(first, last)
    except ValidationError as error:
        raise ValueError(error.messages[0]) from None


def by_local_authority(area: Area, first: date, last: date) -> Table:
    """Applications received in the period by local authority: how many, threshold not met, reviews held,
    reviews that made recommendations, and withdrawn."""
    groups = (
        CaseReview.objects.filter(force_id=area.force_id, received_on__gte=first, received_on__lte=last)
        .values("local_authority_code")
        .annotate(
            applications=Count("id", distinct=True),
            not_met=Count("id", filter=Q(threshold_met=False), distinct=True),
            reviews=Count("id", filter=Q(review_held_on__isnull=False), distinct=True),
            with_recommendations=Count("id", filter=Q(recommendations__isnull=False), distinct=True),
            withdrawn=Count("id", filter=Q(status=CaseReviewStatus.WITHDRAWN), distinct=True),
        )
    )
    by_la = {row["local_authority_code"]: row for row in groups}
    keys = ["applications", "not_met", "reviews", "with_recommendations", "withdrawn"]
    return Table(
        "by-local-authority",
        f"ASB Case Review applications received {first:%-d %B %Y} to {last:%-d %B %Y}, by local authority",
        [
            Column("local_authority", "Local authority"),
            Column("group", "Group"),
            Column("applications", "Applications", True),
            Column("not_met", "Threshold not met", True),
            Column("reviews", "Reviews held", True),
            Column("with_recommendations", "Reviews with recommendations", True),
            Column("withdrawn", "Withdrawn", True),
        ],
        [
            {"local_authority": la.name, "group": la.group} | {key: by_la.get(la.code, {}).get(key, 0) for key in keys}
            for la in local_authorities(area)
        ],
    )


def uses_by_local_authority(area: Area, first: date, last: date) -> Table:
    """Uses issued in the period by the local authority of the neighbourhood they were recorded in."""
    from beatbook.areas.authorities import by_authority_rows

    groups = (
        PowerUse.objects.within(area)
        .filter(issued_on__gte=first, issued_on__lte=last)
        .values("area_id")
        .annotate(n=Count("id"))
    )
    return Table(
        "uses-by-local-authority",
        f"ASB tools and powers used, {first:%B %Y} to {last:%B %Y}, by local authority",
        [Column("local_authority", "Local authority"), Column("group", "Group"), Column("uses", "Uses", True)],
        by_authority_rows(area, {row["area_id"]: row["n"] for row in groups}, "uses"),
    )
