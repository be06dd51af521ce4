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
from django.utils import timezone

from beatbook.accounts import actions as account_actions
from beatbook.accounts.models import Role, User
from beatbook.areas.actions import GeographyLoadSummary, do_load_geography
from beatbook.areas.config import read_config, read_lsoas
from beatbook.areas.models import Area, Level
from beatbook.areas.placement import read_msoa_centroids
from beatbook.crime.imports import do_import_source
from beatbook.crime.models import ImportRun, Incident
from beatbook.crime.sources import iter_sources
from beatbook.demo.incidents import demo_last_month, demo_plan, write_demo_incidents
from beatbook.lib.dates import LONDON, london_to_utc
from beatbook.workforce.models import Rank

DATA_DIR = Path(__file__).parent / "data"
LAYERS_DIR = Path(__file__).parent.parent / "maps" / "data"  # the demo's reference layers (ONS, OGL)
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
def do_load_demo(
    *, acting_user: User | None = None, progress: Callable[[float], None] | None = None
) -> GeographyLoadSummary:
    """Geography, logins and reference layers (fast). The workforce is beatbook.workforce.demo;
    incidents are do_load_demo_incidents().

    `progress` is told the share done (0 to 1) as it goes."""
    tick = progress or (lambda share: None)
    config = read_config(DATA_DIR / "derbyshire.json")
    summary = do_load_geography(
        config,
        read_lsoas(DATA_DIR / "derbyshire-lsoa-2011.csv"),
        acting_user=acting_user,
        msoa_centroids=read_msoa_centroids(LAYERS_DIR / "derbyshire-msoa-2011.geojson"),
    )
    force = summary.force
    tick(0.4)
    _load_demo_logins(acting_user)
    tick(0.5)
    _load_demo_reference_layers(force, acting_user)
    tick(1.0)
    return summary


def _load_demo_reference_layers(force: Area, acting_user: User | None) -> None:
    """The force's local authority and MSOA outlines for maps (shipped already simplified)."""
    from beatbook.maps.actions import do_load_reference_layers
    from beatbook.maps.models import ReferenceShape

    if ReferenceShape.objects.filter(force=force).exists():
        return
    do_load_reference_layers(
        force,
        local_authorities=LAYERS_DIR / "derbyshire-local-authorities.geojson",
        msoas=LAYERS_DIR / "derbyshire-msoa-2011.geojson",
        tolerance_metres=0,
        acting_user=acting_user,
    )


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


def do_load_demo_incidents(  # noqa: PLR0913
    work_dir: Path,
    *,
    scale: float = 1.0,
    acting_user: User | None = None,
    progress: Callable[[int], None] | None = None,
    written: Callable[[int], None] | None = None,
    today: date | None = None,
) -> ImportRun | None:
    """Demo crime and ASB from April 2018 to the month before `today` (default: the day it runs), written as a
    force export and loaded by the real importer. `written` is told how many rows are written so far, then
    `progress` how many are loaded; `demo_incident_count()` gives the total beforehand.

    Does nothing (returns None) when the demo force already has incidents."""
    force = Area.objects.get(code="derbyshire")
    if Incident.objects.filter(force=force).exists():
        return None
    path = work_dir / "derbyshire-incidents.csv"
    last_month = demo_last_month(today or timezone.localdate())
    config = read_config(DATA_DIR / "derbyshire.json")
    write_demo_incidents(force, config, path, scale=scale, last_month=last_month, progress=written)
    (source,) = iter_sources(path)
    return do_import_source(source, acting_user=acting_user, force_code=force.code, progress=progress)


def demo_incident_count(scale: float = 1.0, today: date | None = None) -> int:
    """How many incidents do_load_demo_incidents() writes and loads (no database needed)."""
    return sum(item[4] for item in demo_plan(demo_last_month(today or timezone.localdate()), scale))


SEED_HOTSPOT = ("Staveley Market Place", date(2022, 10, 3), date(2023, 3, 31))
CURRENT_HOTSPOT_NAME = "Staveley town centre"
CURRENT_HOTSPOT_WEEKS = 13  # a quarter's designation, running to the day the demo is loaded


