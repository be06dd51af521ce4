"""The demo reproduces the seed papers' call-handling tables through the contact page's JSON twins."""

from __future__ import annotations

import pytest

from beatbook.areas.models import Area
from beatbook.contact.demo import do_load_demo_contact

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_contact(db):
    do_load_demo_contact(Area.objects.get(code="derbyshire"))


def _rows(client, query: str, table: str) -> list[dict]:
    response = client.get(f"/areas/derbyshire/contact/?{query}&format=json&table={table}")
    assert response.status_code == 200, response.content
    return response.json()["rows"]


def test_five_years_of_999_calls_as_in_the_2023_report(demo_contact, client_as):
    rows = _rows(client_as("scrutiny"), "line=999&from=2017-04&to=2022-03", "calls-by-financial-year")
    figures = {row["period"]: (row["offered"], row["longer_than_target"], row["abandoned"]) for row in rows}
    assert figures == {
        "2017-18": (131113, 22168, 2196),
        "2018-19": (138406, 27666, 1003),
        "2019-20": (152944, 49311, 1392),
        "2020-21": (138575, 35880, 966),
        "2021-22": (167358, 42848, 949),
    }
    assert [round(row["longer_pct"]) for row in rows] == [17, 20, 32, 26, 26]
    assert [row["abandoned_pct"] for row in rows] == [1.67, 0.72, 0.91, 0.70, 0.57]


def test_a_printed_percentage_that_disagrees_with_its_counts_is_recomputed_and_flagged(demo_contact, client_as):
    rows = _rows(client_as("analyst"), "line=999&from=2017-04&to=2022-03", "calls-by-financial-year")
    flagged = {row["period"]: row["notes"] for row in rows if row["notes"]}
    assert list(flagged) == ["2017-18"]
    assert "1.16%" in flagged["2017-18"] and "1.67%" in flagged["2017-18"]


def test_101_waits_by_month_with_the_november_2022_gap(demo_contact, client_as):
    rows = {r["month"]: r for r in _rows(client_as("analyst"), "line=101&from=2021-11&to=2022-12", "wait-by-month")}
    assert len(rows) == 14
    assert rows["2022-08"]["triage_mean_wait_seconds"] == 97
    assert rows["2022-08"]["controlworks_mean_wait_seconds"] == 596
    assert rows["2021-11"]["triage_mean_wait_seconds"] is None
    assert rows["2021-11"]["controlworks_mean_wait_seconds"] == 532
    assert rows["2022-12"]["controlworks_mean_wait_seconds"] == 189
    assert "missing" in rows["2022-11"]["coverage"]
    assert [m for m, r in rows.items() if r["coverage"]] == ["2022-11"]
    page = client_as("analyst").get("/areas/derbyshire/contact/?line=101&from=2021-11&to=2022-12")
    assert "Gaps in the data" in page.content.decode()


def test_999_by_financial_year_to_october_2023_as_in_the_november_2023_report(demo_contact, client_as):
    rows = _rows(client_as("analyst"), "line=999&from=2019-04&to=2023-10", "calls-by-financial-year")
    figures = {
        r["period"]: (r["offered"], round(r["within_pct"]), r["abandoned_pct"], r["mean_wait_seconds"]) for r in rows
    }
    assert figures == {
        "2019-20": (152944, 64, 0.90, 10),
        "2020-21": (138575, 71, 0.70, 8),
        "2021-22": (167506, 70, 0.61, 8),
        "2022-23": (166288, 88, 0.71, 7),
        "Apr 2023 - Oct 2023": (115687, 91, 0.48, 6),
    }
    assert not any(r["notes"] for r in rows)


def test_101_triage_and_controlworks_tables_of_the_november_2023_report(demo_contact, client_as):
    rows = _rows(client_as("analyst"), "line=101&from=2019-04&to=2023-10", "calls-by-financial-year")
    figures = {
        (r["line"], r["period"]): (r["offered"], r["mean_wait_seconds"], round(r["within_pct"]), r["abandoned_pct"])
        for r in rows
    }
    assert figures[("101 triage", "2022-23")] == (235230, 66, 64, 5.96)
    assert figures[("101 triage", "2021-22")] == (54762, 36, 78, 4.11)
    assert figures[("101 triage", "Apr 2023 - Oct 2023")] == (77773, 110, 47, 15.79)
    controlworks = {period: value for (line, period), value in figures.items() if "ControlWorks" in line}
    assert controlworks == {
        "2019-20": (315625, 237, 30, 23.19),
        "2020-21": (285351, 378, 25, 29.10),
        "2021-22": (250234, 393, 23, 28.43),
        "2022-23": (169699, 366, 31, 20.32),
        "Apr 2023 - Oct 2023": (133543, 251, 37, 17.50),
    }


def test_call_level_data_gives_median_and_90th_percentile(demo_contact, client_as):
    rows = _rows(client_as("analyst"), "line=999&from=2023-11&to=2023-11", "calls-in-period")
    (row,) = rows
    assert row["offered"] == 1200 and row["source"] == "Call-level data"
    assert row["median_wait_seconds"] is not None and row["p90_wait_seconds"] >= row["median_wait_seconds"]


def test_derbyshire_ranks_12th_of_43_for_april_to_december_2022(demo_contact, client_as):
    rows = _rows(client_as("analyst"), "line=999&from=2022-04&to=2022-12", "home-office-rank")
    assert len(rows) == 43
    assert next(r["rank"] for r in rows if r["force"] == "Derbyshire") == 12


