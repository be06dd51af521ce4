"""Five financial years of Derbyshire crime and ASB for the demo, calibrated to the seed papers.

- ASB by NSIR type: each financial year's total is paper 000's table 5.2 exactly, and the 12 months
  to December 2022 add up to its last column.
- Neighbourhood crime by type: paper 000's table 7.2 the same way (financial years, then the 12 months
  to December 2022).
- Other crime: the Home Office's Derbyshire 2017/18 counts by offence code, scaled a little by year.

Places are invented but plausible: each LSOA's street points lie inside its MSOA's real outline (the ONS
outlines the maps draw, beatbook/maps/data), so a neighbourhood's incidents fall inside its own outline on
the map and police.uk's `locate-neighbourhood` and `…/boundary` agree with them; incidents cluster on a few
street points per LSOA (so there are repeat locations), and town centres (each team's smallest, densest LSOA)
get more. An LSOA whose MSOA has no outline is laid out around its team's approximate town centre. The result
is written as a force incident export (docs/data-sources.md) and loaded through the real importer.
"""

from __future__ import annotations

import csv
import math
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import numpy as np

from beatbook.areas.models import Area, Level, Lsoa
from beatbook.crime.importers.police_uk import FORCE_INCIDENT_COLUMNS
from beatbook.crime.periods import add_months, financial_year_start, month_of, months_between

DATA_DIR = Path(__file__).parent / "data"
MSOA_OUTLINES = Path(__file__).parent.parent / "maps" / "data" / "derbyshire-msoa-2011.geojson"
FIRST_MONTH, SEED_LAST_MONTH = date(2018, 4, 1), date(2023, 3, 1)
FINANCIAL_YEARS = [2018, 2019, 2020, 2021]
ROLLING_TO_DEC_2022 = (date(2022, 1, 1), date(2022, 12, 1))

# Paper 000, table 5.2: ASB incidents by type, 2018/19–2021/22, then Jan–Dec 2022.
ASB_BY_TYPE = {
    "ASE": [761, 606, 5_354, 925, 646],
    "ASN": [20_829, 17_187, 39_741, 21_475, 18_211],
    "ASP": [15_815, 7_755, 7_301, 5_391, 4_363],
}
# Paper 000, table 7.2: neighbourhood crime by type, 2018/19–2021/22, then the 12 months to Dec 2022,
# as Home Office offence codes with their shares.
NEIGHBOURHOOD_CRIME = {
    (("28E", 0.85), ("28F", 0.15)): [4_268, 3_890, 2_966, 2_668, 2_560],
    (("34B", 1.0),): [573, 739, 510, 576, 674],
    (("45", 1.0),): [3_062, 2_907, 2_089, 2_099, 2_225],
    (("39", 1.0),): [721, 722, 432, 582, 728],
    (("48", 0.95), ("37.2", 0.05)): [1_392, 1_490, 1_312, 1_482, 1_737],
    (("126", 1.0),): [971, 897, 744, 753, 643],
}
NEIGHBOURHOOD_CODES = {
    "28A",
    "28B",
    "28C",
    "28D",
    "28E",
    "28F",
    "28G",
    "28H",
    "29",
    "29A",
    "34B",
    "45",
    "39",
    "48",
    "37.2",
    "126",
}
# Paper 000, 6.1 (through issue 16): drug offences by calendar year 2019–2022, as offence codes with their
# shares (possession split as the Home Office's 2017/18 Derbyshire counts split it). Apr–Dec 2018 and
# Jan–Mar 2023 continue at the nearest year's rate.
DRUG_OFFENCES = {
    (("92E", 0.62), ("92D", 0.37), ("92C", 0.01)): {2019: 1_713, 2020: 1_806, 2021: 1_626, 2022: 1_546},
    (("92A", 1.0),): {2019: 637, 2020: 814, 2021: 900, 2022: 725},
}
DRUG_CODES = {code for codes in DRUG_OFFENCES for code, _ in codes}
# Other crime relative to 2017/18, by financial year 2018/19 … 2022/23 (Covid dipped 2020/21).
OTHER_CRIME_YEAR_FACTOR = [1.02, 1.05, 0.93, 1.06, 1.08]
STREETS = [
    "High Street",
    "Station Road",
    "Church Street",
    "Market Place",
    "Park Road",
    "Mill Lane",
    "Chapel Street",
    "Victoria Street",
    "Queen Street",
    "King Street",
    "The Green",
    "School Lane",
    "Main Road",
    "New Road",
    "Albert Street",
    "Bridge Street",
    "Derby Road",
    "Nottingham Road",
    "Sheffield Road",
    "Manor Road",
    "Green Lane",
    "North Street",
    "South Street",
    "West Street",
    "Spring Gardens",
    "Shopping Area",
    "Supermarket",
    "Petrol Station",
    "Sports/Recreation Area",
    "Parking Area",
]


