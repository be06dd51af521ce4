"""Demo tasking meetings (issue 17 item 3), SYNTHETIC: the seed papers give none. Each LPU, and each
neighbourhood team (whose sergeants and officers are demo logins too, and whose page lists only meetings held
in or below it), meets weekly on Tuesdays for the WEEKS weeks before the demo is loaded (the last one before
the day it is loaded, so nothing lies in the future), discussing the plans active in its area that day and its
designated hotspots, and setting an action or two due the week after. Deterministic (fixed seed) and
idempotent: nothing is added when the force already has meetings.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from beatbook.areas.models import Area, Level
from beatbook.hotspots.models import DesignatedHotspot
from beatbook.problemsolving.models import ProblemPlan, TaskingMeeting
from beatbook.problemsolving.tasking import do_record_tasking_meeting

WEEKS = 8
TUESDAY = 1  # date.weekday()
ATTENDEES = {
    Level.LPU: ["Inspector (chair)", "SNT sergeant", "Problem-solving sergeant", "Analyst"],
    Level.TEAM: ["SNT sergeant (chair)", "Constable", "Council ASB officer"],
}
OCCASIONAL = ["Response sergeant", "PCSO"]
ACTIONS = [
    "Visit the repeat callers named in the analyst's briefing",
    "Arrange a joint patrol with the council's ASB officer",
    "Ask the licensing officer about the late-night premises",
    "Put the hotspot on the evening briefing for the week",
    "Letter drop to the streets around the repeat location",
    "Check CCTV coverage with the town centre manager",
]
OWNERS = ["SNT sergeant", "Problem-solving sergeant", "PCSO", "Analyst"]


def _meeting_days(today: date) -> list[date]:
    """The WEEKS Tuesdays before `today` (never `today` itself), oldest first."""
    last = today - timedelta(days=(today.weekday() - TUESDAY) % 7 or 7)
    return [last - timedelta(weeks=n) for n in range(WEEKS - 1, -1, -1)]


def _active_on(area: Area, day: date) -> tuple[list[ProblemPlan], list[DesignatedHotspot]]:
    plans = ProblemPlan.objects.filter(
        Q(owner_area__path__startswith=area.path) | Q(places__path__startswith=area.path),
        approved_on__lte=day,
    ).filter(Q(closed_on__isnull=True) | Q(closed_on__gt=day))
    hotspots = DesignatedHotspot.objects.filter(area__path__startswith=area.path, starts_on__lte=day).filter(
        Q(ends_on__isnull=True) | Q(ends_on__gte=day)
    )
    return list(plans.distinct().order_by("approved_on", "pk")[:4]), list(hotspots)


@transaction.atomic
def do_load_demo_tasking_meetings(force: Area, today: date | None = None) -> int:
    """The weekly meetings of every LPU and neighbourhood team of `force` up to `today` (default: the day it is
    loaded); returns how many were recorded."""
    if TaskingMeeting.objects.filter(area__path__startswith=force.path).exists():
        return 0
    rng = random.Random(1702)  # noqa: S311 - a repeatable demo, not security
    days = _meeting_days(today or timezone.localdate())
    made = 0
    for area in Area.objects.within(force).filter(level__in=list(ATTENDEES)).order_by("path"):
        for day in days:
            plans, hotspots = _active_on(area, day)
            actions = [
                (action, rng.choice(OWNERS), day + timedelta(days=7))
                for action in rng.sample(ACTIONS, rng.randint(1, 2))
            ]
            do_record_tasking_meeting(
                area=area,
                held_on=day,
                attendees=ATTENDEES[area.level] + rng.sample(OCCASIONAL, rng.randint(0, 2)),
                notes=f"Weekly tasking: {len(plans)} active plans and {len(hotspots)} hotspots reviewed.",
                plans=plans,
                hotspots=hotspots,
                actions=actions,
                acting_user=None,
            )
            made += 1
    return made
