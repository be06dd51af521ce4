"""An export in the shape of the Home Office "Police workforce, England and Wales" tables: full-time
equivalent by rank and sex for officers, FTE for PCSOs and police staff, headcount for special constables
and police support volunteers, at 31 March or 30 September.

As the Home Office counts them, officers on career breaks and secondments out of the force are left out
of the FTE figures (they are "not in post"); see the Home Office's user guide to police workforce statistics."""

from __future__ import annotations

from datetime import date

from django.db.models import Count, Sum

from beatbook.areas.models import Area
from beatbook.web.tables import Column, Table
from beatbook.workforce.models import OFFICER_RANKS, Officer, Rank, Sex


def is_census_date(day: date) -> bool:
    return (day.month, day.day) in ((3, 31), (9, 30))


def latest_census_date(on: date) -> date:
    """The latest 31 March or 30 September on or before `on`."""
    for candidate in (date(on.year, 9, 30), date(on.year, 3, 31), date(on.year - 1, 9, 30)):
        if candidate <= on:
            return candidate
    raise AssertionError("unreachable")  # pragma: no cover


def workforce_table(area: Area, at: date) -> Table:
    """Table `home-office-workforce`: one row per rank or role; FTE by sex and total, and headcount."""
    people = Officer.objects.within(area).in_post(at)
    rows = []
    for rank in [*reversed(OFFICER_RANKS), Rank.PCSO, Rank.STAFF, Rank.SPECIAL, Rank.VOLUNTEER]:
        group = people.filter(rank=rank)
        by_sex = {row["sex"]: row for row in group.values("sex").annotate(fte=Sum("fte"), n=Count("id"))}
        fte = {key: float(by_sex[key]["fte"]) if key in by_sex else 0.0 for key in [*Sex.values, ""]}
        headcount_only = rank in (Rank.SPECIAL, Rank.VOLUNTEER)
        rows.append(
            {
                "rank": rank.label,
                "fte_female": None if headcount_only else round(fte[Sex.FEMALE], 2),
                "fte_male": None if headcount_only else round(fte[Sex.MALE], 2),
                "fte_not_recorded": None if headcount_only else round(fte[""], 2),
                "fte_total": None if headcount_only else round(sum(fte.values()), 2),
                "headcount": sum(row["n"] for row in by_sex.values()),
            }
        )
    return Table(
        name="home-office-workforce",
        caption=f"Police workforce in {area.name} at {at:%-d %B %Y} (Home Office table shape)",
        columns=[
            Column("rank", "Rank or role"),
            Column("fte_female", "FTE female", True),
            Column("fte_male", "FTE male", True),
            Column("fte_not_recorded", "FTE sex not recorded", True),
            Column("fte_total", "FTE total", True),
            Column("headcount", "Headcount", True),
        ],
        rows=rows,
    )