def seasonal_weights(months: list[date], amplitude: float) -> np.ndarray:
    """More in summer (peak in July) by `amplitude` either side of the mean."""
    return np.array([1 + amplitude * math.cos((m.month - 7) / 12 * 2 * math.pi) for m in months])


def allocate(total: int, weights: np.ndarray) -> np.ndarray:
    """Whole numbers summing exactly to `total`, in proportion to `weights` (largest remainders)."""
    share = total * weights / weights.sum()
    counts = np.floor(share).astype(int)
    remainder = total - counts.sum()
    counts[np.argsort(-(share - counts))[:remainder]] += 1
    return counts


def demo_last_month(today: date) -> date:
    """The demo's last month: the one before the month it is loaded in (police data is published by whole
    month), and never before March 2023, the end of the seed papers' last period."""
    return max(add_months(month_of(today), -1), SEED_LAST_MONTH)


def monthly_counts(figures: list[int], amplitude: float, last_month: date = SEED_LAST_MONTH) -> dict[date, int]:
    """Month counts whose financial years match figures[0:4] and whose 12 months to Dec 2022 match figures[4].

    Jan–Mar 2023 continue at the rate of Apr–Dec 2022; from April 2023 to `last_month` the same rate moves
    by the trend between 2021/22 and the 12 months to Dec 2022 (held to ±4% a year), with the seasons."""
    counts: dict[date, int] = {}
    for year, total in zip(FINANCIAL_YEARS, figures[:4], strict=True):
        months = list(months_between(date(year, 4, 1), date(year + 1, 3, 1)))
        counts |= dict(zip(months, allocate(total, seasonal_weights(months, amplitude)), strict=True))
    already = sum(counts[m] for m in months_between(ROLLING_TO_DEC_2022[0], date(2022, 3, 1)))
    rest = list(months_between(date(2022, 4, 1), ROLLING_TO_DEC_2022[1]))
    counts |= dict(zip(rest, allocate(max(0, figures[4] - already), seasonal_weights(rest, amplitude)), strict=True))
    tail = list(months_between(date(2023, 1, 1), last_month))
    rate = sum(counts[m] for m in rest) / seasonal_weights(rest, amplitude).sum()
    trend = min(max(figures[4] / figures[3], 0.96), 1.04) if figures[3] else 1.0
    growth = np.array([trend ** (max(0, _months_after(m, SEED_LAST_MONTH)) / 12) for m in tail])
    counts |= dict(zip(tail, np.rint(rate * growth * seasonal_weights(tail, amplitude)).astype(int), strict=True))
    return counts


def _months_after(month: date, base: date) -> int:
    return (month.year - base.year) * 12 + month.month - base.month


