"""Browser journey for public scrutiny: a question from the public to its published answer, checked with axe."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import assert_accessible, sign_in

pytestmark = pytest.mark.browser

QUESTION = "How many speed checks were carried out near schools in Bolsover this year?"


def _signed_in(browser, base_url: str, username: str):  # noqa: ANN001, ANN202 - Playwright objects
    page = browser.new_context(base_url=base_url).new_page()
    sign_in(page, username)
    return page


def _open_question(page) -> None:  # noqa: ANN001
    page.goto("/scrutiny/manage/")
    page.get_by_role("table", name="Questions in progress").get_by_role("link", name=QUESTION).click()


def test_a_public_question_is_accepted_answered_and_published(page, browser, base_url: str) -> None:  # noqa: ANN001
    page.goto("/scrutiny/")
    expect(page.get_by_role("table", name="Performance Scrutiny Meetings").get_by_text("21 March 2023")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Ask a question for Road safety").click()
    page.get_by_label("Your name").fill("Pat Browser")
    page.get_by_label("Email address").fill("pat@example.invalid")
    page.get_by_label("Where you live").select_option("Bolsover")
    page.get_by_label("Vehicle related").check()
    page.get_by_label("Your question").fill(QUESTION)
    assert_accessible(page)
    page.get_by_role("button", name="Send question").click()
    expect(page.get_by_role("heading", name="Question sent")).to_be_visible()
    assert_accessible(page)

    officer = _signed_in(browser, base_url, "scrutiny.shah")
    _open_question(officer)
    expect(officer.get_by_text("Pat Browser, pat@example.invalid")).to_be_visible()
    assert_accessible(officer)
    officer.get_by_label("Accept and send to the force").check()
    officer.get_by_role("button", name="Save decision").click()
    expect(officer.get_by_text("Question accepted and sent to the force")).to_be_visible()

    force = _signed_in(browser, base_url, "analyst.li")
    _open_question(force)
    assert not force.get_by_text("Pat Browser").count()  # the force never sees who asked
    force.get_by_label("The force's answer").fill("Officers held weekly speed checks outside every school.")
    assert_accessible(force)
    force.get_by_role("button", name="Save answer").click()
    expect(force.get_by_text("Answer saved for approval")).to_be_visible()

    _open_question(officer)
    officer.get_by_role("button", name="Approve answer").click()
    officer.goto("/scrutiny/manage/")
    officer.get_by_role("button", name="Publish approved answers for Road safety").click()
    expect(officer.get_by_text("1 question published with the meeting")).to_be_visible()

    page.goto(officer.url)  # the meeting page, as the public sees it
    questions = page.get_by_role("table", name="Public questions and the force's responses, Road safety")
    expect(questions.get_by_text(QUESTION)).to_be_visible()
    expect(questions.get_by_text("Resident from Bolsover")).to_be_visible()
    expect(questions.get_by_text("Officers held weekly speed checks outside every school.")).to_be_visible()
    assert not page.get_by_text("Pat Browser").count()
    assert_accessible(page)
    assert page.console_errors == [], page.console_errors


def test_the_trail_from_a_meeting_to_its_paper_and_measures_is_accessible(page) -> None:  # noqa: ANN001
    page.goto("/scrutiny/")
    page.get_by_role("link", name="Neighbourhood crime and anti-social behaviour").first.click()
    expect(page.get_by_role("link", name="Word (DOCX)").first).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Read it on this page (HTML)").first.click()
    expect(page.get_by_role("table", name="ASB incidents by type, Derbyshire Constabulary")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="ASB incidents in the rolling 12 months: live values and how it is counted").click()
    expect(page.get_by_role("img", name="ASB incidents in the rolling 12 months")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Back to priority 2").click()
    expect(
        page.get_by_role("heading", name="Priority 2: Neighbourhood crime and anti-social behaviour")
    ).to_be_visible()
    assert_accessible(page)
    page.goto("/scrutiny/compare/?first=2021-05&second=2022-12")
    expect(page.get_by_role("table", name="Measures compared between two months")).to_be_visible()
    assert_accessible(page)


def test_the_workspace_pages_are_accessible(browser, base_url: str) -> None:  # noqa: ANN001
    officer = _signed_in(browser, base_url, "scrutiny.shah")
    officer.goto("/scrutiny/manage/")
    expect(officer.get_by_role("table", name="Papers")).to_be_visible()
    assert_accessible(officer)
    officer.get_by_role("table", name="Papers").get_by_role("link").first.click()
    expect(officer.get_by_role("heading", level=1)).to_be_visible()
    assert_accessible(officer)
    for path in ("/scrutiny/manage/meetings/new/", "/scrutiny/manage/measures/new/"):
        officer.goto(path)
        assert_accessible(officer)
    force = _signed_in(browser, base_url, "analyst.li")
    force.goto("/scrutiny/manage/")
    force.get_by_role("link", name="Start a paper for Road safety").click()
    force.get_by_label("Title").fill("Road safety report")
    force.get_by_label("Data to (month)").fill("2023-03")
    force.get_by_role("button", name="Start the paper").click()
    force.get_by_label("Heading").fill("Overview")
    force.get_by_role("button", name="Add section 1").click()
    force.get_by_label("Paragraph").fill("<p>Collisions fell.</p>")
    force.get_by_label("Table or measure to insert (optional)").select_option("crime:summary")
    assert_accessible(force)
    force.get_by_role("button", name="Add paragraph").click()
    expect(force.get_by_text("Paragraph 1.1 added")).to_be_visible()
