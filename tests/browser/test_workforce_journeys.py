"""Browser journey for the workforce: an HR administrator adds a PCSO, names her for a neighbourhood, the
public "your area" page shows her; she leaves, is gone from it and is counted as a leaver. axe on each page."""

from __future__ import annotations

from datetime import date

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import assert_accessible, sign_in

pytestmark = pytest.mark.browser


def test_hr_adds_names_and_records_the_leaving_of_a_pcso(page) -> None:  # noqa: ANN001
    sign_in(page, "hr.begum")
    page.goto("/areas/staveley-snt/people/new/")
    page.get_by_label("Role (and rank for police officers)").select_option(label="PCSO")
    page.get_by_label("First name").fill("Mabel")
    page.get_by_label("Last name").fill("Quinn")
    page.get_by_label("Collar number").fill("7788")
    page.get_by_label("Staff number").fill("BROWSER-1")
    page.get_by_label("Start date").fill("2024-01-08")
    page.get_by_label("Sex").select_option(label="Female")
    assert_accessible(page)
    page.get_by_role("button", name="Add person").click()
    expect(page.get_by_role("heading", name="Mabel Quinn")).to_be_visible()
    assert_accessible(page)

    page.goto("/areas/staveley-snt/people/")
    assert_accessible(page)
    page.get_by_role("link", name="Named officer for Staveley", exact=True).click()
    page.get_by_label("Named officer").select_option(label="PCSO Mabel Quinn")
    assert_accessible(page)
    page.get_by_role("button", name="Save named officer").click()
    expect(page.get_by_text("PCSO Mabel Quinn is the named officer for Staveley.")).to_be_visible()

    page.goto("/your-area/derbyshire/staveley/")
    team = page.get_by_role("listitem").filter(has_text="Mabel Quinn")
    expect(team.get_by_text("Your named officer")).to_be_visible()
    assert_accessible(page)

    page.goto("/areas/staveley-snt/people/")
    page.get_by_role("link", name="Mabel Quinn").click()
    page.get_by_role("button", name="Record leaving").click()
    page.get_by_label("Resignation").check()
    assert_accessible(page)
    page.get_by_role("button", name="Record leaving").click()
    expect(page.get_by_text("Mabel Quinn's leaving is recorded.")).to_be_visible()

    page.goto("/your-area/derbyshire/staveley/")
    assert page.get_by_text("Mabel Quinn").count() == 0
    assert_accessible(page)

    page.goto("/areas/staveley-snt/workforce/")
    expect(page.get_by_role("table", name="Joiners and leavers in Staveley SNT", exact=False)).to_be_visible()
    assert_accessible(page)
    month = page.request.get("/areas/staveley-snt/workforce/?format=json&table=joiners-and-leavers").json()["rows"][-1]
    assert month["month"] == f"{date.today():%Y-%m}"
    assert month["pcsos_leavers"] == 1
    assert page.console_errors == [], page.console_errors


WORKFORCE_PAGES = [
    "/areas/derbyshire/workforce/?on=2023-08-31",
    "/areas/derbyshire/workforce/citizens/?on=2023-07-31",
    "/areas/derbyshire/workforce/skills/?on=2023-09-30",
    "/areas/derbyshire/workforce/home-office/?on=2023-09-30",
    "/areas/derbyshire/workforce/establishment/",
    "/areas/derbyshire/workforce/configuration/",
    "/areas/derbyshire/workforce/import/",
    "/areas/staveley-snt/team-contact/",
]


def test_the_workforce_pages_are_accessible(page) -> None:  # noqa: ANN001
    sign_in(page, "hr.begum")
    for url in WORKFORCE_PAGES:
        page.goto(url)
        assert_accessible(page)
    page.goto("/areas/derbyshire/workforce/?on=2023-08-31")
    strength = page.get_by_role("table", name="Strength against establishment in Derbyshire", exact=False)
    expect(strength.get_by_role("row").filter(has_text="Police officers").get_by_text("2,144")).to_be_visible()
    assert page.console_errors == [], page.console_errors