def test_the_demo_loads_once(demo_contact):
    assert do_load_demo_contact(Area.objects.get(code="derbyshire")) == 0


def test_a_bad_line_or_month_is_a_400(demo_contact, client_as):
    client = client_as("analyst")
    assert client.get("/areas/derbyshire/contact/?line=112").status_code == 400
    assert client.get("/areas/derbyshire/contact/?from=2022-13").status_code == 400
    assert client.get("/areas/derbyshire/contact/?from=2023-01&to=2022-01").status_code == 400


def test_the_page_shows_the_tables_a_chart_and_the_flag(demo_contact, client_as):
    page = client_as("partner").get("/areas/chesterfield/contact/?line=999&from=2017-04&to=2022-03").content.decode()
    assert "Calls by financial year" in page and "<svg" in page
    assert "its counts give 1.67%" in page
    assert "Derbyshire Constabulary&#x27;s figures" in page or "Derbyshire Constabulary's figures" in page


def test_social_media_accounts_as_counted_in_january_2023(demo_contact, client_as):
    rows = _rows(client_as("analyst"), "from=2023-01&to=2023-01", "social-media-accounts")
    counts = {(r["platform"], r["scope"]): r["accounts"] for r in rows}
    assert counts == {
        ("Facebook", "Force-wide"): 7,
        ("Facebook", "Local policing"): 42,
        ("Instagram", "Force-wide"): 4,
        ("Twitter", "Force-wide"): 9,
        ("Twitter", "Local policing"): 9,
        ("Twitter", "Operations department"): 9,
        ("LinkedIn", "Force-wide"): 1,  # 10.8 reports its activity; 10.10's count leaves it out
    }
    months = _rows(client_as("analyst"), "from=2023-01&to=2023-01", "social-media-by-month")
    assert {r["platform"] for r in months} == {"Facebook", "Instagram", "LinkedIn", "Twitter"}


def test_calls_by_month_from_call_level_data(demo_contact, client_as):
    rows = _rows(client_as("analyst"), "line=101&from=2023-11&to=2023-11", "calls-by-month")
    assert {(r["period"], r["line"], r["offered"]) for r in rows} == {
        ("2023-11", "101 triage", 500),
        ("2023-11", "101 ControlWorks (second queue)", 400),
    }
    assert all(r["abandoned"] + r["answered_within"] <= r["offered"] for r in rows)


def test_999_mean_waits_in_the_months_the_2023_report_gives(demo_contact, client_as):
    """000_* 4.8: February of each year 2017-2022, August and December 2022."""
    rows = _rows(client_as("analyst"), "line=999&from=2017-02&to=2022-12", "mean-wait-by-month")
    assert {r["month"]: r["mean_wait_seconds"] for r in rows} == {
        "2017-02": 7, "2018-02": 7, "2019-02": 6, "2020-02": 8, "2021-02": 6, "2022-02": 7, "2022-08": 9,
        "2022-12": 6,
    }  # fmt: skip
    # The months do not count twice in the financial years that hold them (000_* 4.7 stays exact).
    years = _rows(client_as("analyst"), "line=999&from=2017-04&to=2022-03", "calls-by-financial-year")
    assert [r["offered"] for r in years] == [131113, 138406, 152944, 138575, 167358]


def test_101_triage_share_answered_within_60_seconds(demo_contact, client_as):
    """000_* 4.13: 80.81% in December 2021, 76.55% in March 2022, 67.40% in December 2022 (as printed)."""
    rows = _rows(client_as("analyst"), "line=101-triage&from=2021-12&to=2022-12", "service-level-by-month")
    assert {r["month"]: r["within_pct"] for r in rows} == {"2021-12": 80.81, "2022-03": 76.55, "2022-12": 67.40}
    assert {r["how"] for r in rows} == {"As the source printed it"} and {r["service_level_seconds"] for r in rows} == {
        60
    }
    counted = _rows(client_as("analyst"), "line=999&from=2023-11&to=2023-11", "service-level-by-month")
    assert counted[0]["how"] == "From the counts" and counted[0]["offered"] == 1200


def test_the_recent_months_run_on_after_the_seed_periods(db, client_as):
    from datetime import date

    do_load_demo_contact(Area.objects.get(code="derbyshire"), today=date(2026, 6, 17))
    client = client_as("analyst")
    years = {r["period"]: r for r in _rows(client, "line=999&from=2022-04&to=2026-03", "calls-by-financial-year")}
    # 2023-24 counts twelve months: 002_* 8.7's April-October, November at the recent rate, then as recorded.
    assert 180_000 < years["2023-24"]["offered"] < 210_000
    assert all(150_000 < years[y]["offered"] < 230_000 for y in ("2024-25", "2025-26"))
    assert years["2022-23"]["offered"] == 166288  # the seed year as printed
    may = _rows(client, "line=101&from=2026-05&to=2026-05", "calls-by-month")
    assert {row["line"] for row in may} == {"101 triage", "101 ControlWorks (second queue)"}
    assert all(row["offered"] for row in may)
    assert not _rows(client, "line=999&from=2026-06&to=2026-06", "calls-by-month")  # nothing in the month loaded
    ranked = _rows(client, "from=2026-05&to=2026-05", "home-office-rank")
    assert len(ranked) == 43
