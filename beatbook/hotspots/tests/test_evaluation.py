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


def test_the_demo_patrol_effect_moves_incidents_within_their_lsoa_only(hotspot, tmp_path) -> None:  # noqa: ANN001
    from collections import Counter

    from beatbook.areas.models import Area, Lsoa
    from beatbook.crime.imports import do_import_source
    from beatbook.crime.models import Incident
    from beatbook.crime.sources import iter_sources
    from beatbook.crime.tests.test_force_export import HEADER
    from beatbook.demo.build import _show_patrol_effect
    from beatbook.hotspots.points import before_and_after

    hotspot.ends_on = hotspot.starts_on.replace(month=3, day=31)
    lsoa = Lsoa.objects.within(Area.objects.get(code="staveley")).first().code
    inside, outside = "53.266913,-1.362379", "53.2351,-1.4213"  # in cell (442500, 374500), and not
    lines = [HEADER] + [
        f"INC-{i},{month}-10 20:00,asb,ASN,,On or near {street},{where},{lsoa},no,no"
        for i, (month, where, street) in enumerate(
            [("2025-11", inside, "Market Place")] * 40
            + [("2026-02", inside, "Market Place")] * 40
            + [("2025-11", outside, "High Street"), ("2026-02", outside, "High Street")] * 20
        )
    ]
    path = tmp_path / "incidents.csv"
    path.write_text("\n".join(lines) + "\n")
    do_import_source(next(iter_sources(path)), acting_user=None, force_code="derbyshire")

    def by_lsoa_month() -> Counter:
        return Counter(Incident.objects.values_list("lsoa_id", "month", "category"))

    counts_before = by_lsoa_month()
    assert before_and_after(hotspot).counts[:2] == (40, 40)
    moved = _show_patrol_effect(hotspot)
    assert by_lsoa_month() == counts_before  # every published count is unchanged
    after = before_and_after(hotspot).counts
    assert 8 < moved < 30 and after[:2] == (40, 40 - moved) and after[3] == 20 + moved
    assert Incident.objects.filter(location="On or near High Street").count() == 40 + moved
