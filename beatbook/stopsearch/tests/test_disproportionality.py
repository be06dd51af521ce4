"""The rate ratio and its 95% interval against an independent computation (scipy's relative risk, which
computes the Katz log interval from a 2×2 table by its own code)."""

from __future__ import annotations

import math

from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.stats.contingency import relative_risk

from beatbook.stopsearch.categories import ethnic_group
from beatbook.stopsearch.disproportionality import rate_ratio


@settings(deadline=None)  # scipy's first call is slow on a loaded machine
@given(
    a=st.integers(1, 5_000),
    n1=st.integers(5_000, 2_000_000),
    b=st.integers(1, 50_000),
    n2=st.integers(50_000, 2_000_000),
)
def test_rate_ratio_matches_scipy(a, n1, b, n2):
    ours = rate_ratio(a, n1, b, n2)
    theirs = relative_risk(a, n1, b, n2)
    interval = theirs.confidence_interval(0.95)
    assert math.isclose(ours.ratio, theirs.relative_risk, rel_tol=1e-9)
    assert math.isclose(ours.low, interval.low, rel_tol=1e-6)
    assert math.isclose(ours.high, interval.high, rel_tol=1e-6)
    assert ours.low <= ours.ratio <= ours.high


def test_a_worked_example():
    # 100 searches of 14,000 people against 1,000 of 910,000: 7.14 per 1,000 against 1.10, ratio 6.5.
    result = rate_ratio(100, 14_000, 1_000, 910_000)
    assert round(result.ratio, 2) == 6.5
    assert (round(result.low, 2), round(result.high, 2)) == (5.30, 7.98)


def test_no_ratio_without_searches():
    assert rate_ratio(0, 1000, 10, 1000) is None
    assert rate_ratio(10, 1000, 0, 1000) is None


@given(st.text(max_size=40))
def test_every_self_defined_value_has_a_group(text):
    assert ethnic_group(text) in {"white", "black", "asian", "mixed", "other", "not_stated"}


def test_groups_of_police_uk_values():
    assert ethnic_group("Black/African/Caribbean/Black British - African") == "black"
    assert ethnic_group("Other ethnic group - Not stated") == "not_stated"
    assert ethnic_group("Mixed/Multiple ethnic groups - White and Asian") == "mixed"
    assert ethnic_group("White - Irish") == "white"
