"""The public's journey: the landing page at the site root, a postcode search, the neighbourhood page and
how its figures are protected; axe finds nothing wrong on any of them."""

from __future__ import annotations

import pytest

from tests.browser.helpers import assert_accessible

pytestmark = pytest.mark.browser


def test_a_resident_finds_their_team_by_postcode(page) -> None:  # noqa: ANN001
    page.goto("/")
    assert_accessible(page)
    page.get_by_label("Find your area").fill("S43 3")
    page.get_by_role("button", name="Search").click()
    assert "these are the neighbourhoods in S43" in page.content()
    assert_accessible(page)
    page.get_by_role("link", name="Staveley").first.click()
    assert page.url.endswith("/your-area/derbyshire/staveley/")
    assert_accessible(page)
    page.get_by_role("link", name="How we protect these figures").click()
    assert_accessible(page)