def do_load_demo_hotspot(*, acting_user: User | None = None, now: datetime | None = None) -> None:
    """The seed papers' designated hotspot on Staveley's two busiest adjacent cells, October 2022 to March
    2023, and the same cells designated again for the quarter to the day the demo runs, so today's briefing
    and dosage pages have a live hotspot; both with patrol visits, none later than `now`.

    Needs the demo incidents (it picks the cells from them); does nothing if they exist or the incidents are
    missing."""
    from beatbook.hotspots.actions import do_designate_hotspot
    from beatbook.hotspots.models import DesignatedHotspot

    staveley = Area.objects.get(code="staveley")
    if DesignatedHotspot.objects.filter(area=staveley).exists():
        return
    cells = _busiest_adjacent_cells(staveley)
    if not cells:
        return
    now = now or timezone.now()
    inspector = User.objects.get(username="insp.clarke")
    name, starts_on, ends_on = SEED_HOTSPOT
    hotspot = do_designate_hotspot(
        area=staveley,
        name=name,
        cells=cells,
        cell_size=250,
        starts_on=starts_on,
        ends_on=ends_on,
        weekly_target_minutes=90,
        acting_user=inspector,
    )
    _show_patrol_effect(hotspot)
    _log_demo_patrols(hotspot, random.Random(20221003), now)  # noqa: S311 - demo data, not security
    today = now.astimezone(LONDON).date()
    monday = today - timedelta(days=today.weekday(), weeks=CURRENT_HOTSPOT_WEEKS)
    current = do_designate_hotspot(
        area=staveley,
        name=CURRENT_HOTSPOT_NAME,
        cells=cells,
        cell_size=250,
        starts_on=monday,
        weekly_target_minutes=90,
        acting_user=inspector,
    )
    _log_live_patrols(current, random.Random(monday.toordinal()), now)  # noqa: S311 - demo data, not security


def _busiest_adjacent_cells(area: Area) -> list[tuple[int, int]]:
    """The area's busiest 250 m cell and the busiest of its eight neighbours: a market place and the street
    beside it. Lower-left BNG corners; empty when the area has no located incidents."""
    import numpy as np

    from beatbook.hotspots import analysis

    points = list(
        Incident.objects.filter(lsoa__neighbourhood=area, longitude__isnull=False).values_list("longitude", "latitude")
    )
    if not points:
        return []
    x, y = analysis.to_bng(np.array([p[0] for p in points]), np.array([p[1] for p in points]))
    grid = analysis.grid_covering(x, y, 250)
    counts = analysis.count_grid(grid, x, y)
    best = int(np.argmax(counts))
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
    return [(int(xs[i]), int(ys[i])) for i in chosen]


def _log_demo_patrols(  # noqa: ANN202
    hotspot,  # noqa: ANN001 - a DesignatedHotspot
    rng: random.Random,
    now: datetime,
):
    """Three to six evening visits a week by the Staveley PCSO and constable, inside the designation and
    before `now`."""
    officers = [User.objects.get(username=name) for name in ("pcso.patel", "pc.jones")]
    last = min(hotspot.ends_on or now.astimezone(LONDON).date(), now.astimezone(LONDON).date())
    day = hotspot.starts_on
    while day <= last:
        for _ in range(rng.choice([3, 4, 5, 6])):
            visit_day = day + timedelta(days=rng.randrange(7))
            if visit_day > last:
                continue
            start = _evening_start(visit_day, rng)
            end = start + timedelta(minutes=rng.choice([8, 10, 12, 14, 15, 20]))
            if end > now:
                continue
            _log_demo_visit(hotspot, start, end, officers, rng)
        day += timedelta(days=7)


# The live hotspot's visits: the Koper curve's 10 to 15 minutes, about one an evening.
LIVE_VISIT_MINUTES = (10, 11, 12, 12, 13, 14, 15, 15)
LIVE_MET_SHARE = (1.0, 1.35)  # a week on target logs 100-135% of the weekly target
LIVE_SHORT_SHARE = (0.5, 0.75)  # a week short of officers logs half to three quarters of it