def other_crime_factor(month: date) -> float:
    """Other crime relative to 2017/18 in `month`'s financial year: the table, then 1% a year more."""
    index = financial_year_start(month) - FIRST_MONTH.year
    if index < len(OTHER_CRIME_YEAR_FACTOR):
        return OTHER_CRIME_YEAR_FACTOR[index]
    return OTHER_CRIME_YEAR_FACTOR[-1] * 1.01 ** (index - len(OTHER_CRIME_YEAR_FACTOR) + 1)


@dataclass
class Place:
    lsoa_code: str
    points: np.ndarray  # (n, 2) latitude, longitude of street points
    streets: list[str]
    point_weights: np.ndarray


def layout_places(force: Area, config: dict, rng: np.random.Generator) -> tuple[list[Place], np.ndarray]:
    """Street points for every LSOA of the force, and each LSOA's share of incidents."""
    centres = {
        team["name"]: team["centre"]
        for division in config["divisions"]
        for lpu in division["lpus"]
        for team in lpu["teams"]
    }
    outlines = msoa_outlines()
    places, weights = [], []
    for team in Area.objects.within(force).filter(level=Level.TEAM).order_by("path"):
        lsoas = list(Lsoa.objects.filter(neighbourhood__parent=team).order_by("area_hectares", "code"))
        if not lsoas or team.name not in centres:
            continue
        lat0, lon0 = centres[team.name]
        areas = np.array([max(lsoa.area_hectares or 50, 5) for lsoa in lsoas], dtype=float)
        radius_km = math.sqrt(areas.sum() / 100 / math.pi)
        cumulative = np.cumsum(areas) / areas.sum()
        densities = np.array([(lsoa.population or 1500) / a for lsoa, a in zip(lsoas, areas, strict=True)])
        for index, lsoa in enumerate(lsoas):
            distance = radius_km * math.sqrt(cumulative[index] - areas[index] / areas.sum() / 2)
            angle = rng.uniform(0, 2 * math.pi)
            lat, lon = _offset(lat0, lon0, distance * math.cos(angle), distance * math.sin(angle))
            spread_km = max(0.15, math.sqrt(areas[index] / 100 / math.pi) / 2)
            n_points = int(rng.integers(6, 14))
            offsets = rng.normal(0, spread_km, size=(n_points, 2))
            outline = outlines.get(lsoa.msoa_code)
            if outline is None:
                points = np.array([_offset(lat, lon, dy, dx) for dy, dx in offsets])
            else:
                points = _points_inside(outline, offsets, rng)
            streets = [f"On or near {STREETS[int(i)]}" for i in rng.integers(0, len(STREETS), n_points)]
            places.append(Place(lsoa.code, np.round(points, 6), streets, 1 / np.arange(1, n_points + 1) ** 1.3))
            centre_boost = 5.0 if index == 0 else 1.0  # the smallest, densest LSOA: the town centre
            weights.append((lsoa.population or 1500) * (densities[index] / np.median(densities)) ** 0.4 * centre_boost)
    return places, np.array(weights) / np.sum(weights)


def msoa_outlines() -> dict[str, object]:
    """The shipped MSOA outlines by code (shapely geometries, longitude and latitude), prepared for testing
    points; empty when the file is missing."""
    import shapely

    from beatbook.maps.layers import read_boundaries

    if not MSOA_OUTLINES.exists():
        return {}
    outlines = {boundary.code: boundary.geometry for boundary in read_boundaries(MSOA_OUTLINES, 0)}
    for geometry in outlines.values():
        shapely.prepare(geometry)
    return outlines


