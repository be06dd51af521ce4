"""Five financial years of Derbyshire crime and ASB for the demo, calibrated to the seed papers.

- ASB by NSIR type: each financial year's total is paper 000's table 5.2 exactly, and the 12 months
  to December 2022 add up to its last column.
- Neighbourhood crime by type: paper 000's table 7.2 the same way (financial years, then the 12 months
  to December 2022).
- Other crime: the Home Office's Derbyshire 2017/18 counts by offence code, scaled a little by year.

Places are invented but plausible: each team's LSOAs are laid out around an approximate town centre
(small, dense LSOAs in the middle), incidents cluster on a few street points per LSOA (so there are
repeat locations), and town centres get more. The result is written as a force incident export
(docs/data-sources.md) and loaded through the real importer.
"""

from __future__ import annotations

import csv
import math
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

import numpy as np

from beatbook.areas.models import Area, Level, Lsoa
from beatbook.crime.importers.police_uk import FORCE_INCIDENT_COLUMNS
from beatbook.crime.periods import add_months, months_between
from beatbook.lib.dates import LocalTimeError, london_to_utc

DATA_DIR = Path(__file__).parent / "data"
FIRST_MONTH, LAST_MONTH = date(2018, 4, 1), date(2023, 3, 1)
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


def monthly_counts(figures: list[int], amplitude: float) -> dict[date, int]:
    """Month counts whose financial years match figures[0:4] and whose 12 months to Dec 2022 match figures[4].

    Jan–Mar 2023 continue at the rate of Apr–Dec 2022."""
    counts: dict[date, int] = {}
    for year, total in zip(FINANCIAL_YEARS, figures[:4], strict=True):
        months = list(months_between(date(year, 4, 1), date(year + 1, 3, 1)))
        counts |= dict(zip(months, allocate(total, seasonal_weights(months, amplitude)), strict=True))
    already = sum(counts[m] for m in months_between(ROLLING_TO_DEC_2022[0], date(2022, 3, 1)))
    rest = list(months_between(date(2022, 4, 1), ROLLING_TO_DEC_2022[1]))
    counts |= dict(zip(rest, allocate(max(0, figures[4] - already), seasonal_weights(rest, amplitude)), strict=True))
    tail = list(months_between(date(2023, 1, 1), LAST_MONTH))
    rate = sum(counts[m] for m in rest) / seasonal_weights(rest, amplitude).sum()
    counts |= dict(zip(tail, np.rint(rate * seasonal_weights(tail, amplitude)).astype(int), strict=True))
    return counts


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
            points = np.array([_offset(lat, lon, dy, dx) for dy, dx in offsets])
            streets = [f"On or near {STREETS[int(i)]}" for i in rng.integers(0, len(STREETS), n_points)]
            places.append(Place(lsoa.code, np.round(points, 6), streets, 1 / np.arange(1, n_points + 1) ** 1.3))
            centre_boost = 5.0 if index == 0 else 1.0  # the smallest, densest LSOA: the town centre
            weights.append((lsoa.population or 1500) * (densities[index] / np.median(densities)) ** 0.4 * centre_boost)
    return places, np.array(weights) / np.sum(weights)


def _offset(lat: float, lon: float, north_km: float, east_km: float) -> tuple[float, float]:
    return lat + north_km / 111.0, lon + east_km / (111.0 * math.cos(math.radians(lat)))


def _local_time(month: date, rng: np.random.Generator, evening: bool) -> datetime:
    days = (add_months(month, 1) - month).days
    hour = int(rng.choice(24, p=EVENING_HOURS if evening else DAY_HOURS))
    local = datetime(month.year, month.month, int(rng.integers(1, days + 1)), hour, int(rng.integers(0, 60)))
    try:
        london_to_utc(local)
    except LocalTimeError:  # the hour the clocks skip
        local += timedelta(hours=1)
    return local


