"""Reads of incident counts from the database, shaped as statistics.CountRow lists.

Counts come from the monthly rollups in `beatbook.counts` (kept equal to the incidents at import), and an
area's incidents are found by its LSOAs, looked up first: a `path LIKE '/1/…/%'` through a join cannot use
an index, so it scanned every incident of the force.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time, timedelta

from django.db.models import Max, QuerySet, Sum

from beatbook.areas.models import Area, Level, Lsoa
from beatbook.counts.cache import cached
from beatbook.counts.models import ForceMonthCount, LsoaKindMonthCount, LsoaMonthCount
from beatbook.crime.models import Incident
from beatbook.crime.periods import financial_year, month_of
from beatbook.crime.statistics import GROUP_FIELDS, CountRow
from beatbook.crime.unassigned import UNASSIGNED
from beatbook.lib.dates import LONDON


def incidents(
    *,
    force: Area | None = None,
    area: Area | None = None,
    first: date | None = None,
    last: date | None = None,
    categories: Sequence[str] = (),
) -> QuerySet[Incident]:
    """The incidents matching the filters (months inclusive). Below a force, an area's incidents are those of
    its LSOAs, looked up first so the database can use the (lsoa_id, month) index."""
    queryset = Incident.objects.all()
    if area is not None and area.parent_id is None:
        queryset = queryset.filter(force=area)
    elif area is not None:
        queryset = queryset.filter(lsoa_id__in=lsoa_ids(area))
    if force is not None:
        queryset = queryset.filter(force=force)
    if first is not None:
        queryset = queryset.filter(month__gte=first)
    if last is not None:
        queryset = queryset.filter(month__lte=last)
    if categories:
        queryset = queryset.filter(category__in=list(categories))
    return queryset


def occurred_between(area: Area, first_day: date, last_day: date) -> QuerySet[Incident]:
    """The area's incidents that occurred from `first_day` to `last_day` (UK local dates, inclusive; only
    force exports carry the time).

    Bounded by month as well as by time: a force export's month is the UK month of its `occurred_at`, so the
    months remove no row but let the database use the (lsoa_id, month) index and read a month or few of the
    area instead of all five years (a division's tasking meetings page: 4 s → under 0.1 s at 1.5M incidents)."""
    start = datetime.combine(first_day, time(0), tzinfo=LONDON)
    end = datetime.combine(last_day + timedelta(days=1), time(0), tzinfo=LONDON)
    return incidents(area=area, first=month_of(first_day), last=month_of(last_day)).filter(
        occurred_at__gte=start, occurred_at__lt=end
    )


def latest_occurred_at(force: Area) -> datetime | None:
    """The latest `occurred_at` of the force's incidents, looking month by month from the latest (each an
    index range of (force, month)) instead of reading every incident of the force."""
    months = ForceMonthCount.objects.filter(force=force).order_by("-month").values_list("month", flat=True)
    for month in dict.fromkeys(months):
        latest = Incident.objects.filter(force=force, month=month).aggregate(latest=Max("occurred_at"))["latest"]
        if latest is not None:
            return latest
    return None


PLACE_FIELDS = {"division", "lpu", "neighbourhood", "lsoa"}


def counts_grouped_by(fields: Sequence[str], **filters: object) -> dict[tuple[str, ...], int]:
    """{(value per field…): incidents} for statistics.GROUP_FIELDS `fields` and the filters of
    `monthly_counts`, read from the rollups grouped only by the columns the fields need (incidents without
    an LSOA group under empty place fields). Values as `CountRow.key` gives them."""
    unknown = [field for field in fields if field not in GROUP_FIELDS]
    if unknown:
        raise ValueError(f"cannot group by {', '.join(unknown)}: choose from {', '.join(GROUP_FIELDS)}")
    by_place = bool(PLACE_FIELDS & set(fields))
    columns = ["force_id"] + (["lsoa_id"] if by_place else [])
    columns += ["month"] if {"month", "financial_year"} & set(fields) else []
    columns += [field for field in ("category", "nsir_type") if field in fields]
    groups = list(monthly_counts(by_lsoa=by_place, **filters).values(*columns).annotate(total=Sum("n")))
    forces = dict(Area.objects.filter(pk__in={g["force_id"] for g in groups}).values_list("pk", "code"))
    places = _places_of({g["lsoa_id"] for g in groups if g.get("lsoa_id")}) if by_place else {}
    totals: dict[tuple[str, ...], int] = {}
    for group in groups:
        values = {"force": forces[group["force_id"]], "category": group.get("category"), **_no_place}
        place = places.get(group.get("lsoa_id"))
        if place is not None:
            values.update(place)
            if place["force_id"] != group["force_id"]:
                # An LSOA in none of the force's neighbourhoods: no area below the force counts it.
                values.update(division=UNASSIGNED, lpu=UNASSIGNED, neighbourhood=UNASSIGNED)
        values["nsir_type"] = group.get("nsir_type")
        if "month" in group:
            values["month"], values["financial_year"] = f"{group['month']:%Y-%m}", financial_year(group["month"])
        key = tuple(values[field] for field in fields)
        totals[key] = totals.get(key, 0) + group["total"]
    return totals


_no_place = {"division": "", "lpu": "", "neighbourhood": "", "lsoa": ""}


def _places_of(lsoa_ids: set[int]) -> dict[int, dict[str, str]]:
    """{LSOA id: {"division", "lpu", "neighbourhood", "lsoa": code}} for the LSOAs."""
    lsoas = list(Lsoa.objects.filter(pk__in=list(lsoa_ids)).values_list("pk", "code", "neighbourhood_id"))
    neighbourhoods = Area.objects.filter(pk__in={n for _, _, n in lsoas if n})
    areas = Area.objects.in_bulk({pk for area in neighbourhoods for pk in area.ancestor_ids})
    places = {}
    force_of = {area.pk: area.force_id for area in neighbourhoods}
    for pk, code, neighbourhood_id in lsoas:
        division, lpu, neighbourhood = _placing(areas, neighbourhood_id)
        places[pk] = {"division": division, "lpu": lpu, "neighbourhood": neighbourhood, "lsoa": code}
        places[pk]["force_id"] = force_of.get(neighbourhood_id)
    return places


def _placing(areas: dict[int, Area], neighbourhood_id: int | None) -> tuple[str, str, str]:
    if neighbourhood_id is None or neighbourhood_id not in areas:
        return "", "", ""
    by_level = {areas[pk].level: areas[pk].code for pk in areas[neighbourhood_id].ancestor_ids if pk in areas}
    return by_level.get(Level.DIVISION, ""), by_level.get(Level.LPU, ""), by_level.get(Level.NEIGHBOURHOOD, "")


def latest_month(queryset: QuerySet[Incident]) -> date | None:
    return queryset.aggregate(latest=Max("month"))["latest"]


def months_with_data(force: Area) -> set[date]:
    """The months the force has counts for (read once per data version: every page's period checks ask)."""
    return cached(
        ("months-with-data", force.pk),
        lambda: set(ForceMonthCount.objects.filter(force=force).order_by().values_list("month", flat=True).distinct()),
    )


def lsoa_ids(area: Area) -> list[int]:
    """The ids of the LSOAs inside `area` (as `Lsoa.objects.within`), as a list to filter by."""
    return list(Lsoa.objects.within(area).values_list("pk", flat=True))


def monthly_counts(
    *,
    force: Area | None = None,
    area: Area | None = None,
    first: date | None = None,
    last: date | None = None,
    categories: Sequence[str] = (),
    by_lsoa: bool = False,
) -> QuerySet:
    """The rollup rows for the filters (the arguments of `incidents`): per force when no LSOA is needed
    (a force-wide area or none, and not `by_lsoa`), else per LSOA. Each row's `n` counts incidents."""
    whole_force = area is None or area.parent_id is None
    queryset = ForceMonthCount.objects.all() if whole_force and not by_lsoa else LsoaMonthCount.objects.all()
    if area is not None:
        queryset = queryset.filter(force=area) if whole_force else queryset.filter(lsoa_id__in=lsoa_ids(area))
    if force is not None:
        queryset = queryset.filter(force=force)
    if first is not None:
        queryset = queryset.filter(month__gte=first)
    if last is not None:
        queryset = queryset.filter(month__lte=last)
    if categories:
        queryset = queryset.filter(category__in=list(categories))
    return queryset.order_by()


def lsoa_kind_counts(area: Area, first: date | None = None, last: date | None = None) -> QuerySet:
    """The per-(LSOA, month, kind) count rows of `area` (a force: all of its own, NULL LSOA included; below:
    its LSOAs') for the months `first` to `last` (inclusive, None: unbounded). Each row's `n` counts
    incidents; a fifth of the rows `monthly_counts(by_lsoa=True)` reads, for tables that need no category."""
    queryset = LsoaKindMonthCount.objects.order_by()
    if area.parent_id is None:
        queryset = queryset.filter(force=area)
    else:
        queryset = queryset.filter(lsoa_id__in=lsoa_ids(area))
    if first is not None:
        queryset = queryset.filter(month__gte=first)
    if last is not None:
        queryset = queryset.filter(month__lte=last)
    return queryset


def trend_rows_for(area: Area, first: date, last: date) -> list[CountRow]:
    """Counts in the area by month, category, NSIR type and neighbourhood crime type (no place keys)."""
    fields = ["month", "category", "nsir_type", "neighbourhood_crime_type"]
    force_code = (
        area.code if area.parent_id is None else Area.objects.values_list("code", flat=True).get(pk=area.force_id)
    )
    groups = monthly_counts(area=area, first=first, last=last).values(*fields).annotate(total=Sum("n"))
    return [
        CountRow(
            force=force_code,
            division="",
            lpu="",
            neighbourhood="",
            lsoa="",
            month=group["month"],
            category=group["category"],
            nsir_type=group["nsir_type"],
            count=group["total"],
            neighbourhood_crime_type=group["neighbourhood_crime_type"],
        )
        for group in groups
    ]


def latest_month_of(force: Area) -> date | None:
    """The force's latest month with counts (read once per data version)."""
    return cached(
        ("latest-month", force.pk),
        lambda: ForceMonthCount.objects.filter(force=force).aggregate(latest=Max("month"))["latest"],
    )


def unlocated_count(force: Area) -> int:
    """Incidents of the force without an LSOA. Filtered by LSOA first so the (lsoa, …) index finds the few
    unlocated rows; filtering by force first would read every row of the force."""
    totals = LsoaKindMonthCount.objects.filter(lsoa__isnull=True).values("force_id").annotate(n=Sum("n")).order_by()
    return next((row["n"] for row in totals if row["force_id"] == force.pk), 0)


def counts_by_lsoa_id(area: Area, first: date, last: date) -> dict[int, dict[str, int]]:
    """{LSOA id: {"crime": n, "asb": n}} for located incidents in the area and period."""
    totals: dict[int, dict[str, int]] = {}
    groups = (
        lsoa_kind_counts(area, first, last)
        .filter(lsoa__isnull=False)
        .values("lsoa_id", "kind")
        .annotate(total=Sum("n"))
    )
    for group in groups:
        totals.setdefault(group["lsoa_id"], {"crime": 0, "asb": 0})[group["kind"]] = group["total"]
    return totals
