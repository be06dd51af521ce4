"""The social media tables reproduce 000_* 4.6 and 10.8-10.15 through their JSON twins at the seed's dates, and
run on to the month before the demo is loaded."""

from __future__ import annotations

import random
from datetime import date

import pytest

from beatbook.areas.models import Area
from beatbook.contact.demo import do_load_demo_contact

pytestmark = pytest.mark.django_db


LOADED_ON = date(2024, 6, 17)  # so the social figures run January 2022 - May 2024 whenever the tests run


@pytest.fixture
def demo_contact(db):
    do_load_demo_contact(Area.objects.get(code="derbyshire"), today=LOADED_ON)


def _rows(client, query: str, table: str) -> list[dict]:
    response = client.get(f"/areas/derbyshire/contact/?{query}&format=json&table={table}")
    assert response.status_code == 200, response.content
    return response.json()["rows"]


def test_accounts_by_platform_and_type_in_january_2023(demo_contact, client_as):
    """000_* 10.11-10.13 (with the LinkedIn account whose activity 10.8 reports)."""
    rows = {
        r["platform"]: r
        for r in _rows(client_as("analyst"), "from=2023-01&to=2023-01", "social-media-accounts-by-platform")
    }
    shape = {p: (r["local"], r["operational"], r["force"], r["total"]) for p, r in rows.items()}
    assert shape == {
        "Facebook": (42, 0, 7, 49),
        "Instagram": (0, 0, 4, 4),
        "LinkedIn": (0, 0, 1, 1),
        "Twitter": (9, 9, 9, 27),
        "Total": (51, 9, 21, 81),
    }


def test_accounts_merged_since_january_2022_are_not_held_in_january_2023(demo_contact, client_as):
    """10.14: local accounts were reduced; a year earlier the force held 14 more."""
    rows = {
        r["platform"]: r
        for r in _rows(client_as("analyst"), "from=2022-01&to=2022-01", "social-media-accounts-by-platform")
    }
    assert (rows["Facebook"]["local"], rows["Twitter"]["local"]) == (52, 13)


def test_main_accounts_over_six_months_with_per_year_figures(demo_contact, client_as):
    """10.8: July - December 2022."""
    rows = {
        r["platform"]: r for r in _rows(client_as("scrutiny"), "from=2022-07&to=2022-12", "social-media-main-accounts")
    }
    figures = {
        p: (r["posts"], r["posts_per_year"], r["engagements"], r["engagements_per_year"]) for p, r in rows.items()
    }
    assert figures == {
        "Facebook": (790, 1580, 82000, 164000),
        "Twitter": (730, 1460, 7600, 15200),
        "LinkedIn": (32, 64, 184, 368),
        "Instagram": (120, 240, 16100, 32200),
    }
    assert (rows["Instagram"]["stories"], rows["Instagram"]["reach"]) == (285, 540000)


def test_main_accounts_audience_grew_25_percent_to_400k(demo_contact, client_as):
    """10.9: as at January 2023 against the previous 12 months."""
    rows = {r["platform"]: r for r in _rows(client_as("analyst"), "from=2023-01&to=2023-01", "social-media-audience")}
    total = rows["Total"]
    assert (total["followers"], total["followers_year_earlier"], total["change_pct"]) == (400000, 320000, 25.0)


def test_safer_neighbourhood_accounts_over_the_last_year(demo_contact, client_as):
    """10.15: 8.3k posts, 67k engagements; 190k followers in January 2023, 4.5% fewer than a year before."""
    rows = {r["scope"]: r for r in _rows(client_as("analyst"), "from=2022-02&to=2023-01", "social-media-by-scope")}
    local = rows["Local policing"]
    assert (local["accounts"], local["posts"], local["engagements"]) == (51, 8300, 67000)
    assert (local["followers"], local["followers_year_earlier"], local["change_pct"]) == (190000, 198953, -4.5)
    assert set(rows) == {"Local policing", "Operations department", "Force-wide"}


