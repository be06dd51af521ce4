"""Establishment against strength: at a date, by month over a period, and joiners and leavers against the
forecast. Pure reads; each function returns a `Table` for a page and its CSV and JSON twins.

Definitions (002_* 3.4-3.6, 4.1-4.2, 4.7, 4.15-4.17):
- establishment: the posts funded on the date (the latest dated row per area and rank);
- strength: headcount serving on the date, including career breaks and secondments (4.2), and its FTE;
- in post: strength less career breaks and secondments (4.7's 2,096);
- neighbourhood teams: people posted to a team or to an LPU (its inspector);
- a joiner starts in the month; a leaver's first day out of service falls in it.
Postings are dated (models.Posting): at any date a person counts in the area of the posting in force that day,
so strength before a move counts them in their old team."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Count, QuerySet, Sum

from beatbook.areas.models import Area
from beatbook.crime.periods import add_months
from beatbook.web.tables import Column, Table
from beatbook.workforce.models import (
    NEIGHBOURHOOD_LEVELS,
    OFFICER_RANKS,
    Forecast,
    Officer,
    Rank,
    establishment_on,
)


@dataclass(frozen=True)
class Group:
    label: str
    ranks: list[str]
    neighbourhood_only: bool = False


GROUPS = [
    Group("Police officers", list(OFFICER_RANKS)),
    Group("PCSOs", [Rank.PCSO]),
    Group("Neighbourhood team officers", list(OFFICER_RANKS), neighbourhood_only=True),
    Group("Neighbourhood team PCSOs", [Rank.PCSO], neighbourhood_only=True),
]


def _people(area: Area, group: Group, on: date) -> QuerySet[Officer]:
    """The group's people posted inside `area` on `on` (to a neighbourhood team or LPU, for those groups)."""
    levels = NEIGHBOURHOOD_LEVELS if group.neighbourhood_only else None
    return Officer.objects.posted_within(area, on, levels).filter(rank__in=group.ranks)


def _posts(area: Area, group: Group, on: date) -> int:
    rows = establishment_on(on).filter(team__path__startswith=area.path, rank__in=group.ranks)
    if group.neighbourhood_only:
        rows = rows.filter(team__level__in=NEIGHBOURHOOD_LEVELS)
    return rows.aggregate(n=Sum("posts"))["n"] or 0


def _count(people: QuerySet[Officer]) -> tuple[int, Decimal]:
    totals = people.aggregate(n=Count("id"), fte=Sum("fte"))
    return totals["n"], totals["fte"] or Decimal("0")


def strength_row(area: Area, group: Group, on: date) -> dict:
    people = _people(area, group, on)
    headcount, fte = _count(people.serving(on))
    in_post, in_post_fte = _count(people.in_post(on))
    posts = _posts(area, group, on)
    return {
        "group": group.label,
        "establishment": posts,
        "strength": headcount,
        "gap": headcount - posts,
        "strength_fte": float(fte),
        "in_post": in_post,
        "in_post_fte": float(in_post_fte),
    }


def strength_against_establishment(area: Area, on: date) -> Table:
    """Table `strength-against-establishment`: one row per group, on the date."""
    return Table(
        name="strength-against-establishment",
        caption=f"Strength against establishment in {area.name} on {on:%-d %B %Y}",
        columns=[
            Column("group", "Group"),
            Column("establishment", "Establishment (posts)", True),
            Column("strength", "Strength (headcount)", True),
            Column("gap", "Strength less establishment", True),
            Column("strength_fte", "Strength (FTE)", True),
            Column("in_post", "In post (less career breaks and secondments)", True),
            Column("in_post_fte", "In post (FTE)", True),
        ],
        rows=[strength_row(area, group, on) for group in GROUPS],
    )


def month_ends(last: date, months: int) -> list[date]:
    """The last day of each of `months` months ending with the month of `last`, oldest first."""
    first_of_next = add_months(last.replace(day=1), 1)
    return [add_months(first_of_next, -step) - timedelta(days=1) for step in range(months - 1, -1, -1)]


