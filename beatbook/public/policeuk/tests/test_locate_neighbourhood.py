"""`locate-neighbourhood` answers by the neighbourhood outlines the maps draw (beatbook.maps.locate), for every
force; only neighbourhoods with no outline fall back to the nearest recent incident."""

from __future__ import annotations

import functools

import pytest
import shapely
from django.core.management import call_command
from django.test import Client
from hypothesis import given, settings
from hypothesis import strategies as st
from shapely.geometry import shape

from beatbook.areas.models import Area, Lsoa
from beatbook.maps.locate import neighbourhood_outlines, outline_index
from beatbook.maps.models import ReferenceShape
from beatbook.public.policeuk.tests.builders import make_incident

pytestmark = pytest.mark.django_db
LOCATE = "/api/police-uk/locate-neighbourhood"
NORTHTOWN = (54.05, -0.95)  # inside Northshire's one MSOA (beatbook.maps.tests.shapes.SQUARE)


def _locate(client: Client, lat: float, lng: float):  # noqa: ANN202 - a test client response
    return client.get(LOCATE, {"q": f"{lat!r},{lng!r}"})


def _inside(code: str) -> tuple[float, float]:
    """A (lat, lng) inside the neighbourhood's stored outline, computed from the outline."""
    point = shape(ReferenceShape.objects.get(area__code=code).geometry).representative_point()
    return point.y, point.x


def _outlines() -> list[tuple[str, str, shapely.Geometry, bool]]:
    return [(force, code, shape(geometry), exact) for _, force, code, geometry, exact in neighbourhood_outlines()]


@functools.cache
def _demo_outlines() -> list[tuple[str, str, shapely.Geometry, bool]]:
    """The demo's outlines, read once for the many examples (no test changes Derbyshire's)."""
    return _outlines()


def _brute_force(lat: float, lng: float, outlines: list) -> tuple[str, str] | None:
    """Every outline tested with shapely, no index: the covering outlines, exact first, then smallest, then code."""
    point = shapely.Point(lng, lat)
    covering = [
        (not exact, outline.area, code, force) for force, code, outline, exact in outlines if outline.covers(point)
    ]
    return None if not covering else (min(covering)[3], min(covering)[2])


def test_a_point_inside_staveleys_outline_locates_staveley_with_no_incidents_at_all(client: Client) -> None:
    assert _locate(client, *_inside("staveley")).json() == {"force": "derbyshire", "neighbourhood": "staveley"}


def test_every_demo_neighbourhood_outline_locates_its_own_neighbourhood(client: Client) -> None:
    outlines = neighbourhood_outlines()
    assert (
        len(outlines) == Area.objects.within(Area.objects.get(code="derbyshire")).filter(level="neighbourhood").count()
    )
    wrong = {}
    for _, force, code, geometry, _ in outlines:
        point = shape(geometry).representative_point()
        answer = _locate(client, point.y, point.x).json()
        if answer != {"force": force, "neighbourhood": code}:
            wrong[code] = answer
    assert wrong == {}


def test_a_point_outside_every_outline_is_404_even_beside_an_incident(client: Client) -> None:
    lat, lng = 53.3, -2.2  # west of Derbyshire's outlines (Stockport)
    make_incident(latitude=lat, longitude=lng)  # a Staveley incident here decides nothing: Staveley has an outline
    assert _locate(client, lat, lng).status_code == 404
    assert _locate(client, 51.5, -0.1).status_code == 404


def test_where_outlines_overlap_the_exact_one_wins() -> None:
    # Simplified approximate outlines overlap exact neighbours by slivers (beatbook.maps.locate).
    rows = {code: (shape(geometry), exact) for _, _, code, geometry, exact in neighbourhood_outlines()}
    overlaps = [
        (a, b)
        for a in rows
        for b in rows
        if a < b and rows[a][1] != rows[b][1] and rows[a][0].intersection(rows[b][0]).area > 0
    ]
    assert overlaps, "the demo's outlines no longer overlap: find another way to test the tie rule"
    for a, b in overlaps:
        point = rows[a][0].intersection(rows[b][0]).representative_point()
        exact = a if rows[a][1] else b
        assert outline_index().at(point.y, point.x).neighbourhood == exact


def test_bad_points_keep_police_uks_statuses(client: Client) -> None:
    assert client.get(LOCATE, {"q": "53.2"}).status_code == 400
    assert client.get(LOCATE, {"q": "north,west"}).status_code == 400
    assert client.get(LOCATE).status_code == 400
    # Not a point on the globe is a malformed q, as the police.uk API tests say of "inf,0".
    assert client.get(LOCATE, {"q": "nan,-1.4"}).status_code == 400
    assert client.get(LOCATE, {"q": "53.2,inf"}).status_code == 400


@settings(max_examples=300, deadline=None)
@given(st.floats(52.69, 53.55), st.floats(-2.04, -1.16))  # Derbyshire's outlines' bounding box
def test_locate_agrees_with_testing_every_outline(lat: float, lng: float) -> None:
    found = outline_index().at(lat, lng)
    assert (None if found is None else (found.force, found.neighbourhood)) == _brute_force(lat, lng, _demo_outlines())


def test_a_neighbourhood_without_an_outline_falls_back_to_the_nearest_incident(client: Client) -> None:
    # Northshire (conftest.py) is loaded without reference layers: no outline for either neighbourhood.
    lsoa = Lsoa.objects.filter(neighbourhood__code="northtown-riverside").first()
    northshire = Area.objects.get(code="northshire")
    make_incident(force=northshire, lsoa=lsoa, lsoa_code=lsoa.code, latitude=54.051, longitude=-0.951)
    answer = _locate(client, *NORTHTOWN).json()
    assert answer == {"force": "northshire", "neighbourhood": "northtown-riverside"}


def test_the_outlines_are_read_once_per_data_version(client: Client, tmp_path) -> None:  # noqa: ANN001
    from beatbook.maps.tests.shapes import write_northshire

    assert outline_index() is outline_index()  # built once, then held
    assert _locate(client, *NORTHTOWN).status_code == 404  # no outline and no incident there yet
    before = outline_index()
    authorities, msoas = write_northshire(tmp_path)
    call_command("load_reference_layers", "northshire", "--local-authorities", authorities, "--msoas", msoas)
    assert outline_index() is not before  # loading outlines bumped the data version
    answer = _locate(client, *NORTHTOWN).json()
    assert answer["force"] == "northshire" and answer["neighbourhood"] in {"northtown-centre", "northtown-riverside"}
    assert (answer["force"], answer["neighbourhood"]) == _brute_force(*NORTHTOWN, _outlines())
