"""Counting police.uk stop-and-search rows by force, area, month and any of their published columns.

A search has only an anonymised point, no LSOA. police.uk snaps searches and crimes to the same master list
of map points, so a search is placed in the neighbourhood that the force's street crimes at the same point
lie in (the most common, where they differ). A search at a point no crime shares, or whose crimes' LSOA is
in none of the force's neighbourhoods, is "unassigned"; one without a point has empty area fields.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date

from django.db.models import Count, QuerySet

from beatbook.areas.models import Area, Level
from beatbook.crime.models import Incident, StopSearch
from beatbook.crime.periods import financial_year
from beatbook.crime.unassigned import UNASSIGNED

AREA_FIELDS = ["division", "lpu", "neighbourhood"]
COLUMN_FIELDS = {
    "type": "search_type",
    "object_of_search": "object_of_search",
    "legislation": "legislation",
    "outcome": "outcome",
    "outcome_linked_to_object": "outcome_linked_to_object",
    "officer_defined_ethnicity": "officer_defined_ethnicity",
    "self_defined_ethnicity": "self_defined_ethnicity",
    "gender": "gender",
    "age_range": "age_range",
}
# Fields derived from a column by the stop-and-search app (issue 16): the force's reporting category for the
# object of search, the self-defined ethnic group, and whether the outcome is positive ("yes"/"no").
DERIVED_FIELDS = {
    "reporting_category": "object_of_search",
    "ethnic_group": "self_defined_ethnicity",
    "positive_outcome": "outcome",
}
# Periods besides the month: the financial year (2019/20), the calendar year (2019) and the year ending a chosen
# month (`year_ends`, 1–12; the key is that year's last month, 2019-08), as every trend table offers (issue 16).
PERIOD_FIELDS = ["financial_year", "calendar_year", "year_ending"]
GROUP_FIELDS = ["force", *AREA_FIELDS, "month", *PERIOD_FIELDS, *COLUMN_FIELDS, *DERIVED_FIELDS]


def year_ending_key(month: date, year_ends: int) -> str:
    """The last month (YYYY-MM) of the 12 months ending in month `year_ends` that hold `month`."""
    year = month.year if month.month <= year_ends else month.year + 1
    return f"{year:04d}-{year_ends:02d}"


def search_counts(
    fields: list[str],
    *,
    force: Area | None = None,
    area: Area | None = None,
    first: date | None = None,
    last: date | None = None,
    year_ends: int = 3,
) -> dict[tuple[str, ...], int]:
    """{group key (values of `fields`, in order): searches}. `year_ends` is the last month (1–12) of the years
    `year_ending` groups by. Raises ValueError for an unknown field or month."""
    if not 1 <= year_ends <= 12:
        raise ValueError(f"the year must end in a month from 1 to 12, not {year_ends}")
    unknown = [field for field in fields if field not in GROUP_FIELDS]
    if unknown or not fields:
        raise ValueError(f"cannot group by {', '.join(unknown) or 'nothing'}: choose from {', '.join(GROUP_FIELDS)}")
    queryset = StopSearch.objects.all()
    if force is not None:
        queryset = queryset.filter(force=force)
    if area is not None:
        queryset = queryset.filter(force_id=area.force_id)
    if first is not None:
        queryset = queryset.filter(month__gte=first)
    if last is not None:
        queryset = queryset.filter(month__lte=last)
    placing = area is not None and area.level != Level.FORCE or any(field in AREA_FIELDS for field in fields)
    columns = {COLUMN_FIELDS[f] for f in fields if f in COLUMN_FIELDS} | {
        DERIVED_FIELDS[f] for f in fields if f in DERIVED_FIELDS
    }
    values = ["force__code", "month", *sorted(columns)]
    derive = _derivers(fields)
    if placing:
        values += ["force_id", "longitude", "latitude"]
    groups = queryset.order_by().values(*values).annotate(n=Count("id"))
    places = _places(queryset) if placing else {}
    totals: dict[tuple[str, ...], int] = defaultdict(int)
    for group in groups:
        place = _place_of(group, places) if placing else None
        if area is not None and area.level != Level.FORCE and (place is None or not place[1].startswith(area.path)):
            continue
        row = {
            "force": group["force__code"],
            "month": group["month"].strftime("%Y-%m"),
            "financial_year": financial_year(group["month"]),
            "calendar_year": str(group["month"].year),
            "year_ending": year_ending_key(group["month"], year_ends),
            **{field: group[column] for field, column in COLUMN_FIELDS.items() if column in group},
            **{field: rule(group) for field, rule in derive.items()},
            **dict(zip(AREA_FIELDS, place[0] if place else ("", "", ""), strict=True)),
        }
        totals[tuple(row[field] for field in fields)] += group["n"]
    return dict(totals)


def _derivers(fields: list[str]) -> dict:
    """{derived field: function of a values() group}, for the derived fields asked for."""
    if not any(field in DERIVED_FIELDS for field in fields):
        return {}
    # Imported here: the stop-and-search app builds on this module.
    from beatbook.stopsearch.categories import ethnic_group, is_positive
    from beatbook.stopsearch.figures import mapping_for

    mappings: dict[str, dict[str, str]] = {}

    def category(group: dict) -> str:
        code = group["force__code"]
        if code not in mappings:
            mappings[code] = mapping_for(Area.objects.get(code=code, parent=None))
        return mappings[code].get(group["object_of_search"].strip().lower(), "other")

    rules = {
        "reporting_category": category,
        "ethnic_group": lambda group: ethnic_group(group["self_defined_ethnicity"]),
        "positive_outcome": lambda group: "yes" if is_positive(group["outcome"]) else "no",
    }
    return {field: rules[field] for field in fields if field in rules}


def _place_of(group: dict, places: dict) -> tuple[tuple[str, str, str], str] | None:
    """((division, lpu, neighbourhood) codes, neighbourhood path) for the search's point, else None."""
    if group["longitude"] is None:
        return None
    return places.get((group["force_id"], group["longitude"], group["latitude"])) or ((UNASSIGNED,) * 3, "")


