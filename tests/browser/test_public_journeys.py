"""The public's journey: the landing page at the site root, a postcode search, the neighbourhood page and
how its figures are protected; axe finds nothing wrong on any of them."""

from __future__ import annotations

import pytest

from tests.browser.helpers import assert_accessible

pytestmark = pytest.mark.browser


def test_a_resident_finds_their_team_by_postcode(page) -> None:  # noqa: ANN001
    page.goto("/")
    assert_accessible(page)
    # By district: the demo's LSOAs are assigned to teams by code order, not place, so a sector's
    # neighbourhoods need not be the town the district is named for (docs/data-sources.md).
    page.get_by_label("Find your area").fill("S43")
    page.get_by_role("button", name="Search").click()
    assert_accessible(page)
    page.get_by_role("link", name="Staveley").first.click()
    assert page.url.endswith("/your-area/derbyshire/staveley/")
    assert_accessible(page)
    page.get_by_role("link", name="How we protect these figures").click()
    assert_accessible(page)
