"""Representation: officers by ethnicity and by sex against the force area's population (Census 2021,
configured per force as `PopulationShare`), and candidates in pre-employment as a projection.

Counts are of officers substantively in post (less career breaks and secondments), as 002_* 4.7.
Small numbers: force-wide tables are shown as forces publish them (002_* 4.7 prints "Other 1"); below the
force (a division, LPU or team) a count of 1 to 4 could point at a person, so it is suppressed with
`beatbook.public.disclosure.protect` (secondary suppression, and the total withheld where it would give a
hidden count away)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.db.models import Count, Max

from beatbook.areas.models import Area, Level
from beatbook.public.disclosure import PRIMARY_BELOW, protect
from beatbook.web.tables import Column, Table
from beatbook.workforce.models import (
    MINORITY_ETHNIC,
    OFFICER_RANKS,
    Candidate,
    Ethnicity,
    Officer,
    PopulationShare,
    Sex,
)


def _percent(part: int | None, whole: int) -> float | None:
    if part is None or not whole:
        return None
    return float(round(Decimal(100 * part) / whole, 2))


def _officer_counts(area: Area, on: date, field: str) -> dict[str, int]:
    people = Officer.objects.within(area).filter(rank__in=OFFICER_RANKS).in_post(on)
    return dict(people.values_list(field).annotate(n=Count("id")).values_list(field, "n"))


def _disclosable(area: Area, counts: dict[str, int]) -> tuple[dict[str, int | None], int | None]:
    """The counts and total to show (None where withheld): all of them for the force, by the public
    disclosure rule below it."""
    if area.level == Level.FORCE:
        return dict(counts), sum(counts.values())
    column = protect(counts)
    shown = {key: value if isinstance(value, int) else None for key, value in column.cells.items()}
    return shown, column.total if isinstance(column.total, int) else None


def officers_by_ethnicity(area: Area, on: date) -> Table:
    """Table `officers-by-ethnicity`: the rows of 002_* 4.7 (count, % of officers, Census 2021 %)."""
    raw = _officer_counts(area, on, "ethnicity")
    counts, total = _disclosable(area, {group.value: raw.get(group.value, 0) for group in Ethnicity})
    census = {share.ethnicity: float(share.percent) for share in PopulationShare.objects.filter(force_id=area.force_id)}
    rows = [
        {
            "ethnicity": group.label,
            "officers": counts[group.value],
            "percent": _percent(counts[group.value], total),
            "census_percent": census.get(group.value),
        }
        for group in Ethnicity
    ]
    rows.append({"ethnicity": "Total", "officers": total, "percent": 100.0 if total else None, "census_percent": 100.0})
    return Table(
        name="officers-by-ethnicity",
        caption=f"Officers in post in {area.name} on {on:%-d %B %Y} by ethnicity, against the Census 2021",
        columns=[
            Column("ethnicity", "Ethnicity"),
            Column("officers", "Officers", True),
            Column("percent", "% of officers", True),
            Column("census_percent", "% of population (Census 2021)", True),
        ],
        rows=rows,
    )


def officers_by_sex(area: Area, on: date) -> Table:
    """Table `officers-by-sex`: officers in post by sex (the Census 2021 population is about half female)."""
    raw = _officer_counts(area, on, "sex")
    keys = [*Sex.values, ""]
    counts, total = _disclosable(area, {key: raw.get(key, 0) for key in keys})
    labels = dict(Sex.choices) | {"": "Not recorded"}
    rows = [{"sex": labels[key], "officers": counts[key], "percent": _percent(counts[key], total)} for key in keys]
    return Table(
        name="officers-by-sex",
        caption=f"Officers in post in {area.name} on {on:%-d %B %Y} by sex",
        columns=[Column("sex", "Sex"), Column("officers", "Officers", True), Column("percent", "% of officers", True)],
        rows=rows,
    )


def minority_ethnic_projection(area: Area, on: date) -> Table:
    """Table `representation-projection`: minority ethnic officers now, and with the candidates in
    pre-employment on the latest date up to `on` (002_* 4.8, 4.12: 3.2% to 3.6%). Force-wide only:
    candidates are recorded for the force."""
    raw = _officer_counts(area, on, "ethnicity")
    minority = sum(raw.get(group.value, 0) for group in MINORITY_ETHNIC)
    total = sum(raw.values())
    # Below the force, 1 to 4 minority ethnic officers could be named by colleagues: hidden.
    shown = minority if area.level == Level.FORCE or not 0 < minority < PRIMARY_BELOW else None
    rows = [
        {"measure": "Officers in post", "minority_ethnic": shown, "total": total, "percent": _percent(shown, total)}
    ]
    if area.level == Level.FORCE:
        latest = Candidate.objects.filter(force=area, on__lte=on).aggregate(day=Max("on"))["day"]
        if latest:
            candidates = dict(Candidate.objects.filter(force=area, on=latest).values_list("ethnicity", "count"))
            extra = sum(candidates.get(group.value, 0) for group in MINORITY_ETHNIC)
            everyone = total + sum(candidates.values())
            rows.append(
                {
                    "measure": f"With candidates in pre-employment ({latest:%-d %B %Y})",
                    "minority_ethnic": minority + extra,
                    "total": everyone,
                    "percent": _percent(minority + extra, everyone),
                }
            )
    return Table(
        name="representation-projection",
        caption="Minority ethnic officers: now and with candidates in pre-employment",
        columns=[
            Column("measure", "Measure"),
            Column("minority_ethnic", "Minority ethnic officers", True),
            Column("total", "All officers", True),
            Column("percent", "% minority ethnic", True),
        ],
        rows=rows,
    )