def test_safer_neighbourhood_comments_in_august_and_september_2022(demo_contact, client_as):
    """4.6: 9,871 comments, an estimated 59,226 over 12 months."""
    rows = {r["scope"]: r for r in _rows(client_as("analyst"), "from=2022-08&to=2022-09", "social-media-by-scope")}
    assert (rows["Local policing"]["comments_and_messages"], rows["Local policing"]["comments_per_year"]) == (
        9871,
        59226,
    )


def test_by_area_adds_up_to_the_local_accounts(demo_contact, client_as):
    analyst = client_as("analyst")
    rows = _rows(analyst, "from=2022-02&to=2023-01", "social-media-by-area")
    assert "Derby South" in {r["area"] for r in rows} and len(rows) == 10
    assert sum(r["posts"] for r in rows) == 8300 and sum(r["accounts"] for r in rows) == 51


def test_top_accounts_are_the_ten_most_engaged(demo_contact, client_as):
    rows = _rows(client_as("analyst"), "from=2022-07&to=2022-12", "social-media-top-accounts")
    assert len(rows) == 10 and rows[0]["handle"] == "@demofacebookmain"
    assert [r["engagements"] for r in rows] == sorted((r["engagements"] for r in rows), reverse=True)


def test_by_month_sums_platforms_and_keeps_stories(demo_contact, client_as):
    rows = _rows(client_as("analyst"), "from=2022-07&to=2022-12", "social-media-by-month")
    assert {r["platform"] for r in rows} == {"Facebook", "Instagram", "LinkedIn", "Twitter"} and len(rows) == 24
    assert all((r["stories"] is None) == (r["platform"] != "Instagram") for r in rows)


def test_the_csv_twin_and_the_page_show_the_social_tables(demo_contact, client_as):
    analyst = client_as("analyst")
    csv = analyst.get("/areas/derbyshire/contact/?from=2022-07&to=2022-12&format=csv&table=social-media-main-accounts")
    assert csv.status_code == 200 and "@demofacebookmain,790,1580" in csv.content.decode()
    page = analyst.get("/areas/derbyshire/contact/?from=2022-02&to=2023-01").content.decode()
    assert "Social media by type of account" in page and "Audience of the main accounts" in page


def test_a_bad_main_flag_rejects_the_file():
    from beatbook.contact.imports import ImportRejected, parse_social

    header = "platform,handle,scope,area,month,posts,engagements,main\n"
    with pytest.raises(ImportRejected, match="main must be yes or no"):
        parse_social(header + "Facebook,@x,force,,2023-01,1,2,maybe\n")
    assert parse_social(header + "Facebook,@x,force,,2023-01,1,2,yes\n")[0].main is True


def test_the_page_links_the_months_social_figures_are_held_for(demo_contact, client_as):
    page = client_as("analyst").get("/areas/derbyshire/contact/?from=2022-07&to=2022-12").content.decode()
    assert "Social media figures are held from January 2022 to May 2024" in page
    assert "from=2022-01&amp;to=2024-05" in page


def test_the_accounts_held_in_january_2023_run_on_to_the_month_before_loading(demo_contact, client_as):
    """The recent months continue the seed: the same 81 accounts, activity near the seed year's, the main
    accounts' audience still growing and the local accounts' still falling a little; nothing in June 2024."""
    analyst = client_as("analyst")
    held = {
        r["platform"]: r["total"]
        for r in _rows(analyst, "from=2024-05&to=2024-05", "social-media-accounts-by-platform")
    }
    assert held == {"Facebook": 49, "Instagram": 4, "LinkedIn": 1, "Twitter": 27, "Total": 81}
    year = {r["scope"]: r for r in _rows(analyst, "from=2023-06&to=2024-05", "social-media-by-scope")}
    local = year["Local policing"]
    assert 0.85 * 8300 < local["posts"] < 1.15 * 8300 and 0.85 * 67000 < local["engagements"] < 1.15 * 67000
    assert -7 < local["change_pct"] < 0
    audience = {r["platform"]: r for r in _rows(analyst, "from=2024-05&to=2024-05", "social-media-audience")}
    assert 10 < audience["Total"]["change_pct"] < 25
    main = {r["platform"]: r for r in _rows(analyst, "from=2023-06&to=2024-05", "social-media-main-accounts")}
    assert 0.85 * 1580 < main["Facebook"]["posts"] < 1.15 * 1580
    for table in SOCIAL_TABLES:
        assert _rows(analyst, "from=2024-05&to=2024-05", table), table
    assert _rows(analyst, "from=2024-06&to=2024-06", "social-media-by-month") == []


