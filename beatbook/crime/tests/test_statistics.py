from __future__ import annotations

from collections import defaultdict
from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from beatbook.crime import periods
from beatbook.crime.statistics import GROUP_FIELDS, CountRow, count_by, coverage_warnings, percent_change

months = st.builds(date, st.integers(2010, 2030), st.integers(1, 12), st.just(1))
rows = st.builds(
    CountRow,
    force=st.sampled_from(["a", "b"]),
    division=st.sampled_from(["", "d1", "d2"]),
    lpu=st.sampled_from(["", "l1", "l2"]),
    neighbourhood=st.sampled_from(["", "n1", "n2", "n3"]),
    lsoa=st.sampled_from(["", "E01000001", "E01000002"]),
    month=months,
    category=st.sampled_from(["burglary", "anti-social-behaviour"]),
    nsir_type=st.sampled_from(["", "personal", "nuisance"]),
    count=st.integers(1, 50),
)


@given(st.lists(rows, max_size=60), st.lists(st.sampled_from(GROUP_FIELDS), min_size=1, max_size=4, unique=True))
def test_count_by_matches_a_plain_recount(data: list[CountRow], fields: list[str]) -> None:
    expected: dict[tuple, int] = defaultdict(int)
    for row in data:
        key = []
        for field in fields:
            value = getattr(row, field) if field != "financial_year" else periods.financial_year(row.month)
            key.append(value.strftime("%Y-%m") if isinstance(value, date) else value)
        for _ in range(row.count):
            expected[tuple(key)] += 1
    assert count_by(data, fields) == dict(expected)
    assert sum(count_by(data, fields).values()) == sum(row.count for row in data)


@given(months)
def test_financial_years_run_april_to_march(month: date) -> None:
    label = periods.financial_year(month)
    start = int(label[:4])
    assert date(start, 4, 1) <= month <= date(start + 1, 3, 1)
    assert periods.financial_year_period(start).contains(month)
    assert 1 <= periods.financial_quarter(month) <= 4
    assert periods.quarter_period(month).contains(month)


@given(months)
def test_rolling_windows_are_twelve_months_back_to_back(month: date) -> None:
    current, previous = periods.rolling_12(month), periods.previous_12(month)
    assert len(current.months) == len(previous.months) == 12
    assert current.last == month and periods.add_months(previous.last, 1) == current.first
    assert periods.year_to_date(month).first.month == 4 and periods.year_to_date(month).contains(month)


@given(st.integers(0, 10_000), st.integers(1, 10_000))
def test_percent_change_gives_back_the_current_value(current: int, previous: int) -> None:
    assert abs(previous * (1 + percent_change(current, previous) / 100) - current) < 1e-6
    assert percent_change(current, 0) is None


def test_seed_paper_change_is_reproduced() -> None:
    # 000, section 7.2: neighbourhood crime 8,160 in 2021/22 and 8,567 in the 12 months to Dec 2022: +5%.
    assert round(percent_change(8_567, 8_160)) == 5


def test_complete_financial_years_exclude_the_current_one() -> None:
    labels = [p.label for p in periods.complete_financial_years(date(2022, 12, 1), 4)]
    assert labels == ["2018/19", "2019/20", "2020/21", "2021/22"]
    assert periods.complete_financial_years(date(2023, 3, 1), 1)[0].label == "2021/22"
    assert periods.complete_financial_years(date(2023, 4, 1), 1)[0].label == "2022/23"


def test_coverage_warns_of_missing_months_partial_periods_and_unlocated_rows() -> None:
    period = periods.rolling_12(date(2022, 12, 1))
    present = {m for m in period.months if m != date(2022, 6, 1)}
    warnings = coverage_warnings(present, [period, periods.financial_year_period(2022)], date(2022, 12, 1), 5)
    assert any("Jun 2022" in w for w in warnings)
    assert any("2022/23 is not complete" in w for w in warnings)
    assert any("5 incident(s) have no location" in w for w in warnings)
