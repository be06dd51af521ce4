"""Months, financial years and published periods as date ranges (whole days, inclusive)."""

from __future__ import annotations

import calendar
import re
from datetime import date

from beatbook.crime import periods as crime_periods


class PeriodError(ValueError):
    """A period that cannot be read; the message says what was expected."""


def month_end(day: date) -> date:
    return date(day.year, day.month, calendar.monthrange(day.year, day.month)[1])


def parse_month(text: str, name: str = "month") -> date:
    """'2022-04' as date(2022, 4, 1). Raises PeriodError."""
    match = re.fullmatch(r"(\d{4})-(\d{2})", text.strip())
    if not match or not 1 <= int(match[2]) <= 12:
        raise PeriodError(f"{name} must be a month written YYYY-MM, for example 2022-04")
    return date(int(match[1]), int(match[2]), 1)


def parse_period(text: str) -> tuple[date, date]:
    """A period as (first day, last day). Accepts a day (2022-11-05), a month (2022-11), a financial year
    (2022-23: 1 April 2022 to 31 March 2023) or a run of months (2023-04/2023-10). Raises PeriodError."""
    text = text.strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        try:
            day = date.fromisoformat(text)
        except ValueError:
            raise PeriodError(f"{text!r} is not a real day") from None
        return day, day
    if re.fullmatch(r"\d{4}-\d{2}", text) and int(text[5:]) <= 12 and int(text[5:]) >= 1:
        first = parse_month(text)
        return first, month_end(first)
    if match := re.fullmatch(r"(\d{4})-(\d{2})", text):
        start = int(match[1])
        if (start + 1) % 100 == int(match[2]):
            return date(start, 4, 1), date(start + 1, 3, 31)
    if match := re.fullmatch(r"(\d{4}-\d{2})/(\d{4}-\d{2})", text):
        first, last = parse_month(match[1]), month_end(parse_month(match[2]))
        if last < first:
            raise PeriodError(f"{text!r} ends before it starts")
        return first, last
    raise PeriodError(f"{text!r} is not a period: use 2022-11-05, 2022-11, 2022-23 or 2023-04/2023-10")


def financial_year_start(day: date) -> date:
    """1 April of the financial year holding `day`."""
    return date(crime_periods.financial_year_start(day), 4, 1)


def financial_years(first: date, last: date) -> list[tuple[str, date, date]]:
    """(label, start, end) per financial year touching [first, last], clipped to it. A whole year is
    labelled 2022-23; a part year by its months, e.g. 'Apr 2023 - Oct 2023'."""
    result = []
    start = financial_year_start(first)
    while start <= last:
        end = date(start.year + 1, 3, 31)
        clipped = (max(start, first), min(end, last))
        if clipped == (start, end):
            label = f"{start.year}-{(start.year + 1) % 100:02d}"
        else:
            label = f"{clipped[0]:%b %Y} - {clipped[1]:%b %Y}"
        result.append((label, *clipped))
        start = date(start.year + 1, 4, 1)
    return result


def months(first: date, last: date) -> list[tuple[date, date]]:
    """(first day, last day) of each month from first's month to last's."""
    return [(month, month_end(month)) for month in crime_periods.months_between(crime_periods.month_of(first), last)]
