"""Which neighbourhood a point is in, by the outlines the maps draw (`ReferenceShape` rows of kind AREA).

Every force's neighbourhood outlines go into one `shapely.STRtree`, built once per data version in each
process (`beatbook.counts.area_memo.held_for_version`; loading reference layers or changing geography bumps
the version). The outlines are WGS84 longitude/latitude, as stored and as police.uk's boundary endpoint serves
them, so a query point needs no conversion, only (lat, lng) turned round to (x=lng, y=lat).

A point on an outline's edge counts as inside it (`covers`), so a point on a shared edge is not in neither.
Exact outlines (whole MSOAs) meet without overlap; approximate ones (shares of shared MSOAs, and every outline
simplified for drawing) can overlap a neighbour by a sliver. A point covered by several outlines goes to the
exact one first, then the smallest by area, then the lowest code: always the same answer, and the outline that
claims the point more precisely. Slivers between simplified outlines (a few hundred m² across a force) are
in no outline.
"""

from __future__ import annotations

from dataclasses import dataclass

import shapely
import shapely.geometry

from beatbook.areas.models import Area, Level
from beatbook.counts.area_memo import held_for_version
from beatbook.maps.models import ReferenceShape, ShapeKind


@dataclass(frozen=True)
class Located:
    force: str  # the force's code
    neighbourhood: str  # the neighbourhood's code


@dataclass(frozen=True)
class OutlineIndex:
    tree: shapely.STRtree
    places: list[Located]  # in the tree's order
    rank: list[tuple[bool, float, str]]  # sorts the outlines covering a point: exact, then smallest, then code
    unoutlined: dict[int, int]  # neighbourhood id → its force's id, for those the maps draw no outline for

    def at(self, lat: float, lng: float) -> Located | None:
        """The neighbourhood whose outline covers the point (see the module's tie rule), or None."""
        hits = self.tree.query(shapely.Point(lng, lat), predicate="covered_by")
        if len(hits) == 0:
            return None
        return self.places[min(hits, key=lambda i: self.rank[i])]


def outline_index() -> OutlineIndex:
    """The current outline index (read-only: shared by this process's requests until the data changes)."""
    return held_for_version("neighbourhood_outline_index", _build_outline_index)


def neighbourhood_outlines() -> list[tuple[int, str, str, dict, bool]]:
    """(neighbourhood id, force code, neighbourhood code, GeoJSON geometry, exact) for every neighbourhood of
    every force that has an outline, in a stable order."""
    rows = ReferenceShape.objects.filter(kind=ShapeKind.AREA, area__level=Level.NEIGHBOURHOOD).exclude(geometry=None)
    return list(rows.order_by("area__code").values_list("area_id", "force__code", "area__code", "geometry", "aligned"))


def _build_outline_index() -> OutlineIndex:
    rows = neighbourhood_outlines()
    outlines = [_valid(shapely.geometry.shape(geometry)) for _, _, _, geometry, _ in rows]
    return OutlineIndex(
        tree=shapely.STRtree(outlines),
        places=[Located(force_code, code) for _, force_code, code, _, _ in rows],
        rank=[(not exact, outline.area, code) for (_, _, code, _, exact), outline in zip(rows, outlines, strict=True)],
        unoutlined={
            area.pk: area.force_id
            for area in Area.objects.filter(level=Level.NEIGHBOURHOOD).exclude(pk__in=[row[0] for row in rows])
        },
    )


def _valid(outline: shapely.Geometry) -> shapely.Geometry:
    # A self-touching ring from simplification would make `covers` answer wrongly near it.
    return outline if outline.is_valid else shapely.make_valid(outline)
