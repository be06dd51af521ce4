"""Each role signs in, walks its main pages, and axe finds nothing wrong on any of them."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import assert_accessible, sign_in

pytestmark = pytest.mark.browser

# Each persona's main pages: their home area and what their role's navigation offers.
JOURNEYS = {
    "pcso.patel": [
        "/",
        "/areas/",
        "/areas/staveley/",
        "/areas/staveley/officers/",
        "/areas/staveley/crime/",
        "/account/",
    ],
    "pc.jones": ["/", "/areas/staveley-snt/", "/areas/staveley-snt/lsoas/"],
    "ps.okafor": ["/", "/areas/staveley-snt/", "/areas/staveley-snt/officers/"],
    "insp.clarke": [
        "/",
        "/areas/chesterfield/",
        "/areas/chesterfield/crime/",
        "/areas/chesterfield/hotspots/",
        "/areas/chesterfield/hotspots/designate/",
        "/areas/chesterfield/tasking/",
        "/audit/",
    ],
    "chinsp.wright": ["/", "/areas/north-division/", "/audit/"],
    "analyst.li": [
        "/",
        "/areas/derbyshire/",
        "/areas/derbyshire/lsoas/",
        "/areas/derbyshire/crime/?to=2022-12",
        "/data/imports/",
    ],
    "scrutiny.shah": ["/", "/areas/derbyshire/", "/areas/derbyshire/crime/"],
    "partner.evans": ["/", "/areas/chesterfield/"],
    "admin.moss": ["/", "/users/", "/audit/"],
    "hr.begum": ["/", "/areas/derbyshire/workforce/", "/areas/derbyshire/people/"],
}


def test_the_sign_in_page_is_accessible(page) -> None:
    page.goto("/sign-in/")
    assert_accessible(page)


def test_a_failed_sign_in_shows_an_accessible_error(page) -> None:
    page.goto("/sign-in/")
    page.get_by_label("Username").fill("insp.clarke")
    page.get_by_label("Password").fill("not the password")
    page.get_by_role("button", name="Sign in").click()
    page.get_by_text("Enter a correct username and password").wait_for()  # is_visible() does not wait
    expect(page.get_by_text("Enter a correct username and password")).to_be_visible()
    assert page.title().startswith("Error:")
    assert_accessible(page)


@pytest.mark.parametrize("username", list(JOURNEYS))
def test_each_role_walks_its_main_pages(page, username: str) -> None:
    sign_in(page, username)
    for path in JOURNEYS[username]:
        response = page.goto(path)
        assert response.status == 200, f"{username} got {response.status} at {path}"
        assert page.locator("h1").count() == 1
        assert_accessible(page)
    assert page.console_errors == [], page.console_errors  # no CSP violations or script errors


def test_an_officer_on_a_phone_finds_their_named_officer(phone_page) -> None:
    sign_in(phone_page, "pcso.patel")
    phone_page.get_by_role("link", name="Staveley").first.click()
    expect(phone_page.get_by_text("Named officer")).to_be_visible()
    assert_accessible(phone_page)


def test_signing_out_returns_to_sign_in(page) -> None:
    sign_in(page, "insp.clarke")
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_text("You have signed out")).to_be_visible()
    assert page.goto("/areas/").url.endswith("/sign-in/?next=/areas/")


def test_an_analyst_uploads_a_police_uk_file_and_watches_it_import(page, tmp_path) -> None:  # noqa: ANN001
    from beatbook.crime.tests.conftest import SAMPLE

    upload = tmp_path / "2018-07-derbyshire-street.csv"
    upload.write_bytes(SAMPLE.read_bytes())
    sign_in(page, "analyst.li")
    page.goto("/data/imports/")
    page.get_by_label("File to import").set_input_files(str(upload))
    page.get_by_role("button", name="Upload and import").click()
    page.get_by_role("heading", name="Imported").wait_for(timeout=30_000)  # the page refreshes until done
    expect(page.get_by_text("300", exact=True).first).to_be_visible()
    assert_accessible(page)


def test_the_crime_page_reproduces_the_seed_table_shape(page) -> None:  # noqa: ANN001
    sign_in(page, "analyst.li")
    page.goto("/areas/derbyshire/crime/?to=2022-12")
    table = page.get_by_role("table", name="ASB incidents by type, Derbyshire Constabulary")
    headers = table.get_by_role("columnheader").all_inner_texts()
    assert headers[:6] == ["ASB incidents by type", "2018/19", "2019/20", "2020/21", "2021/22", "12 months to Dec 2022"]
    rows = table.get_by_role("rowheader").all_inner_texts()
    # (A police.uk file uploaded by another test adds a "type not recorded" row; the NSIR rows lead.)
    assert rows[:3] == ["Environmental", "Nuisance", "Personal"] and rows[-1] == "Total"
    expect(page.get_by_role("img", name="Crimes and ASB incidents by month")).to_be_visible()


def test_the_hotspot_map_draws_cells(page) -> None:  # noqa: ANN001
    sign_in(page, "insp.clarke")
    page.goto("/areas/chesterfield/hotspots/")
    page.locator("#hotspot-map.app-map--active path.leaflet-interactive").first.wait_for(timeout=10_000)
    assert page.locator("#hotspot-map path.leaflet-interactive").count() > 10
    assert_accessible(page)
    assert page.console_errors == [], page.console_errors


def test_a_pcso_logs_a_patrol_on_a_phone(phone_page) -> None:  # noqa: ANN001
    sign_in(phone_page, "pcso.patel")
    phone_page.goto("/areas/staveley/hotspots/")
    phone_page.get_by_role("link", name="Staveley Market Place").click()
    # An ended designation's button names its last day ("Log a visit made by …, when its designation ended").
    phone_page.get_by_role("button", name=re.compile(r"^Log a (patrol )?visit")).click()
    phone_page.get_by_label("Date").fill("2023-03-30")
    phone_page.get_by_label("Start time").fill("18:00")
    phone_page.get_by_label("End time").fill("18:12")
    phone_page.get_by_label("People engaged with").fill("4")
    phone_page.get_by_label("Dispersal direction (s35)").check()
    assert_accessible(phone_page)
    phone_page.get_by_role("button", name="Save visit").click()
    expect(phone_page.get_by_text("Patrol visit to Staveley Market Place logged")).to_be_visible()
    assert_accessible(phone_page)


def test_an_inspector_draws_a_hotspot_outline_on_the_map(page) -> None:  # noqa: ANN001
    sign_in(page, "insp.clarke")
    page.goto("/areas/chesterfield/hotspots/designate/")
    map_element = page.locator("#hotspot-map.app-map--active")
    page.locator("#hotspot-map path.leaflet-interactive").last.wait_for(timeout=10_000)  # the cells drawn
    map_element.scroll_into_view_if_needed()
    box = map_element.bounding_box()
    for dx, dy in [(0.45, 0.45), (0.55, 0.45), (0.55, 0.55), (0.45, 0.55)]:
        page.mouse.click(box["x"] + box["width"] * dx, box["y"] + box["height"] * dy)
    outline = page.get_by_label("Or its outline").input_value().splitlines()
    assert len(outline) == 4 and all(len(line.split(",")) == 2 for line in outline)
    assert_accessible(page)
    page.get_by_label("Name").fill("Drawn in the browser")
    page.get_by_label("Patrols start on").fill("2023-01-02")
    page.get_by_label("Weekly patrol target (minutes)").fill("60")
    page.get_by_role("button", name="Designate").click()
    expect(page.get_by_role("heading", name="Drawn in the browser")).to_be_visible()
    expect(page.get_by_text("Drawn outline:")).to_be_visible()
    page.locator("#hotspot-map path.leaflet-interactive").first.wait_for(timeout=10_000)
    assert page.console_errors == [], page.console_errors
