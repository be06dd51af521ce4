"""Tasking additions: repeat victims and repeat locations from the imported flags, and the record of tasking
meetings (attendees by role, actions with owners, the plans and hotspots discussed).

Repeat victims are counted, never named: the flag comes from the force's incident export and the count by
neighbourhood is all the page shows.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import date, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count

from beatbook.accounts import access
from beatbook.accounts.access import Capability
from beatbook.accounts.models import User
from beatbook.areas.models import Area
from beatbook.audit.models import Operation
from beatbook.audit.record import record_event
from beatbook.crime.periods import Days
from beatbook.crime.queries import occurred_between
from beatbook.problemsolving.models import ProblemPlan, TaskingAction, TaskingMeeting
from beatbook.web.tables import Column, Table

ATTENDEE_ROLES = [
    "Inspector (chair)",
    "SNT sergeant",
    "Problem-solving sergeant",
    "Response sergeant",
    "Analyst",
    "PCSO",
    "CID",
    "Local authority ASB officer",
    "Housing provider",
]


def repeat_tables(area: Area, as_of: date, days: int = 28) -> list[Table]:
    """Incidents flagged as repeat victim / repeat location in the `days` days to `as_of` (force exports
    carry the flags and the times; police.uk rows have neither, so they are not counted)."""
    start = as_of - timedelta(days=days - 1)
    recent = occurred_between(area, start, as_of)
    victims = (
        recent.filter(repeat_victim=True)
        .values("lsoa__neighbourhood__name")
        .annotate(n=Count("id"))
        .order_by("-n", "lsoa__neighbourhood__name")
    )
    locations = Counter(recent.filter(repeat_location=True).values_list("location", flat=True))
    caption = f"{start:%-d %b} to {as_of:%-d %b %Y}"
    return [
        Table(
            "repeat-victims",
            f"Incidents with a repeat victim, by neighbourhood, {caption}",
            [Column("neighbourhood", "Neighbourhood"), Column("incidents", "Incidents", True)],
            [
                {"neighbourhood": row["lsoa__neighbourhood__name"] or "Not placed", "incidents": row["n"]}
                for row in victims
            ],
            period=Days(start, as_of),
        ),
        Table(
            "repeat-locations",
            f"Repeat locations flagged, {caption}",
            [Column("place", "Place"), Column("incidents", "Incidents", True)],
            [{"place": place or "Not given", "incidents": n} for place, n in locations.most_common(20)],
            period=Days(start, as_of),
            file_name="repeat-locations-flagged",  # not the tasking briefing's repeat-locations
        ),
    ]


def meetings_table(area: Area) -> Table:
    """The latest 50 meetings held in or below the area, in four queries whatever their number."""
    meetings = (
        TaskingMeeting.objects.filter(area__path__startswith=area.path)
        .select_related("area")
        .prefetch_related("actions", "plans")[:50]
    )
    return Table(
        "tasking-meetings",
        "Tasking meetings",
        [
            Column("held_on", "Held"),
            Column("area", "Area"),
            Column("attendees", "Attendees"),
            Column("actions", "Actions"),
            Column("plans", "Plans discussed"),
        ],
        [
            {
                "held_on": m.held_on.isoformat(),
                "area": m.area.name,
                "attendees": ", ".join(m.attendees),
                "actions": "; ".join(f"{a.action} ({a.owner}, by {a.due_on:%-d %b})" for a in m.actions.all()),
                "plans": ", ".join(p.title for p in m.plans.all()),
            }
            for m in meetings
        ],
        snapshot=True,  # the latest meetings recorded so far
    )


@transaction.atomic
def do_record_tasking_meeting(
    *,
    area: Area,
    held_on: date,
    attendees: Sequence[str],
    acting_user: User | None,
    notes: str = "",
    plans: Sequence[ProblemPlan] = (),
    hotspots: Sequence[object] = (),
    actions: Sequence[tuple[str, str, date]] = (),
) -> TaskingMeeting:
    """Record a meeting. Raises ValidationError without attendees or with an action lacking an owner."""
    if acting_user is not None and not access.can(acting_user, Capability.DRAFT_PLAN, area):
        raise PermissionDenied("Your role does not allow recording tasking meetings here")
    if not attendees:
        raise ValidationError("Say who attended, by role")
    meeting = TaskingMeeting.objects.create(
        area=area, held_on=held_on, attendees=list(attendees), notes=notes, recorded_by=acting_user
    )
    meeting.plans.set(plans)
    meeting.hotspots.set(hotspots)
    for action, owner, due_on in actions:
        if not action.strip() or not owner.strip():
            raise ValidationError("Each action needs what is to be done and who owns it")
        TaskingAction.objects.create(meeting=meeting, action=action.strip(), owner=owner.strip(), due_on=due_on)
    record_event(
        actor=acting_user,
        operation=Operation.COLLECTION,
        event="tasking_meeting.recorded",
        obj=meeting,
        area=area,
        detail={"actions": len(actions)},
    )
    return meeting
