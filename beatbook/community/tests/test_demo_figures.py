"""The demo reproduces the seed papers' watch scheme and community messaging tables."""

from __future__ import annotations

import pytest

from beatbook.areas.models import Area
from beatbook.community.demo import do_load_demo_community

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_community(db):
    do_load_demo_community(Area.objects.get(code="derbyshire"))


def test_neighbourhood_watch_by_area_on_31_march_2023(demo_community, client_as):
    url = "/areas/derbyshire/community/?on=2023-03-31&format=json&table=watch-schemes-by-area"
    rows = {
        r["area"]: (r["schemes"], r["coordinators"], r["members_online"])
        for r in client_as("scrutiny").get(url).json()["rows"]
    }
    assert rows == {
        "North total": (615, 547, 1895),
        "Amber Valley": (58, 47, 199),
        "Chesterfield": (106, 96, 373),
        "Derbyshire Dales": (81, 71, 347),
        "High Peak": (81, 69, 176),
        "North East": (289, 264, 800),
        "South total": (184, 168, 844),
        "Erewash": (105, 97, 419),
        "Derby South": (79, 71, 425),
        "City total": (216, 194, 348),
        "Derby North": (93, 88, 93),
        "Derby East": (41, 34, 84),
        "Derby West": (82, 72, 171),
        "Total": (1015, 909, 3087),
    }


def test_a_year_earlier_the_register_held_the_watches_closed_since(demo_community, client_as):
    url = "/areas/derbyshire/community/?on=2022-03-31&format=json&table=watch-schemes-by-area"
    rows = {r["area"]: r["schemes"] for r in client_as("analyst").get(url).json()["rows"]}
    assert rows["Chesterfield"] == 106 + round(106 * 0.12)
    url = "/areas/derbyshire/community/?on=2021-01-01&format=json&table=watch-schemes-by-area"
    assert client_as("analyst").get(url).json()["rows"] == []


def test_alert_and_talking_by_month_with_may_2022_missing(demo_community, client_as):
    url = "/areas/derbyshire/community/?from=2021-12&to=2022-12&format=json&table=alert-by-month"
    rows = {r["month"]: r for r in client_as("scrutiny").get(url).json()["rows"]}
    assert len(rows) == 13
    assert (rows["2022-12"]["members"], rows["2022-12"]["messages"], rows["2022-12"]["surveys"]) == (36503, 525, 522)
    assert (rows["2021-12"]["members"], rows["2021-12"]["messages"], rows["2021-12"]["surveys"]) == (34014, 286, 104)
    assert rows["2022-05"]["messages"] is None
    assert rows["2022-05"]["members"] == 34478
    csv = client_as("scrutiny").get(url.replace("json", "csv")).content.decode()
    assert "2022-05,34478,,299" in csv


def test_an_lpu_sees_its_own_schemes(demo_community, client_as):
    url = "/areas/chesterfield/community/?on=2023-03-31&format=json&table=watch-schemes-by-area"
    rows = {r["area"]: r["schemes"] for r in client_as("partner").get(url).json()["rows"]}
    assert rows == {"North total": 106, "Chesterfield": 106, "Total": 106}


def test_your_area_include_lists_schemes_and_the_sign_up(demo_community):
    from django.template import Context, Template

    area = Area.objects.get(code="chesterfield")
    html = Template("{% load community %}{% community_your_area area %}").render(Context({"area": area}))
    assert "derbyshirealert" in html and "Neighbourhood Watch" in html


def test_the_page_shows_the_tables_and_a_chart(demo_community, client_as):
    page = client_as("analyst").get("/areas/derbyshire/community/?on=2023-03-31&from=2021-12&to=2022-12")
    html = page.content.decode()
    assert page.status_code == 200 and "<svg" in html and "North total" in html
    # May 2022's missing message count is a gap with a "no data" mark on the chart, not a zero bar.
    assert "<title>2022-05: no data</title>" in html and "<title>2022-05: 0</title>" not in html
    assert "It is a gap, not a zero." in html
    assert client_as("analyst").get("/areas/derbyshire/community/?on=2023-31-03").status_code == 400


