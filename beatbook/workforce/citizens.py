"""Citizens in policing (002_* section 5): special constables (headcount, active, on leave, duty hours a
month against a target), police support volunteers (count, active, hours this year against last) and
volunteer police cadets (cohorts, members, joint police and fire cadets). Pure reads returning Tables."""

from __future__ import annotations

from datetime import date

from django.db.models import Count, Sum

from beatbook.areas.models import Area
from beatbook.crime.periods import add_months
from beatbook.web.tables import Column, Table
from beatbook.workforce.models import AbsenceKind, DutyHours, Officer, Rank, Target, WorkforceTarget
from beatbook.workforce.strength import month_ends


def _target(area: Area, target: Target) -> int | None:
    row = WorkforceTarget.objects.filter(force_id=area.force_id, target=target).first()
    return row.value if row else None


def headcounts(area: Area, on: date) -> Table:
    """Table `citizens-in-policing`: headcount, active and on leave of absence for each group on `on`."""
    people = Officer.objects.within(area).serving(on)
    away = set(Officer.objects.within(area).absent(on, [AbsenceKind.LEAVE]).values_list("pk", flat=True))
    groups = [
        ("Special constables", people.filter(rank=Rank.SPECIAL), _target(area, Target.SPECIALS)),
        ("Police support volunteers", people.filter(rank=Rank.VOLUNTEER), None),
        ("Police cadets", people.filter(rank=Rank.CADET, joint_cadet=False), None),
        ("Joint police and fire cadets", people.filter(rank=Rank.CADET, joint_cadet=True), None),
    ]
    rows = []
    for label, group, target in groups:
        ids = set(group.values_list("pk", flat=True))
        rows.append(
            {
                "group": label,
                "headcount": len(ids),
                "active": len(ids - away),
                "on_leave": len(ids & away),
                "target": target,
            }
        )
    return Table(
        name="citizens-in-policing",
        caption=f"Citizens in policing in {area.name} on {on:%-d %B %Y}",
        columns=[
            Column("group", "Group"),
            Column("headcount", "Headcount", True),
            Column("active", "Active", True),
            Column("on_leave", "On leave of absence", True),
            Column("target", "Target", True),
        ],
        rows=rows,
    )


def cadet_cohorts(area: Area, on: date) -> Table:
    """Table `cadet-cohorts`: members of each cadet cohort on `on`."""
    cohorts = (
        Officer.objects.within(area)
        .serving(on)
        .filter(rank=Rank.CADET)
        .values("cadet_cohort", "joint_cadet")
        .annotate(n=Count("id"))
        .order_by("cadet_cohort")
    )
    rows = [
        {"cohort": c["cadet_cohort"] or "(no cohort)", "members": c["n"], "joint": "Yes" if c["joint_cadet"] else "No"}
        for c in cohorts
    ]
    return Table(
        name="cadet-cohorts",
        caption="Volunteer police cadet cohorts",
        columns=[Column("cohort", "Cohort"), Column("members", "Members", True), Column("joint", "Joint with fire")],
        rows=rows,
    )


def _hours(area: Area, rank: Rank, first: date, last: date) -> float:
    total = DutyHours.objects.filter(
        person__team__path__startswith=area.path, person__rank=rank, month__gte=first, month__lte=last
    ).aggregate(h=Sum("hours"))["h"]
    return float(total or 0)


def specials_hours_by_month(area: Area, on: date, months: int = 12) -> Table:
    """Table `specials-hours-by-month`: special constables' duty hours each month against the monthly
    target, and the same month a year before (002_* 5.2-5.3)."""
    target = _target(area, Target.SPECIALS_HOURS)
    rows = []
    for end in month_ends(on, months):
        start = end.replace(day=1)
        hours = _hours(area, Rank.SPECIAL, start, start)
        rows.append(
            {
                "month": f"{start:%Y-%m}",
                "hours": hours,
                "target": target,
                "against_target": round(hours - target, 1) if target is not None else None,
                "year_before": _hours(area, Rank.SPECIAL, add_months(start, -12), add_months(start, -12)),
            }
        )
    return Table(
        name="specials-hours-by-month",
        caption="Special constables' duty hours each month",
        columns=[
            Column("month", "Month"),
            Column("hours", "Hours", True),
            Column("target", "Target", True),
            Column("against_target", "Hours less target", True),
            Column("year_before", "Same month a year before", True),
        ],
        rows=rows,
    )


def hours_this_year_against_last(area: Area, on: date) -> Table:
    """Table `hours-this-year`: specials' and volunteers' hours in the 12 months to `on`'s month against the
    12 months before (002_* 5.2: 11,771 against 19,117; 5.14: 6,395 against 4,145, August to July)."""
    last = on.replace(day=1)
    first = add_months(last, -11)
    rows = []
    for label, rank in (("Special constables", Rank.SPECIAL), ("Police support volunteers", Rank.VOLUNTEER)):
        this_year = _hours(area, rank, first, last)
        year_before = _hours(area, rank, add_months(first, -12), add_months(last, -12))
        rows.append(
            {"group": label, "this_year": this_year, "year_before": year_before, "change": this_year - year_before}
        )
    return Table(
        name="hours-this-year",
        caption=f"Duty hours {first:%B %Y} to {last:%B %Y} against the year before",
        columns=[
            Column("group", "Group"),
            Column("this_year", "Hours", True),
            Column("year_before", "Year before", True),
            Column("change", "Change", True),
        ],
        rows=rows,
    )
