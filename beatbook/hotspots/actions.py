"""Designating hotspots and logging patrols, each checked against the access rules and audited."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import numpy as np
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from beatbook.accounts import access
from beatbook.accounts.access import Capability
from beatbook.accounts.models import User
from beatbook.areas.models import Area
from beatbook.audit.models import Operation
from beatbook.audit.record import record_event
from beatbook.hotspots.analysis import check_cell_size, polygon_area, to_bng
from beatbook.hotspots.models import AsbPower, DesignatedHotspot, PatrolVisit
from beatbook.lib.dates import LONDON

MAX_VISIT_HOURS = 12
FUTURE_GRACE = timedelta(minutes=5)  # a phone's clock a little ahead of the server's
MAX_OUTLINE_SQUARE_KM = 4  # larger than a few streets is a patrol area, not a hotspot


def check_outline(polygon: list[tuple[float, float]]) -> None:
    """A drawn outline must be at least a triangle in Great Britain, and small enough to be a hotspot."""
    if len(set(polygon)) < 3:
        raise ValidationError("An outline needs at least 3 different corners")
    if not all(-9 <= lon <= 2.5 and 49 <= lat <= 61 for lon, lat in polygon):
        raise ValidationError("Every corner must be in Great Britain: check each is ‘latitude, longitude’")
    x, y = to_bng(np.array([p[0] for p in polygon]), np.array([p[1] for p in polygon]))
    square_km = polygon_area(x, y) / 1e6
    if square_km > MAX_OUTLINE_SQUARE_KM:
        raise ValidationError(
            f"The outline covers {square_km:.1f} km²; a hotspot should be under {MAX_OUTLINE_SQUARE_KM} km²"
        )


@transaction.atomic
def do_designate_hotspot(
    *,
    area: Area,
    name: str,
    cells: list[tuple[int, int]],
    cell_size: int,
    starts_on: date,
    weekly_target_minutes: int,
    acting_user: User,
    ends_on: date | None = None,
    polygon: list[tuple[float, float]] | None = None,
) -> DesignatedHotspot:
    if not access.can(acting_user, Capability.DESIGNATE_HOTSPOT, area):
        raise PermissionDenied("Only an inspector or above for this area can designate a hotspot")
    check_cell_size(cell_size)
    if not cells and not polygon:
        raise ValidationError("Choose the hotspot's cells or draw its outline")
    if polygon:
        check_outline(polygon)
    if any(x % cell_size or y % cell_size for x, y in cells):
        raise ValidationError(f"Cell corners must be multiples of the {cell_size} m cell size")
    if ends_on is not None and ends_on < starts_on:
        raise ValidationError("The end date must be on or after the start date")
    hotspot = DesignatedHotspot.objects.create(
        area=area,
        name=name,
        cells=[list(cell) for cell in cells],
        cell_size=cell_size,
        polygon=[list(point) for point in polygon] if polygon else None,
        starts_on=starts_on,
        ends_on=ends_on,
        weekly_target_minutes=weekly_target_minutes,
        designated_by=acting_user,
    )
    record_event(
        actor=acting_user,
        operation=Operation.COLLECTION,
        event="hotspot.designated",
        obj=hotspot,
        area=area,
        detail={
            "cells": len(cells),
            "outline_points": len(polygon or []),
            "weekly_target_minutes": weekly_target_minutes,
        },
    )
    return hotspot


def check_visit_in_designation(hotspot: DesignatedHotspot, started_at: datetime) -> None:
    """A visit counts towards a hotspot's dosage only while it is designated, so one outside the designation
    (or one that has not happened yet) is refused rather than stored and silently left out."""
    day = started_at.astimezone(LONDON).date()
    if day < hotspot.starts_on or (hotspot.ends_on is not None and day > hotspot.ends_on):
        period = f"from {hotspot.starts_on:%-d %B %Y}" + (f" to {hotspot.ends_on:%-d %B %Y}" if hotspot.ends_on else "")
        raise ValidationError(
            f"{hotspot.name} is designated {period}: a visit on {day:%-d %B %Y} is outside that, check the date"
        )
    if started_at > timezone.now() + FUTURE_GRACE:
        raise ValidationError("The visit starts in the future: log a visit once it has happened")


def _checked_visit(
    hotspot: DesignatedHotspot, started_at: datetime, ended_at: datetime, asb_powers: list[str] | None
) -> list[str]:
    """The checks every logged visit passes (ValidationError saying what to fix); returns its powers."""
    if started_at.tzinfo is None or ended_at.tzinfo is None:
        raise ValidationError("Visit times must carry their time zone")
    if ended_at <= started_at:
        raise ValidationError("The visit must end after it starts")
    if (ended_at - started_at).total_seconds() > MAX_VISIT_HOURS * 3600:
        raise ValidationError(f"A visit cannot be longer than {MAX_VISIT_HOURS} hours: check the times")
    check_visit_in_designation(hotspot, started_at)
    if ended_at > timezone.now() + FUTURE_GRACE:
        # QA 17: 08:00 to 20:00 logged at 11:00 was stored with an end that had not happened yet.
        raise ValidationError("The visit ends in the future: log it once it has ended, with the time it ended")
    powers = list(asb_powers or [])
    unknown = [power for power in powers if power not in AsbPower.values]
    if unknown:
        raise ValidationError(f"Unknown ASB power: {', '.join(unknown)}")
    return powers


def _refuse_overlapping_visit(
    hotspot: DesignatedHotspot, officer: User, started_at: datetime, ended_at: datetime
) -> None:
    """One officer is in one visit at a time: a visit overlapping one they logged here is refused, so a second
    tap on "Save visit" (or the form sent again) does not count the same patrol twice (QA 17s)."""
    earlier = (
        PatrolVisit.objects.filter(hotspot=hotspot, officer=officer, started_at__lt=ended_at, ended_at__gt=started_at)
        .order_by("started_at")
        .first()
    )
    if earlier is not None:
        start, end = earlier.started_at.astimezone(LONDON), earlier.ended_at.astimezone(LONDON)
        raise ValidationError(
            f"You have already logged a visit to {hotspot.name} on {start:%-d %B %Y} from {start:%H:%M} to "
            f"{end:%H:%M}, which this one overlaps: it is saved once. Check the times if this was another visit."
        )


@transaction.atomic
def do_log_patrol_visit(
    *,
    hotspot: DesignatedHotspot,
    started_at: datetime,
    ended_at: datetime,
    acting_user: User,
    arrests: int = 0,
    stop_searches: int = 0,
    intelligence_submissions: int = 0,
    engagements: int = 0,
    asb_powers: list[str] | None = None,
) -> PatrolVisit:
    if not access.can(acting_user, Capability.LOG_PATROL, hotspot.area):
        raise PermissionDenied("You can log patrols only for hotspots in your areas")
    powers = _checked_visit(hotspot, started_at, ended_at, asb_powers)
    _refuse_overlapping_visit(hotspot, acting_user, started_at, ended_at)
    visit = PatrolVisit.objects.create(
        hotspot=hotspot,
        officer=acting_user,
        started_at=started_at,
        ended_at=ended_at,
        arrests=arrests,
        stop_searches=stop_searches,
        intelligence_submissions=intelligence_submissions,
        engagements=engagements,
        asb_powers=powers,
    )
    record_event(actor=acting_user, operation=Operation.COLLECTION, event="patrol.logged", obj=visit, area=hotspot.area)
    return visit


@transaction.atomic
def do_log_demo_patrol_returns(
    *, hotspot: DesignatedHotspot, visits: list[dict], acting_user: User, source: str
) -> list[PatrolVisit]:
    """For the demo only: a batch of patrol returns entered for one hotspot at once (a funded programme's
    overtime returns), with every check do_log_patrol_visit makes and one audit row for the batch naming its
    source, instead of one per visit, so hundreds of visits load in a second. Each of `visits` holds the
    keyword arguments of do_log_patrol_visit other than hotspot and acting_user. All or nothing."""
    if not access.can(acting_user, Capability.LOG_PATROL, hotspot.area):
        raise PermissionDenied("You can log patrols only for hotspots in your areas")
    if not source.strip():
        raise ValidationError("Say where the patrol returns came from")
    allowed = {"started_at", "ended_at", "arrests", "stop_searches", "intelligence_submissions", "engagements"}
    made = []
    for visit in visits:
        fields = dict(visit)
        unknown = set(fields) - allowed - {"asb_powers"}
        if unknown:
            raise ValidationError(f"Unknown patrol return fields: {', '.join(sorted(unknown))}")
        fields["asb_powers"] = _checked_visit(
            hotspot, fields["started_at"], fields["ended_at"], fields.get("asb_powers")
        )
        made.append(PatrolVisit(hotspot=hotspot, officer=acting_user, **fields))
    made = PatrolVisit.objects.bulk_create(made)
    record_event(
        actor=acting_user,
        operation=Operation.COLLECTION,
        event="patrol.returns_logged",
        obj=hotspot,
        area=hotspot.area,
        detail={
            "visits": len(made),
            "hours": round(sum((v.ended_at - v.started_at).total_seconds() for v in made) / 3600, 1),
            "source": source.strip(),
        },
    )
    return made
