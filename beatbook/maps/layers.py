"""Reading a force's boundary files, simplifying them for drawing, deriving each policing area's outline,
and the map layers a page draws (as a table, so they have the same CSV and JSON twins as every table).

Boundary files are GeoJSON FeatureCollections in WGS84 with `code` and `name` properties on each feature,
as the ONS boundaries split by open-innovations/geography-bits are (Open Government Licence v3.0)."""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import shapely
from shapely.geometry import mapping, shape
from shapely.geometry.base import BaseGeometry

from beatbook.areas.models import Area, Level, Lsoa
from beatbook.maps.outlines import LsoaShare, owner_parts
from beatbook.web.tables import Column, Table

METRES_PER_DEGREE = 111_000
DEFAULT_TOLERANCE_METRES = 100  # outlines for orientation, not borders: half the source's vertices remain
DECIMALS = 5  # about a metre


@dataclass(frozen=True)
class Boundary:
    code: str
    name: str
    geometry: BaseGeometry


def read_boundaries(path: Path, tolerance_metres: float = DEFAULT_TOLERANCE_METRES) -> list[Boundary]:
    """The features of a boundary file, simplified as one coverage (neighbours keep identical shared edges).

    Raises ValueError naming the problem when the file is not a FeatureCollection of polygons with `code`
    and `name` properties."""
    try:
        data = json.loads(Path(path).read_text())
        features = data["features"]
        codes = [str(f["properties"]["code"]) for f in features]
        names = [str(f["properties"].get("name") or f["properties"]["code"]) for f in features]
        geometries = [shape(f["geometry"]) for f in features]
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as error:
        raise ValueError(
            f"{Path(path).name} is not a GeoJSON FeatureCollection with a code and name on each feature ({error})"
        ) from None
    if any(g.geom_type not in ("Polygon", "MultiPolygon") for g in geometries):
        raise ValueError(f"{Path(path).name}: every feature must be a Polygon or MultiPolygon")
    geometries = [g if g.is_valid else g.buffer(0) for g in geometries]
    if tolerance_metres > 0:
        geometries = list(shapely.coverage_simplify(geometries, tolerance_metres / METRES_PER_DEGREE))
    return [Boundary(c, n, g) for c, n, g in zip(codes, names, geometries, strict=True)]


def geojson(geometry: BaseGeometry) -> dict:
    """A GeoJSON geometry with coordinates rounded to DECIMALS places, still valid (a thin band of an
    approximate outline could otherwise fold on itself when rounded)."""

    def rounded(value):  # noqa: ANN001, ANN202 - nested coordinate lists
        if isinstance(value, (list, tuple)) and value and isinstance(value[0], float):
            return [round(v, DECIMALS) for v in value]
        return [rounded(v) for v in value]

    data = mapping(shapely.set_precision(geometry, 10**-DECIMALS))
    return {"type": data["type"], "coordinates": rounded(data["coordinates"])}


def label_point(geometry: BaseGeometry) -> tuple[float, float]:
    """Where a label goes: the centroid, or a point surely inside when the centroid falls outside."""
    point = geometry.centroid if geometry.contains(geometry.centroid) else geometry.point_on_surface()
    return round(point.x, DECIMALS), round(point.y, DECIMALS)


@dataclass(frozen=True)
class AreaShape:
    area: Area
    geometry: BaseGeometry
    label: tuple[float, float]
    aligned: bool  # exact: whole MSOAs; otherwise approximate (bands of shared MSOAs, beatbook.maps.outlines)


