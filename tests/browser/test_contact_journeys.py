"""Browser journeys for call handling and community pages, each page checked with axe."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import assert_accessible, sign_in

pytestmark = pytest.mark.browser


def test_a_scrutiny_member_reads_999_and_101_call_handling(page) -> None:  # noqa: ANN001
    sign_in(page, "scrutiny.shah")
    page.goto("/areas/derbyshire/")
    page.get_by_role("link", name="999 and 101 call handling").click()
    page.get_by_label("Line", exact=True).select_option("101")
    page.get_by_label("From month").fill("2021-11")
    page.get_by_label("To month").fill("2022-12")
    page.get_by_role("button", name="Show").click()
    expect(page.get_by_text(re.compile("Gaps in the data: November 2022"))).to_be_visible()
    expect(page.get_by_role("table", name="Calls and waits by month")).to_be_visible()
    assert_accessible(page)
    assert page.console_errors == [], page.console_errors


def test_an_analyst_reads_watch_schemes_on_a_phone(phone_page) -> None:  # noqa: ANN001
    sign_in(phone_page, "analyst.li")
    phone_page.goto("/areas/derbyshire/community/?on=2023-03-31&from=2021-12&to=2022-12")
    table = phone_page.get_by_role("table", name="Watch schemes by area on 31 March 2023")
    expect(table.get_by_text("North total")).to_be_visible()
    assert_accessible(phone_page)
    phone_page.goto("/contact/imports/")
    assert_accessible(phone_page)
