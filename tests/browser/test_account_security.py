"""Two-step verification and account management in a real browser, with axe on each page."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import _next_code, assert_accessible, sign_in

pytestmark = pytest.mark.browser


def test_an_administrator_enters_a_code_after_the_password(page) -> None:  # noqa: ANN001
    from beatbook.demo.build import DEMO_PASSWORD

    page.goto("/sign-in/")
    page.get_by_label("Username").fill("admin.moss")
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/sign-in/code/")
    assert_accessible(page)
    page.get_by_label("Code").fill("000000")
    page.get_by_role("button", name="Continue").click()
    assert page.title().startswith("Error:")
    assert_accessible(page)
    page.wait_for_timeout(2500)  # django-otp's back-off after a wrong code
    page.get_by_label("Code").fill(_next_code("admin.moss"))
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url("**/")
    for path in ("/users/", "/users/new/", "/account/"):
        assert page.goto(path).status == 200
        assert_accessible(page)


def test_an_officer_sets_up_two_step_verification(page) -> None:  # noqa: ANN001
    from base64 import b32decode

    from django_otp.oath import TOTP

    sign_in(page, "ps.okafor")
    page.goto("/account/")
    page.get_by_role("link", name="Set up two-step verification").click()
    assert_accessible(page)
    key = page.locator("#totp-key").inner_text().replace(" ", "")
    secret = b32decode(key + "=" * (-len(key) % 8))
    page.get_by_label("Code").fill(f"{TOTP(secret).token():06d}")
    page.get_by_role("button", name="Turn on two-step verification").click()
    assert page.locator("#recovery-codes li").count() == 10
    assert_accessible(page)
    # Turn it off again: later journeys sign the sergeant in with the password alone.
    page.goto("/account/")
    page.get_by_role("button", name="Turn off").click()
    sign_in(page, "ps.okafor")  # turning it off ends the session; the password alone signs in again
    page.goto("/account/")
    expect(page.get_by_role("link", name="Set up two-step verification")).to_be_visible()