def officers_by_month(area: Area, on: date, months: int = 12) -> Table:
    """Table `officers-by-month`: police officers' establishment, strength, joiners and leavers each month
    against the force's forecast (forecasts are force-wide, so they are shown only for a force)."""
    group = GROUPS[0]
    forecasts = {
        f.month: f for f in Forecast.objects.filter(force=area, rank=Rank.CONSTABLE, month__lte=on).order_by("month")
    }
    rows = []
    for end in month_ends(on, months):
        start = end.replace(day=1)
        posts = _posts(area, group, end)
        people = _people(area, group, end)
        headcount = people.serving(end).count()
        forecast = forecasts.get(start)
        rows.append(
            {
                "month": f"{start:%Y-%m}",
                "establishment": posts,
                "strength": headcount,
                "gap": headcount - posts,
                "joiners": people.filter(started_on__gte=start, started_on__lte=end).count(),
                "forecast_joiners": float(forecast.joiners) if forecast else None,
                "leavers": people.filter(left_on__gte=start, left_on__lte=end).count(),
                "forecast_leavers": float(forecast.leavers) if forecast else None,
            }
        )
    return Table(
        name="officers-by-month",
        caption=f"Police officers each month to {on:%B %Y}: establishment, strength, joiners and leavers",
        columns=[
            Column("month", "Month"),
            Column("establishment", "Establishment", True),
            Column("strength", "Strength at month end", True),
            Column("gap", "Strength less establishment", True),
            Column("joiners", "Joiners", True),
            Column("forecast_joiners", "Joiners forecast", True),
            Column("leavers", "Leavers", True),
            Column("forecast_leavers", "Leavers forecast", True),
        ],
        rows=rows,
    )


def uplift(area: Area, on: date, since: date) -> Table:
    """Table `uplift`: police officer establishment and strength at `since` and at `on`, and the change
    (the uplift programme's 283 posts to 2,110, 002_* 4.1)."""
    group = GROUPS[0]
    rows = []
    for label, day in (("Start", since), ("Now", on)):
        rows.append(
            {
                "when": label,
                "date": day.isoformat(),
                "establishment": _posts(area, group, day),
                "strength": _people(area, group, day).serving(day).count(),
            }
        )
    rows.append(
        {
            "when": "Change",
            "date": "",
            "establishment": rows[1]["establishment"] - rows[0]["establishment"],
            "strength": rows[1]["strength"] - rows[0]["strength"],
        }
    )
    return Table(
        name="uplift",
        caption=f"Police officer uplift from {since:%-d %B %Y} to {on:%-d %B %Y}",
        columns=[
            Column("when", "Point"),
            Column("date", "Date"),
            Column("establishment", "Establishment", True),
            Column("strength", "Strength", True),
        ],
        rows=rows,
    )


ROLE_GROUPS = [
    ("officers", "Officers", list(OFFICER_RANKS)),
    ("pcsos", "PCSOs", [Rank.PCSO]),
    ("specials", "Specials", [Rank.SPECIAL]),
    ("staff", "Staff", [Rank.STAFF]),
    ("volunteers", "Volunteers", [Rank.VOLUNTEER]),
]


def joiners_and_leavers(area: Area, on: date, months: int = 12) -> Table:
    """Table `joiners-and-leavers`: joiners and leavers of each role in each month up to `on`'s month."""
    people = Officer.objects.within(area)
    rows = []
    for end in month_ends(on, months):
        start = end.replace(day=1)
        row: dict = {"month": f"{start:%Y-%m}"}
        for key, _, ranks in ROLE_GROUPS:
            group = people.filter(rank__in=ranks)
            row[f"{key}_joiners"] = group.filter(started_on__gte=start, started_on__lte=end).count()
            row[f"{key}_leavers"] = group.filter(left_on__gte=start, left_on__lte=end).count()
        rows.append(row)
    columns = [Column("month", "Month")]
    for key, label, _ in ROLE_GROUPS:
        columns += [
            Column(f"{key}_joiners", f"{label} joining", True),
            Column(f"{key}_leavers", f"{label} leaving", True),
        ]
    return Table(
        name="joiners-and-leavers",
        caption=f"Joiners and leavers in {area.name} each month to {on:%B %Y}",
        columns=columns,
        rows=rows,
    )
