"""The API reference (/api/), reached from the footer: axe finds nothing wrong on a phone or a desktop, nothing
is wider than a 390px phone, and it reads the same without JavaScript."""

from __future__ import annotations

import pytest

from tests.browser.helpers import assert_accessible

pytestmark = pytest.mark.browser


def test_the_footer_leads_to_an_accessible_api_reference(page) -> None:  # noqa: ANN001
    page.goto("/")
    page.locator("footer").get_by_role("link", name="API").click()
    page.wait_for_url("**/api/")
    assert page.get_by_role("heading", level=1, name="Beatbook API").is_visible()
    for width in (390, 1280):
        page.set_viewport_size({"width": width, "height": 844})
        assert_accessible(page)
    assert page.console_errors == []


def test_nothing_on_it_is_wider_than_a_phone(browser, base_url: str) -> None:  # noqa: ANN001
    context = browser.new_context(base_url=base_url, viewport={"width": 390, "height": 844}, is_mobile=True)
    try:
        phone = context.new_page()
        phone.goto("/api/")
        assert phone.evaluate("document.documentElement.scrollWidth") <= 390
        wide = phone.evaluate(
            "[...document.querySelectorAll('main *')].filter(e => e.getBoundingClientRect().right > 390)"
            ".slice(0, 5).map(e => e.outerHTML.slice(0, 120))"
        )
        assert wide == []
    finally:
        context.close()


def test_it_reads_the_same_without_javascript(browser, base_url: str) -> None:  # noqa: ANN001
    context = browser.new_context(base_url=base_url, java_script_enabled=False)
    try:
        plain = context.new_page()
        plain.goto("/api/")
        assert plain.get_by_role("heading", level=2, name="Geography").is_visible()
        assert plain.get_by_role("heading", level=2, name="police.uk-compatible API (public)").is_visible()
    finally:
        context.close()
