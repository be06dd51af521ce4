"""Reference layers: loaded per force from boundary files, areas' outlines derived from their MSOAs, served
with the hotspot pages as a table twin."""

from __future__ import annotations

import json
from collections import defaultdict

import pytest
import shapely
from django.core.management import CommandError, call_command
from shapely.geometry import shape

from beatbook.areas.models import Area, Level, Lsoa
from beatbook.maps.layers import read_boundaries
from beatbook.maps.models import ReferenceShape, ShapeKind
from beatbook.maps.outlines import LsoaShare, owner_parts, split_by_shares


@pytest.mark.django_db
def test_the_demo_loads_local_authorities_msoas_and_every_area() -> None:
    force = Area.objects.get(code="derbyshire")
    shapes = ReferenceShape.objects.filter(force=force)
    assert shapes.filter(kind=ShapeKind.LOCAL_AUTHORITY).count() == 9
    assert shapes.filter(kind=ShapeKind.MSOA).count() == 131
    assert shapes.filter(kind=ShapeKind.AREA).count() == Area.objects.within(force).count()
    own = ReferenceShape.objects.get(area=force)
    assert own.aligned and own.geometry["type"] in ("Polygon", "MultiPolygon")
    # The demo places whole MSOAs (beatbook/areas/placement.py), so every LPU, Derby's three included, is exact.
    lpus = {s.code: s.aligned for s in shapes.filter(kind=ShapeKind.AREA, area__level="lpu")}
    assert lpus["chesterfield"] and lpus["derby-north"] and sum(lpus.values()) == len(lpus) == 10
    assert all(s.geometry for s in shapes.filter(kind=ShapeKind.AREA))  # every area has an outline
    # A neighbourhood whose LSOAs share MSOAs with others has an approximate outline inside the force.
    split = shapes.filter(kind=ShapeKind.AREA, aligned=False).first()
    assert split is not None and split.geometry["type"] in ("Polygon", "MultiPolygon")
    assert split.source.startswith("Approximate")
    assert -2.1 < split.label_longitude < -1.1 and 52.6 < split.label_latitude < 53.6


@pytest.mark.django_db
def test_every_demo_neighbourhood_has_a_valid_polygon_inside_its_msoas() -> None:
    force = Area.objects.get(code="derbyshire")
    neighbourhoods = Area.objects.within(force).filter(level=Level.NEIGHBOURHOOD)
    shapes = {s.area_id: s for s in ReferenceShape.objects.filter(area__in=neighbourhoods)}
    assert len(shapes) == neighbourhoods.count() == 94
    msoas = {s.code: shape(s.geometry) for s in ReferenceShape.objects.filter(force=force, kind=ShapeKind.MSOA)}
    for area in neighbourhoods:
        outline = shape(shapes[area.pk].geometry)
        assert outline.geom_type in ("Polygon", "MultiPolygon") and outline.is_valid and outline.area > 0, area.code
        theirs = shapely.union_all(
            [msoas[c] for c in set(Lsoa.objects.within(area).values_list("msoa_code", flat=True))]
        )
        assert outline.difference(theirs).area < 1e-4 * outline.area, area.code  # never outside its MSOAs


@pytest.mark.django_db
def test_the_neighbourhoods_sharing_an_msoa_cover_it_without_overlapping() -> None:
    force = Area.objects.get(code="derbyshire")
    msoas = {s.code: shape(s.geometry) for s in ReferenceShape.objects.filter(force=force, kind=ShapeKind.MSOA)}
    outlines = {
        s.area_id: shape(s.geometry)
        for s in ReferenceShape.objects.filter(force=force, area__level=Level.NEIGHBOURHOOD)
    }
    owners = defaultdict(set)
    for msoa, neighbourhood in Lsoa.objects.filter(force=force).values_list("msoa_code", "neighbourhood_id"):
        owners[msoa].add(neighbourhood)
    shared = {code: ids for code, ids in owners.items() if len(ids) > 1}
    # The demo splits an MSOA only for a neighbourhood nearest to none (Derbyshire Dales has 12 for 10 MSOAs).
    assert 0 < len(shared) <= 8
    for code, ids in shared.items():
        parts = [outlines[i].intersection(msoas[code]) for i in ids]
        tolerance = 1e-4 * msoas[code].area  # outlines are rounded to 5 decimal places (about a metre)
        assert all(p.area > 0 for p in parts), code
        assert sum(p.area for p in parts) == pytest.approx(msoas[code].area, rel=1e-3), code  # no overlap
        assert msoas[code].difference(shapely.union_all(parts)).area < tolerance, code  # covered


