"""Browser journeys for problem solving and the ASB Case Review, each page checked with axe."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import assert_accessible, sign_in

pytestmark = pytest.mark.browser


def test_a_sergeant_drafts_a_plan_from_a_hotspot_on_a_phone_and_an_inspector_approves_it(phone_page, page) -> None:  # noqa: ANN001
    sign_in(phone_page, "ps.okafor")
    phone_page.goto("/areas/staveley/hotspots/?from=2022-10&to=2023-03")  # the seed papers' designation
    phone_page.get_by_role("link", name="Staveley Market Place").first.click()
    hotspot_uuid = re.search(r"/hotspots/([0-9a-f-]{36})/", phone_page.url).group(1)
    phone_page.goto(f"/problem-solving/plans/new/?hotspot={hotspot_uuid}")
    expect(phone_page.get_by_text("From the designated hotspot")).to_be_visible()
    phone_page.get_by_label("Title").fill("Browser: ASB at the market place")
    phone_page.get_by_label("Anti-social behaviour", exact=True).check()
    phone_page.get_by_label("Assess ASB incidents only").check()
    phone_page.get_by_label("Offender").fill("Groups of young people after school")
    assert_accessible(phone_page)
    phone_page.get_by_role("button", name="Save draft").click()
    expect(phone_page.get_by_text("Plan drafted. An inspector approves it.")).to_be_visible()
    expect(phone_page.get_by_role("table", name=re.compile("Incidents scanned"))).to_be_visible()
    assert_accessible(phone_page)
    plan_url = phone_page.url
    assert phone_page.console_errors == [], phone_page.console_errors

    sign_in(page, "insp.clarke")
    page.goto(plan_url)
    page.get_by_label("Approved on").fill("2022-10-03")
    page.get_by_role("button", name="Approve plan").click()
    expect(page.get_by_text("Plan approved: it is now active.")).to_be_visible()
    assessment = page.get_by_role("table", name=re.compile("ASB before"))
    expect(assessment.get_by_text("The plan's neighbourhoods")).to_be_visible()
    expect(assessment.get_by_text("Rest of Chesterfield (comparison)")).to_be_visible()
    assert_accessible(page)
    page.goto("/areas/chesterfield/problem-solving/?on=2023-03-31")
    expect(
        page.get_by_role("table", name="Problem-solving plans active on 31 March 2023, by area or unit")
    ).to_be_visible()
    assert_accessible(page)


def test_a_member_of_the_public_applies_for_a_case_review_and_gets_a_reference(page) -> None:  # noqa: ANN001
    page.goto("/case-review/derbyshire/apply/")
    assert_accessible(page)
    page.get_by_label("Which council area is it in?").select_option(label="High Peak")
    page.get_by_label("Your full name").fill("Browser Resident")
    page.get_by_label("Phone number or email address").fill("resident@example.invalid")
    page.get_by_label("What has been happening?").fill("Loud parties and threats from the flat below, since June.")
    page.get_by_role("button", name="Send application").click()
    reference = page.locator("#case-review-reference").inner_text()
    assert re.fullmatch(r"CR-[A-Z2-9]{8}", reference)
    assert_accessible(page)
    assert page.console_errors == [], page.console_errors


def test_the_asb_pages_are_accessible(page) -> None:  # noqa: ANN001
    sign_in(page, "analyst.li")
    page.goto("/areas/derbyshire/asb-powers/?from=2022-04&to=2023-03")
    assert page.get_by_role(
        "table", name="ASB tools and powers used, April 2022 to March 2023", exact=True
    ).is_visible()
    assert_accessible(page)
    page.goto("/areas/derbyshire/case-reviews/?year=2021-22")
    expect(page.get_by_role("table", name=re.compile("by local authority"))).to_be_visible()
    assert_accessible(page)


def test_an_inspector_records_a_tasking_meeting_from_the_briefing(page) -> None:  # noqa: ANN001
    sign_in(page, "insp.clarke")
    page.goto("/areas/chesterfield/tasking/")
    page.get_by_role("link", name="Tasking meetings, repeat victims and repeat locations").click()
    expect(page.get_by_role("table", name=re.compile("repeat victim"))).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Record a tasking meeting").click()
    page.get_by_label("Inspector (chair)").check()
    page.get_by_label("SNT sergeant").check()
    page.get_by_label("Action agreed", exact=True).fill("Extra patrols at the market place")
    page.get_by_label("Action owner").fill("Staveley SNT")
    page.get_by_label("Action due").fill("2026-12-07")
    assert_accessible(page)
    page.get_by_role("button", name="Save meeting").click()
    expect(page.get_by_text("Tasking meeting recorded.")).to_be_visible()
    expect(page.get_by_role("table", name="Tasking meetings").get_by_text(re.compile("Extra patrols"))).to_be_visible()
    page.goto("/areas/chesterfield/hotspot-programme/?since=2022-01-01")
    expect(page.get_by_role("table", name=re.compile("Hotspots designated since"))).to_be_visible()
    assert_accessible(page)


def test_an_analyst_reads_the_hotspot_programme_and_the_asb_rules_in_force(page) -> None:  # noqa: ANN001
    sign_in(page, "analyst.li")
    page.goto("/areas/derbyshire/hotspot-programme/?since=2023-07-01&to=2024-03-31")
    table = page.get_by_role("table", name=re.compile("Hotspots designated since 1 July 2023 to 31 March 2024"))
    expect(table.get_by_role("row", name=re.compile("All hotspots"))).to_be_visible()
    assert_accessible(page)
    page.goto("/areas/derbyshire/asb-powers/")
    page.get_by_role("textbox", name="Rules in force on").fill("2026-07-01")
    page.get_by_role("button", name="Check").click()
    expect(page.get_by_role("table", name="ASB rules in force on 1 July 2026")).to_be_visible()
    assert_accessible(page)
    assert page.console_errors == [], page.console_errors


def test_an_administrator_changes_the_closure_codes_and_is_told_what_to_fix(page, phone_page) -> None:  # noqa: ANN001
    sign_in(page, "admin.moss")
    page.goto("/areas/derbyshire/problem-solving/")
    page.get_by_role("link", name="Closure codes for plans").click()
    table = page.get_by_role("table", name=re.compile("Closure codes for problem-solving plans"))
    assert table.is_visible() and table.get_by_role("row").count() > 1
    assert_accessible(page)
    in_use = page.get_by_label("Codes in use")
    before = in_use.input_value()

    in_use.fill(before + "\nBrowser Code = Closed in a browser test")  # not a slug: refused, nothing changed
    page.get_by_role("button", name="Save closure codes").click()
    summary = page.locator(".govuk-error-summary")
    assert summary.is_visible() and "use lower-case letters, digits and hyphens only" in summary.inner_text()
    assert_accessible(page)  # the error summary and the field keep to WCAG too

    page.get_by_label("Codes in use").fill(before + "\nbrowser-code = Closed in a browser test")
    page.get_by_role("button", name="Save closure codes").click()
    expect(page.get_by_text("Closure codes saved.")).to_be_visible()
    expect(table.get_by_role("row", name=re.compile("browser-code"))).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Codes in use").fill(before)  # no plan was closed with it, so it may be deleted
    page.get_by_role("button", name="Save closure codes").click()
    expect(page.get_by_text("Closure codes saved.")).to_be_visible()
    assert table.get_by_role("row", name=re.compile("browser-code")).count() == 0
    assert page.console_errors == [], page.console_errors

    sign_in(phone_page, "analyst.li")  # reads the force's plans, but cannot change the list nor find it
    phone_page.goto("/areas/derbyshire/problem-solving/")
    assert phone_page.get_by_role("link", name="Closure codes for plans").count() == 0
    assert phone_page.goto("/areas/derbyshire/problem-solving/closure-codes/").status == 403
