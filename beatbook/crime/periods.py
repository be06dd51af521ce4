"""Reporting periods: months, financial years (April to March), quarters, rolling 12 months.

Months are `date`s on the first of the month. Every function here is pure.
"""

from __future__ import annotations

from collections.abc import Iterator
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
