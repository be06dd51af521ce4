"""The periods a trend table can be asked for: calendar years, financial years, or years ending any month.

Query parameters (all optional; the first present wins):
- `calendar_years=2019-2022` (or one year, `2021`): January–December of each year.
- `financial_years=2019-2022`: April–March, labelled by the year each began (2019/20 …).
- `year_ending=2023-08&years=5`: the `years` 12-month periods ending in that month and the years before.
With none, the years ending the latest month with data (`years`, default 5).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from beatbook.crime.periods import Period, add_months, financial_year_period, parse_month

MAX_YEARS = 10


class PeriodError(ValueError):
    """A query parameter that names no periods: the message says what to write."""


def _year_range(text: str, name: str) -> list[int]:
    try:
        first, _, last = text.partition("-")
        years = list(range(int(first), int(last or first) + 1))
    except ValueError:
        raise PeriodError(f"{name} must be a year or a range of years, for example 2019-2022") from None
    if not years or len(years) > MAX_YEARS or years[0] < 1990:
        raise PeriodError(f"{name} must name 1 to {MAX_YEARS} years from 1990, oldest first, e.g. 2019-2022")
    return years


def year_ending(last: date, count: int) -> list[Period]:
    """`count` 12-month periods, oldest first, the newest ending in month `last`."""
    ends = [add_months(last, -12 * back) for back in range(count - 1, -1, -1)]
    return [Period(f"Year ending {end:%b %Y}", add_months(end, -11), end) for end in ends]


# The query parameters `requested_periods` reads (a cache of its result is keyed by them).
PERIOD_PARAMETERS = ("calendar_years", "financial_years", "years", "year_ending")


def requested_periods(params: Mapping[str, str], latest: date | None) -> tuple[str, list[Period]]:
    """(kind, periods oldest first) for the query; kind is calendar, financial or year_ending.

    Raises PeriodError for a malformed parameter, and for periods that all start after `latest` (the last
    month with data, when known): they would show only empty rows."""
    kind, periods = _periods(params, latest)
    if latest is not None and periods and all(period.first > latest for period in periods):
        name = next((name for name in ("calendar_years", "financial_years") if params.get(name)), "year_ending")
        runs = f"the data run to {latest:%B %Y}"
        raise PeriodError(f"{name}: the years asked for all start after the data end; {runs}")
    return kind, periods


def _periods(params: Mapping[str, str], latest: date | None) -> tuple[str, list[Period]]:
    if params.get("calendar_years"):
        years = _year_range(params["calendar_years"], "calendar_years")
        return "calendar", [Period(str(y), date(y, 1, 1), date(y, 12, 1)) for y in years]
    if params.get("financial_years"):
        years = _year_range(params["financial_years"], "financial_years")
        return "financial", [financial_year_period(y) for y in years]
    try:
        count = int(params.get("years") or 5)
    except ValueError:
        raise PeriodError("years must be a whole number of years, for example 5") from None
    if not 1 <= count <= MAX_YEARS:
        raise PeriodError(f"years must be from 1 to {MAX_YEARS}")
    if params.get("year_ending"):
        try:
            last = parse_month(params["year_ending"])
        except ValueError as error:
            raise PeriodError(f"year_ending: {error}") from None
        if last.year < 1990:  # noqa: PLR2004 - as _year_range: nothing Beatbook holds is older
            raise PeriodError("year_ending must be a month from 1990, for example 2023-03")
    elif latest is not None:
        last = latest
    else:
        return "year_ending", []
    return "year_ending", year_ending(last, count)


def period_key(period: Period) -> str:
    """A table column key for the period: its last month, e.g. '2023-08'."""
    return f"{period.last:%Y-%m}"