def area_shapes(force: Area, msoas: list[Boundary]) -> list[AreaShape]:
    """Every area of the force that has LSOAs in `msoas`, with an outline: the union of its MSOAs where its
    LSOAs make whole MSOAs (`aligned`); otherwise the union of its neighbourhoods' parts of the MSOAs, shared
    MSOAs cut in bands by their LSOAs' hectares (`beatbook.maps.outlines`; approximate)."""
    by_code = {m.code: m.geometry for m in msoas}
    lsoas = [
        LsoaShare(msoa, path or "", hectares or 0)
        for msoa, path, hectares in Lsoa.objects.filter(force=force, msoa_code__in=by_code).values_list(
            "msoa_code", "neighbourhood__path", "area_hectares"
        )
    ]
    split = owner_parts(by_code, lsoas)
    owners_in_msoa: dict[str, set[str]] = defaultdict(set)
    for lsoa in lsoas:
        owners_in_msoa[lsoa.msoa].add(lsoa.owner)
    shapes = []
    for area in Area.objects.within(force).order_by("path"):
        if area.level == Level.FORCE:
            mine = set(owners_in_msoa)
            owners = {lsoa.owner for lsoa in lsoas}
        else:
            mine = {lsoa.msoa for lsoa in lsoas if lsoa.owner.startswith(area.path)}
            owners = {lsoa.owner for lsoa in lsoas if lsoa.owner.startswith(area.path)}
        if not mine:
            continue
        aligned = all(owners_in_msoa[m] <= owners for m in mine)
        if aligned:
            geometry = shapely.union_all([by_code[m] for m in mine])
        else:
            geometry = shapely.union_all([part for owner in owners for part in split.parts.get(owner, [])])
        shapes.append(AreaShape(area, geometry, label_point(geometry), aligned))
    return shapes


MAP_COLUMNS = [
    Column("layer", "Layer"),
    Column("code", "Code"),
    Column("name", "Name"),
    Column("outline_known", "Outline known"),
    Column("outline", "Outline"),
    Column("label_longitude", "Label longitude"),
    Column("label_latitude", "Label latitude"),
    Column("geometry", "Outline (GeoJSON)"),
]
# The places labelled on each level's map: a force map names its LPUs, an LPU map its neighbourhoods.
PLACE_LEVEL = {
    Level.FORCE: Level.LPU,
    Level.DIVISION: Level.LPU,
    Level.LPU: Level.NEIGHBOURHOOD,
    Level.TEAM: Level.NEIGHBOURHOOD,
}


def map_layers_table(area: Area) -> Table:
    """The reference layers for a map of `area`, one row per shape: `layer` is "area" (its own outline),
    "local_authority", "msoa" (those its LSOAs lie in, below division level) or "place" (the areas its
    map names). `geometry` is GeoJSON text, empty where only the label point is known; `outline` says
    "exact" (whole MSOAs or an ONS boundary), "approximate" (bands of MSOAs shared between neighbourhoods, for
    drawing only) or "none". Empty when the
    force has no reference layers loaded (`beatbook load_reference_layers`)."""
    from beatbook.maps.models import ReferenceShape, ShapeKind

    force_id = area.pk if area.parent_id is None else area.force_id
    rows = []

    def add(layer: str, shape_row: ReferenceShape) -> None:
        rows.append(
            {
                "layer": layer,
                "code": shape_row.code,
                "name": shape_row.name,
                "outline_known": "yes" if shape_row.geometry else "no",
                "outline": ("exact" if shape_row.aligned else "approximate") if shape_row.geometry else "none",
                "label_longitude": shape_row.label_longitude,
                "label_latitude": shape_row.label_latitude,
                "geometry": json.dumps(shape_row.geometry, separators=(",", ":")) if shape_row.geometry else "",
            }
        )

    own = ReferenceShape.objects.filter(area=area).first()
    if own is None:
        return Table("map-layers", f"Map layers for {area.name}", MAP_COLUMNS, snapshot=True)
    add("area", own)
    for shape_row in ReferenceShape.objects.filter(force_id=force_id, kind=ShapeKind.LOCAL_AUTHORITY):
        add("local_authority", shape_row)
    if area.level in (Level.LPU, Level.TEAM, Level.NEIGHBOURHOOD):
        msoa_codes = set(Lsoa.objects.within(area).values_list("msoa_code", flat=True))
        for shape_row in ReferenceShape.objects.filter(force_id=force_id, kind=ShapeKind.MSOA, code__in=msoa_codes):
            add("msoa", shape_row)
    if area.level in PLACE_LEVEL:
        places = ReferenceShape.objects.filter(
            kind=ShapeKind.AREA, area__path__startswith=area.path, area__level=PLACE_LEVEL[area.level]
        )
        for shape_row in places:
            add("place", shape_row)
    return Table("map-layers", f"Map layers for {area.name}", MAP_COLUMNS, rows, snapshot=True)  # geography now
