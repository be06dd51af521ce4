"""Issue 11 item 2: statistical disclosure control that survives arithmetic. The checker
(`disclosure.recoverable`) tries to work out every withheld figure from everything public, with integer
programming over the unknown monthly counts; it must find none."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest
from django.test import Client
from hypothesis import given, settings
from hypothesis import strategies as st

from beatbook.areas.models import Area, Level, Lsoa
from beatbook.counts.refresh import refresh_counts
from beatbook.crime.categories import Category
from beatbook.crime.models import Incident, Kind, Source
from beatbook.crime.periods import add_months
from beatbook.public import published
from beatbook.public.disclosure import FEWER, WITHHELD, Column, column_figures, protect, recoverable


def _keys(categories, period: str) -> dict:  # noqa: ANN001
    return {category: [(period, category, month) for month in range(3)] for category in categories}


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.sampled_from("abcdefghijklmn"), st.integers(0, 40), min_size=1, max_size=14))
def test_no_withheld_figure_of_a_column_can_be_worked_out(counts: dict[str, int]) -> None:
    column = protect(counts)
    assert recoverable(column_figures(column, _keys(counts, "q"), "q")) == []
    for key, value in column.cells.items():
        assert value == counts[key] or (value == FEWER and 1 <= counts[key] <= 4) or (value == WITHHELD)
        assert counts[key] not in range(1, 5) or value == FEWER  # every small number is hidden
    assert column.total in (sum(counts.values()), WITHHELD)


def test_the_checker_finds_what_printing_the_total_gave_away() -> None:
    """Today's page hid counts of 1–4 but printed the total: the hidden one is the total less the rest."""
    naive = Column({"Burglary": FEWER, "Drugs": 0, "Shoplifting": 12}, total=15)
    assert recoverable(column_figures(naive, _keys(naive.cells, "q"), "q")) == [("q Burglary", 3)]
    # Two hidden counts of 1 are found too: their sum is 2, so each is 1.
    pair = Column({"Burglary": FEWER, "Drugs": FEWER, "Shoplifting": 12}, total=14)
    assert sorted(recoverable(column_figures(pair, _keys(pair.cells, "q"), "q"))) == [
        ("q Burglary", 1),
        ("q Drugs", 1),
    ]


def test_the_checker_finds_leaks_across_overlapping_periods_and_areas() -> None:
    """Rolling 12-month windows (which the page no longer uses) share 11 months: a hidden count is the
    difference of neighbouring windows when the category was absent before and after."""
    months = list(range(26))
    true = dict.fromkeys(months, 0) | {12: 5, 13: 3}
    figures = []
    for end in range(11, 26):  # the 12 months to `end`, as a rolling page would show them
        window = [m for m in months if end - 11 <= m <= end]
        count = sum(true[m] for m in window)
        shown = FEWER if 0 < count < 5 else count
        figures += column_figures(Column({"x": shown}, WITHHELD), {"x": [("x", m) for m in window]}, f"to {end}")
    assert ("to 24 x", 3) in recoverable(figures)
    # An area total published beside its parts gives the part away just as a column total does.
    parts = column_figures(Column({"x": FEWER, "y": 9}, WITHHELD), {"x": ["n1"], "y": ["n2"]}, "neighbourhoods")
    area = column_figures(Column({"all": 11}, 11), {"all": ["n1", "n2"]}, "LPU")
    assert sorted(recoverable(parts + area)) == [("neighbourhoods total", 11), ("neighbourhoods x", 2)]


@pytest.fixture
def demo_incidents(db) -> date:  # noqa: ANN001
    """Two years of incidents in every one of the demo's 94 neighbourhoods, at rates that make many small
    counts (0–3 a month per category): the hard case for disclosure control. Returns the last month."""
    rng = np.random.default_rng(11)
    force = Area.objects.get(code="derbyshire")
    lsoas = {}
    for lsoa in Lsoa.objects.filter(neighbourhood__isnull=False).order_by("code"):
        lsoas.setdefault(lsoa.neighbourhood_id, lsoa)
    categories = [c for c in Category.values if c != Category.PUBLIC_DISORDER_WEAPONS]
    rates = rng.gamma(0.8, 1.2, size=len(categories))
    first, rows = date(2021, 4, 1), []
    for lsoa in lsoas.values():
        scale = rng.uniform(0.1, 2.0)
        for month_index in range(24):
            month = add_months(first, month_index)
            for category, rate in zip(categories, rates, strict=True):
                for _ in range(rng.poisson(rate * scale)):
                    kind = Kind.ASB if category == Category.ANTI_SOCIAL_BEHAVIOUR else Kind.CRIME
                    rows.append(
                        Incident(force=force, source=Source.POLICE_UK, kind=kind, month=month, category=category,
                                 lsoa=lsoa, lsoa_code=lsoa.code, fingerprint="x")
                    )  # fmt: skip
    Incident.objects.bulk_create(rows, batch_size=5000)
    refresh_counts(force)  # the monthly counts the public pages read, as an import keeps them
    return add_months(first, 23)


def test_no_public_figure_of_the_94_neighbourhoods_can_be_worked_out(demo_incidents: date, client: Client) -> None:
    """Every page of every neighbourhood, as it is now and as it was a year ago (other periods), all
    together (other areas): nothing withheld can be recovered."""
    force = Area.objects.get(code="derbyshire")
    neighbourhoods = list(Area.objects.within(force).filter(level=Level.NEIGHBOURHOOD))
    assert len(neighbourhoods) == 94
    figures, withheld = [], 0
    for area in neighbourhoods:
        for last in (demo_incidents, add_months(demo_incidents, -12)):
            page = published.crime_figures(area, last)
            for quarter, column in zip(page.quarters, page.columns, strict=True):
                keys = {
                    category: [(area.pk, category, add_months(quarter, n)) for n in range(3)]
                    for category in column.cells
                }
                figures += column_figures(column, keys, f"{area.code} {quarter:%Y-%m}")
                withheld += sum(isinstance(v, str) for v in [*column.cells.values(), column.total])
    assert withheld > 1000  # the data really is full of small numbers
    assert recoverable(figures) == []
    print(f"DISCLOSURE neighbourhoods={len(neighbourhoods)} figures={len(figures)} withheld={withheld} recovered=0")
    _the_page_and_its_twins_show_the_protected_figures(client)


def _the_page_and_its_twins_show_the_protected_figures(client: Client) -> None:
    page = client.get("/your-area/derbyshire/staveley/").content.decode()
    assert "Apr to Jun 2022" not in page or "fewer than 5" in page
    assert "All crime and ASB" in page and "How we protect these figures" in page
    table = client.get("/your-area/derbyshire/staveley/?format=json&table=crime").json()
    assert [c["key"] for c in table["columns"]][1:] == ["2022-04", "2022-07", "2022-10", "2023-01"]
    staveley = Area.objects.get(code="staveley")
    figures = published.crime_figures(staveley)
    assert table["rows"][-1]["2023-01"] == figures.columns[-1].total
