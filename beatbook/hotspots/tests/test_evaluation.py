from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from beatbook.hotspots.evaluation import difference_in_differences


def test_a_fall_beyond_the_comparison_is_the_effect() -> None:
    # The hotspot halves while the area around it is flat: a 50% fall attributable to the hotspot.
    result = difference_in_differences(200, 100, 5_000, 5_000)
    assert result.effect == pytest.approx(-0.5) and result.significant
    assert result.hotspot_change == pytest.approx(-0.5) and result.comparison_change == 0
    assert result.low < -0.5 < result.high


def test_a_fall_that_matches_the_area_is_no_effect() -> None:
    result = difference_in_differences(100, 80, 10_000, 8_000)
    assert result.effect == pytest.approx(0) and not result.significant


def test_a_zero_count_gives_no_estimate() -> None:
    assert difference_in_differences(0, 5, 100, 100).effect is None


@given(st.integers(1, 10_000), st.integers(1, 10_000), st.integers(1, 10_000), st.integers(1, 10_000))
def test_the_interval_contains_the_estimate_and_narrows_with_more_data(a: int, b: int, c: int, d: int) -> None:
    small = difference_in_differences(a, b, c, d)
    large = difference_in_differences(a * 100, b * 100, c * 100, d * 100)
    assert small.low <= small.effect <= small.high
    assert large.effect == pytest.approx(small.effect)
    assert math.log1p(large.high) - math.log1p(large.low) < math.log1p(small.high) - math.log1p(small.low)
