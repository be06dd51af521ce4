"""Engagement reports for an area: by month, by child area, by community group (as the seed papers'
"engagements with young people, the elderly, …"), and the gaps: neighbourhoods without face-to-face
engagement lately, and groups known to be present but not reached."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date, datetime, time, timedelta

from django.db.models import Max
from django.http import HttpRequest

from beatbook.accounts import access
from beatbook.accounts.access import Capability
from beatbook.areas.models import Area, Level, area_containing
from beatbook.audit.models import Operation
from beatbook.audit.record import record_event
from beatbook.crime.periods import Days, add_months, month_of, months_between
from beatbook.lib.dates import LONDON, london_to_utc
from beatbook.neighbourhoods.models import CommunityGroup, CommunityPresence, Engagement
from beatbook.web.tables import Column, Table


def day_range_utc(first: date, last: date) -> tuple[datetime, datetime]:
    """UTC bounds of UK local days `first` to `last` inclusive (a local day is 23 or 25 hours at a clock change)."""
    return london_to_utc(datetime.combine(first, time())), london_to_utc(datetime.combine(last + timedelta(1), time()))


def engagements_in(area: Area, first: date, last: date):  # noqa: ANN201 - a QuerySet
    start, end = day_range_utc(first, last)
    return Engagement.objects.filter(
        neighbourhood__path__startswith=area.path, started_at__gte=start, started_at__lt=end, withdrawn_at__isnull=True
    )


def by_month(area: Area, first: date, last: date) -> Table:
    rows = {
        m: {"month": f"{m:%b %Y}", "engagements": 0, "face_to_face": 0, "people": 0}
        for m in months_between(first, last)
    }
    for started_at, face_to_face, people in engagements_in(area, month_of(first), last).values_list(
        "started_at", "face_to_face", "people_reached"
    ):
        row = rows.get(month_of(started_at.astimezone(LONDON).date()))
        if row is not None:
            row["engagements"] += 1
            row["face_to_face"] += int(face_to_face)
            row["people"] += people
    return Table(
        "by-month",
        f"Engagements by month, {area.name}",
        [
            Column("month", "Month"),
            Column("engagements", "Engagements", True),
            Column("face_to_face", "Face to face", True),
            Column("people", "People reached", True),
        ],
        list(rows.values()),
    )


def by_child_area(area: Area, first: date, last: date) -> Table:
    children = list(area.children.order_by("name")) or [area]
    totals = {child.pk: {"area": child.name, "engagements": 0, "face_to_face": 0, "people": 0} for child in children}
    for path, face_to_face, people in engagements_in(area, first, last).values_list(
        "neighbourhood__path", "face_to_face", "people_reached"
    ):
        child = area_containing(children, path)
        if child is not None:
            row = totals[child.pk]
            row["engagements"] += 1
            row["face_to_face"] += int(face_to_face)
            row["people"] += people
    level = children[0].get_level_display().lower() if children[0] != area else "area"
    return Table(
        "by-area",
        f"Engagements by {level}, {area.name}, {first:%-d %b %Y} to {last:%-d %b %Y}",
        [
            Column("area", "Area"),
            Column("engagements", "Engagements", True),
            Column("face_to_face", "Face to face", True),
            Column("people", "People reached", True),
        ],
        list(totals.values()),
    )


def by_group(area: Area, first: date, last: date) -> Table:
    """Engagements that reached each community group (an engagement reaching two groups counts for both)."""
    counts = Counter(
        engagements_in(area, first, last).filter(groups__isnull=False).values_list("groups__name", flat=True)
    )
    groups = CommunityGroup.objects.filter(force_id=area.force_id)
    rows = [{"group": g.name, "engagements": counts.get(g.name, 0)} for g in groups if g.active or counts.get(g.name)]
    rows.sort(key=lambda row: -row["engagements"])
    return Table(
        "by-group",
        f"Engagements by community group, {area.name}, {first:%-d %b %Y} to {last:%-d %b %Y}",
        [Column("group", "Community group"), Column("engagements", "Engagements", True)],
        rows,
    )


def without_face_to_face(area: Area, as_of: date, days: int) -> Table:
    """Neighbourhoods with no face-to-face engagement in the `days` days to `as_of`."""
    neighbourhoods = Area.objects.within(area).filter(level=Level.NEIGHBOURHOOD).order_by("path")
    since = as_of - timedelta(days=days - 1)
    last_seen: dict[int, datetime] = dict(
        Engagement.objects.filter(
            neighbourhood__path__startswith=area.path,
            face_to_face=True,
            withdrawn_at__isnull=True,
            started_at__lt=day_range_utc(as_of, as_of)[1],
        )
        .values("neighbourhood_id")
        .annotate(last=Max("started_at"))
        .values_list("neighbourhood_id", "last")
    )
    rows = []
    for neighbourhood in neighbourhoods:
        seen = last_seen.get(neighbourhood.pk)
        seen_day = seen.astimezone(LONDON).date() if seen else None
        if seen_day is None or seen_day < since:
            rows.append(
                {
                    "neighbourhood": neighbourhood.name,
                    "last_face_to_face": seen_day.isoformat() if seen_day else None,
                    "days_since": (as_of - seen_day).days if seen_day else None,
                }
            )
    return Table(
        "gaps",
        f"Neighbourhoods without face-to-face engagement in the {days} days to {as_of:%-d %b %Y}",
        [
            Column("neighbourhood", "Neighbourhood"),
            Column("last_face_to_face", "Last face to face"),
            Column("days_since", "Days since", True),
        ],
        rows,
    )


def groups_not_reached(area: Area, first: date, last: date) -> Table:
    """Groups the force's neighbourhood profiles say are present in an area, with no engagement reaching
    them there in the period."""
    reached: dict[int, set[int]] = defaultdict(set)
    for neighbourhood_id, group_id in (
        engagements_in(area, first, last).filter(groups__isnull=False).values_list("neighbourhood_id", "groups")
    ):
        reached[neighbourhood_id].add(group_id)
    neighbourhood_paths = dict(Area.objects.within(area).filter(level=Level.NEIGHBOURHOOD).values_list("pk", "path"))
    rows = []
    for presence in (
        CommunityPresence.objects.filter(area__path__startswith=area.path)
        .select_related("area", "group")
        .order_by("area__path", "group__position")
    ):
        inside = [pk for pk, path in neighbourhood_paths.items() if path.startswith(presence.area.path)]
        if not any(presence.group_id in reached[pk] for pk in inside):
            rows.append({"area": presence.area.name, "group": presence.group.name, "source": presence.source})
    return Table(
        "not-reached",
        f"Groups present but not reached, {area.name}, {first:%-d %b %Y} to {last:%-d %b %Y}",
        [Column("area", "Area"), Column("group", "Community group"), Column("source", "Known from")],
        rows,
    )


def default_period(today: date) -> tuple[date, date]:
    """The two whole months before this one and this one so far: about a quarter, as the seed papers report."""
    return add_months(month_of(today), -2), today


def area_report(request: HttpRequest, area: Area, today: date, first: date, last: date, days: int) -> list[Table]:
    """Every engagement table of an area's page and API, in page order; the entries with their free text
    only for those who may read it."""
    twelve_months = by_month(area, add_months(month_of(today), -11), today)
    twelve_months.period = Days(add_months(month_of(today), -11), today)
    gaps = without_face_to_face(area, today, days)
    gaps.period = Days(today - timedelta(days=days - 1), today)
    tables = [twelve_months, by_child_area(area, first, last), by_group(area, first, last), gaps]
    tables.append(groups_not_reached(area, first, last))
    if access.can(request.user, Capability.READ_ENGAGEMENT_NOTES, area):
        tables.append(entries_table(request, area, first, last))
    for table in tables:  # the rest cover the period asked for
        table.period = table.period or Days(first, last)
    return tables


def entries_table(request: HttpRequest, area: Area, first: date, last: date) -> Table:
    """The entries with their free text. Reading them is recorded, as the text may name people."""
    entries = list(
        engagements_in(area, first, last)
        .select_related("neighbourhood", "recorded_by")
        .prefetch_related("groups")[:500]
    )
    record_event(
        actor=request.user,
        operation=Operation.CONSULTATION,
        event="engagement.notes_read",
        area=area,
        request=request,
        detail={"entries": len(entries), "from": first.isoformat(), "to": last.isoformat()},
    )
    return Table(
        "entries",
        f"Engagements recorded, {area.name}, {first:%-d %b %Y} to {last:%-d %b %Y} (latest 500)",
        [
            Column("when", "When (UK time)"),
            Column("neighbourhood", "Neighbourhood"),
            Column("method", "Method"),
            Column("location", "Location"),
            Column("groups", "Groups"),
            Column("people", "People", True),
            Column("issues", "Issues raised"),
            Column("follow_up", "Follow-up"),
            Column("reviewed", "Reviewed"),
        ],
        [
            {
                "when": e.started_at.astimezone(LONDON).strftime("%Y-%m-%d %H:%M"),
                "neighbourhood": e.neighbourhood.name,
                "method": e.get_method_display(),
                "location": e.location,
                "groups": ", ".join(g.name for g in e.groups.all()),
                "people": e.people_reached,
                "issues": e.issues_raised,
                "follow_up": e.follow_up,
                "reviewed": "yes" if e.reviewed_at else "no",
            }
            for e in entries
        ],
        display_limit=50,
    )