def test_the_recent_months_follow_the_accounts_held_in_january_2023_and_are_repeatable():
    from beatbook.contact.demo_social import demo_social_recent_rows, demo_social_rows
    from beatbook.crime.periods import months_between

    seed = demo_social_rows(["Chesterfield"], random.Random(1))
    recent = demo_social_recent_rows(seed, date(2024, 5, 1), random.Random(2))
    months = [f"{month:%Y-%m}" for month in months_between(date(2023, 2, 1), date(2024, 5, 1))]
    assert [r["month"] for r in recent if r["handle"] == "@demofacebookmain"] == months
    assert {r["handle"] for r in recent} == {r["handle"] for r in seed if r["month"] == "2023-01"}
    assert recent == demo_social_recent_rows(seed, date(2024, 5, 1), random.Random(2))  # deterministic
    assert demo_social_recent_rows(seed, date(2023, 1, 1), random.Random(2)) == []


SOCIAL_TABLES = [
    "social-media-accounts",
    "social-media-accounts-by-platform",
    "social-media-main-accounts",
    "social-media-audience",
    "social-media-by-scope",
    "social-media-by-area",
    "social-media-top-accounts",
    "social-media-by-month",
]


def test_a_period_without_social_figures_says_so_and_links_the_months_that_have_them(demo_contact, client_as):
    """A period after the figures (they run January 2022 - May 2024): every social table is empty, not rows of
    blanks from the year before, and says what is missing, on the page and in its twins."""
    analyst = client_as("analyst")
    query = "from=2024-07&to=2025-06"  # a year after the figures: 2024-06 and 2023-07 have year-earlier figures
    said = "No social media figures for July 2024 to June 2025; figures exist for January 2022 to May 2024."
    for table in SOCIAL_TABLES:
        body = analyst.get(f"/areas/derbyshire/contact/?{query}&format=json&table={table}").json()
        assert body["rows"] == [] and body["caption"].endswith(said), (table, body)
        csv = analyst.get(f"/areas/derbyshire/contact/?{query}&format=csv&table={table}").content.decode()
        assert len(csv.strip().splitlines()) == 1, table  # the header only, as the JSON twin
    page = analyst.get(f"/areas/derbyshire/contact/?{query}").content.decode()
    notice = page[page.index('id="social-media-gap"') :].split("</div>")[0]
    assert "No social media figures for July 2024 to June 2025; figures exist for January 2022 to" in notice
    assert 'href="?line=999&amp;from=2022-01&amp;to=2024-05"' in notice
    assert "Social media figures are held from" not in page  # said once, where it is missing

    default = analyst.get("/areas/derbyshire/contact/").content.decode()  # the financial year to the latest calls
    assert 'id="social-media-gap"' not in default and "Social media figures are held from" in default


def test_a_range_ending_after_the_figures_empties_only_the_tables_read_at_its_last_month(demo_contact, client_as):
    analyst = client_as("analyst")
    query = "from=2023-07&to=2024-07"  # activity July 2023 - May 2024; nothing for July 2024
    audience = analyst.get(f"/areas/derbyshire/contact/?{query}&format=json&table=social-media-audience").json()
    assert audience["rows"] == []
    assert audience["caption"].endswith(
        "No social media figures for July 2024; figures exist for January 2022 to May 2024."
    )
    main = _rows(analyst, query, "social-media-main-accounts")
    assert len(main) == 4 and all(row["posts"] for row in main)


def test_a_force_with_no_social_figures_says_none_have_been_imported(client_as):
    body = client_as("analyst").get("/areas/derbyshire/contact/?format=json&table=social-media-by-scope").json()
    assert body["rows"] == [] and body["caption"].endswith("; none have been imported.")
