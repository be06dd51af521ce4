"""Issue 11 item 3 and issue 17 item 8: the public search finds neighbourhoods by postcode district or
sector, street or place, only from public names, from an index, and is rate-limited; the site root is a
public landing page."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client

from beatbook.areas.models import Area, Lsoa
from beatbook.crime.models import Incident, Kind, Source
from beatbook.public import places
from beatbook.public.models import PlaceName

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_rate_limit():  # noqa: ANN202
    cache.clear()
    yield
    cache.clear()


def _names(client: Client, query: str) -> str:
    return client.get("/your-area/", {"q": query}).content.decode()


def test_a_postcode_district_or_sector_finds_the_neighbourhood(client: Client) -> None:
    for query in ("S43", "s43", "S43 3", "S433", "S43 3AB"):
        page = _names(client, query)
        assert 'href="/your-area/derbyshire/staveley/"' in page, query
    assert "these are the neighbourhoods in S43" in _names(client, "S43 3")
    assert "these are the neighbourhoods in" not in _names(client, "S43")
    assert 'href="/your-area/derbyshire/matlock/"' in _names(client, "DE4")
    assert "No neighbourhoods found" in _names(client, "ZZ9 9")


def test_a_street_is_found_as_police_uk_publishes_it_never_from_a_force_export(client: Client) -> None:
    force = Area.objects.get(code="derbyshire")
    lsoa = Lsoa.objects.filter(neighbourhood__code="staveley").first()
    common = {"force": force, "kind": Kind.CRIME, "month": date(2023, 1, 1), "category": "burglary", "lsoa": lsoa}
    Incident.objects.create(source=Source.POLICE_UK, location="On or near Chesterfield Road", fingerprint="a", **common)
    Incident.objects.create(source=Source.FORCE_EXPORT, location="14 Quietmews Close", fingerprint="b", **common)
    places.do_refresh_place_names(force)
    assert 'href="/your-area/derbyshire/staveley/"' in _names(client, "Chesterfield Road")
    assert "No neighbourhoods found" in _names(client, "Quietmews")
    assert not PlaceName.objects.filter(key__contains="quietmews").exists()


def test_the_search_reads_an_index() -> None:
    plan = PlaceName.objects.filter(key__gte="stave", key__lt="stave\uffff").explain()
    if connection.vendor == "sqlite":
        assert "USING INDEX" in plan or "USING COVERING INDEX" in plan
    else:
        assert "Index" in plan or "Bitmap" in plan or "Seq Scan" in plan  # a tiny table may be scanned


def test_searches_are_rate_limited_per_client(client: Client, settings) -> None:  # noqa: ANN001
    settings.PUBLIC_SEARCH_RATE = (3, 60)
    for _ in range(3):
        assert client.get("/your-area/", {"q": "Staveley"}).status_code == 200
    limited = client.get("/your-area/", {"q": "Staveley"})
    assert limited.status_code == 429 and int(limited["Retry-After"]) > 0
    assert "Too many searches" in limited.content.decode() and "Try again in" in limited.content.decode()
    other = Client(REMOTE_ADDR="192.0.2.7")
    assert other.get("/your-area/", {"q": "Staveley"}).status_code == 200  # another address is not held up
    assert client.get("/your-area/").status_code == 200  # the empty form is not a search


def test_the_site_root_is_a_public_landing_page(client: Client, client_as) -> None:  # noqa: ANN001
    page = client.get("/")
    text = page.content.decode()
    assert page.status_code == 200 and "Find your area" in text and 'action="/your-area/"' in text
    assert 'href="/sign-in/"' in text
    signed_in = client_as("inspector").get("/").content.decode()
    assert "Your areas" in signed_in and "Find your area" not in signed_in


def test_the_search_table_is_rebuilt_by_a_command(client: Client) -> None:
    from io import StringIO

    from django.core.management import call_command

    PlaceName.objects.all().delete()
    assert "No neighbourhoods found" in _names(client, "Staveley")
    out = StringIO()
    call_command("refresh_public_places", stdout=out)
    assert "Derbyshire Constabulary: " in out.getvalue()
    assert 'href="/your-area/derbyshire/staveley/"' in _names(client, "Staveley")
