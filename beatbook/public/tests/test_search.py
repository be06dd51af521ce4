"""Issue 11 item 3 and issue 17 item 8: the public search finds neighbourhoods by postcode district or
sector, street or place, only from public names, from an index, and is rate-limited; the site root is a
public landing page."""

from __future__ import annotations

import re
from datetime import date

import numpy as np
import pytest
import shapely
from django.core.cache import cache
from django.db import connection
from django.test import Client

from beatbook.areas.models import Area, Lsoa
from beatbook.crime.models import Incident, Kind, Source
from beatbook.hotspots.analysis import to_bng
from beatbook.maps.layers import Boundary
from beatbook.public import places
from beatbook.public.models import PlaceName
from beatbook.public.postcode_sectors import (
    Sector,
    build_sectors,
    read_code_point,
    read_sectors,
    sector_of,
    write_sectors,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_rate_limit():  # noqa: ANN202
    cache.clear()
    yield
    cache.clear()


def _names(client: Client, query: str) -> str:
    return client.get("/your-area/", {"q": query}).content.decode()


def test_a_postcode_district_or_sector_finds_the_neighbourhood(client: Client) -> None:
    for query in ("S43", "s43"):
        assert 'href="/your-area/derbyshire/staveley/"' in _names(client, query), query
    assert "looked it up by its district" not in _names(client, "S43")
    assert 'href="/your-area/derbyshire/matlock/"' in _names(client, "DE4")
    assert "No neighbourhoods found" in _names(client, "ZZ9 9")


def test_a_sector_finds_the_neighbourhoods_of_the_msoas_holding_most_of_its_postcodes(client: Client) -> None:
    sector = next(s for s in read_sectors() if s.sector == "S43 3")  # Staveley, in Code-Point Open
    assert sector.main_msoas() == ["E02004056", "E02004060"]  # Chesterfield 002 and 006; the two strays are edges
    expected = set(Area.objects.filter(lsoas__msoa_code__in=sector.main_msoas()).values_list("code", flat=True))
    for query in ("S43 3", "s433", "S43 3AB"):
        page = _names(client, query)
        found = set(re.findall(r'href="/your-area/derbyshire/([\w-]+)/"', page))
        assert found == expected, query
    assert "most of postcode sector S43 3" in _names(client, "S43 3")
    # The demo places whole MSOAs by location, so Staveley's own sector finds Staveley (and Inkersall beside it).
    assert expected == {"staveley", "hollingwood-inkersall-duckmanton"}
    assert "full postcodes up by their sector: these are the neighbourhoods in S43 3" in _names(client, "S43 3AB")
    # A sector the shipped data does not hold is looked up by its district, and the page says so.
    page = _names(client, "S43 7")
    assert "We do not hold postcode sector S43 7, so we looked it up by its district" in page
    assert 'href="/your-area/derbyshire/staveley/"' in page


def test_the_shipped_sectors_cover_every_hand_compiled_district() -> None:
    sectors = read_sectors()
    assert len(sectors) == 181 and sum(s.postcodes for s in sectors) == 26_339
    districts = {s.sector.split()[0] for s in sectors}
    assert set(places.postcode_districts()) <= districts  # the hand-compiled districts are all real ones here
    msoas = set(Lsoa.objects.filter(force__code="derbyshire").values_list("msoa_code", flat=True))
    assert all(set(s.msoas) <= msoas for s in sectors)


def test_sectors_are_built_from_code_point_open_and_msoa_outlines(tmp_path) -> None:  # noqa: ANN001
    square = shapely.box(-1.0, 54.0, -0.9, 54.1)
    x, y = to_bng(np.array([-0.95, -0.95, -0.5]), np.array([54.05, 54.02, 54.05]))
    rows = [("NT1 1AA", x[0], y[0]), ("NT11AB", x[1], y[1]), ("NT1 2AA", x[2], y[2]), ("NT1 3AA", 0, 0)]
    path = tmp_path / "nt.csv"
    path.write_text("".join(f"{p},10,{int(e)},{int(n)},E92000001,,,,,\n" for p, e, n in rows))
    sectors = build_sectors(read_code_point([path]), [Boundary("E02999999", "Northtown 001", square)])
    assert sectors == [Sector("NT1 1", {"E02999999": 2})]  # outside the MSOA and ungridded: left out
    write_sectors(sectors, tmp_path / "out.csv")
    assert read_sectors(tmp_path / "out.csv") == sectors
    (tmp_path / "bad.csv").write_text("sector,postcodes,msoas\nNT1 1,2,E02999999\n")
    with pytest.raises(ValueError, match="bad.csv line 2"):
        read_sectors(tmp_path / "bad.csv")
    with pytest.raises(ValueError, match="not a full postcode"):
        sector_of("NT1")


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


def test_a_force_police_uk_has_not_published_is_searched_by_its_public_on_or_near_names(client: Client) -> None:
    # As the police.uk API serves that force's incidents (public_points): only "On or near …" descriptions of
    # the last year, never other location text, and never once police.uk publishes the force.
    force = Area.objects.get(code="derbyshire")
    lsoa = Lsoa.objects.filter(neighbourhood__code="staveley").first()
    common = {"force": force, "kind": Kind.CRIME, "category": "burglary", "lsoa": lsoa, "source": Source.FORCE_EXPORT}
    Incident.objects.create(location="On or near Ringwood Road", month=date(2023, 1, 1), fingerprint="a", **common)
    Incident.objects.create(location="On or near Oldmill Lane", month=date(2021, 1, 1), fingerprint="b", **common)
    Incident.objects.create(location="14 Quietmews Close", month=date(2023, 1, 1), fingerprint="c", **common)
    places.do_refresh_place_names(force)
    assert 'href="/your-area/derbyshire/staveley/"' in _names(client, "Ringwood Road")
    assert "No neighbourhoods found" in _names(client, "Oldmill Lane")  # over a year before the latest month
    assert not PlaceName.objects.filter(key__contains="quietmews").exists()
    published = common | {"source": Source.POLICE_UK, "month": date(2023, 1, 1)}
    Incident.objects.create(location="On or near Chesterfield Road", fingerprint="d", **published)
    places.do_refresh_place_names(force)
    assert not PlaceName.objects.filter(key="ringwood road").exists()
    assert PlaceName.objects.filter(key="chesterfield road").exists()


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


def _street_in(code: str, street: str, fingerprint: str) -> None:
    lsoa = Lsoa.objects.filter(neighbourhood__code=code).first()
    Incident.objects.create(
        force=lsoa.neighbourhood.force(),
        kind=Kind.CRIME,
        month=date(2023, 1, 1),
        category="burglary",
        lsoa=lsoa,
        source=Source.POLICE_UK,
        location=f"On or near {street}",
        fingerprint=fingerprint,
    )


def test_a_long_result_says_how_many_there_are_and_a_town_after_a_comma_narrows_it(client: Client) -> None:
    """A common street name ("High Street") is in more neighbourhoods than the page lists: the heading counts
    them all, not the first 20, and "High Street, Staveley" keeps those the town (or a postcode) also finds."""
    neighbourhoods = Area.objects.filter(level="neighbourhood").order_by("name")
    codes = [area.code for area in neighbourhoods if area.force().code == "derbyshire"]
    assert len(codes) > places.RESULTS
    for index, code in enumerate(codes):
        _street_in(code, "Highmoor Street", f"h{index}")
    places.do_refresh_place_names(Area.objects.get(code="derbyshire"))
    page = _names(client, "Highmoor Street")
    assert f"{len(codes)} neighbourhoods found" in page and f"first {places.RESULTS}" in page
    assert len(re.findall(r'href="/your-area/derbyshire/[\w-]+/"', page)) == places.RESULTS
    for query in ("Highmoor Street, Staveley", "highmoor street,S43 3"):
        narrowed = set(re.findall(r'href="/your-area/derbyshire/([\w-]+)/"', _names(client, query)))
        assert "staveley" in narrowed and len(narrowed) < places.RESULTS, query
    assert "No neighbourhoods found" in _names(client, "Highmoor Street, Nowhereton")


def test_apostrophes_are_optional_straight_or_curly(client: Client) -> None:
    """People type "St Helens" or, on a phone, a curly apostrophe, for "Dunston Moor & St. Helen's"."""
    wanted = Area.objects.get(name="Dunston Moor & St. Helen's")
    link = f'href="/your-area/derbyshire/{wanted.code}/"'
    for query in ("St Helens", "st. helen's", "St Helen\u2019s", "Helens"):
        assert link in _names(client, query), query


def test_the_migration_rekeys_stored_names_without_apostrophes() -> None:
    from importlib import import_module

    from django.apps import apps

    migration = import_module("beatbook.public.migrations.0004_place_keys_without_apostrophes")
    row = PlaceName.objects.filter(key="st helens").first()
    PlaceName.objects.filter(pk=row.pk).update(key="st helen's")  # as stored before the change
    migration.drop_apostrophes(apps, None)
    assert PlaceName.objects.get(pk=row.pk).key == "st helens"


def test_a_postcode_outside_the_area_says_so_without_promising_a_list(client: Client) -> None:
    page = _names(client, "M1 1AA")
    assert "No neighbourhoods found for ‘M1 1AA’" in page
    assert "We hold no neighbourhood in postcode district M1" in page
    assert "these are the neighbourhoods in" not in page
