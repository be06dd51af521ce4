"""The Derbyshire demo: geography from the seed papers, officers and staff, one login per role.

Everything is made through the real `do_*` actions, from a fixed random seed, so the demo is the
same on every machine and loading it twice changes nothing. Later capabilities add their own
demo data here.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

from django.db import transaction

from beatbook.accounts import actions as account_actions
from beatbook.accounts.models import Role, User
from beatbook.areas.actions import GeographyLoadSummary, do_load_geography
from beatbook.areas.config import read_config, read_lsoas
from beatbook.areas.models import Area, Level
from beatbook.crime.imports import do_import_source
from beatbook.crime.models import ImportRun, Incident
from beatbook.crime.sources import iter_sources
from beatbook.demo.incidents import write_demo_incidents
from beatbook.workforce.models import Rank

DATA_DIR = Path(__file__).parent / "data"
DEMO_PASSWORD = "beatbook-demo-password"  # noqa: S105 - printed for the demo; never for production

FIRST_NAMES = [
    "Aisha",
    "Ben",
    "Chloe",
    "Daniel",
    "Ella",
    "Faisal",
    "Grace",
    "Harry",
    "Imogen",
    "Jack",
    "Kiran",
    "Laura",
    "Mohammed",
    "Niamh",
    "Oliver",
    "Priya",
    "Quinn",
    "Rachel",
    "Sam",
    "Tom",
    "Usha",
    "Victoria",
    "William",
    "Yasmin",
    "Zoe",
    "Adam",
    "Beth",
    "Callum",
    "Dev",
    "Emma",
    "Fiona",
    "George",
    "Hannah",
    "Isaac",
    "Jess",
    "Liam",
    "Megan",
    "Nathan",
    "Olivia",
    "Paul",
    "Rosie",
    "Sophie",
    "Tariq",
]
LAST_NAMES = [
    "Archer",
    "Bennett",
    "Carter",
    "Dixon",
    "Evans",
    "Fletcher",
    "Gill",
    "Hughes",
    "Iqbal",
    "Johnson",
    "Kaur",
    "Lewis",
    "Mason",
    "Nolan",
    "Owen",
    "Parker",
    "Rahman",
    "Shaw",
    "Turner",
    "Walker",
    "Wood",
    "Young",
    "Booth",
    "Cooper",
    "Hall",
    "Marsh",
    "Singh",
    "Taylor",
    "Webster",
    "Ward",
    "Allsop",
    "Bagshaw",
]


@dataclass(frozen=True)
class DemoLogin:
    username: str
    first_name: str
    last_name: str
    role: Role
    area_code: str
    organisation: str = ""
    officer_rank: Rank | None = None


DEMO_LOGINS = [
    DemoLogin("pcso.patel", "Priya", "Patel", Role.PCSO, "staveley", officer_rank=Rank.PCSO),
    DemoLogin("pc.jones", "Tom", "Jones", Role.CONSTABLE, "staveley-snt", officer_rank=Rank.CONSTABLE),
    DemoLogin("ps.okafor", "Grace", "Okafor", Role.SERGEANT, "staveley-snt", officer_rank=Rank.SERGEANT),
    DemoLogin("insp.clarke", "Daniel", "Clarke", Role.INSPECTOR, "chesterfield", officer_rank=Rank.INSPECTOR),
    DemoLogin("chinsp.wright", "Laura", "Wright", Role.CHIEF_INSPECTOR, "north-division"),
    DemoLogin("analyst.li", "Wei", "Li", Role.ANALYST, "derbyshire"),
    DemoLogin("scrutiny.shah", "Amira", "Shah", Role.SCRUTINY, "derbyshire", organisation="Office of the PCC"),
    DemoLogin(
        "partner.evans", "Rhys", "Evans", Role.PARTNER, "chesterfield", organisation="Chesterfield Borough Council"
    ),
    DemoLogin("admin.moss", "Helen", "Moss", Role.ADMIN, "derbyshire"),
    DemoLogin("hr.begum", "Nadia", "Begum", Role.HR_ADMIN, "derbyshire", organisation="Derbyshire Constabulary HR"),
]


@transaction.atomic
def do_load_demo(*, acting_user: User | None = None) -> GeographyLoadSummary:
    """Geography and logins (fast). The workforce is beatbook.workforce.demo; incidents are
    do_load_demo_incidents()."""
    config = read_config(DATA_DIR / "derbyshire.json")
    summary = do_load_geography(config, read_lsoas(DATA_DIR / "derbyshire-lsoa-2011.csv"), acting_user=acting_user)
    _load_demo_logins(acting_user)
    return summary


def _load_demo_logins(acting_user: User | None) -> None:
    for login in DEMO_LOGINS:
        user = User.objects.filter(username=login.username).first()
        if user is None:
            user = account_actions.do_create_user(
                username=login.username,
                password=DEMO_PASSWORD,
                first_name=login.first_name,
                last_name=login.last_name,
                organisation=login.organisation,
                acting_user=acting_user,
                email=f"{login.username}@example.invalid",
            )
        area = Area.objects.get(code=login.area_code)
        account_actions.do_grant_membership(user, area, login.role, acting_user=acting_user)


def do_load_demo_incidents(
    work_dir: Path,
    *,
    scale: float = 1.0,
    acting_user: User | None = None,
    progress: Callable[[int], None] | None = None,
) -> ImportRun | None:
    """Five years of demo crime and ASB, written as a force export and loaded by the real importer.

    Does nothing (returns None) when the demo force already has incidents."""
    force = Area.objects.get(code="derbyshire")
    if Incident.objects.filter(force=force).exists():
        return None
    path = work_dir / "derbyshire-incidents.csv"
    write_demo_incidents(force, read_config(DATA_DIR / "derbyshire.json"), path, scale=scale)
    (source,) = iter_sources(path)
    return do_import_source(source, acting_user=acting_user, force_code=force.code, progress=progress)


def do_load_demo_hotspot(*, acting_user: User | None = None) -> None:
    """A designated hotspot on Staveley's two busiest adjacent cells, October 2022 to March 2023, with patrol visits.

    Needs the demo incidents (it picks the cell from them); does nothing if it exists or they are missing."""
    import numpy as np

    from beatbook.hotspots import analysis
    from beatbook.hotspots.actions import do_designate_hotspot, do_log_patrol_visit
    from beatbook.hotspots.models import DesignatedHotspot
    from beatbook.lib.dates import london_to_utc

    staveley = Area.objects.get(code="staveley")
    if DesignatedHotspot.objects.filter(area=staveley).exists():
        return
    points = list(
        Incident.objects.filter(lsoa__neighbourhood=staveley, longitude__isnull=False).values_list(
            "longitude", "latitude"
        )
    )
    if not points:
        return
    x, y = analysis.to_bng(np.array([p[0] for p in points]), np.array([p[1] for p in points]))
    grid = analysis.grid_covering(x, y, 250)
    counts = analysis.count_grid(grid, x, y)
    best = int(np.argmax(counts))
    # The busiest cell and the busiest of its eight neighbours: a market place and the street beside it.
    row, col = divmod(best, grid.cols)
    neighbours = [
        (r, c)
        for r in range(max(row - 1, 0), min(row + 2, grid.rows))
        for c in range(max(col - 1, 0), min(col + 2, grid.cols))
        if (r, c) != (row, col)
    ]
    second = max(neighbours, key=lambda cell: counts[cell]) if neighbours else None
    chosen = [best] + ([second[0] * grid.cols + second[1]] if second else [])
    xs, ys = grid.corners()
    inspector = User.objects.get(username="insp.clarke")
    hotspot = do_designate_hotspot(
        area=staveley,
        name="Staveley Market Place",
        cells=[(int(xs[i]), int(ys[i])) for i in chosen],
        cell_size=250,
        starts_on=date(2022, 10, 3),
        ends_on=date(2023, 3, 31),
        weekly_target_minutes=90,
        acting_user=inspector,
    )
    _show_patrol_effect(hotspot)
    officers = [User.objects.get(username=name) for name in ("pcso.patel", "pc.jones")]
    rng = random.Random(20221003)  # noqa: S311 - demo data, not security
    day = hotspot.starts_on
    while day <= hotspot.ends_on:
        for _ in range(rng.choice([3, 4, 5, 6])):
            visit_day = day + timedelta(days=rng.randrange(7))
            if visit_day > hotspot.ends_on:
                continue
            start = london_to_utc(
                datetime.combine(visit_day, time(rng.choice([15, 16, 17, 18, 19, 20, 21]), rng.choice([0, 15, 30, 45])))
            )
            do_log_patrol_visit(
                hotspot=hotspot,
                started_at=start,
                ended_at=start + timedelta(minutes=rng.choice([8, 10, 12, 14, 15, 20])),
                arrests=int(rng.random() < 0.05),
                stop_searches=int(rng.random() < 0.1),
                intelligence_submissions=int(rng.random() < 0.2),
                engagements=rng.randrange(0, 6),
                asb_powers=["dispersal"] if rng.random() < 0.08 else [],
                acting_user=rng.choice(officers),
            )
        day += timedelta(days=7)


def _show_patrol_effect(hotspot, share_moved: float = 0.45) -> int:  # noqa: ANN001 - a DesignatedHotspot
    """Give the demo hotspot the kind of fall the seed papers report, without changing any published count:
    during the designation, move `share_moved` of the incidents in the hotspot to other demo points in the
    same LSOA outside it. Every count by area, LSOA, month and category stays as calibrated; only where in
    the LSOA they happened changes. (Re-importing the demo export would put them back.)"""
    import numpy as np

    from beatbook.crime.periods import month_of
    from beatbook.crime.queries import incidents
    from beatbook.hotspots.analysis import to_bng
    from beatbook.hotspots.points import hotspot_contains

    # The same incidents the evaluation counts: every located one in the hotspot's LPU.
    lpu = next((a for a in hotspot.area.ancestors() if a.level == Level.LPU), hotspot.area)
    rows = list(
        incidents(area=lpu)
        .filter(longitude__isnull=False)
        .order_by("id")
        .values_list("id", "longitude", "latitude", "location", "lsoa_id", "month")
    )
    x, y = to_bng(np.array([r[1] for r in rows]), np.array([r[2] for r in rows]))
    inside = hotspot_contains(hotspot, x, y)
    elsewhere: dict[int, list[tuple[float, float, str]]] = {}
    for row, is_inside in zip(rows, inside, strict=True):
        if not is_inside:
            elsewhere.setdefault(row[4], []).append((row[1], row[2], row[3]))
    first, last = month_of(hotspot.starts_on), month_of(hotspot.ends_on)
    rng = random.Random(20221004)  # noqa: S311 - demo data, not security
    moved = []
    for row, is_inside in zip(rows, inside, strict=True):
        places = elsewhere.get(row[4])
        if is_inside and first <= row[5] <= last and places and rng.random() < share_moved:
            longitude, latitude, location = rng.choice(places)
            moved.append(Incident(id=row[0], longitude=longitude, latitude=latitude, location=location))
    Incident.objects.bulk_update(moved, ["longitude", "latitude", "location"], batch_size=500)
    return len(moved)