def _points_inside(outline, offsets: np.ndarray, rng: np.random.Generator) -> np.ndarray:  # noqa: ANN001 - shapely
    """Street points clustered by `offsets` (km) around a random point of the outline, every one inside it: a
    point that would fall outside is drawn again nearer the cluster's centre, else put at the centre."""
    import shapely

    west, south, east, north = outline.bounds
    centre = outline.representative_point()
    for _ in range(200):  # rejection sampling: a random point of the outline, not of its bounding box
        candidate = shapely.Point(rng.uniform(west, east), rng.uniform(south, north))
        if outline.contains(candidate):
            centre = candidate
            break
    lat0, lon0 = centre.y, centre.x
    points = []
    for dy, dx in offsets:
        for shrink in (1.0, 0.5, 0.25, 0.0):
            lat, lon = _offset(lat0, lon0, dy * shrink, dx * shrink)
            if shrink == 0.0 or shapely.contains_xy(outline, lon, lat):
                points.append((lat, lon))
                break
    return np.array(points)


def _offset(lat: float, lon: float, north_km: float, east_km: float) -> tuple[float, float]:
    return lat + north_km / 111.0, lon + east_km / (111.0 * math.cos(math.radians(lat)))


def _hours(peak: int, width: float) -> np.ndarray:
    weights = np.array([math.exp(-(((h - peak + 12) % 24 - 12) ** 2) / (2 * width**2)) + 0.15 for h in range(24)])
    return weights / weights.sum()


EVENING_HOURS, DAY_HOURS = _hours(20, 3.5), _hours(14, 5)


def demo_plan(last_month: date, scale: float = 1.0) -> list[tuple[str, str, str, date, int]]:
    """What the demo export holds, as (kind, closure code, offence code, month, count) from April 2018 to
    `last_month`, counts already scaled. Needs no database, so the total is known before anything is written."""
    plan: list[tuple[str, str, str, date, int]] = []
    for closure, figures in ASB_BY_TYPE.items():
        for month, n in monthly_counts(figures, 0.2, last_month).items():
            plan.append(("asb", closure, "", month, n))
    for codes, figures in NEIGHBOURHOOD_CRIME.items():
        for month, n in monthly_counts(figures, 0.08, last_month).items():
            for code, share in codes:
                plan.append(("crime", "", code, month, round(n * share)))
    with (DATA_DIR / "derbyshire-offences-2017-18.csv").open() as handle:
        others = [
            (row["offence_code"], int(row["offences_2017_18"]))
            for row in csv.DictReader(handle)
            if row["offence_code"] not in NEIGHBOURHOOD_CODES | DRUG_CODES
        ]
    plan += drug_plan(last_month)
    months = list(months_between(FIRST_MONTH, last_month))
    years = [months[i : i + 12] for i in range(0, len(months), 12)]  # financial years: FIRST_MONTH is an April
    for code, yearly in others:
        for year_months in years:
            whole_year = [add_months(year_months[0], i) for i in range(12)]
            shares = allocate(round(yearly * other_crime_factor(year_months[0])), seasonal_weights(whole_year, 0.08))
            for month, n in zip(year_months, shares, strict=False):
                plan.append(("crime", "", code, month, int(n)))
    return [(kind, closure, offence, month, int(round(n * scale))) for kind, closure, offence, month, n in plan]


def drug_plan(last_month: date) -> list[tuple[str, str, str, date, int]]:
    """Plan rows for DRUG_OFFENCES to `last_month`: each calendar year's total exact, per code by largest
    remainders; 2018 runs at 2019's rate and the years after 2022 at 2022's."""
    plan = []
    for codes, by_year in DRUG_OFFENCES.items():
        for year in range(FIRST_MONTH.year, last_month.year + 1):
            total = by_year[min(max(year, 2019), 2022)]
            months = list(months_between(max(date(year, 1, 1), FIRST_MONTH), min(date(year, 12, 1), last_month)))
            counts = allocate(round(total * len(months) / 12), seasonal_weights(months, 0.08))
            for month, n in zip(months, counts, strict=True):
                split = allocate(int(n), np.array([share for _, share in codes]))
                plan += [("crime", "", code, month, int(k)) for (code, _), k in zip(codes, split, strict=True)]
    return plan


