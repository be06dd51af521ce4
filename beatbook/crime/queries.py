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


def count_rows(queryset: QuerySet[Incident]) -> list[CountRow]:
    groups = (
        queryset.order_by()
        .values("force_id", "lsoa__code", "lsoa__neighbourhood_id", "month", "category", "nsir_type")
        .annotate(n=Count("id"))
    )
    groups = list(groups)
    areas = _areas_for(groups)
    rows = []
    for group in groups:
        division, lpu, neighbourhood = _placing(areas, group["lsoa__neighbourhood_id"])
        rows.append(
            CountRow(
                force=areas[group["force_id"]].code,
                division=division,
                lpu=lpu,
                neighbourhood=neighbourhood,
                lsoa=group["lsoa__code"] or "",
                month=group["month"],
                category=group["category"],
                nsir_type=group["nsir_type"],
                count=group["n"],
            )
        )
    return rows


def _areas_for(groups: list[dict]) -> dict[int, Area]:
    neighbourhood_ids = {g["lsoa__neighbourhood_id"] for g in groups if g["lsoa__neighbourhood_id"]}
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
