"""The demo reproduces 002_* 6.21 through the stop-and-search page's JSON twins; period options and errors."""

from __future__ import annotations

from datetime import date
from unittest.mock import patch

import pytest

from beatbook.areas.models import Area
from beatbook.crime.models import StopSearch
from beatbook.stopsearch.demo import do_load_demo_stop_search

pytestmark = pytest.mark.django_db
URL = "/areas/derbyshire/stop-and-search/"


@pytest.fixture
def demo_searches(db):
    return do_load_demo_stop_search(Area.objects.get(code="derbyshire"))


def _rows(client, query: str, table: str) -> dict:
    response = client.get(f"{URL}?{query}&format=json&table={table}")
    assert response.status_code == 200, response.content
    return {row[next(iter(row))]: row for row in response.json()["rows"]}


def test_it_reproduces_the_five_years_to_august_2023(demo_searches, client_as):
    rows = _rows(client_as("scrutiny"), "year_ending=2023-08&years=5", "by-object-of-search")
    years = ["2023-08", "2022-08", "2021-08", "2020-08", "2019-08"]
    expected = {
        "Total stop searches": [2198, 1781, 2265, 1868, 1551],
        "Drugs": [1209, 918, 1392, 1222, 985],
        "Bladed article": [328, 328, 235, 159, 167],
        "Articles for use in theft": [152, 141, 191, 160, 131],
        "Going equipped": [155, 92, 119, 86, 68],
        "Offensive weapons": [131, 117, 106, 69, 49],
        "Stolen goods": [61, 56, 61, 59, 65],
        "Firearms": [42, 37, 57, 20, 16],
        "Other search powers": [120, 92, 104, 93, 70],
        "Positive outcome rate (%)": [32, 33, 32, 36, 37],
    }
    assert {label: [rows[label][y] for y in years] for label in expected} == expected
    # 6.21: "9,663 stop searches … over the past five years"; later months continue to the demo's last month.
    seed_period = StopSearch.objects.filter(month__lte=date(2023, 8, 1))
    assert seed_period.count() == 9663
    assert demo_searches > 9663


def test_the_other_tables_add_up_to_the_total(demo_searches, client_as):
    client = client_as("analyst")
    for table in ("by-legislation", "by-outcome"):
        rows = _rows(client, "year_ending=2023-08&years=2", table)
        assert sum(row["2023-08"] for row in rows.values()) == 2198
    months = client.get(f"{URL}?year_ending=2023-08&years=1&format=json&table=by-month").json()["rows"]
    assert len(months) == 12 and sum(row["searches"] for row in months) == 2198
    linked = _rows(client, "year_ending=2023-08&years=1", "outcome-linked-to-object")
    assert sum(row["2023-08"] for row in linked.values()) == round(0.32 * 2198)
    legislation = _rows(client, "year_ending=2023-08&years=1", "by-legislation")
    assert next(iter(legislation)) == "Misuse of Drugs Act 1971 (section 23)"  # 6.21: the power most used


def test_years_can_end_in_any_month_and_be_calendar_years(demo_searches, client_as):
    client = client_as("scrutiny")
    rows = _rows(client, "year_ending=2023-02&years=2", "by-object-of-search")
    assert set(rows["Total stop searches"]) == {"label", "2023-02", "2022-02"}
    calendar = _rows(client, "calendar_years=2019-2022", "by-object-of-search")
    assert set(calendar["Drugs"]) == {"label", "2019-12", "2020-12", "2021-12", "2022-12"}


@pytest.mark.parametrize("query", ["year_ending=2023-13", "years=99", "calendar_years=abc"])
def test_bad_periods_say_what_to_fix(demo_searches, client_as, query):
    response = client_as("scrutiny").get(f"{URL}?{query}")
    assert response.status_code == 200
    assert b"There is a problem" in response.content
    twin = client_as("scrutiny").get(f"{URL}?{query}&format=csv")  # QA finding 8: no quiet default
    assert twin.status_code == 400 and query.split("=")[0].encode() in twin.content


def test_the_page_shows_disproportionality_with_its_caveats(demo_searches, client_as):
    response = client_as("scrutiny").get(f"{URL}?year_ending=2023-08")
    assert b"resident population" in response.content
    rows = _rows(client_as("scrutiny"), "year_ending=2023-08", "disproportionality")
    assert rows["White"]["ratio"] == 1.0
    black = rows["Black"]
    assert black["low"] < black["ratio"] < black["high"]
    assert rows["Not stated"]["searches"] > 0


def test_a_force_mapping_moves_searches_between_categories(demo_searches, client_as):
    from beatbook.stopsearch.actions import do_set_object_mapping

    force = Area.objects.get(code="derbyshire")
    before = _rows(client_as("scrutiny"), "year_ending=2023-08&years=1", "by-object-of-search")  # now cached
    assert before["Going equipped"]["2023-08"] == 155
    do_set_object_mapping(force=force, object_of_search="Going Equipped", category="theft_articles", acting_user=None)
    rows = _rows(client_as("scrutiny"), "year_ending=2023-08&years=1", "by-object-of-search")
    assert rows["Articles for use in theft"]["2023-08"] == 152 + 155
    assert rows["Going equipped"]["2023-08"] == 0


def test_the_tables_are_computed_once_per_data_version(demo_searches, client_as):
    """QA 17: each view and twin placed every search again (2 s for a team); the tables are cached, and a
    stop-and-search import (which bumps the data version) retires them."""
    from beatbook.counts.refresh import bump_data_version
    from beatbook.stopsearch import figures

    client = client_as("scrutiny")
    _rows(client, "year_ending=2023-08&years=1", "by-object-of-search")
    with patch.object(figures, "load_searches", side_effect=AssertionError("recomputed")):
        assert client.get(f"{URL}?year_ending=2023-08&years=1").status_code == 200
        assert _rows(client, "year_ending=2023-08&years=1", "by-legislation")
    StopSearch.objects.filter(month=date(2023, 8, 1)).delete()
    bump_data_version()
    rows = _rows(client, "year_ending=2023-08&years=1", "by-object-of-search")
    assert rows["Total stop searches"]["2023-08"] < 2198


def test_stop_search_counts_groups_by_the_new_fields(demo_searches):
    import csv
    import io

    from django.core.management import call_command

    out = io.StringIO()
    call_command(
        "stop_search_counts",
        "--force=derbyshire",
        "--from=2022-09",
        "--to=2023-08",
        "--group-by=reporting_category,positive_outcome",
        stdout=out,
    )
    rows = {
        (r["reporting_category"], r["positive_outcome"]): int(r["count"])
        for r in csv.DictReader(io.StringIO(out.getvalue()))
    }
    assert rows[("drugs", "yes")] + rows[("drugs", "no")] == 1209
    assert sum(n for (_, positive), n in rows.items() if positive == "yes") == round(0.32 * 2198)
    out = io.StringIO()
    call_command("stop_search_counts", "--force=derbyshire", "--group-by=ethnic_group", "--format=json", stdout=out)
    assert "not_stated" in out.getvalue()
