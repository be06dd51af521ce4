"""Postcode sectors ("S43 3") of a force area, for the public "your area" search.

Built once from Ordnance Survey's Code-Point Open (every postcode unit's point in British National Grid;
Open Government Licence: "Contains OS data © Crown copyright and database right; Contains Royal Mail data ©
Royal Mail copyright and database right; Source: Office for National Statistics licensed under the Open
Government Licence v3.0") and the force's MSOA outlines (`beatbook.maps`), by
`beatbook build_postcode_sectors`, and shipped as `data/postcode_sectors.csv`: one row per sector with the
number of its postcode units whose point lies in each MSOA of the force area. The search then finds a
sector's neighbourhoods through the LSOAs of those MSOAs, so the file does not depend on how a force
assigns LSOAs to neighbourhoods.

A postcode's point is the mean of its delivery points, so a unit near an MSOA's edge can be counted in its
neighbour, and an MSOA's outline is generalised (`beatbook.maps.layers`); sectors are counted, never
placed exactly. The ONS Postcode Directory (ONSPD, same licence) gives each unit its LSOA directly and would
be the better source where it can be had."""

from __future__ import annotations

import csv
import gzip
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import shapely

from beatbook.hotspots.analysis import from_bng
from beatbook.maps.layers import Boundary

POSTCODE_SECTORS = Path(__file__).with_name("data") / "postcode_sectors.csv"
HEADER = ["sector", "postcodes", "msoas"]
MIN_SHARE = 0.1  # an MSOA holding under a tenth of a sector's postcodes is its edge, not where it is


@dataclass(frozen=True)
class Sector:
    sector: str  # "S43 3": outward code, a space, the inward code's digit
    msoas: dict[str, int]  # MSOA code → postcode units of the sector whose point is in it

    @property
    def postcodes(self) -> int:
        return sum(self.msoas.values())

    def main_msoas(self) -> list[str]:
        """The MSOAs that hold at least MIN_SHARE of the sector's postcodes (always the largest)."""
        ranked = sorted(self.msoas.items(), key=lambda item: (-item[1], item[0]))
        return [code for index, (code, n) in enumerate(ranked) if index == 0 or n >= MIN_SHARE * self.postcodes]


def sector_of(postcode: str) -> str:
    """ "S43 3AB" (or "S433AB") → "S43 3". Raises ValueError for text that is not a full postcode."""
    compact = "".join(postcode.split()).upper()
    if not 5 <= len(compact) <= 7 or not compact[-3].isdigit() or not compact[-2:].isalpha():
        raise ValueError(f"{postcode!r} is not a full postcode such as S43 3AB")
    return f"{compact[:-3]} {compact[-3]}"


def read_code_point(paths: Iterable[Path]) -> Iterator[tuple[str, int, int]]:
    """(postcode, easting, northing) from Code-Point Open CSV files (plain or .gz; no header; columns
    postcode, quality, eastings, northings, …). Units with no grid reference (0, 0) are skipped."""
    for path in paths:
        opener = gzip.open if str(path).endswith(".gz") else open
        with opener(path, "rt", newline="", encoding="utf-8") as handle:
            for row in csv.reader(handle):
                if len(row) < 4 or not row[2].strip().isdigit():
                    continue  # a header line, or a unit with no grid reference
                easting, northing = int(row[2]), int(row[3])
                if easting and northing:
                    yield row[0], easting, northing


def build_sectors(units: Iterable[tuple[str, int, int]], msoas: list[Boundary]) -> list[Sector]:
    """The sectors with at least one unit whose point lies in one of `msoas`, with their counts per MSOA,
    sorted by sector."""
    rows = list(units)
    if not rows or not msoas:
        return []
    longitudes, latitudes = from_bng(np.array([r[1] for r in rows], float), np.array([r[2] for r in rows], float))
    points = shapely.points(longitudes, latitudes)
    tree = shapely.STRtree([m.geometry for m in msoas])
    point_index, msoa_index = tree.query(points, predicate="within")
    counts: dict[str, Counter] = defaultdict(Counter)
    seen = set()
    for p, m in zip(point_index.tolist(), msoa_index.tolist(), strict=True):
        if p in seen:
            continue  # on a shared edge: the first MSOA only
        seen.add(p)
        counts[sector_of(rows[p][0])][msoas[m].code] += 1
    return [Sector(sector, dict(counts[sector])) for sector in sorted(counts, key=_sort_key)]


def _sort_key(sector: str) -> tuple[str, int, str, str]:
    """Postcode order: S18 before S40, DE4 before DE11."""
    outward, digit = sector.split()
    letters = outward[: 2 if outward[1].isalpha() else 1]
    rest = outward[len(letters) :]
    number = "".join(c for c in rest if c.isdigit())
    return (letters, int(number or 0), rest, digit)


def write_sectors(sectors: list[Sector], path: Path) -> None:
    with Path(path).open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        for sector in sectors:
            msoas = "|".join(f"{code}:{n}" for code, n in sorted(sector.msoas.items(), key=lambda i: (-i[1], i[0])))
            writer.writerow([sector.sector, sector.postcodes, msoas])


def read_sectors(path: Path = POSTCODE_SECTORS) -> list[Sector]:
    """The shipped sectors; [] when the file is absent. Raises ValueError naming the line of a bad row."""
    if not Path(path).exists():
        return []
    sectors = []
    with Path(path).open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        if reader.fieldnames != HEADER:
            raise ValueError(f"{Path(path).name}: the header must be {','.join(HEADER)}")
        for line, row in enumerate(reader, start=2):
            try:
                msoas = {code: int(n) for code, n in (part.split(":") for part in row["msoas"].split("|"))}
                sectors.append(Sector(sector_of(row["sector"] + "AA"), msoas))
            except ValueError as error:
                raise ValueError(f"{Path(path).name} line {line}: {error}") from None
    return sectors
