"""Reads of incident counts from the database, shaped as statistics.CountRow lists."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from django.db.models import Count, Max, QuerySet

from beatbook.areas.models import Area, Level
from beatbook.crime.models import Incident
from beatbook.crime.statistics import CountRow


def incidents(
    *,
    force: Area | None = None,
    area: Area | None = None,
    first: date | None = None,
    last: date | None = None,
    categories: Sequence[str] = (),
) -> QuerySet[Incident]:
    queryset = Incident.objects.all()
    if area is not None:
        queryset = queryset.in_area(area)
    if force is not None:
        queryset = queryset.filter(force=force)
    if first is not None:
        queryset = queryset.filter(month__gte=first)
    if last is not None:
        queryset = queryset.filter(month__lte=last)
    if categories:
        queryset = queryset.filter(category__in=list(categories))
    return queryset


def count_rows(queryset: QuerySet[Incident], *, by_place: bool = True) -> list[CountRow]:
    """Counts grouped by month, category and type, and by LSOA and its areas when `by_place`
    (leave it off for force- or area-wide trends: far fewer groups)."""
    fields = ["force_id", "month", "category", "nsir_type", "neighbourhood_crime_type"]
    if by_place:
        fields += ["lsoa__code", "lsoa__neighbourhood_id"]
    groups = list(queryset.order_by().values(*fields).annotate(n=Count("id")))
    areas = _areas_for(groups)
    rows = []
    for group in groups:
        division, lpu, neighbourhood = _placing(areas, group.get("lsoa__neighbourhood_id"))
        rows.append(
            CountRow(
                force=areas[group["force_id"]].code,
                division=division,
                lpu=lpu,
                neighbourhood=neighbourhood,
                lsoa=group.get("lsoa__code") or "",
                month=group["month"],
                category=group["category"],
                nsir_type=group["nsir_type"],
                count=group["n"],
                neighbourhood_crime_type=group["neighbourhood_crime_type"],
            )
        )
    return rows


def _areas_for(groups: list[dict]) -> dict[int, Area]:
    neighbourhood_ids = {g["lsoa__neighbourhood_id"] for g in groups if g.get("lsoa__neighbourhood_id")}
    neighbourhoods = Area.objects.filter(pk__in=neighbourhood_ids)
    wanted = {pk for area in neighbourhoods for pk in area.ancestor_ids} | {g["force_id"] for g in groups}
    return Area.objects.in_bulk(wanted)


def _placing(areas: dict[int, Area], neighbourhood_id: int | None) -> tuple[str, str, str]:
    if neighbourhood_id is None or neighbourhood_id not in areas:
        return "", "", ""
    by_level = {areas[pk].level: areas[pk].code for pk in areas[neighbourhood_id].ancestor_ids if pk in areas}
    return by_level.get(Level.DIVISION, ""), by_level.get(Level.LPU, ""), by_level.get(Level.NEIGHBOURHOOD, "")


def latest_month(queryset: QuerySet[Incident]) -> date | None:
    return queryset.aggregate(latest=Max("month"))["latest"]


def months_with_data(force: Area) -> set[date]:
    return set(Incident.objects.filter(force=force).values_list("month", flat=True).distinct())


def counts_by_child(area: Area, first: date, last: date) -> dict[int, dict[str, int]]:
    """{child area id: {"crime": n, "asb": n}} for incidents in the period, by the area's children."""
    children = {child.path: child.pk for child in area.children.all()}
    totals: dict[int, dict[str, int]] = {pk: {"crime": 0, "asb": 0} for pk in children.values()}
    groups = (
        incidents(area=area, first=first, last=last)
        .order_by()
        .values("lsoa__neighbourhood__path", "kind")
        .annotate(n=Count("id"))
    )
    for group in groups:
        path = group["lsoa__neighbourhood__path"] or ""
        for prefix, pk in children.items():
            if path.startswith(prefix):
                totals[pk][group["kind"]] += group["n"]
                break
    return totals


def counts_by_lsoa(area: Area, first: date, last: date) -> dict[str, dict[str, int]]:
    """{LSOA code: {"crime": n, "asb": n}} for incidents in the area and period."""
    totals: dict[str, dict[str, int]] = {}
    groups = (
        incidents(area=area, first=first, last=last)
        .filter(lsoa__isnull=False)
        .order_by()
        .values("lsoa__code", "kind")
        .annotate(n=Count("id"))
    )
    for group in groups:
        totals.setdefault(group["lsoa__code"], {"crime": 0, "asb": 0})[group["kind"]] = group["n"]
    return totals
