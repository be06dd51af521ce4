"""The months a hotspot page or its API is asked for: `from` and `to` (YYYY-MM), checked so that a reversed,
malformed, future or data-less period is refused with a message instead of silently showing nothing
(issue 17 item 7)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from django.utils import timezone

from beatbook.crime.periods import add_months, month_of, parse_month
from beatbook.web.forms import EARLIEST_DATE, MAX_RANGE_DAYS

DEFAULT_MONTHS = 3  # the page's default: the three months to the latest with data


def requested_months(
    params: Mapping[str, str], latest: date, earliest: date | None = None
) -> tuple[date, date, list[tuple[str, str]]]:
    """(first month, last month, [(parameter, message saying what to fix)]) for the query.

    `latest`/`earliest` are the force's first and last months with data. A `to` after `latest` but not in the
    future is kept (the page reads to `latest`). Anything refused falls back to the default, the three months
    to `latest` (or to the `to` asked for, when only `from` is wrong)."""
    problems: list[tuple[str, str]] = []
    last = _parsed(params, "to", problems) or latest
    if last > month_of(timezone.localdate()):
        problems.append(("to", f"to: {last:%B %Y} is in the future; choose this month or an earlier one"))
        last = latest
    default_first = add_months(last, 1 - DEFAULT_MONTHS)
    first = _parsed(params, "from", problems) or default_first
    if first > last:
        problems.append(("from", f"The start ({first:%B %Y}) is after the end ({last:%B %Y}): swap them or change one"))
        first = default_first
    elif (last - first).days > MAX_RANGE_DAYS:
        problems.append(("from", f"Choose a period of at most {MAX_RANGE_DAYS // 366} years"))
        first = default_first
    elif earliest is not None and last < earliest:
        runs = f"the data run from {earliest:%B %Y} to {latest:%B %Y}"
        problems.append(("to", f"There are no figures for {first:%B %Y} to {last:%B %Y}; {runs}"))
        first, last = add_months(latest, 1 - DEFAULT_MONTHS), latest
    return first, last, problems


def _parsed(params: Mapping[str, str], name: str, problems: list[tuple[str, str]]) -> date | None:
    text = (params.get(name) or "").strip()
    if not text:
        return None
    try:
        return parse_month(text)
    except ValueError:
        problems.append((name, f"{name} must be a month written YYYY-MM, for example 2023-03"))
        return None


def requested_briefing_day(text: str, latest: date | None) -> tuple[date | None, str]:
    """(the day a tasking briefing is for, a message saying what to fix or ""). `text` is YYYY-MM-DD or empty
    (the latest day with incident times, `latest`); a malformed day, one before EARLIEST_DATE or one after
    today falls back to `latest` with the message."""
    text = text.strip()
    if not text:
        return latest, ""
    try:
        day = date.fromisoformat(text)
    except ValueError:
        return latest, f"date must be a day written YYYY-MM-DD, for example 2023-03-31 (not “{text[:20]}”)"
    today = timezone.localdate()
    if not EARLIEST_DATE <= day <= today:
        return latest, f"date must be between {EARLIEST_DATE:%-d %B %Y} and today ({today:%-d %B %Y})"
    return day, ""
