"""Reporting periods: months, financial years (April to March), quarters, rolling 12 months, and runs of days.

Months are `date`s on the first of the month. Every function here is pure.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date


def month_of(day: date) -> date:
    return day.replace(day=1)


def add_months(month: date, count: int) -> date:
    index = month.year * 12 + (month.month - 1) + count
    return date(index // 12, index % 12 + 1, 1)


def months_between(first: date, last: date) -> Iterator[date]:
    """Every month from `first` to `last`, both included."""
    month = month_of(first)
    while month <= last:
        yield month
        month = add_months(month, 1)


def parse_month(text: str) -> date:
    try:
        year, month = text.split("-")
        return date(int(year), int(month), 1)
    except ValueError:
        raise ValueError(f"{text!r} is not a month: write YYYY-MM, for example 2022-12") from None


def financial_year_start(month: date) -> int:
    """The calendar year in which the month's financial year (1 April – 31 March) began."""
    return month.year if month.month >= 4 else month.year - 1


def financial_year(month: date) -> str:
    start = financial_year_start(month)
    return f"{start}/{(start + 1) % 100:02d}"


def financial_quarter(month: date) -> int:
    """Q1 is April–June, Q4 January–March."""
    return ((month.month - 4) % 12) // 3 + 1


@dataclass(frozen=True)
class Period:
    label: str
    first: date
    last: date

    @property
    def months(self) -> list[date]:
        return list(months_between(self.first, self.last))

    def contains(self, month: date) -> bool:
        return self.first <= month <= self.last


def financial_year_period(start_year: int) -> Period:
    return Period(f"{start_year}/{(start_year + 1) % 100:02d}", date(start_year, 4, 1), date(start_year + 1, 3, 1))


def rolling_12(last: date) -> Period:
    first = add_months(last, -11)
    return Period(f"12 months to {last:%b %Y}", first, last)


def previous_12(last: date) -> Period:
    period = rolling_12(add_months(last, -12))
    return Period(f"12 months to {period.last:%b %Y}", period.first, period.last)


def year_to_date(last: date) -> Period:
    first = date(financial_year_start(last), 4, 1)
    return Period(f"{financial_year(last)} to {last:%b %Y}", first, last)


def quarter_period(month: date) -> Period:
    quarter = financial_quarter(month)
    first = add_months(date(financial_year_start(month), 4, 1), 3 * (quarter - 1))
    return Period(f"{financial_year(month)} Q{quarter}", first, add_months(first, 2))


def complete_financial_years(last: date, count: int) -> list[Period]:
    """The `count` most recent financial years that end before `last`, oldest first (so that none of
    them is the same 12 months as the rolling year to `last`)."""
    newest = financial_year_start(last) - 1
    return [financial_year_period(year) for year in range(newest - count + 1, newest + 1)]


def month_span(first: date, last: date) -> Period:
    """The months holding the days `first` to `last` (a page asked for from=2025-04&to=2026-03)."""
    return Period(f"{first:%b %Y} to {last:%b %Y}", month_of(first), month_of(last))


@dataclass(frozen=True)
class Days:
    """A run of whole days, both included (a tasking week, a meeting's day, the four weeks to today), or every
    day from `first` on when `last` is None (hotspots designated since a date)."""

    first: date
    last: date | None


# What a table covers, for its download's name: a run of months, a run of days, or several periods side by side
# (a column per year, then the rolling 12 months).
Covered = Period | Days | Sequence[Period]


def file_label(covered: Covered) -> str:
    """The period part of a download's file name: the same for the same figures whatever day it is made, and
    different for different periods. "2026-03" (a month), "fy-2025-26" (a financial year), "2025-04_to_2026-03",
    "2026-03-02_to_2026-03-08" (days), "since-2023-04-01"; several periods as runs of one kind,
    "calendar-years-2021-2022", "financial-years-2019-2022", "year-ending-2023-08_years-5", joined by "_and_"
    (four financial years and the rolling year: "financial-years-2018-2021_and_2022-04_to_2023-03")."""
    if isinstance(covered, Days):
        return _days_label(covered)
    if isinstance(covered, Period):
        return _months_label(covered)
    return "_and_".join(_run_label(run) for run in _runs(list(covered))) or "no-period"  # nothing to show


def _days_label(days: Days) -> str:
    if days.last is None:
        return f"since-{days.first:%Y-%m-%d}"
    if days.first == days.last:
        return f"{days.first:%Y-%m-%d}"
    return f"{days.first:%Y-%m-%d}_to_{days.last:%Y-%m-%d}"


def _months_label(period: Period) -> str:
    if period.first.month == 4 and period.last == add_months(period.first, 11):  # noqa: PLR2004 - April
        return f"fy-{period.first.year}-{(period.first.year + 1) % 100:02d}"
    if period.first == period.last:
        return f"{period.first:%Y-%m}"
    return f"{period.first:%Y-%m}_to_{period.last:%Y-%m}"


def _yearly_kind(period: Period) -> str:
    """How the page labelled a 12-month period ("2021/22", "2021", "Year ending Aug 2023"), so a run of them keeps
    the name the query used; "" for any other period."""
    if period.last != add_months(period.first, 11):
        return ""
    if re.fullmatch(r"\d{4}/\d{2}", period.label):
        return "financial"
    if re.fullmatch(r"\d{4}", period.label):
        return "calendar"
    return "year-ending" if period.label.startswith("Year ending") else ""


def _runs(periods: list[Period]) -> list[list[Period]]:
    """Consecutive years of one kind together; every other period alone."""
    runs: list[list[Period]] = []
    for period in periods:
        kind = _yearly_kind(period)
        previous = runs[-1][-1] if runs else None
        if kind and previous and _yearly_kind(previous) == kind and period.first == add_months(previous.last, 1):
            runs[-1].append(period)
        else:
            runs.append([period])
    return runs


def _run_label(run: list[Period]) -> str:
    if len(run) == 1:
        return _months_label(run[0])
    kind = _yearly_kind(run[0])
    if kind == "year-ending":
        return f"year-ending-{run[-1].last:%Y-%m}_years-{len(run)}"
    return f"{kind}-years-{run[0].first.year}-{run[-1].first.year}"
