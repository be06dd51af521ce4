"""The demo's hotspot programme: the Commissioner's ASB hotspot patrols from July 2023 (003_*, the end of term
report of 21 March 2024).

- 23 designated hotspots, one per neighbourhood team, so every district, borough and the city has one; each is
  the team's busiest 250 m cell and its busiest neighbour over the year before, designated on a Monday in July
  2023 (staggered over four weeks) to 10 March 2024, the Sunday before the end-of-term scrutiny meeting.
- Patrol visits totalling PATROL_HOURS hours ("over 3,000 additional patrol hours"), with exactly 47 arrests,
  69 stop and searches and 106 intelligence submissions (003_*: "47 extra arrests, 69 stop and searches and
  106 intel items"): mostly short visits of 10 to 20 minutes (the Koper curve), and funded evening shifts of
  2.5 to 5 hours that give most of the hours, as real programmes' returns do (about 3,000 visits).
- ASB in the hotspots down 44% on the roll-up (003_*: "ASB has reduced by 44% in hotspot areas"): ASB incidents
  in the hotspots' cells are moved to other demo points of the same LSOA outside every hotspot, so every count
  by area, LSOA, month and category stays as calibrated; only where in the LSOA they happened changes.

The hotspots are made by do_designate_hotspot and the patrols by do_log_demo_patrol_returns (the checks of
do_log_patrol_visit, one audit row per hotspot's batch of returns: ~3,000 visits one by one would take most of
this step's time), acted by one force-wide demo user, the programme's coordinator who enters the funded patrols'
returns (no password, so nobody signs in as it). Deterministic and idempotent.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

import numpy as np
from django.db import transaction

from beatbook.accounts import actions as account_actions
from beatbook.accounts.models import Role, User
from beatbook.areas.models import Area, Level
from beatbook.crime.models import Incident
from beatbook.crime.queries import incidents
from beatbook.demo.incidents import allocate
from beatbook.hotspots import analysis
from beatbook.hotspots.actions import do_designate_hotspot, do_log_demo_patrol_returns
from beatbook.hotspots.models import AsbPower, DesignatedHotspot
from beatbook.hotspots.points import before_and_after, hotspot_contains
from beatbook.lib.dates import london_to_utc

PROGRAMME_SINCE = date(2023, 7, 1)  # 003_*: "since July last year", in a report of March 2024
FIRST_START = date(2023, 7, 3)  # the first Monday of July 2023
ENDS_ON = date(2024, 3, 10)
NAME_SUFFIX = "ASB patrol hotspot"
COORDINATOR = "asb.coordinator"
PATROL_HOURS = 3_024  # "over 3,000 additional patrol hours"
ARRESTS, STOP_SEARCHES, INTELLIGENCE = 47, 69, 106
# The visits as funded programmes log them: short visits (the Koper curve: 10 to 15 minutes deters best),
# minutes weighted towards 10-15, and a few evening shifts of two and a half to five hours for the rest.
SHORT_VISITS_A_WEEK = (2, 3, 3, 4)
SHORT_VISIT_MINUTES = (10, 11, 12, 12, 13, 14, 15, 15, 16, 18, 20)
LONG_SHIFT_MINUTES = (150, 180, 240, 240, 300)
ASB_CHANGE = (14, 25)  # after : before in the hotspots, 44% fewer
ASB = ["anti-social-behaviour"]


def programme_coordinator(force: Area) -> User:
    """The force-wide inspector who designates the programme's hotspots and enters its patrol returns."""
    user = User.objects.filter(username=COORDINATOR).first()
    if user is None:
        user = account_actions.do_create_user(
            username=COORDINATOR,
            password=None,
            first_name="ASB hotspot",
            last_name="coordinator",
            organisation="Derbyshire Constabulary",
            acting_user=None,
        )
        account_actions.do_grant_membership(user, force, Role.INSPECTOR, acting_user=None)
    return user


