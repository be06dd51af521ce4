"""Neighbourhood outlines from MSOA outlines: exact where a neighbourhood's LSOAs make whole MSOAs, approximate
where an MSOA's LSOAs lie in several neighbourhoods.

A force ships MSOA outlines (ONS, Open Government Licence) and, for each LSOA, its MSOA and area in hectares
(`beatbook load_geography`), but no LSOA outlines or centroids. So an MSOA shared by several neighbourhoods
("owners") is cut into bands, one per owner, whose areas are the owners' shares of the MSOA's hectares
(the sum of their LSOAs' `area_hectares`). The bands run across the MSOA's axis along which the owners'
other MSOAs lie (east–west or north–south), ordered so each band sits on the side of its owner's other
MSOAs, which keeps most neighbourhoods in one piece. Bands of one MSOA share their cut lines exactly, so they
never overlap and together cover the MSOA.

The result is a drawing aid, marked approximate wherever a band is used: an LSOA's real outline is not a band,
and an approximate outline must not be used to decide which neighbourhood a point is in. Loading LSOA outlines
(ONS publishes them under the same licence) would make every outline exact; a Voronoi split on LSOA
population-weighted centroids, clipped to the MSOA, would be the next best thing where centroids are known.

Inputs and outputs are plain shapely geometries in WGS84 (longitude, latitude) and plain keys (a
neighbourhood's materialised path, or "" for LSOAs not yet in a neighbourhood)."""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass

import shapely
from shapely.geometry import box
from shapely.geometry.base import BaseGeometry

CUT_STEPS = 24  # bisection steps per cut: 1/16,000,000 of an MSOA's width, far finer than the outlines' ~1 m


@dataclass(frozen=True)
class LsoaShare:
    """One LSOA as the split needs it: its MSOA's code, its owner's key and its area in hectares."""

    msoa: str
    owner: str
    hectares: float


@dataclass
class OwnerParts:
    """Each owner's parts of the MSOAs (whole MSOAs and bands), and the owners with at least one band."""

    parts: dict[str, list[BaseGeometry]]
    approximate: set[str]


def owner_parts(msoas: dict[str, BaseGeometry], lsoas: list[LsoaShare]) -> OwnerParts:
    """Split every MSOA in `msoas` among the owners of its LSOAs (LSOAs of MSOAs not in `msoas` are ignored).

    An MSOA with one owner is that owner's whole; a shared one is cut in bands by hectares (module docstring).
    An LSOA with no area counts as one hectare, so every owner gets a band."""
    weights: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for lsoa in lsoas:
        if lsoa.msoa in msoas:
            weights[lsoa.msoa][lsoa.owner] += lsoa.hectares or 1
    anchors = _anchors(msoas, weights)
    result = OwnerParts(defaultdict(list), set())
    for code, owners in weights.items():
        if len(owners) == 1:
            result.parts[next(iter(owners))].append(msoas[code])
            continue
        for owner, band in split_by_shares(msoas[code], owners, anchors).items():
            result.parts[owner].append(band)
            result.approximate.add(owner)
    return result


def _anchors(msoas: dict[str, BaseGeometry], weights: dict[str, dict[str, float]]) -> dict[str, tuple[float, float]]:
    """Where each owner lies overall: the centroid of the MSOAs it touches, weighted by its hectares in each."""
    totals: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0])
    for code, owners in weights.items():
        centre = msoas[code].centroid
        for owner, weight in owners.items():
            totals[owner][0] += centre.x * weight
            totals[owner][1] += centre.y * weight
            totals[owner][2] += weight
    return {owner: (x / w, y / w) for owner, (x, y, w) in totals.items()}


def split_by_shares(
    geometry: BaseGeometry, shares: dict[str, float], anchors: dict[str, tuple[float, float]]
) -> dict[str, BaseGeometry]:
    """`geometry` cut into one band per key of `shares`, each with that share of its area (to within the
    bisection's precision), ordered along the axis on which the keys' `anchors` spread most (the longer side
    of the bounding box when they do not spread). Bands share their cut lines, so they do not overlap and
    their union is `geometry`. A key whose band is empty (a share too small to cut) is left out."""
    minx, miny, maxx, maxy = geometry.bounds
    centre = geometry.centroid
    scale = math.cos(math.radians(centre.y))  # a degree of longitude is shorter than one of latitude
    spread_x = _spread([anchors.get(k, (centre.x, centre.y))[0] for k in shares]) * scale
    spread_y = _spread([anchors.get(k, (centre.x, centre.y))[1] for k in shares])
    if max(spread_x, spread_y) > 1e-9:
        along_x = spread_x >= spread_y
    else:
        along_x = (maxx - minx) * scale >= maxy - miny
    axis = 0 if along_x else 1
    order = sorted(shares, key=lambda k: (anchors.get(k, (centre.x, centre.y))[axis], k))
    low, high = (minx, maxx) if along_x else (miny, maxy)
    total_weight, total_area = sum(shares.values()), geometry.area
    cuts, done = [low], 0.0
    for key in order[:-1]:
        done += shares[key]
        cuts.append(_cut_at(geometry, along_x, cuts[-1], high, total_area * done / total_weight))
    cuts.append(high)
    pad = 1.0  # degrees beyond the bounds, so the outer bands take every edge vertex
    bands = {}
    for key, start, end in zip(order, cuts[:-1], cuts[1:], strict=True):
        lo = start if start > low else low - pad
        hi = end if end < high else high + pad
        strip = box(lo, miny - pad, hi, maxy + pad) if along_x else box(minx - pad, lo, maxx + pad, hi)
        band = shapely.intersection(geometry, strip)
        band = _polygons_only(band)
        if not band.is_empty:
            bands[key] = band
    return bands


def _spread(values: list[float]) -> float:
    return max(values) - min(values) if values else 0.0


def _cut_at(geometry: BaseGeometry, along_x: bool, low: float, high: float, target: float) -> float:
    """The coordinate t in [low, high] where the part of `geometry` below t (on the axis) has area `target`."""
    minx, miny, maxx, maxy = geometry.bounds
    for _ in range(CUT_STEPS):
        middle = (low + high) / 2
        below = box(minx - 1, miny - 1, middle, maxy + 1) if along_x else box(minx - 1, miny - 1, maxx + 1, middle)
        if shapely.intersection(geometry, below).area < target:
            low = middle
        else:
            high = middle
    return (low + high) / 2


def _polygons_only(geometry: BaseGeometry) -> BaseGeometry:
    """Drop the lines and points an intersection leaves where a cut touches a vertex."""
    if geometry.geom_type in ("Polygon", "MultiPolygon"):
        return geometry
    polygons = [g for g in getattr(geometry, "geoms", []) if g.geom_type in ("Polygon", "MultiPolygon")]
    return shapely.union_all(polygons) if polygons else shapely.Polygon()