@pytest.mark.parametrize("absurd", ["9999-12-31", "0001-01-01"])
def test_an_absurd_day_is_refused_with_the_window_not_shown_as_a_table(absurd, client_as):
    """QA 17: ?on=9999-12-31 showed "Watch schemes by area on 31 December 9999"; the page and the API say
    which dates they take instead."""
    page = client_as("analyst").get(f"/areas/derbyshire/community/?on={absurd}&format=json")
    assert page.status_code == 400 and "Enter a date between" in page.content.decode()
    api = client_as("analyst").get(f"/api/v1/areas/derbyshire/community?on={absurd}")
    assert api.status_code == 400 and "Enter a date between" in api.content.decode()


def test_schemes_by_local_authority_add_up_to_the_force_total(demo_community, client_as):
    url = "/areas/derbyshire/community/?on=2023-03-31&format=json&table=watch-schemes-by-local-authority"
    rows = client_as("analyst").get(url).json()["rows"]
    authorities = [r for r in rows if not r["local_authority"].startswith("All of")]
    groups = [r for r in rows if r["local_authority"].startswith("All of")]
    assert sum(r["schemes"] for r in authorities) == 1015 == sum(r["schemes"] for r in groups)
    assert sum(r["members_online"] for r in authorities) == 3087


def test_messages_by_category_and_month_add_up_to_the_monthly_messages(demo_community, client_as):
    """Issue 15 item 4: the configured categories; each month's counts add up to 000_* 10.3's messages and
    May 2022, which has no message figure, stays blank."""
    from beatbook.community.config import DEFAULT_MESSAGE_CATEGORIES
    from beatbook.community.demo import ALERT_2022

    url = "/areas/derbyshire/community/?from=2021-12&to=2022-12&format=json&table=messages-by-category-and-month"
    table = client_as("scrutiny").get(url).json()
    rows = {r["month"]: r for r in table["rows"]}
    assert {month: r["total"] for month, r in rows.items()} == {m: v[1] for m, v in ALERT_2022.items()}
    assert all(value is None for value in rows["2022-05"].values() if value != "2022-05")
    keys = [c["key"] for c in table["columns"]][1:-1]
    assert len(keys) == len(DEFAULT_MESSAGE_CATEGORIES) and "bogus_callers" in keys
    assert all(sum(r[k] for k in keys) == r["total"] for m, r in rows.items() if m != "2022-05")


def test_messages_by_category_and_area(demo_community, client_as):
    url = "/areas/derbyshire/community/?from=2021-12&to=2022-12&format=json&table=messages-by-category-and-area"
    table = client_as("analyst").get(url).json()
    rows = {r["area"]: r for r in table["rows"]}
    assert len(rows) == 11 and "Derby South" in rows
    assert rows["Total"]["total"] == sum(r["total"] for name, r in rows.items() if name != "Total") == 3911
    assert "May 2022" in table["caption"]
    lpu = client_as("partner").get(url.replace("derbyshire/", "chesterfield/")).json()["rows"]
    assert [r["area"] for r in lpu] == ["Chesterfield", "Total"]


def test_watch_schemes_over_time_with_the_groups(demo_community, client_as):
    """The register at each recorded date: the review of inactive watches closed schemes (000_* 9.2)."""
    url = "/areas/derbyshire/community/?on=2023-03-31&format=json&table=watch-schemes-over-time"
    rows = {r["on"]: r for r in client_as("analyst").get(url).json()["rows"]}
    assert list(rows) == ["2022-03-31", "2023-03-31"]
    now, before = rows["2023-03-31"], rows["2022-03-31"]
    assert (now["schemes"], now["coordinators"], now["members_online"]) == (1015, 909, 3087)
    assert (now["group_north"], now["group_south"], now["group_city"]) == (615, 184, 216)
    assert before["schemes"] > now["schemes"] and now["change"] == now["schemes"] - before["schemes"]
    assert before["change"] is None
    early = client_as("analyst").get(url.replace("2023-03-31", "2022-12-31")).json()["rows"]
    assert [r["on"] for r in early] == ["2022-03-31"]


def test_an_area_without_category_counts_says_so(demo_community, client_as):
    url = "/areas/derbyshire/community/?from=2021-06&to=2021-07&format=json&table=messages-by-category-and-month"
    table = client_as("analyst").get(url).json()
    assert "no counts recorded" in table["caption"]
    assert all(row["total"] is None for row in table["rows"])