def test_a_shared_msoa_is_cut_by_hectares_on_the_side_of_each_owner() -> None:
    square = shapely.box(0, 0, 0.01, 0.01)
    bands = split_by_shares(square, {"west": 1, "east": 3}, {"west": (-1, 0.005), "east": (1, 0.005)})
    assert bands["west"].area == pytest.approx(square.area / 4) and bands["east"].area == pytest.approx(
        square.area * 3 / 4
    )
    assert bands["west"].bounds[0] == 0 and bands["east"].bounds[2] == 0.01  # west band on the west side
    assert bands["west"].intersection(bands["east"]).area == 0
    north_south = split_by_shares(square, {"a": 1, "b": 1}, {"a": (0.005, 5), "b": (0.005, -5)})
    assert north_south["b"].bounds[1] == 0 and north_south["a"].bounds[3] == 0.01  # b lies to the south
    parts = owner_parts({"M": square}, [LsoaShare("M", "/1/2/", 10), LsoaShare("M", "/1/3/", 0)])
    assert parts.approximate == {"/1/2/", "/1/3/"} and parts.parts["/1/3/"][0].area > 0  # no hectares: one


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
    # All three LSOAs are in the one MSOA and both neighbourhoods share it: approximate outlines, by hectares.
    centre = ReferenceShape.objects.get(area__code="northtown-centre")
    riverside = ReferenceShape.objects.get(area__code="northtown-riverside")
    assert not centre.aligned and not riverside.aligned
    assert shape(centre.geometry).area + shape(riverside.geometry).area == pytest.approx(0.01, rel=1e-3)
    assert ReferenceShape.objects.get(area=force).geometry is not None
    with pytest.raises(CommandError, match="no force"):
        call_command("load_reference_layers", "nowhere", "--local-authorities", authorities, "--msoas", msoas)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("code", "layers"),
    [
        ("derbyshire", {"area", "local_authority", "place"}),
        ("chesterfield", {"area", "local_authority", "msoa", "place"}),
        ("derbyshire-dales", {"area", "local_authority", "msoa", "place"}),
    ],
)
def test_hotspot_pages_serve_the_layers_as_a_twin(client_as, code, layers) -> None:  # noqa: ANN001
    body = client_as("analyst").get(f"/areas/{code}/hotspots/?format=json&table=map-layers").json()
    assert {row["layer"] for row in body["rows"]} == layers
    own = next(row for row in body["rows"] if row["layer"] == "area")
    assert json.loads(own["geometry"])["type"] in ("Polygon", "MultiPolygon") and own["outline"] == "exact"
    places = {row["outline"] for row in body["rows"] if row["layer"] == "place"}
    # LPUs and Chesterfield's neighbourhoods are whole MSOAs; two MSOAs of the Dales are shared by neighbourhoods.
    assert places == ({"exact", "approximate"} if code == "derbyshire-dales" else {"exact"})


@pytest.mark.django_db
def test_the_layers_follow_the_access_rules(client_as) -> None:  # noqa: ANN001
    assert client_as("outsider").get("/areas/chesterfield/hotspots/?format=json&table=map-layers").status_code == 404


@pytest.mark.django_db
def test_police_uk_boundary_serves_known_outlines_only(client) -> None:  # noqa: ANN001
    body = client.get("/api/police-uk/derbyshire/matlock/boundary").json()
    assert len(body) > 10 and set(body[0]) == {"latitude", "longitude"}
    assert 52.6 < float(body[0]["latitude"]) < 53.6 and -2.1 < float(body[0]["longitude"]) < -1.1  # in Derbyshire
    assert body[0] == body[-1]  # a closed ring, as police.uk's are
    approximate = client.get("/api/police-uk/derbyshire/ashbourne/boundary").json()  # shares an MSOA
    assert len(approximate) > 10 and approximate[0] == approximate[-1]
    assert all(
        set(point) == {"latitude", "longitude"} and 52.6 < float(point["latitude"]) < 53.6 for point in approximate
    )
    assert client.get("/api/police-uk/derbyshire/nowhere/boundary").json() == {"error": "Not Found"}


@pytest.mark.django_db
def test_most_demo_neighbourhood_outlines_are_exact_unions_of_msoas() -> None:
    """The demo places whole MSOAs in the nearest neighbourhood (beatbook/areas/placement.py): 86 of 94
    outlines are exact; the rest share an MSOA with a neighbourhood nearest to no MSOA of its own."""
    force = Area.objects.get(code="derbyshire")
    outlines = ReferenceShape.objects.filter(force=force, area__level=Level.NEIGHBOURHOOD)
    assert outlines.count() == 94
    assert outlines.filter(aligned=True).count() >= 80
    staveley = ReferenceShape.objects.get(area__code="staveley")
    msoa = ReferenceShape.objects.get(force=force, kind=ShapeKind.MSOA, code="E02004056")
    assert staveley.aligned and shape(staveley.geometry).symmetric_difference(shape(msoa.geometry)).area < 1e-9