@transaction.atomic  # one commit for the designations, ~3,000 patrol returns and the moved incidents
def do_load_demo_programme(force: Area) -> list[DesignatedHotspot]:
    """The 23 programme hotspots with their patrols and ASB shaped as the module docstring says; nothing when
    they exist already or the force has no located incidents. Returns the hotspots made."""
    if DesignatedHotspot.objects.filter(area__path__startswith=force.path, name__endswith=NAME_SUFFIX).exists():
        return []
    coordinator = programme_coordinator(force)
    rng = random.Random(20230703)  # noqa: S311 - a repeatable demo, not security
    taken = {tuple(cell) for hotspot in DesignatedHotspot.objects.all() for cell in hotspot.cells}
    hotspots = []
    teams = Area.objects.within(force).filter(level=Level.TEAM).order_by("path")
    for index, team in enumerate(teams):
        cells = busiest_cells(team, taken)
        if not cells:
            continue
        taken.update(cells)
        hotspots.append(
            do_designate_hotspot(
                area=team,
                name=f"{team.name.removesuffix(' SNT')} {NAME_SUFFIX}",
                cells=cells,
                cell_size=250,
                starts_on=FIRST_START + timedelta(weeks=index % 4),
                ends_on=ENDS_ON,
                weekly_target_minutes=240,
                acting_user=coordinator,
            )
        )
    if hotspots:
        _log_programme_patrols(hotspots, coordinator, rng)
        shape_asb_change(hotspots, rng)
    return hotspots


def busiest_cells(team: Area, taken: set[tuple[int, int]]) -> list[tuple[int, int]]:
    """The team's busiest 250 m cell over the year before the programme and the busiest of its eight
    neighbours, leaving out cells already designated; lower-left BNG corners, empty without incidents."""
    points = list(
        Incident.objects.filter(
            lsoa__neighbourhood__parent=team, longitude__isnull=False, month__range=(date(2022, 7, 1), date(2023, 6, 1))
        ).values_list("longitude", "latitude")
    )
    if not points:
        return []
    x, y = analysis.to_bng(np.array([p[0] for p in points]), np.array([p[1] for p in points]))
    grid = analysis.grid_covering(x, y, 250)
    counts = analysis.count_grid(grid, x, y).astype(float)
    xs, ys = grid.corners()
    corners = [(int(a), int(b)) for a, b in zip(xs, ys, strict=True)]
    for i, corner in enumerate(corners):
        if corner in taken:
            counts.flat[i] = -1
    best = int(np.argmax(counts))
    row, col = divmod(best, grid.cols)
    neighbours = [
        r * grid.cols + c
        for r in range(max(row - 1, 0), min(row + 2, grid.rows))
        for c in range(max(col - 1, 0), min(col + 2, grid.cols))
        if (r, c) != (row, col) and counts.flat[r * grid.cols + c] > 0
    ]
    chosen = [best] + ([max(neighbours, key=lambda i: counts.flat[i])] if neighbours else [])
    return [corners[i] for i in chosen]


def _log_programme_patrols(hotspots: list[DesignatedHotspot], coordinator: User, rng: random.Random) -> None:
    """Enter the programme's patrol returns planned by plan_programme_patrols, with the arrests, searches and
    intelligence spread over them in proportion to time on patrol."""
    visits = plan_programme_patrols(hotspots, rng)
    outputs = [{"arrests": 0, "stop_searches": 0, "intelligence_submissions": 0} for _ in visits]
    minutes = [visit[2] for visit in visits]
    for field, total in (
        ("arrests", ARRESTS),
        ("stop_searches", STOP_SEARCHES),
        ("intelligence_submissions", INTELLIGENCE),
    ):
        for i in rng.choices(range(len(visits)), weights=minutes, k=total):
            outputs[i][field] += 1
    returns: dict[int, list[dict]] = {hotspot.pk: [] for hotspot in hotspots}
    for (hotspot, start, length), output in zip(visits, outputs, strict=True):
        long_shift = length > SHORT_VISIT_MINUTES[-1]
        returns[hotspot.pk].append(
            {
                "started_at": start,
                "ended_at": start + timedelta(minutes=length),
                "engagements": rng.randrange(2, 12) if long_shift else rng.randrange(0, 4),
                "asb_powers": [rng.choice([AsbPower.DISPERSAL, AsbPower.CPN_WARNING])]
                if rng.random() < (0.06 if long_shift else 0.01)
                else [],
                **output,
            }
        )
    for hotspot in hotspots:
        do_log_demo_patrol_returns(
            hotspot=hotspot,
            visits=returns[hotspot.pk],
            acting_user=coordinator,
            source="ASB hotspot programme patrol returns, July 2023 to March 2024",
        )


