"""Counting incidents by area, period and category: pure functions over count rows.

A `CountRow` is one (area keys, month, category, NSIR type, count) group, as the database returns
them; everything here takes plain lists of them, so it is tested against a plain recount.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from beatbook.crime.periods import Period, financial_year, months_between

GROUP_FIELDS = ["force", "division", "lpu", "neighbourhood", "lsoa", "month", "financial_year", "category", "nsir_type"]


@dataclass(frozen=True)
class CountRow:
    force: str
    division: str
    lpu: str
    neighbourhood: str
    lsoa: str
    month: date
    category: str
    nsir_type: str
    count: int
    neighbourhood_crime_type: str = ""

    @property
    def financial_year(self) -> str:
        return financial_year(self.month)

    def key(self, field: str) -> str:
        value = getattr(self, field)
        return value.strftime("%Y-%m") if isinstance(value, date) else value


def count_by(rows: Iterable[CountRow], fields: Sequence[str]) -> dict[tuple[str, ...], int]:
    unknown = [field for field in fields if field not in GROUP_FIELDS]
    if unknown:
        raise ValueError(f"cannot group by {', '.join(unknown)}: choose from {', '.join(GROUP_FIELDS)}")
    totals: dict[tuple[str, ...], int] = defaultdict(int)
    for row in rows:
        totals[tuple(row.key(field) for field in fields)] += row.count
    return dict(totals)


def total_in(rows: Iterable[CountRow], period: Period, where: Callable[[CountRow], bool] = lambda row: True) -> int:
    return sum(row.count for row in rows if period.contains(row.month) and where(row))


def percent_change(current: int, previous: int) -> float | None:
    """Change from `previous` to `current` in %, or None where there is nothing to compare with."""
    if previous == 0:
        return None
    return 100.0 * (current - previous) / previous


def rate_per_thousand(count: int, population: int | None) -> float | None:
    if not population:
        return None
    return 1000.0 * count / population


@dataclass(frozen=True)
class TrendRow:
    label: str
    values: list[int]  # one per period
    change: float | None  # % change from the comparison period to the last period


def trend_rows(
    rows: Sequence[CountRow],
    periods: Sequence[Period],
    comparison: Period,
    groups: Sequence[tuple[str, Callable[[CountRow], bool]]],
    total_label: str = "Total",
) -> list[TrendRow]:
    """A row per group (label, predicate) plus a total, a value per period, and the % change of the
    last period against `comparison` — the shape of the seed papers' tables."""
    result = []
    for label, predicate in [*groups, (total_label, lambda row: any(p(row) for _, p in groups))]:
        matching = [row for row in rows if predicate(row)]  # once per group, not once per period
        values = [total_in(matching, period) for period in periods]
        result.append(TrendRow(label, values, percent_change(values[-1], total_in(matching, comparison))))
    return result


def coverage_warnings(
    months_with_data: set[date], periods: Sequence[Period], latest: date | None, unlocated: int = 0
) -> list[str]:
    """Plain-language caveats for a table: missing months, partial periods, unlocated rows."""
    warnings = []
    if latest is None:
        return ["There is no data for this area yet."]
    for period in periods:
        missing = [
            month for month in months_between(period.first, min(period.last, latest)) if month not in months_with_data
        ]
        if missing:
            listed = ", ".join(f"{month:%b %Y}" for month in missing[:6]) + (" …" if len(missing) > 6 else "")
            warnings.append(f"{period.label}: no data for {len(missing)} month(s) ({listed}); its figure is too low.")
        if period.last > latest:
            warnings.append(f"{period.label} is not complete: data runs to {latest:%b %Y}.")
    if unlocated:
        warnings.append(
            f"{unlocated:,} incident(s) have no location: they count for the force as a whole but not "
            "for any smaller area."
        )
    return warnings
