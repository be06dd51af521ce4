"""The registry of measures Beatbook computes from its own data, and the values of any measure.

A definition turns (area, last month) into a monthly history of values; each says how it is counted, which
the public pages show beside every figure. Measures Beatbook cannot compute are entered by hand
(`MeasureEntry`, with source and date). Add a definition here as a capability lands (e.g. 999 calls answered
within 10 seconds).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from django.utils import timezone

from beatbook.areas.models import Area
from beatbook.crime import queries
from beatbook.crime.categories import Category
from beatbook.crime.periods import Period, add_months, month_of, months_between
from beatbook.crime.statistics import CountRow, total_in
from beatbook.scrutiny.models import Measure
from beatbook.web.tables import Column, Table

History = list[tuple[date, float]]  # (month, value), oldest first


@dataclass(frozen=True)
class Definition:
    key: str
    name: str
    how_counted: str
    history: Callable[[Area, date, int], History]  # (area, last month, months) -> values


def _crime_rows(area: Area, first: date, last: date) -> list[CountRow]:
    return queries.trend_rows_for(area, first, last)  # from the monthly counts kept at import


def _rolling(where: Callable[[CountRow], bool]) -> Callable[[Area, date, int], History]:
    def history(area: Area, last: date, months: int) -> History:
        rows = _crime_rows(area, add_months(last, -(months + 10)), last)
        return [
            (month, float(total_in(rows, Period("", add_months(month, -11), month), where)))
            for month in months_between(add_months(last, -(months - 1)), last)
        ]

    return history


def _is_asb(row: CountRow) -> bool:
    return row.category == Category.ANTI_SOCIAL_BEHAVIOUR


def _is_neighbourhood_crime(row: CountRow) -> bool:
    return bool(row.neighbourhood_crime_type)


def _abstractions_per_month(area: Area, last: date, months: int) -> History:
    from beatbook.neighbourhoods.abstraction_reports import abstractions_in

    first = add_months(last, -(months - 1))
    counts = dict.fromkeys(months_between(first, last), 0)
    for entry in abstractions_in(area, first, add_months(last, 1).replace(day=1) - timedelta(days=1)):
        month = month_of(timezone.localtime(entry.started_at).date())
        if month in counts:
            counts[month] += 1
    return [(month, float(count)) for month, count in counts.items()]


def _neighbourhoods_with_priorities(area: Area, last: date, months: int) -> History:
    from beatbook.areas.models import Level
    from beatbook.neighbourhoods.models import Priority

    neighbourhoods = Area.objects.within(area).filter(level=Level.NEIGHBOURHOOD).count()
    history = []
    for month in months_between(add_months(last, -(months - 1)), last):
        month_end = add_months(month, 1) - timedelta(days=1)
        with_priority = (
            Priority.objects.filter(
                neighbourhood__path__startswith=area.path, set_on__gt=add_months(month_end, -3), set_on__lte=month_end
            )
            .values("neighbourhood")
            .distinct()
            .count()
        )
        history.append((month, round(100 * with_priority / neighbourhoods, 1) if neighbourhoods else 0.0))
    return history


REGISTRY: dict[str, Definition] = {
    d.key: d
    for d in [
        Definition(
            "asb-rolling-12",
            "ASB incidents in the rolling 12 months",
            "Anti-social behaviour incidents recorded in the 12 months to the month shown, in the area, from the "
            "force's incident data (police.uk 'Anti-social behaviour' and NSIR ASB closure codes).",
            _rolling(_is_asb),
        ),
        Definition(
            "neighbourhood-crime-rolling-12",
            "Neighbourhood crime in the rolling 12 months",
            "Crimes of the Home Office neighbourhood crime types (residential burglary, robbery of personal "
            "property, theft from and of a motor vehicle, theft from the person, vehicle interference) recorded in "
            "the 12 months to the month shown, by offence code.",
            _rolling(_is_neighbourhood_crime),
        ),
        Definition(
            "crime-rolling-12",
            "All recorded crime in the rolling 12 months",
            "Crimes (every category except anti-social behaviour) recorded in the 12 months to the month shown.",
            _rolling(lambda row: not _is_asb(row)),
        ),
        Definition(
            "abstractions-per-month",
            "Abstractions of neighbourhood officers per month",
            "Abstractions logged by neighbourhood teams in the area that started in the month (Europe/London).",
            _abstractions_per_month,
        ),
        Definition(
            "neighbourhoods-with-priorities",
            "Neighbourhoods with priorities set in the last 3 months (%)",
            "Share of the area's neighbourhoods with at least one priority set in the three months to the end of "
            "the month shown.",
            _neighbourhoods_with_priorities,
        ),
    ]
}

# Tables that break a measure down by type are the crime page's own tables (see elements.py).
BREAKDOWNS = {"asb-rolling-12": "crime:asb-by-type", "neighbourhood-crime-rolling-12": "crime:neighbourhood-crime"}


def how_counted(measure: Measure) -> str:
    if measure.computed:
        return REGISTRY[measure.definition].how_counted
    return measure.how_counted


def latest_month(measure: Measure) -> date | None:
    """The last month with data for the measure: the force's latest incident month for crime measures,
    last month for activity measures, the latest entry for measures entered by hand."""
    if not measure.computed:
        entry = measure.entries.order_by("-period_end").first()
        return month_of(entry.period_end) if entry else None
    if measure.definition in ("abstractions-per-month", "neighbourhoods-with-priorities"):
        return add_months(month_of(timezone.localdate()), -1)
    force = Area.objects.get(pk=measure.area.force_id)
    return queries.latest_month(queries.incidents(force=force))


def history(measure: Measure, last: date | None = None, months: int = 24) -> History:
    """The measure's monthly values to `last` (default: its latest month), oldest first; [] without data."""
    last = last or latest_month(measure)
    if last is None:
        return []
    if not measure.computed:
        entries = measure.entries.filter(period_end__lte=add_months(last, 1))
        return [(month_of(e.period_end), e.value) for e in entries][-months:]
    return REGISTRY[measure.definition].history(measure.area, last, months)


def value_at(measure: Measure, last: date | None = None) -> float | None:
    values = history(measure, last, months=1)
    return values[-1][1] if values else None


def history_table(measure: Measure, values: History) -> Table:
    return Table(
        name="history",
        caption=f"{measure.name}, {measure.area.name}, by month",
        columns=[Column("month", "Month"), Column("value", "Value", numeric=True)],
        rows=[{"month": f"{month:%b %Y}", "value": _plain(value)} for month, value in values],
    )


def compare(measure: Measure, first: date, second: date) -> dict:
    """The measure at the end of two periods (months), with the change: for the end-of-term report."""
    a, b = value_at(measure, first), value_at(measure, second)
    change = None if not a or b is None else round(100 * (b - a) / a, 1)
    return {"measure": measure.name, "first": _plain(a), "second": _plain(b), "change": change}


def _plain(value: float | None) -> float | int | None:
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value
