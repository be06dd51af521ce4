"""Cached page fragments (beatbook.web.fragments): never shared between viewers who may see different things,
never outliving an import; and the fast number formatting of tables (beatbook.web.table_html)."""

from __future__ import annotations

import random
from decimal import Decimal

import pytest
from django.contrib.humanize.templatetags.humanize import intcomma
from django.core.cache import cache
from django.core.cache.utils import make_template_fragment_key
from django.template.base import render_value_in_context
from django.template.context import Context
from django.utils.html import conditional_escape

from beatbook.accounts import access
from beatbook.areas.models import Area
from beatbook.counts.refresh import refresh_counts
from beatbook.web.table_html import _plain, grouped

PAGE = "/areas/staveley/crime/"


def _poison(response, text: str) -> None:  # noqa: ANN001 - a test client response
    """Replace the cached fragment the response's page was rendered with by `text`."""
    key = make_template_fragment_key("crime-area", [response.context["fragment"].key])
    assert cache.get(key) is not None, "the page should have cached its fragment"
    cache.set(key, text)


def test_a_cached_fragment_is_served_to_the_same_kind_of_viewer(client_as) -> None:  # noqa: ANN001
    first = client_as("pcso").get(PAGE)
    assert first.status_code == 200
    assert first.context["fragment"].html is None  # rendered, then cached
    _poison(first, "FROM-THE-CACHE")
    again = client_as("pcso").get(PAGE)
    assert "FROM-THE-CACHE" in again.content.decode()


def test_viewers_with_different_access_never_share_a_fragment(client_as, personas) -> None:  # noqa: ANN001
    staveley = Area.objects.get(code="staveley")
    analyst, pcso = personas["analyst"], personas["pcso"]
    assert access.content_signature(analyst, staveley) != access.content_signature(pcso, staveley)
    seen_by_analyst = client_as("analyst").get(PAGE)
    _poison(seen_by_analyst, "ANALYST-ONLY")
    seen_by_pcso = client_as("pcso").get(PAGE)
    assert seen_by_pcso.status_code == 200
    assert seen_by_pcso.context["fragment"].key != seen_by_analyst.context["fragment"].key
    assert "ANALYST-ONLY" not in seen_by_pcso.content.decode()
    assert "Crime and anti-social behaviour in Staveley" in seen_by_pcso.content.decode()
    assert "ANALYST-ONLY" in client_as("analyst").get(PAGE).content.decode()


def test_a_different_query_is_a_different_fragment(client_as) -> None:  # noqa: ANN001
    plain = client_as("pcso").get(PAGE)
    _poison(plain, "DEFAULT-PERIOD")
    other = client_as("pcso").get(PAGE + "?to=2022-12")
    assert "DEFAULT-PERIOD" not in other.content.decode()


def test_an_import_retires_every_cached_fragment(client_as) -> None:  # noqa: ANN001
    before = client_as("pcso").get(PAGE)
    _poison(before, "BEFORE-THE-IMPORT")
    refresh_counts(Area.objects.get(code="derbyshire"))  # what every import ends with: a new data version
    after = client_as("pcso").get(PAGE)
    assert after.context["fragment"].key != before.context["fragment"].key
    assert after.context["fragment"].html is None
    assert "BEFORE-THE-IMPORT" not in after.content.decode()


def test_the_signed_out_signature_is_public() -> None:
    from django.contrib.auth.models import AnonymousUser

    assert access.content_signature(AnonymousUser(), None) == "public"


VALUES = [0, 1, -1, 999, 1000, -1000, 12_345_678, 10**20, True, 0.0, 1.5, -1234.5, 1234567.891, 1e16, 1e-7]
VALUES += [float("nan"), float("inf"), Decimal("1234.50"), "12a", "<b>", None, 3.0]


@pytest.mark.parametrize("seed", [1, 2])
def test_table_numbers_are_written_as_intcomma_and_the_template_language_write_them(seed: int) -> None:
    rng = random.Random(seed)
    values = VALUES + [rng.randint(-(10**9), 10**9) for _ in range(500)]
    values += [round(rng.uniform(-1e7, 1e7), rng.randint(0, 6)) for _ in range(500)]
    values += [rng.uniform(-1, 1) * 10 ** rng.randint(-10, 18) for _ in range(500)]
    context = Context(autoescape=True)
    for value in values:
        assert grouped(value) == conditional_escape(intcomma(value)), value
        assert _plain(value, context) == render_value_in_context(value, context), value


def test_the_hotspot_page_caches_its_cells_per_kind_of_viewer_and_keeps_patrols_live(client_as) -> None:  # noqa: ANN001
    page = "/areas/staveley/hotspots/"
    designator = client_as("inspector").get(page)
    assert designator.status_code == 200
    key = make_template_fragment_key("hotspot-cells", [designator.context["fragment"].key])
    assert cache.get(key) is not None
    cache.set(key, "INSPECTOR-CELLS")
    seen_by_pcso = client_as("pcso").get(page).content.decode()
    assert "INSPECTOR-CELLS" not in seen_by_pcso  # a PCSO cannot designate: a different fragment
    again = client_as("inspector").get(page).content.decode()
    assert "INSPECTOR-CELLS" in again
    assert "Designated hotspots in Staveley" in again  # patrol dosage is outside the fragment: always fresh