def _log_live_patrols(hotspot, rng: random.Random, now: datetime) -> None:  # noqa: ANN001 - a DesignatedHotspot
    """Visits to the live hotspot by the Staveley PCSO and constable that meet the weekly target in every week
    but two: last week (the team short of officers, so today's briefing has a hotspot behind on patrols over
    the last four weeks) and one earlier week. This week is logged at the same pace up to `now`, so it stands
    partway. Every visit starts and ends inside the designation and before `now`; none is missed by a later
    week's figures (each visit lies wholly in the UK-local week it is planned for)."""
    officers = [User.objects.get(username=name) for name in ("pcso.patel", "pc.jones")]
    today = now.astimezone(LONDON).date()
    this_monday = today - timedelta(days=today.weekday())
    mondays = []
    monday = hotspot.starts_on - timedelta(days=hotspot.starts_on.weekday())
    while monday <= this_monday:
        mondays.append(monday)
        monday += timedelta(days=7)
    earlier = [day for day in mondays if day <= this_monday - timedelta(weeks=5)]
    short = {this_monday - timedelta(weeks=1), *([rng.choice(earlier)] if earlier else [])}
    for monday in mondays:
        share = LIVE_SHORT_SHARE if monday in short else LIVE_MET_SHARE
        goal = hotspot.weekly_target_minutes * rng.uniform(*share)
        # A week on target stops once it reaches its goal; a short week stops a visit before its goal.
        stop_at = goal - (max(LIVE_VISIT_MINUTES) if monday in short else 0)
        lengths: list[int] = []
        while sum(lengths) < stop_at:
            lengths.append(rng.choice(LIVE_VISIT_MINUTES))
        for minutes in lengths:
            visit_day = monday + timedelta(days=rng.randrange(7))
            start = _evening_start(visit_day, rng)
            end = start + timedelta(minutes=minutes)
            if visit_day < hotspot.starts_on or (hotspot.ends_on and visit_day > hotspot.ends_on) or end > now:
                continue
            _log_demo_visit(hotspot, start, end, officers, rng)


def _evening_start(day: date, rng: random.Random) -> datetime:
    """A visit's start: 15:00 to 21:45 UK local on `day`, on the quarter hour, in UTC."""
    return london_to_utc(
        datetime.combine(day, time(rng.choice([15, 16, 17, 18, 19, 20, 21]), rng.choice([0, 15, 30, 45])))
    )


def _log_demo_visit(hotspot, start: datetime, end: datetime, officers: list[User], rng: random.Random) -> None:  # noqa: ANN001
    """Log one demo visit with the outcomes a short patrol sometimes has, by one of `officers`."""
    from beatbook.hotspots.actions import do_log_patrol_visit

    outcomes = {
        "arrests": int(rng.random() < 0.05),
        "stop_searches": int(rng.random() < 0.1),
        "intelligence_submissions": int(rng.random() < 0.2),
        "engagements": rng.randrange(0, 6),
        "asb_powers": ["dispersal"] if rng.random() < 0.08 else [],
    }
    chosen = rng.choice(officers)
    # An officer is in one visit at a time (do_log_patrol_visit refuses an overlap): the other officer takes a
    # visit the chosen one is already out on, else it moves on a quarter of an hour, keeping its length.
    for shift in range(0, 8 * 15, 15):
        moved_start, moved_end = start + timedelta(minutes=shift), end + timedelta(minutes=shift)
        if moved_end > timezone.now():
            return  # not yet ended: not logged, as a real one would not be
        free = [
            officer
            for officer in sorted(officers, key=lambda officer: officer != chosen)
            if not hotspot.visits.filter(officer=officer, started_at__lt=moved_end, ended_at__gt=moved_start).exists()
        ]
        if free:
            do_log_patrol_visit(
                hotspot=hotspot, started_at=moved_start, ended_at=moved_end, acting_user=free[0], **outcomes
            )
            return


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
