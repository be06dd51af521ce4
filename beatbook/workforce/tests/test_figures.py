"""Properties of the small helpers the figures rest on."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from beatbook.workforce.demo import _allocate
from beatbook.workforce.home_office import is_census_date, latest_census_date
from beatbook.workforce.strength import month_ends


@given(st.integers(0, 5000), st.lists(st.integers(1, 50), min_size=1, max_size=30))
def test_allocation_sums_exactly_and_follows_the_weights(total: int, weights: list[int]) -> None:
    parts = _allocate(total, weights)
    assert sum(parts) == total
    assert all(abs(part - total * w / sum(weights)) < 1 for part, w in zip(parts, weights, strict=True))


@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2090, 12, 31)))
def test_the_home_office_date_is_the_latest_31_march_or_30_september(day: date) -> None:
    at = latest_census_date(day)
    assert is_census_date(at) and at <= day and (day - at).days < 184


@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2090, 12, 31)), st.integers(1, 36))
def test_month_ends_are_consecutive_and_end_in_the_month_of_the_date(day: date, months: int) -> None:
    ends = month_ends(day, months)
    assert len(ends) == months and (ends[-1].year, ends[-1].month) == (day.year, day.month)
    assert all((b - a).days in (28, 29, 30, 31) for a, b in zip(ends, ends[1:], strict=False))
