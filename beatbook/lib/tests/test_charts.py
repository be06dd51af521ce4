"""A missing value is a gap with a "no data" mark in the chart, never a zero bar."""

from __future__ import annotations

import pytest
from django.template.loader import render_to_string

from beatbook.lib.apportion import largest_remainder
from beatbook.lib.charts import grouped_bars, monthly_series


def test_a_missing_month_is_a_gap_not_a_zero_bar():
    chart = grouped_bars(["Apr 2022", "May 2022", "Jun 2022"], [[347, None, 205], [216, 299, 339]])
    assert [(b.label, b.series) for b in chart["bars"]] == [
        ("Apr 2022", 0), ("Apr 2022", 1), ("May 2022", 1), ("Jun 2022", 0), ("Jun 2022", 1),
    ]  # fmt: skip
    assert [(g.label, g.series) for g in chart["gaps"]] == [("May 2022", 0)] and chart["has_gaps"]
    assert all(bar.height > 0 for bar in chart["bars"])


def test_the_rendered_chart_marks_the_gap_and_explains_it():
    chart = grouped_bars(["Apr 2022", "May 2022"], [[347, None]])
    html = render_to_string(
        "components/bar_chart.html",
        {"chart": chart, "chart_id": "c", "title": "Messages", "description": "d", "series_names": ["Messages"]},
    )
    assert html.count("<rect") == 1 and "<title>Apr 2022: 347</title>" in html
    assert "May 2022: 0" not in html and "<title>May 2022: no data</title>" in html
    assert "No data: the source has no figure for that month. It is a gap, not a zero." in html
    complete = render_to_string("components/bar_chart.html", {"chart": grouped_bars(["Apr 2022"], [[1]])})
    assert "No data" not in complete


def test_a_chart_with_no_known_values_has_only_gaps():
    chart = grouped_bars(["Apr 2022"], [[None]])
    assert chart["bars"] == [] and len(chart["gaps"]) == 1


def test_largest_remainder_adds_up_exactly():
    assert largest_remainder(10, [1, 1, 1]) == [4, 3, 3]
    assert sum(largest_remainder(9871, [0.3, 1.7, 2.2, 0.9])) == 9871
    with pytest.raises(ValueError, match="weights"):
        largest_remainder(5, [0, 0])


def test_a_monthly_series_keeps_a_missing_month_as_a_gap():
    from datetime import date

    labels, values = monthly_series([(date(2022, 11, 1), 5.0), (date(2023, 1, 1), 7.6)])
    assert (labels, values) == (["Nov 22", "Dec 22", "Jan 23"], [5, None, 7])
    assert monthly_series([]) == ([], [])
