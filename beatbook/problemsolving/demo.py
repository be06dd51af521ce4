"""Demo problem-solving plans calibrated to the seed papers.

- 40 plans active on 31 March 2023, by area as in 000_* 5.26 (titles there, reworded here). The papers'
  The papers' "Derby South" is the demo's South Derbyshire LPU, whose configured report_name it is, so its two
  plans are keyed by the LPU's name here and reported as "Derby South".
- 42 closures from 1 February to 30 September 2023 by closure code: 38, 3 and 1 (002_* 9.13).
- Later months, October 2023 to the month before the demo is loaded (demo_last_month): about as many plans
  approved and closed each month as in February to September 2023 (the oldest active plans close first,
  with the closure codes in the same proportions), so about 40 stay active; the LPUs take turns, so every
  LPU has active plans in the demo's latest month.
Deterministic (fixed seed) and idempotent: nothing is added when the force already has plans.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from beatbook.areas.models import Area, Level
from beatbook.crime.periods import months_between
from beatbook.demo.build import CURRENT_HOTSPOT_NAME
from beatbook.demo.incidents import demo_last_month
from beatbook.hotspots.models import DesignatedHotspot
from beatbook.problemsolving import actions
from beatbook.problemsolving.models import ClosureCode, ProblemPlan

# (LPU or unit, [(title, type)]): the plans active on 31 March 2023.
ACTIVE_AT_MARCH_2023 = {
    "Amber Valley": [
        ("Teenage boy behaving anti-socially in Belper", "asb"),
        ("Off-road motorbikes ridden in Heanor", "vehicle"),
        ("Anti-social behaviour around Langley Mill", "asb"),
        ("Young offenders causing trouble in Somercotes and Riddings", "asb"),
        ("Off-road motorbikes in Ilkeston Road area", "vehicle"),
        ("Groups of youths in Alfreton town centre", "asb"),
    ],
    "Chesterfield": [
        ("Anti-social behaviour at the Lockoford Lane supermarket", "asb"),
        ("Anti-social behaviour in Hasland", "asb"),
        ("Woman causing trouble at the school gates", "asb"),
        ("Nuisance neighbours, Brimington", "asb"),
        ("Nuisance neighbours, Staveley", "asb"),
        ("Man causing problems in the community", "asb"),
        ("Chesterfield night-time economy", "crime"),
        ("Man behaving anti-socially in the town centre", "asb"),
    ],
    "Derbyshire Dales": [
        ("Woman committing low-level crime in her community", "crime"),
        ("Car cruising at Matlock Bath", "vehicle"),
    ],
    "Derby East": [
        ("Car cruising meets in Chellaston", "vehicle"),
        ("Woman in a neighbour dispute in Osmaston", "asb"),
        ("Teenage boys causing ASB on Normanton Park", "asb"),
        ("Off-road motorbikes in Alvaston", "vehicle"),
        ("Anti-social behaviour in an Alvaston block of flats", "asb"),
    ],
    "Derby North": [
        ("Begging in the city centre (first man)", "asb"),
        ("Begging in the city centre (second man)", "asb"),
        ("Anti-social behaviour around a Derby block of flats", "asb"),
        ("Reachout: man causing ASB (case one)", "asb"),
        ("Reachout: man causing ASB (case two)", "asb"),
    ],
    "South Derbyshire": [
        ("Neighbour dispute (first)", "asb"),
        ("Neighbour dispute (second)", "asb"),
    ],
    "Derby West": [
        ("Street sex work", "other"),
        ("Operation Barbosa: drug use, ASB and begging in the street", "drugs"),
        ("Neighbour dispute, Normanton", "asb"),
        ("Anti-social behaviour on Church Street and Rawdon Street", "asb"),
        ("Drug taking and ASB in a car park", "drugs"),
    ],
    "Erewash": [("Street drinking in Ilkeston Market Place", "asb")],
    "High Peak": [("Anti-social behaviour at a Buxton hotel", "asb")],
    "North East": [
        ("Man causing ASB near the Hasland boundary", "asb"),
        ("Neighbour dispute, Clay Cross", "asb"),
        ("Anti-social behaviour in Dronfield", "asb"),
        ("Neighbour dispute, Shirebrook", "asb"),
    ],
    "Rural Crime Team": [("Dogs worrying sheep across the county", "rural")],
}
RURAL_CRIME_TEAM = "Rural Crime Team"
# Titles for the plans closed in February and March 2023 (the papers give only their number).
EARLIER_PROBLEMS = [
    "Youths gathering at the recreation ground",
    "Fly-tipping in a back lane",
    "Noise from a rented house",
    "Off-road bikes on the old railway line",
    "Drinking and litter in the park",
    "Fireworks thrown at buses",
    "Shoplifting and abuse at a parade of shops",
    "Cars racing on the industrial estate",
    "Drug dealing from a garage block",
]
CLOSURES = {"sustained-reduction-linked": 38, "sustained-reduction-not-attributable": 3, "other-agency-ownership": 1}
CLOSED_AFTER_MARCH = 15  # of the 40 active on 31 March 2023, closed April to September 2023
LATER_FROM = date(2023, 10, 1)
PLANS_A_MONTH = sum(CLOSURES.values()) / 8  # 42 closures in the 8 months February to September 2023


def _owner_and_place(force: Area, name: str, index: int) -> tuple[Area | None, object, Area]:
    """The team (cycling through the LPU's teams) and one of its neighbourhoods; a unit covers the force."""
    if name == RURAL_CRIME_TEAM:
        unit = actions.do_create_force_unit(force=force, name=name, acting_user=None)
        neighbourhoods = list(Area.objects.within(force).filter(level=Level.NEIGHBOURHOOD).order_by("path"))
        return None, unit, neighbourhoods[index % len(neighbourhoods)]
    lpu = Area.objects.within(force).get(level=Level.LPU, name=name)
    teams = list(lpu.children.order_by("path"))
    team = teams[index % len(teams)]
    neighbourhoods = list(team.children.order_by("path"))
    return team, None, neighbourhoods[index % len(neighbourhoods)]


def _plan(force: Area, name: str, index: int, title: str, kind: str, approved_on: date) -> ProblemPlan:
    team, unit, place = _owner_and_place(force, name, index)
    plan = actions.do_draft_plan(
        title=title,
        problem_type=kind,
        places=[place],
        scan_from=approved_on - timedelta(days=365),
        scan_to=approved_on,
        owner_area=team,
        owner_unit=unit,
        asb_only=kind == "asb",
        partners="Local authority ASB team",
        analysis={"location": f"{place.name}", "victim": "Residents and businesses nearby"},
        acting_user=None,
    )
    return actions.do_approve_plan(plan=plan, approved_on=approved_on, acting_user=None)


@transaction.atomic
def do_load_demo_plans(force: Area, today: date | None = None) -> int:
    """The demo's plans (see the module docstring), to the month before `today` (default: the day it is
    loaded); returns how many were made."""
    if ProblemPlan.objects.filter(force=force).exists():
        return 0
    rng = random.Random(13)  # noqa: S311 - a repeatable demo, not security
    actions.do_set_closure_codes(force=force, codes=actions.DEFAULT_CLOSURE_CODES, acting_user=None)
    codes = [code for slug, n in CLOSURES.items() for code in [ClosureCode.objects.get(force=force, code=slug)] * n]
    rng.shuffle(codes)
    active = []
    for name, plans in ACTIVE_AT_MARCH_2023.items():
        for index, (title, kind) in enumerate(plans):
            approved = date(2022, 6, 1) + timedelta(days=rng.randrange(300))
            active.append(_plan(force, name, index, title, kind, approved))
    made = len(active)
    # Closed in April to September 2023: still active on 31 March.
    for plan in rng.sample(active, CLOSED_AFTER_MARCH):
        closed_on = date(2023, 4, 3) + timedelta(days=rng.randrange(175))
        actions.do_close_plan(plan=plan, closure_code=codes.pop(), closed_on=closed_on, acting_user=None)
    # Older plans closed in February and March 2023.
    lpus = [name for name in ACTIVE_AT_MARCH_2023 if name != RURAL_CRIME_TEAM]
    while codes:
        name = lpus[len(codes) % len(lpus)]
        plan = _plan(
            force,
            name,
            len(codes),
            f"{EARLIER_PROBLEMS[len(codes) % len(EARLIER_PROBLEMS)]} ({name})",
            "asb",
            date(2022, 3, 1) + timedelta(days=rng.randrange(250)),
        )
        closed_on = date(2023, 2, 1) + timedelta(days=rng.randrange(57))
        actions.do_close_plan(plan=plan, closure_code=codes.pop(), closed_on=closed_on, acting_user=None)
        made += 1
    today = today or timezone.localdate()
    made += _later_plans(force, demo_last_month(today))
    made += _plan_for_the_live_hotspot(force)
    for plan in ProblemPlan.objects.filter(force=force, status="active"):
        actions.do_review_plan(
            plan=plan,
            reviewed_on=max(plan.approved_on, today - timedelta(days=rng.randrange(45))),
            note="Progress checked",
            acting_user=None,
        )
    return made


def _later_plans(force: Area, last_month: date) -> int:
    """Plans approved and closed from October 2023 to `last_month`, PLANS_A_MONTH of each on average;
    returns how many were approved."""
    rng = random.Random(1310)  # noqa: S311 - a repeatable demo, not security
    codes = {slug: ClosureCode.objects.get(force=force, code=slug) for slug in CLOSURES}
    lpus = [name for name in ACTIVE_AT_MARCH_2023 if name != RURAL_CRIME_TEAM]
    made = 0
    for number, month in enumerate(months_between(LATER_FROM, last_month)):
        due = int(PLANS_A_MONTH * (number + 1)) - int(PLANS_A_MONTH * number)
        oldest = ProblemPlan.objects.filter(force=force, status="active", approved_on__lt=month).order_by(
            "approved_on", "pk"
        )
        for plan in list(oldest[:due]):
            code = codes[rng.choices(list(CLOSURES), weights=list(CLOSURES.values()))[0]]
            closed_on = month + timedelta(days=rng.randrange(28))
            actions.do_close_plan(plan=plan, closure_code=code, closed_on=closed_on, acting_user=None)
        for index in range(due):
            # The LPUs take turns across months (not from each month's number), so with ~40 plans active each
            # LPU always holds some, whatever month the demo is loaded in.
            name = lpus[made % len(lpus)]
            made += 1
            title = f"{EARLIER_PROBLEMS[(number * 3 + index) % len(EARLIER_PROBLEMS)]} ({name}, {month:%B %Y})"
            _plan(force, name, number + index, title, "asb", month + timedelta(days=rng.randrange(28)))
    return made


def _plan_for_the_live_hotspot(force: Area) -> int:
    """The live demo hotspot's own plan (its team's, covering its neighbourhood, approved the day it was
    designated), so the demo PCSO's and constable's neighbourhood page has a plan at work whenever the demo
    is loaded. Returns 1, or 0 when the demo has no live hotspot."""
    hotspot = (
        DesignatedHotspot.objects.filter(area__path__startswith=force.path, name=CURRENT_HOTSPOT_NAME)
        .order_by("-starts_on")
        .first()
    )
    if hotspot is None or hotspot.area.level != Level.NEIGHBOURHOOD:
        return 0
    plan = actions.do_draft_plan(
        title=f"Evening anti-social behaviour in {hotspot.name}",
        problem_type="asb",
        places=[hotspot.area],
        scan_from=hotspot.starts_on - timedelta(days=365),
        scan_to=hotspot.starts_on,
        owner_area=hotspot.area.parent,
        hotspot=hotspot,
        asb_only=True,
        partners="Local authority ASB team; town centre businesses",
        analysis={"location": hotspot.name, "victim": "Shop staff, bus passengers and residents nearby"},
        acting_user=None,
    )
    actions.do_approve_plan(plan=plan, approved_on=hotspot.starts_on, acting_user=None)
    return 1
