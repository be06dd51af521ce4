"""Browser journeys for the neighbourhood apps and the public pages, each checked with axe."""

from __future__ import annotations

from datetime import date

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import assert_accessible, sign_in

pytestmark = pytest.mark.browser


def test_a_pcso_records_an_engagement_and_an_abstraction_and_the_inspector_sees_them(phone_page, page) -> None:  # noqa: ANN001
    sign_in(phone_page, "pcso.patel")
    phone_page.goto("/engagements/new/")
    phone_page.get_by_label("Start time").fill("00:05")  # today, so never in the future
    phone_page.get_by_label("How long (minutes)").fill("40")
    phone_page.get_by_label("Location").fill("Browser youth club")
    phone_page.get_by_label("School input").check()
    phone_page.get_by_label("Young people").check()
    phone_page.get_by_label("People reached").fill("25")
    phone_page.get_by_label("Issues raised").fill("Bikes on the recreation ground")
    assert_accessible(phone_page)
    phone_page.get_by_role("button", name="Save engagement").click()
    expect(phone_page.get_by_text("Engagement in Staveley recorded.")).to_be_visible()

    phone_page.goto("/abstractions/new/")
    phone_page.get_by_label("Start date").fill("2026-10-25")
    phone_page.get_by_label("Start time").fill("00:30")
    phone_page.get_by_label("End date").fill("2026-10-25")
    phone_page.get_by_label("End time").fill("03:30")
    phone_page.get_by_label("Response cover").check()
    phone_page.get_by_label("Authorised by").fill("Insp Clarke")
    phone_page.get_by_label("Their rank").select_option("inspector")
    assert_accessible(phone_page)
    phone_page.get_by_role("button", name="Save abstraction").click()
    # A policy breach is saved with a warning ("Important"), not a success banner.
    expect(phone_page.get_by_text("4 hours. It breaches the abstraction policy")).to_be_visible()
    assert phone_page.locator(".govuk-notification-banner--success").count() == 0
    assert phone_page.console_errors == [], phone_page.console_errors

    sign_in(page, "insp.clarke")
    page.goto(f"/areas/chesterfield/engagement/?from={date.today().isoformat()}")
    entries = page.get_by_role("table", name="Engagements recorded")
    expect(entries.get_by_text("Browser youth club")).to_be_visible()
    assert_accessible(page)
    page.goto("/areas/chesterfield/abstractions/?from=2026-10-01")
    breaches = page.get_by_role("table", name="Abstractions not authorised")
    expect(breaches.get_by_text("2026-10-25 00:30")).to_be_visible()
    assert_accessible(page)


def test_a_chief_inspector_sees_the_policy_breaches(page) -> None:  # noqa: ANN001
    sign_in(page, "chinsp.wright")
    page.goto("/areas/north-division/abstractions/")
    expect(page.get_by_role("heading", name="Policy breaches")).to_be_visible()
    breaches = page.get_by_role("table", name="Abstractions not authorised")
    assert breaches.get_by_role("row").count() > 1
    expect(page.get_by_role("table", name="Abstractions by month")).to_be_visible()
    assert_accessible(page)


def test_a_member_of_the_public_reads_their_area(page) -> None:  # noqa: ANN001
    page.goto("/your-area/")
    assert_accessible(page)
    page.get_by_label("Town, village, neighbourhood or street").fill("Staveley")
    page.get_by_role("button", name="Search").click()
    page.get_by_role("link", name="Staveley", exact=True).click()
    expect(page.get_by_role("heading", name="Staveley", level=1)).to_be_visible()
    expect(page.get_by_text("Your named officer")).to_be_visible()
    expect(page.get_by_role("heading", name="What we are working on")).to_be_visible()
    expect(page.get_by_role("table", name="Crime and anti-social behaviour in Staveley")).to_be_visible()
    expect(page.get_by_role("link", name="Sign up for community alerts")).to_be_visible()
    assert_accessible(page)
    assert page.console_errors == [], page.console_errors
