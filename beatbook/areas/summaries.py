"""Read-only summaries of areas for pages and the API: children with their size, and LSOAs."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Count, Sum

from beatbook.areas.models import Area, Level, Lsoa, area_containing


def child_rows(area: Area) -> list[dict]:
    """Each child of `area` with its neighbourhoods, LSOAs and 2011 population."""
    children = list(area.children.order_by("name"))
    lsoa_totals: dict[int, dict[str, int]] = defaultdict(lambda: {"lsoas": 0, "population": 0})
    neighbourhood_counts: dict[int, int] = defaultdict(int)
    neighbourhoods = Area.objects.within(area).filter(level=Level.NEIGHBOURHOOD)
    per_neighbourhood = (
        Lsoa.objects.filter(neighbourhood__in=neighbourhoods)
        .values("neighbourhood__path")
        .annotate(n=Count("id"), people=Sum("population"))
    )
    for row in per_neighbourhood:
        child = area_containing(children, row["neighbourhood__path"])
        if child is not None:
            lsoa_totals[child.pk]["lsoas"] += row["n"]
            lsoa_totals[child.pk]["population"] += row["people"] or 0
    for path in neighbourhoods.values_list("path", flat=True):
        child = area_containing(children, path)
        if child is not None:
            neighbourhood_counts[child.pk] += 1
    return [
        {
            "area": child,
            "name": child.name,
            "code": child.code,
            "level": child.get_level_display(),
            "neighbourhoods": neighbourhood_counts[child.pk],
            "lsoas": lsoa_totals[child.pk]["lsoas"],
            "population": lsoa_totals[child.pk]["population"],
        }
        for child in children
    ]


def area_totals(area: Area) -> dict[str, int]:
    lsoas = Lsoa.objects.within(area)
    totals = lsoas.aggregate(n=Count("id"), people=Sum("population"))
    return {
        "neighbourhoods": Area.objects.within(area).filter(level=Level.NEIGHBOURHOOD).count(),
        "lsoas": totals["n"] or 0,
        "population": totals["people"] or 0,
        "illustrative_lsoas": lsoas.filter(assignment_is_illustrative=True).count(),
    }
