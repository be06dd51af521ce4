from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from beatbook.lib.dates import LONDON, LocalTimeError, elapsed, london_to_utc, parse_timestamp


@pytest.mark.parametrize(("day", "hours"), [("2026-03-29", 2), ("2026-10-25", 4), ("2026-06-01", 3)])
def test_elapsed_time_across_clock_changes(day: str, hours: int) -> None:
    start, end = parse_timestamp(f"{day} 00:30"), parse_timestamp(f"{day} 03:30")
    assert elapsed(start, end) == timedelta(hours=hours)


def test_a_skipped_local_time_is_refused_and_a_repeated_one_is_the_first() -> None:
    with pytest.raises(LocalTimeError, match="does not exist"):
        parse_timestamp("2025-03-30 01:30")
    assert parse_timestamp("2025-10-26 01:30").isoformat() == "2025-10-26T00:30:00+00:00"  # BST, the first


@given(st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2040, 1, 1)))
def test_local_times_that_exist_survive_the_round_trip(local: datetime) -> None:
    try:
        utc = london_to_utc(local)
    except LocalTimeError:
        return
    assert utc.astimezone(LONDON).replace(tzinfo=None) == local