def _hours(peak: int, width: float) -> np.ndarray:
    weights = np.array([math.exp(-(((h - peak + 12) % 24 - 12) ** 2) / (2 * width**2)) + 0.15 for h in range(24)])
    return weights / weights.sum()


EVENING_HOURS, DAY_HOURS = _hours(20, 3.5), _hours(14, 5)


def write_demo_incidents(force: Area, config: dict, path: Path, *, scale: float = 1.0, seed: int = 20221231) -> int:
    """Write the demo's force incident export to `path`; returns the number of incidents."""
    rng = np.random.default_rng(seed)
    places, place_weights = layout_places(force, config, rng)
    plan: list[tuple[str, str, str, date, int]] = []  # (kind, closure, offence, month, count)
    for closure, figures in ASB_BY_TYPE.items():
        for month, n in monthly_counts(figures, 0.2).items():
            plan.append(("asb", closure, "", month, n))
    for codes, figures in NEIGHBOURHOOD_CRIME.items():
        for month, n in monthly_counts(figures, 0.08).items():
            for code, share in codes:
                plan.append(("crime", "", code, month, round(n * share)))
    with (DATA_DIR / "derbyshire-offences-2017-18.csv").open() as handle:
        others = [
            (row["offence_code"], int(row["offences_2017_18"]))
            for row in csv.DictReader(handle)
            if row["offence_code"] not in NEIGHBOURHOOD_CODES | DRUG_CODES
        ]
    plan += drug_plan()
    months = list(months_between(FIRST_MONTH, LAST_MONTH))
    for code, yearly in others:
        for index, factor in enumerate(OTHER_CRIME_YEAR_FACTOR):
            year_months = months[index * 12 : (index + 1) * 12]
            for month, n in zip(
                year_months, allocate(round(yearly * factor), seasonal_weights(year_months, 0.08)), strict=True
            ):
                plan.append(("crime", "", code, month, int(n)))
    return _write(path, plan, places, place_weights, rng, scale)


def drug_plan() -> list[tuple[str, str, str, date, int]]:
    """Plan rows for DRUG_OFFENCES: each calendar year's total exact, per code by largest remainders."""
    plan = []
    for codes, by_year in DRUG_OFFENCES.items():
        years = {**by_year, 2018: by_year[2019], 2023: by_year[2022]}
        for year, total in sorted(years.items()):
            months = list(months_between(max(date(year, 1, 1), FIRST_MONTH), min(date(year, 12, 1), LAST_MONTH)))
            counts = allocate(round(total * len(months) / 12), seasonal_weights(months, 0.08))
            for month, n in zip(months, counts, strict=True):
                split = allocate(int(n), np.array([share for _, share in codes]))
                plan += [("crime", "", code, month, int(k)) for (code, _), k in zip(codes, split, strict=True)]
    return plan


def _write(
    path: Path, plan: list, places: list[Place], place_weights: np.ndarray, rng: np.random.Generator, scale: float
) -> int:
    path.parent.mkdir(parents=True, exist_ok=True)
    written = 0
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(FORCE_INCIDENT_COLUMNS)
        for kind, closure, offence, month, count in plan:
            count = int(round(count * scale))
            for place_index in rng.choice(len(places), size=count, p=place_weights):
                place = places[place_index]
                point = int(rng.choice(len(place.points), p=place.point_weights / place.point_weights.sum()))
                written += 1
                lat, lon = place.points[point]
                reference = f"{'ASB' if kind == 'asb' else 'CR'}-{month:%y%m}-{written:07d}"
                opened = _local_time(month, rng, evening=kind == "asb")
                writer.writerow(
                    [
                        reference,
                        opened.strftime("%Y-%m-%d %H:%M"),
                        kind,
                        closure,
                        offence,
                        place.streets[point],
                        f"{lat:.6f}",
                        f"{lon:.6f}",
                        place.lsoa_code,
                        "yes" if point == 0 else "no",
                        "yes" if rng.random() < 0.12 else "no",
                    ]
                )
    return written