def _places(searches: QuerySet[StopSearch]) -> dict[tuple[int, float, float], tuple[tuple[str, str, str], str]]:
    """{(force id, longitude, latitude): (area codes, path)} for the points the searches use."""
    points = set(searches.exclude(longitude=None).values_list("force_id", "longitude", "latitude").distinct())
    votes: dict[tuple, Counter] = defaultdict(Counter)
    for force_id in {point[0] for point in points}:
        longitudes = sorted({point[1] for point in points if point[0] == force_id})
        rows = (
            Incident.objects.filter(force_id=force_id, longitude__in=longitudes, lsoa__neighbourhood__isnull=False)
            .order_by()
            .values_list("longitude", "latitude", "lsoa__neighbourhood_id")
            .annotate(n=Count("id"))
        )
        for longitude, latitude, neighbourhood_id, n in rows:
            if (force_id, longitude, latitude) in points:
                votes[(force_id, longitude, latitude)][neighbourhood_id] += n
    neighbourhoods = Area.objects.in_bulk({pk for counter in votes.values() for pk in counter})
    ancestors = Area.objects.in_bulk({pk for area in neighbourhoods.values() for pk in area.ancestor_ids})
    places = {}
    for point, counter in votes.items():
        area = neighbourhoods[counter.most_common(1)[0][0]]
        if area.force_id != point[0]:
            continue  # another force's neighbourhood: unassigned for this force
        by_level = {ancestors[pk].level: ancestors[pk].code for pk in area.ancestor_ids if pk in ancestors}
        places[point] = (
            tuple(by_level.get(level, "") for level in (Level.DIVISION, Level.LPU, Level.NEIGHBOURHOOD)),
            area.path,
        )
    return places
