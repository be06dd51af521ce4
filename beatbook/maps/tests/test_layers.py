"""Reference layers: loaded per force from boundary files, areas' outlines derived from their MSOAs, served
with the hotspot pages as a table twin."""

from __future__ import annotations

import json

import pytest
from django.core.management import CommandError, call_command

from beatbook.areas.models import Area
from beatbook.maps.layers import read_boundaries
from beatbook.maps.models import ReferenceShape, ShapeKind


@pytest.mark.django_db
def test_the_demo_loads_local_authorities_msoas_and_every_area() -> None:
    force = Area.objects.get(code="derbyshire")
    shapes = ReferenceShape.objects.filter(force=force)
    assert shapes.filter(kind=ShapeKind.LOCAL_AUTHORITY).count() == 9
    assert shapes.filter(kind=ShapeKind.MSOA).count() == 131
    assert shapes.filter(kind=ShapeKind.AREA).count() == Area.objects.within(force).count()
    own = ReferenceShape.objects.get(area=force)
    assert own.aligned and own.geometry["type"] in ("Polygon", "MultiPolygon")
    # LPUs that are whole districts are whole MSOAs, so exact outlines (the demo splits Derby by hand).
    lpus = {s.code: bool(s.geometry) for s in shapes.filter(kind=ShapeKind.AREA, area__level="lpu")}
    assert lpus["chesterfield"] and sum(lpus.values()) == 7
    # A neighbourhood whose LSOAs share MSOAs with others has a label point inside the force, no outline.
    split = shapes.filter(kind=ShapeKind.AREA, aligned=False).first()
    assert split is not None and split.geometry is None
    assert -2.1 < split.label_longitude < -1.1 and 52.6 < split.label_latitude < 53.6


def test_boundaries_are_simplified_as_one_coverage(tmp_path) -> None:  # noqa: ANN001
    from beatbook.maps.actions import OGL_SOURCE  # noqa: F401 - the source every shape names

    # Two 1 km squares side by side; the first has a 5 m kink in its top edge.
    square = [[0, 0], [0, 0.01], [0.005, 0.01005], [0.01, 0.01], [0.01, 0], [0, 0]]
    neighbour = [[0.01, 0], [0.01, 0.01], [0.02, 0.01], [0.02, 0], [0.01, 0]]
    path = tmp_path / "two.geojson"
    path.write_text(
        json.dumps(
            {
                "type": "FeatureCollection",
                "features": [
                    {
                        "type": "Feature",
                        "properties": {"code": "A", "name": "A"},
                        "geometry": {"type": "Polygon", "coordinates": [square]},
                    },
                    {
                        "type": "Feature",
                        "properties": {"code": "B"},
                        "geometry": {"type": "Polygon", "coordinates": [neighbour]},
                    },
                ],
            }
        )
    )
    a, b = read_boundaries(path, tolerance_metres=100)
    assert a.code == "A" and b.name == "B"
    assert max(y for _, y in a.geometry.exterior.coords) == 0.01  # the kink is gone
    assert a.geometry.intersection(b.geometry).length == pytest.approx(0.01)  # the shared edge is still shared


def test_a_bad_boundary_file_is_refused_with_a_reason(tmp_path) -> None:  # noqa: ANN001
    path = tmp_path / "bad.geojson"
    path.write_text('{"type": "Feature"}')
    with pytest.raises(ValueError, match="not a GeoJSON FeatureCollection"):
        read_boundaries(path)


@pytest.mark.django_db
def test_the_command_loads_another_force_and_refuses_unknown_ones(tmp_path) -> None:  # noqa: ANN001
    from beatbook.maps.tests.shapes import write_northshire

    authorities, msoas = write_northshire(tmp_path)
    call_command("load_reference_layers", "northshire", "--local-authorities", authorities, "--msoas", msoas)
    force = Area.objects.get(code="northshire")
    assert ReferenceShape.objects.filter(force=force, kind=ShapeKind.MSOA).count() == 1
    # All three LSOAs are in the one MSOA and both neighbourhoods share it: labels, not outlines.
    centre = ReferenceShape.objects.get(area__code="northtown-centre")
    assert centre.geometry is None and not centre.aligned
    assert ReferenceShape.objects.get(area=force).geometry is not None
    with pytest.raises(CommandError, match="no force"):
        call_command("load_reference_layers", "nowhere", "--local-authorities", authorities, "--msoas", msoas)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("code", "layers"),
    [
        ("derbyshire", {"area", "local_authority", "place"}),
        ("chesterfield", {"area", "local_authority", "msoa", "place"}),
    ],
)
def test_hotspot_pages_serve_the_layers_as_a_twin(client_as, code, layers) -> None:  # noqa: ANN001
    body = client_as("analyst").get(f"/areas/{code}/hotspots/?format=json&table=map-layers").json()
    assert {row["layer"] for row in body["rows"]} == layers
    own = next(row for row in body["rows"] if row["layer"] == "area")
    assert json.loads(own["geometry"])["type"] in ("Polygon", "MultiPolygon")


@pytest.mark.django_db
def test_the_layers_follow_the_access_rules(client_as) -> None:  # noqa: ANN001
    assert client_as("outsider").get("/areas/chesterfield/hotspots/?format=json&table=map-layers").status_code == 404


@pytest.mark.django_db
def test_police_uk_boundary_serves_known_outlines_only(client) -> None:  # noqa: ANN001
    body = client.get("/api/police-uk/derbyshire/matlock/boundary").json()
    assert len(body) > 10 and set(body[0]) == {"latitude", "longitude"}
    assert 52.6 < float(body[0]["latitude"]) < 53.6 and -2.1 < float(body[0]["longitude"]) < -1.1  # in Derbyshire
    assert body[0] == body[-1]  # a closed ring, as police.uk's are
    assert client.get("/api/police-uk/derbyshire/staveley/boundary").json() == []  # not whole MSOAs
    assert client.get("/api/police-uk/derbyshire/nowhere/boundary").json() == {"error": "Not Found"}
