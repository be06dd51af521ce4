"""Which neighbourhood each LSOA goes to when the force has not loaded its own boundaries.

Two rules, both marked illustrative (not a force's real boundary):

- **Equal runs** (the default): each local authority's LSOAs, in MSOA then LSOA code order, are split into
  equal consecutive runs across the neighbourhoods of the LPUs covering it, in configuration order.
- **By location** (when the configuration gives `neighbourhood_centres`): every MSOA goes whole to the nearest
  neighbourhood centre among the neighbourhoods of the LPUs covering its authority, so a neighbourhood is a
  union of whole MSOAs and its map outline is exact (`beatbook/maps/outlines.py`). A neighbourhood nearest to
  no MSOA then takes, in configuration order, a whole MSOA among the NEARBY nearest to it from a neighbourhood
  that has more than one (both outlines stay exact), or else a share of the LSOAs of its nearest MSOA (split
  in equal runs in code order with the MSOA's owner; both outlines then approximate). So every neighbourhood
  with any MSOA of its authorities gets at least one LSOA. LSOAs of MSOAs with no centroid fall back to
  equal runs.

Pure functions of plain values: neighbourhood keys are anything hashable (the loader passes Areas), centres
and centroids are (latitude, longitude) in degrees (WGS84).
"""

from __future__ import annotations

import json
import math
from collections import defaultdict
from collections.abc import Hashable
from dataclasses import dataclass, field
from pathlib import Path

from beatbook.areas.config import GeographyConfigError, LsoaRow

NEARBY = 3  # an MSOA-less neighbourhood looks this far down its nearest MSOAs for a whole one to take
LatLon = tuple[float, float]


@dataclass
class Placement:
    """LSOA code → neighbourhood key (None: the authority has no neighbourhood), and the MSOAs split between
    neighbourhoods by the location rule (their owners' outlines are approximate)."""

    neighbourhoods: dict[str, Hashable | None]
    split_msoas: set[str] = field(default_factory=set)


def equal_runs(rows: list[LsoaRow], candidates: dict[str, list[Hashable]]) -> dict[str, Hashable | None]:
    """The equal-runs rule (module docstring) for `rows`; `candidates` maps an authority code to its
    neighbourhoods in configuration order."""
    by_authority: dict[str, list[LsoaRow]] = defaultdict(list)
    for row in rows:
        by_authority[row.local_authority_code].append(row)
    placed: dict[str, Hashable | None] = {}
    for authority, authority_rows in by_authority.items():
        authority_rows.sort(key=lambda r: (r.msoa_code, r.code))
        targets = candidates.get(authority, [])
        for index, row in enumerate(authority_rows):
            placed[row.code] = targets[index * len(targets) // len(authority_rows)] if targets else None
    return placed


def distance_km(a: LatLon, b: LatLon) -> float:
    """Equirectangular distance: within a few tenths of a percent of the great circle at a county's scale."""
    mean_latitude = math.radians((a[0] + b[0]) / 2)
    return 111.2 * math.hypot(a[0] - b[0], (a[1] - b[1]) * math.cos(mean_latitude))


def place_by_location(
    rows: list[LsoaRow],
    candidates: dict[str, list[Hashable]],
    centres: dict[Hashable, LatLon],
    msoa_centroids: dict[str, LatLon],
) -> Placement:
    """The location rule (module docstring). Every key in `candidates` must have a centre in `centres`.
    Ties go to the neighbourhood first in configuration order, then to the MSOA first by code."""
    lsoas_of: dict[str, list[str]] = defaultdict(list)
    choices: dict[str, list[Hashable]] = {}
    unplaced = []
    for row in sorted(rows, key=lambda r: r.code):
        options = candidates.get(row.local_authority_code, [])
        if row.msoa_code in msoa_centroids and options:
            lsoas_of[row.msoa_code].append(row.code)
            choices.setdefault(row.msoa_code, options)
        else:
            unplaced.append(row)
    order = {key: index for index, key in enumerate(dict.fromkeys(k for keys in candidates.values() for k in keys))}

    def near(key: Hashable, msoa: str) -> tuple[float, int, str]:
        return (distance_km(centres[key], msoa_centroids[msoa]), order[key], msoa)

    owner = {msoa: min(options, key=lambda k, m=msoa: near(k, m)) for msoa, options in choices.items()}
    owned: dict[Hashable, set[str]] = defaultdict(set)
    for msoa, key in owner.items():
        owned[key].add(msoa)
    sharers: dict[str, list[Hashable]] = defaultdict(list)  # MSOA → neighbourhoods given some of its LSOAs
    for key in sorted(order, key=order.get):
        if owned[key]:
            continue
        nearest = sorted((m for m, options in choices.items() if key in options), key=lambda m: near(key, m))
        whole = next((m for m in nearest[:NEARBY] if len(owned[owner[m]]) > 1 and not sharers.get(m)), None)
        if whole is not None:
            owned[owner[whole]].discard(whole)
            owner[whole] = key
            owned[key].add(whole)
            continue
        shared = next((m for m in nearest if len(sharers.get(m, [])) + 2 <= len(lsoas_of[m])), None)
        if shared is not None:
            sharers[shared].append(key)
    placed: dict[str, Hashable | None] = equal_runs(unplaced, candidates)
    for msoa, codes in lsoas_of.items():
        takers = [owner[msoa], *sharers.get(msoa, [])]
        for index, code in enumerate(codes):
            placed[code] = takers[index * len(takers) // len(codes)]
    return Placement(placed, {m for m, keys in sharers.items() if keys})


def read_msoa_centroids(path: Path) -> dict[str, LatLon]:
    """MSOA code → (latitude, longitude) of its outline's centroid, from a GeoJSON FeatureCollection of
    (Multi)Polygons in WGS84 with a `code` property (as `beatbook load_reference_layers --msoas` reads).
    Raises GeographyConfigError saying what is wrong with the file."""
    import shapely.geometry

    try:
        features = json.loads(Path(path).read_text(encoding="utf-8"))["features"]
        centroids = {}
        for feature in features:
            centre = shapely.geometry.shape(feature["geometry"]).centroid
            centroids[str(feature["properties"]["code"])] = (centre.y, centre.x)
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as error:
        raise GeographyConfigError(
            f"{path}: not a GeoJSON FeatureCollection of MSOA outlines with a 'code' on each feature ({error})"
        ) from None
    return centroids


def loaded_msoa_centroids(force_code: str) -> dict[str, LatLon]:
    """MSOA code → (latitude, longitude) of the centroids of the force's MSOA outlines loaded by
    `beatbook load_reference_layers`; empty when the force or its outlines are not loaded yet."""
    import shapely.geometry

    from beatbook.maps.models import ReferenceShape, ShapeKind

    shapes = ReferenceShape.objects.filter(force__code=force_code, kind=ShapeKind.MSOA).exclude(geometry=None)
    centroids = {}
    for code, geometry in shapes.values_list("code", "geometry"):
        centre = shapely.geometry.shape(geometry).centroid
        centroids[code] = (centre.y, centre.x)
    return centroids
