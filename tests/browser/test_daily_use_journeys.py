"""Daily use: maps readable with no basemap, a printed briefing, one tap to log a patrol, a form that
survives a lapsed session. Each page is checked with axe."""

from __future__ import annotations

import io

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import assert_accessible, sign_in

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(
    ("username", "code", "approximate"),
    [
        ("analyst.li", "derbyshire", False),
        ("insp.clarke", "chesterfield", False),
        ("analyst.li", "derbyshire-dales", True),
    ],
)
def test_force_and_lpu_hotspot_maps_show_outlines_and_a_legend_with_no_basemap(
    page, username, code, approximate
) -> None:  # noqa: ANN001
    sign_in(page, username)
    page.goto(f"/areas/{code}/hotspots/")
    legend = page.locator("#hotspot-map .app-map-legend:not(.app-map-legend--outlines)")
    legend.wait_for(timeout=15_000)
    assert "Gi*" in legend.inner_text()
    # The outline key: the demo's LPUs and Chesterfield's neighbourhoods are whole MSOAs; two MSOAs of the Dales
    # are shared by neighbourhoods, so their outlines are dotted and said to be approximate.
    key = page.locator("#hotspot-map .app-map-legend--outlines")
    key.wait_for(timeout=15_000)
    assert "Local authorities" in key.inner_text()
    assert ("Approximate outline" in key.inner_text()) == approximate
    page.locator("#hotspot-map .app-map-label").first.wait_for(timeout=15_000)
    assert _overlapping_labels(page) == []  # the force map's Derby and Chesterfield labels sat on one another
    assert page.locator("#hotspot-map .leaflet-tile").count() == 0  # no basemap
    # The reference outlines: the area's own, local authorities, and (for an LPU) its MSOAs.
    assert page.locator("#hotspot-map .leaflet-overlay-pane path:not(.leaflet-interactive)").count() >= 9
    expect(page.locator("#hotspot-map .leaflet-control-scale")).to_be_visible()
    assert page.get_by_label("Area outline").is_checked()
    assert_accessible(page)
    assert page.console_errors == [], page.console_errors


def _overlapping_labels(page) -> list[list[str]]:  # noqa: ANN001
    """Pairs of place labels drawn over one another on the map, once it has settled (it zooms to the area's
    outline and the cells as each arrives, animated)."""
    for _ in range(20):
        pairs = _overlapping_now(page)
        if not pairs:
            return []
        page.wait_for_timeout(250)
    return pairs


def _overlapping_now(page) -> list[list[str]]:  # noqa: ANN001
    return page.evaluate(
        """() => {
            const shown = [...document.querySelectorAll('#hotspot-map .app-map-label span')]
                .filter((span) => getComputedStyle(span).visibility !== 'hidden')
                .map((span) => [span.textContent, span.getBoundingClientRect()]);
            const pairs = [];
            shown.forEach(([a, r], i) => shown.slice(i + 1).forEach(([b, q]) => {
                if (r.left < q.right && r.right > q.left && r.top < q.bottom && r.bottom > q.top) pairs.push([a, b]);
            }));
            return pairs;
        }"""
    )


def test_a_printed_briefing_has_no_navigation(page) -> None:  # noqa: ANN001
    from pypdf import PdfReader

    sign_in(page, "pcso.patel")
    page.goto("/areas/staveley/tasking/")
    expect(page.get_by_role("navigation", name="Menu")).to_be_visible()
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(page.pdf(format="A4"))).pages)
    assert "Daily tasking briefing" in text and "Printed" in text and "Staveley" in text
    for absent in (
        "Record engagement",
        "Your account",
        "Sign out",
        "Download this table",
        "Briefing for",
        "/hotspots/",
    ):
        assert absent not in text, absent
    assert_accessible(page)


def test_a_pcso_logs_a_patrol_from_the_briefing_in_one_tap(phone_page) -> None:  # noqa: ANN001
    sign_in(phone_page, "pcso.patel")
    phone_page.goto("/areas/staveley/tasking/")
    assert_accessible(phone_page)
    phone_page.get_by_role("button", name="Log a patrol visit to Staveley town centre").click()
    phone_page.get_by_role("heading", name="Log a patrol visit").wait_for(timeout=10_000)
    phone_page.get_by_label("Start time").fill("00:05")  # today, so never in the future
    phone_page.get_by_label("End time").fill("00:17")
    phone_page.get_by_role("button", name="Save visit").click()
    phone_page.get_by_text("Patrol visit to Staveley town centre logged").wait_for(timeout=10_000)
    assert_accessible(phone_page)


def test_a_lapsed_session_keeps_a_half_filled_engagement(phone_page) -> None:  # noqa: ANN001
    sign_in(phone_page, "pcso.patel")
    phone_page.goto("/engagements/new/")
    phone_page.get_by_label("Location").fill("Lapsed session library")
    phone_page.get_by_label("Issues raised").fill("Parking by the school gates")
    # The session runs out while the officer types: its cookie is gone, the others stay.
    context = phone_page.context
    kept = [cookie for cookie in context.cookies() if "sessionid" not in cookie["name"]]
    context.clear_cookies()
    context.add_cookies(kept)
    phone_page.get_by_role("button", name="Save engagement").click()
    phone_page.wait_for_url("**/sign-in/**")
    phone_page.get_by_label("Username").fill("pcso.patel")
    phone_page.get_by_label("Password").fill("beatbook-demo-password")
    phone_page.get_by_role("button", name="Sign in").click()
    phone_page.wait_for_url("**/engagements/new/")
    phone_page.get_by_text("What you entered has been kept").wait_for(timeout=10_000)
    assert phone_page.get_by_label("Location").input_value() == "Lapsed session library"
    assert phone_page.get_by_label("Issues raised").input_value() == "Parking by the school gates"
    assert_accessible(phone_page)


def test_the_home_page_glossary_and_hotspot_map_are_accessible(page) -> None:  # noqa: ANN001
    sign_in(page, "insp.clarke")
    page.goto("/")
    expect(page.get_by_role("heading", name="What needs doing")).to_be_visible()
    assert_accessible(page)
    page.goto("/glossary/")
    expect(page.locator("#gi-star")).to_be_visible()
    assert_accessible(page)
    page.goto("/areas/staveley/hotspots/")
    page.get_by_role("link", name="Staveley town centre").first.click()
    page.locator("#hotspot-map.app-map--active path").first.wait_for(timeout=15_000)
    expect(page.locator("#hotspot-map .leaflet-control-scale")).to_be_visible()
    assert_accessible(page)
    assert page.console_errors == [], page.console_errors
