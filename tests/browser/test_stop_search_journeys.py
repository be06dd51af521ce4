"""Browser journey for stop and search (issue 16): an analyst reads the force's figures for a chosen year and
downloads one table; the scrutiny officer logs the month's external panel. Each page checked with axe."""

from __future__ import annotations

import csv
import io
import re
from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import assert_accessible, sign_in

pytestmark = pytest.mark.browser

BY_OBJECT = "Stop and search by object of search, Derbyshire"


def test_an_analyst_reads_stop_and_search_and_the_panel_is_logged(page, browser, base_url: str) -> None:  # noqa: ANN001
    sign_in(page, "analyst.li")
    page.goto("/areas/derbyshire/stop-and-search/")
    expect(page.get_by_role("heading", name="Stop and search in Derbyshire")).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Years ending (month)").fill("2023-08")
    page.get_by_label("Number of years").fill("5")
    page.get_by_role("button", name="Show").click()
    page.wait_for_url(re.compile(r"year_ending=2023-08"))
    by_object = page.get_by_role("table", name=BY_OBJECT)
    headers = by_object.get_by_role("columnheader").all_inner_texts()
    assert headers[1:] == [f"Year ending Aug {year}" for year in range(2023, 2018, -1)]  # newest first, as 6.21
    drugs = by_object.get_by_role("row", name=re.compile(r"^Drugs"))
    assert drugs.get_by_role("cell").first.inner_text() == "1,209"  # 002_* 6.21, year ending August 2023
    disparity = page.get_by_role("table", name=re.compile(r"Searches per 1,000 people by ethnic group, Derbyshire"))
    expect(disparity.get_by_role("row", name=re.compile(r"^White"))).to_be_visible()
    expect(page.get_by_text("Read with these caveats")).to_be_visible()
    expect(page.get_by_text(re.compile(r"resident population of the force area"))).to_be_visible()
    assert_accessible(page)

    with page.expect_download() as download:
        page.get_by_role("link", name=f"CSV of {BY_OBJECT}").click()
    rows = list(csv.reader(io.StringIO(open(download.value.path(), encoding="utf-8-sig").read())))  # noqa: PTH123
    assert rows[0][1] == "2023-08"  # the CSV heads columns with their keys
    assert next(row for row in rows if row[0] == "Drugs")[1] == "1209"

    page.get_by_role("link", name="Scrutiny panel log").click()
    expect(page.get_by_role("heading", name="Stop and search scrutiny panels")).to_be_visible()
    assert not page.get_by_role("heading", name="Log a panel").count()  # analysts read the log only
    assert_accessible(page)

    officer = browser.new_context(base_url=base_url).new_page()
    sign_in(officer, "scrutiny.shah")
    officer.goto("/areas/derbyshire/stop-and-search/scrutiny-panels/")
    # The demo logs a panel each month to the month before it was loaded: yesterday's is the newest.
    held_on = (date.today() - timedelta(days=1)).isoformat()
    officer.get_by_label("Held on", exact=True).fill(held_on)
    officer.get_by_label("Panel", exact=True).fill("External scrutiny panel (IAG and OPCC)")
    officer.get_by_label("Searches reviewed", exact=True).fill("SS-2309-001\nSS-2309-002\nSS-2309-003")
    officer.get_by_label("Body-worn videos reviewed", exact=True).fill("3")
    officer.get_by_label("Findings", exact=True).fill("Grounds recorded well in all three.")
    officer.get_by_label("Actions", exact=True).fill("None.")
    assert_accessible(officer)
    officer.get_by_role("button", name="Save").click()
    expect(officer.get_by_text("Panel logged.")).to_be_visible()
    log = officer.get_by_role("table", name="Stop and search scrutiny panels, Derbyshire")
    newest = log.get_by_role("row").nth(1)
    assert newest.get_by_role("rowheader").inner_text() == held_on
    assert "SS-2309-001 SS-2309-002 SS-2309-003" in newest.inner_text()
    assert_accessible(officer)
