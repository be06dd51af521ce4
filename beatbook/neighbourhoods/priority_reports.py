"""Neighbourhood priorities for an area: those set in the last quarter, and the neighbourhoods whose
priorities are stale (seed 002, 9.10)."""

from __future__ import annotations

from datetime import date

from django.db.models import Max

from beatbook.areas.models import Area, Level
from beatbook.crime.periods import add_months
from beatbook.neighbourhoods.models import Evidence, Priority
from beatbook.web.tables import Column, Table

STALE_AFTER_MONTHS = 3


def stale_neighbourhoods(area: Area, today: date) -> Table:
    """Neighbourhoods with no priority set in the last three months (seed 002, 9.10)."""
    cutoff = add_months(today, -STALE_AFTER_MONTHS)
    latest = dict(
        Priority.objects.filter(neighbourhood__path__startswith=area.path)
        .values("neighbourhood_id")
        .annotate(last=Max("set_on"))
        .values_list("neighbourhood_id", "last")
    )
    rows = []
    for neighbourhood in Area.objects.within(area).filter(level=Level.NEIGHBOURHOOD).order_by("name"):
        last = latest.get(neighbourhood.pk)
        if last is None or last < cutoff:
            rows.append(
                {
                    "neighbourhood": neighbourhood.name,
                    "last_set": last.isoformat() if last else None,
                    "days_since": (today - last).days if last else None,
                }
            )
    return Table(
        "stale",
        f"Neighbourhoods without priorities set since {cutoff:%-d %B %Y}",
        [
            Column("neighbourhood", "Neighbourhood"),
            Column("last_set", "Last set"),
            Column("days_since", "Days since", True),
        ],
        rows,
    )


def priorities_set_since(area: Area, today: date):  # noqa: ANN201 - a QuerySet of Priority
    """The area's current priorities: those set in the last three months, by neighbourhood, newest first."""
    cutoff = add_months(today, -STALE_AFTER_MONTHS)
    return Priority.objects.filter(neighbourhood__path__startswith=area.path, set_on__gte=cutoff).order_by(
        "neighbourhood__name", "-set_on"
    )


def current_priorities(area: Area, today: date) -> Table:
    evidence = dict(Evidence.choices)
    priorities = priorities_set_since(area, today).select_related("neighbourhood")
    links = {}
    rows = []
    for priority in priorities:
        links[(len(rows), "issue")] = f"/priorities/{priority.uuid}/"
        rows.append(
            {
                "neighbourhood": priority.neighbourhood.name,
                "issue": priority.issue,
                "set_on": priority.set_on.isoformat(),
                "evidence": ", ".join(evidence.get(e, e) for e in priority.evidence),
                "action_taken": priority.action_taken or None,
                "published": "yes" if priority.published_at else "no",
            }
        )
    return Table(
        "current",
        f"Priorities set in the last {STALE_AFTER_MONTHS} months, {area.name}",
        [
            Column("neighbourhood", "Neighbourhood"),
            Column("issue", "Issue"),
            Column("set_on", "Set on"),
            Column("evidence", "Evidence"),
            Column("action_taken", "What was done"),
            Column("published", "Published"),
        ],
        rows,
        links=links,
        display_limit=100,
    )