def plan_programme_patrols(
    hotspots: list[DesignatedHotspot], rng: random.Random
) -> list[tuple[DesignatedHotspot, datetime, int]]:
    """(hotspot, UTC start, minutes) of every programme patrol, by start: what funded hotspot programmes log.

    - Short visits, SHORT_VISITS_A_WEEK a week of SHORT_VISIT_MINUTES (mostly 10 to 15 minutes, the Koper
      curve), on days without a funded shift, at separate half hours from 15:00 so they never overlap;
    - funded evening shifts of LONG_SHIFT_MINUTES make up the rest of each hotspot's hours.
    Each hotspot's hours are a whole number of tenths (6 minutes), in proportion to its weeks designated, so the
    roll-up's rows (each rounded to 0.1 hours) add up to PATROL_HOURS exactly. All before ENDS_ON, so no
    visit crosses a clock change (the shifts end by 00:30). ValueError if the plan cannot fit the hours."""
    weeks = np.array([(ENDS_ON - h.starts_on).days / 7 + 1 for h in hotspots])
    tenths = allocate(PATROL_HOURS * 10, weeks * np.array([rng.uniform(0.8, 1.2) for _ in hotspots]))
    visits = []
    for hotspot, budget in zip(hotspots, tenths * 6, strict=True):
        shift_days, short = [], []
        monday = hotspot.starts_on
        while monday <= ENDS_ON:
            days = [d for d in (monday + timedelta(days=n) for n in rng.sample(range(7), 7)) if d <= ENDS_ON]
            shift_days += days[:2]
            hours = rng.sample(range(15 * 2, 23 * 2), 4)  # half hours: a day's visits are 30 minutes apart
            visit_days = rng.choices(days[2:], k=rng.choice(SHORT_VISITS_A_WEEK)) if days[2:] else []
            for day, half_hour in zip(visit_days, hours, strict=False):
                short.append((day, time(half_hour // 2, 30 * (half_hour % 2)), rng.choice(SHORT_VISIT_MINUTES)))
            monday += timedelta(days=7)
        left = int(budget) - sum(minutes for *_, minutes in short)
        shifts = []
        while left > LONG_SHIFT_MINUTES[-1]:
            shifts.append(rng.choice(LONG_SHIFT_MINUTES))
            left -= shifts[-1]
        if left < LONG_SHIFT_MINUTES[0] and shifts:  # the last, short remainder lengthens an earlier shift
            shifts[-1] += left
        elif left > 0:
            shifts.append(left)
        if left < 0 or len(shifts) > len(shift_days):
            raise ValueError(f"{hotspot.name}: the patrol plan does not fit its {budget / 60:.1f} hours")
        long = [
            (day, time(rng.choice([16, 17, 18, 19]), rng.choice([0, 30])), minutes)
            for day, minutes in zip(rng.sample(shift_days, len(shifts)), shifts, strict=True)
        ]
        visits += [(hotspot, london_to_utc(datetime.combine(d, at)), minutes) for d, at, minutes in short + long]
    return sorted(visits, key=lambda visit: (visit[1], visit[0].pk))


def shape_asb_change(hotspots: list[DesignatedHotspot], rng: random.Random) -> tuple[int, int]:
    """Move ASB incidents out of the hotspots, within their LSOA, so that over all of them ASB after ÷ ASB
    before is exactly ASB_CHANGE (in the windows the roll-up uses). Returns the (before, after) totals."""
    everywhere = list(DesignatedHotspot.objects.all())
    windows = {hotspot.pk: before_and_after(hotspot, count=False) for hotspot in hotspots}
    inside, places = {}, {}
    for lpu in {w.lpu for w in windows.values()}:
        mine = [h for h in hotspots if windows[h.pk].lpu == lpu]
        first = min(windows[h.pk].before[0] for h in mine)
        last = max(windows[h.pk].after[1] for h in mine)
        rows = list(
            incidents(area=lpu, first=first, last=last, categories=ASB)
            .filter(longitude__isnull=False)
            .order_by("id")
            .values_list("id", "longitude", "latitude", "location", "lsoa_id", "month")
        )
        x, y = analysis.to_bng(np.array([r[1] for r in rows], dtype=float), np.array([r[2] for r in rows], dtype=float))
        anywhere = np.logical_or.reduce([hotspot_contains(other, x, y) for other in everywhere])
        for row, in_any in zip(rows, anywhere, strict=True):
            if not in_any:
                places.setdefault(row[4], []).append(row[1:4])
        months = np.array([r[5] for r in rows])
        for hotspot in mine:
            (b0, _), (a0, a1) = windows[hotspot.pk].before, windows[hotspot.pk].after
            held = hotspot_contains(hotspot, x, y) & (months >= b0) & (months <= a1)
            inside[hotspot.pk] = {
                "before": [rows[i] for i in np.flatnonzero(held & (months < a0))],
                "after": [rows[i] for i in np.flatnonzero(held & (months >= a0))],
            }
    before = sum(len(v["before"]) for v in inside.values())
    after = sum(len(v["after"]) for v in inside.values())
    after_share, before_share = ASB_CHANGE
    kept_before = before // before_share * before_share
    while kept_before and kept_before * after_share // before_share > after:
        kept_before -= before_share
    kept_after = kept_before * after_share // before_share
    moved = _move(inside, "before", before - kept_before, places, rng) + _move(
        inside, "after", after - kept_after, places, rng
    )
    Incident.objects.bulk_update(moved, ["longitude", "latitude", "location"], batch_size=500)
    return kept_before, kept_after


def _move(inside: dict, period: str, total: int, places: dict, rng: random.Random) -> list[Incident]:
    """`total` incidents of `period` moved out of the hotspots, shared unevenly between them (each hotspot's
    share weighted by its count and a random effect), each to a point of its own LSOA outside every hotspot."""
    movable = {pk: [r for r in v[period] if places.get(r[4])] for pk, v in inside.items()}
    keys = sorted(movable)
    weights = np.array([len(movable[k]) * rng.uniform(0.5, 1.5) for k in keys]) + 1e-9
    shares = allocate(total, weights) if total else np.zeros(len(keys), dtype=int)
    spare = 0
    for i, key in enumerate(keys):
        spare += max(0, shares[i] - len(movable[key]))
        shares[i] = min(shares[i], len(movable[key]))
    for i, key in enumerate(keys):  # what a small hotspot could not give, from those with more
        extra = min(spare, len(movable[key]) - shares[i])
        shares[i] += extra
        spare -= extra
    if spare:
        raise ValueError(f"Only {total - spare} of {total} ASB incidents could be moved out of the hotspots")
    moved = []
    for key, n in zip(keys, shares, strict=True):
        for row in rng.sample(movable[key], int(n)):
            longitude, latitude, location = rng.choice(places[row[4]])
            moved.append(Incident(id=row[0], longitude=longitude, latitude=latitude, location=location))
    return moved