def write_demo_incidents(  # noqa: PLR0913
    force: Area,
    config: dict,
    path: Path,
    *,
    scale: float = 1.0,
    seed: int = 20221231,
    last_month: date = SEED_LAST_MONTH,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Write the demo's force incident export to `path` (April 2018 to `last_month`); returns the number of
    incidents. `progress` is called with the number written so far as it goes."""
    rng = np.random.default_rng(seed)
    places, place_weights = layout_places(force, config, rng)
    return _write(path, demo_plan(last_month, scale), places, place_weights, rng, progress)


CHUNK = 20_000  # rows generated at once: large enough for numpy, small enough for a lively progress bar


def _write(  # noqa: PLR0913
    path: Path,
    plan: list,
    places: list[Place],
    place_weights: np.ndarray,
    rng: np.random.Generator,
    progress: Callable[[int], None] | None,
) -> int:
    """Every row drawn with numpy a chunk at a time: place, street point, day, hour and minute."""
    # Every street point of the force in one array, weighted by its LSOA's share and its own.
    lsoas = [place.lsoa_code for place in places for _ in place.points]
    streets = [street for place in places for street in place.streets]
    points = np.concatenate([place.points for place in places])
    first_point = np.concatenate([np.arange(len(place.points)) == 0 for place in places])
    weights = np.concatenate(
        [w * place.point_weights / place.point_weights.sum() for w, place in zip(place_weights, places, strict=True)]
    )
    point_cdf = np.cumsum(weights) / weights.sum()
    hour_cdfs = {True: np.cumsum(EVENING_HOURS), False: np.cumsum(DAY_HOURS)}
    path.parent.mkdir(parents=True, exist_ok=True)
    written = 0
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(FORCE_INCIDENT_COLUMNS)
        for start in range(0, len(plan), 256):
            items = [item for item in plan[start : start + 256] if item[4] > 0]
            if not items:
                continue
            counts = np.array([item[4] for item in items])
            total = int(counts.sum())
            item_of = np.repeat(np.arange(len(items)), counts)
            chosen = np.minimum(np.searchsorted(point_cdf, rng.random(total)), len(point_cdf) - 1)
            evening = np.array([item[0] == "asb" for item in items])[item_of]
            hours = np.where(
                evening,
                np.searchsorted(hour_cdfs[True], rng.random(total)),
                np.searchsorted(hour_cdfs[False], rng.random(total)),
            ).clip(0, 23)
            month_days = np.array([(add_months(item[3], 1) - item[3]).days for item in items])[item_of]
            days = (rng.random(total) * month_days).astype(int) + 1
            minutes = rng.integers(0, 60, total)
            victims = rng.random(total) < 0.12
            # 01:00–01:59 on the last Sunday of March does not exist in UK time (the clocks go forward).
            skipped = np.array([_clocks_forward_day(item[3]) for item in items])[item_of]
            hours[(days == skipped) & (hours == 1)] = 2
            rows = []
            for i in range(total):
                kind, closure, offence, month, _ = items[item_of[i]]
                written += 1
                point = chosen[i]
                rows.append(
                    (
                        f"{'ASB' if kind == 'asb' else 'CR'}-{month:%y%m}-{written:07d}",
                        f"{month.year:04d}-{month.month:02d}-{days[i]:02d} {hours[i]:02d}:{minutes[i]:02d}",
                        kind,
                        closure,
                        offence,
                        streets[point],
                        f"{points[point, 0]:.6f}",
                        f"{points[point, 1]:.6f}",
                        lsoas[point],
                        "yes" if first_point[point] else "no",
                        "yes" if victims[i] else "no",
                    )
                )
            writer.writerows(rows)
            if progress:
                progress(written)
    return written


def _clocks_forward_day(month: date) -> int:
    """The day of the month the clocks go forward (the last Sunday of March), or 0 in other months."""
    if month.month != 3:  # noqa: PLR2004 - March
        return 0
    last = date(month.year, 3, 31)
    return 31 - (last.weekday() + 1) % 7
