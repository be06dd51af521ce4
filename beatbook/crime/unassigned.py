"""Incidents a force holds that no area below the force counts: those in LSOAs not assigned to one of
the force's neighbourhoods ("unassigned": 2021 LSOA codes police.uk now publishes by, other forces' LSOAs,
codes never seen), and those without a location at all.

Area totals below a force count incidents by their LSOA's neighbourhood, so without these figures they
would be silently short of the force's total; every place that shows area totals says how many.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import date

from django.db.models import QuerySet, Sum

from beatbook.areas.models import Area, Lsoa
from beatbook.counts.models import LsoaKindMonthCount, LsoaMonthCount
from beatbook.crime.statistics import CountRow


def unassigned_by_kind(
    force: Area,
    *,
    first: date | None = None,
    last: date | None = None,
    months: Iterable[date] | None = None,
    categories: Sequence[str] = (),
) -> dict[str, int]:
    """{"crime": n, "asb": n}: the force's incidents (in the months given) with an LSOA that is in none of
    the force's neighbourhoods. Read from the monthly counts (an incident has an LSOA id exactly when it has
    an LSOA code: the importer creates the LSOAs it has not seen)."""
    # Per category only when asked for some: else the per-kind counts, a fifth of the rows.
    model = LsoaMonthCount if categories else LsoaKindMonthCount
    queryset = _counts(model.objects.filter(force=force, lsoa__isnull=False), first, last, months, categories)
    assigned = Lsoa.objects.filter(neighbourhood__path__startswith=force.path).values("pk")
    return _by_kind(queryset.exclude(lsoa_id__in=assigned))


def _counts(
    queryset: QuerySet, first: date | None, last: date | None, months: Iterable[date] | None, categories: Sequence[str]
) -> QuerySet:
    if first is not None:
        queryset = queryset.filter(month__gte=first)
    if last is not None:
        queryset = queryset.filter(month__lte=last)
    if months is not None:
        queryset = queryset.filter(month__in=list(months))
    if categories:
        queryset = queryset.filter(category__in=list(categories))
    return queryset


def _by_kind(counts: QuerySet) -> dict[str, int]:
    totals = {"crime": 0, "asb": 0}
    for group in counts.order_by().values("kind").annotate(total=Sum("n")):
        totals[group["kind"]] = group["total"]
    return totals


def unassigned_count(force: Area, **filters: object) -> int:
    """How many of the force's incidents are in LSOAs assigned to none of its neighbourhoods."""
    return sum(unassigned_by_kind(force, **filters).values())


def unlocated_by_kind(force: Area, first: date, last: date) -> dict[str, int]:
    """{"crime": n, "asb": n}: the force's incidents in the period with no LSOA at all (from the counts)."""
    return _by_kind(_counts(LsoaKindMonthCount.objects.filter(force=force, lsoa__isnull=True), first, last, None, ()))


UNASSIGNED = "unassigned"


def mark_unassigned(rows: list[CountRow]) -> list[CountRow]:
    """Count rows with an LSOA that is in none of their force's neighbourhoods read "unassigned" for
    division, LPU and neighbourhood (rows without an LSOA keep them empty), so grouping by any area level
    says how many incidents no area counts."""
    codes = {row.neighbourhood for row in rows if row.neighbourhood}
    neighbourhoods = {area.code: area for area in Area.objects.filter(code__in=codes)}
    force_codes = dict(
        Area.objects.filter(pk__in={area.force_id for area in neighbourhoods.values()}).values_list("pk", "code")
    )
    marked = []
    for row in rows:
        area = neighbourhoods.get(row.neighbourhood)
        own = area is not None and force_codes.get(area.force_id) == row.force
        if row.lsoa and not own:
            row = replace(row, division=UNASSIGNED, lpu=UNASSIGNED, neighbourhood=UNASSIGNED)
        marked.append(row)
    return marked
