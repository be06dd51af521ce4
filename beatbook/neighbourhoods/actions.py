"""Every write to the neighbourhood records: checked against the access rules, validated, and audited."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from beatbook.accounts import access
from beatbook.accounts.access import Capability
from beatbook.accounts.models import User
from beatbook.areas.models import Area, Level
from beatbook.audit.models import Operation
from beatbook.audit.record import record_event
from beatbook.lib.dates import LONDON, elapsed
from beatbook.neighbourhoods.models import (
    DEFAULT_COMMUNITY_GROUPS,
    FACE_TO_FACE_METHODS,
    Abstraction,
    AbstractionReason,
    AuthoriserRank,
    CommunityGroup,
    CommunityPresence,
    Engagement,
    EngagementMethod,
    Evidence,
    Priority,
    shift_of,
)
from beatbook.neighbourhoods.record_edits import save_edit
from beatbook.public.actions import do_approve_publication, do_withdraw_publication
from beatbook.workforce.models import Officer

MAX_ENGAGEMENT_MINUTES = 12 * 60
MAX_ABSTRACTION_HOURS = 7 * 24  # a week's abstraction is recorded as separate entries


def _require(user: User, capability: Capability, area: Area, message: str) -> None:
    if not access.can(user, capability, area):
        raise PermissionDenied(message)


def _check_aware(*moments: datetime) -> None:
    if any(moment.tzinfo is None for moment in moments):
        raise ValidationError("Times must carry their time zone")


def check_engagement_happened(started_at: datetime, duration_minutes: int) -> None:
    """An engagement is recorded once it has happened: refused (saying what to check) when it starts, or
    ends, later than now (five minutes' grace for a phone's clock). QA 17: one starting ten minutes ago and
    lasting ten hours was stored, ending that evening."""
    latest = timezone.now() + timedelta(minutes=5)
    if started_at > latest:
        raise ValidationError("An engagement cannot be recorded before it happens: check the date and time")
    if started_at + timedelta(minutes=duration_minutes) > latest:
        raise ValidationError(
            "The engagement has not ended yet: record it once it has, or check the start time and duration"
        )


def _check_neighbourhood(area: Area) -> None:
    if area.level != Level.NEIGHBOURHOOD:
        raise ValidationError(f"{area.name} is not a neighbourhood: choose the neighbourhood it happened in")


@transaction.atomic
def do_set_community_groups(*, force: Area, names: Sequence[str], acting_user: User | None) -> list[CommunityGroup]:
    """Make `names` the force's list, in order. Groups left out are retired, not deleted, so engagements
    that recorded them keep them."""
    if force.parent_id is not None:
        raise ValidationError("Community groups are set for a whole force")
    if acting_user is not None:
        _require(acting_user, Capability.MANAGE_USERS, force, "Only a force administrator can change the list")
    cleaned = [name.strip() for name in names if name.strip()]
    slugs = [slugify(name) for name in cleaned]
    if len(set(slugs)) != len(slugs):
        raise ValidationError("Each community group must have a different name")
    groups = []
    for position, (slug, name) in enumerate(zip(slugs, cleaned, strict=True)):
        group, _ = CommunityGroup.objects.update_or_create(
            force=force, slug=slug, defaults={"name": name, "position": position, "active": True}
        )
        groups.append(group)
    retired = CommunityGroup.objects.filter(force=force).exclude(slug__in=slugs).update(active=False)
    record_event(
        actor=acting_user,
        operation=Operation.ALTERATION,
        event="community_groups.set",
        area=force,
        detail={"groups": len(groups), "retired": retired},
    )
    return groups


@transaction.atomic
def do_set_community_presence(*, force: Area, rows: Sequence[tuple[str, str, str]], acting_user: User | None) -> int:
    """Replace the force's record of which groups live or work where, from (area code, group name or slug,
    source) rows, all or nothing. Errors name the row (counting the header as row 1) and what to fix."""
    if force.parent_id is not None:
        raise ValidationError("Community presence is set for a whole force")
    if acting_user is not None:
        _require(acting_user, Capability.MANAGE_USERS, force, "Only a force administrator can change it")
    ensure_community_groups(force)
    areas = {area.code: area for area in Area.objects.within(force)}
    groups = {}
    for group in CommunityGroup.objects.filter(force=force, active=True):
        groups[group.slug] = groups[slugify(group.name)] = group
    problems, wanted = [], {}
    for number, (code, group_name, source) in enumerate(rows, start=2):
        area, group = areas.get(code.strip()), groups.get(slugify(group_name))
        if area is None:
            problems.append(f"row {number}: no area {code!r} in {force.name}")
        elif group is None:
            problems.append(f"row {number}: {group_name!r} is not one of the force's community groups")
        else:
            wanted[(area.pk, group.pk)] = CommunityPresence(area=area, group=group, source=source.strip()[:120])
    if problems:
        raise ValidationError(problems[:20] + ([f"… and {len(problems) - 20} more"] if len(problems) > 20 else []))
    CommunityPresence.objects.filter(area__path__startswith=force.path).delete()
    CommunityPresence.objects.bulk_create(wanted.values())
    record_event(
        actor=acting_user,
        operation=Operation.ALTERATION,
        event="community_presence.set",
        area=force,
        detail={"rows": len(wanted)},
    )
    return len(wanted)


def ensure_community_groups(force: Area) -> None:
    """Give a force the default list the first time it needs one."""
    if not CommunityGroup.objects.filter(force=force).exists():
        do_set_community_groups(force=force, names=DEFAULT_COMMUNITY_GROUPS, acting_user=None)


@transaction.atomic
def do_record_engagement(
    *,
    neighbourhood: Area,
    started_at: datetime,
    duration_minutes: int,
    location: str,
    method: str,
    people_reached: int,
    acting_user: User,
    groups: Sequence[CommunityGroup] = (),
    issues_raised: str = "",
    follow_up: str = "",
) -> Engagement:
    _require(acting_user, Capability.RECORD_ENGAGEMENT, neighbourhood, "You can record engagements only in your areas")
    _check_neighbourhood(neighbourhood)
    _check_aware(started_at)
    if method not in EngagementMethod.values:
        raise ValidationError(f"Unknown engagement method {method!r}")
    if not 1 <= duration_minutes <= MAX_ENGAGEMENT_MINUTES:
        raise ValidationError("The duration must be between 1 minute and 12 hours")
    check_engagement_happened(started_at, duration_minutes)
    foreign = [g.name for g in groups if g.force_id != neighbourhood.force_id]
    if foreign:
        raise ValidationError(f"Not a community group of this force: {', '.join(foreign)}")
    if Engagement.objects.filter(
        recorded_by=acting_user, neighbourhood=neighbourhood, started_at=started_at, method=method,
        location=location.strip(), withdrawn_at__isnull=True,
    ).exists():  # fmt: skip
        # The form sent twice (a double tap, or again after a slow answer) must not count it twice (QA 17s).
        raise ValidationError(
            f"You have already recorded this engagement ({EngagementMethod(method).label} at {location.strip()}, "
            f"{started_at.astimezone(LONDON):%-d %B %Y %H:%M}): it is saved once. See your recent records."
        )
    engagement = Engagement.objects.create(
        neighbourhood=neighbourhood,
        started_at=started_at,
        duration_minutes=duration_minutes,
        location=location.strip(),
        method=method,
        face_to_face=method in FACE_TO_FACE_METHODS,
        people_reached=people_reached,
        issues_raised=issues_raised.strip(),
        follow_up=follow_up.strip(),
        recorded_by=acting_user,
    )
    engagement.groups.set(groups)
    record_event(
        actor=acting_user,
        operation=Operation.COLLECTION,
        event="engagement.recorded",
        obj=engagement,
        area=neighbourhood,
    )
    return engagement


@transaction.atomic
def do_review_engagement(*, engagement: Engagement, acting_user: User) -> Engagement:
    _require(
        acting_user,
        Capability.REVIEW_ENGAGEMENT,
        engagement.neighbourhood,
        "Only the area's inspector can review engagements",
    )
    # One conditional UPDATE: of simultaneous reviews exactly one finds it unreviewed.
    now = timezone.now()
    reviewed = Engagement.objects.filter(pk=engagement.pk, reviewed_at__isnull=True, withdrawn_at__isnull=True).update(
        reviewed_by=acting_user, reviewed_at=now
    )
    if not reviewed:
        raise ValidationError("This engagement has already been reviewed (or was withdrawn)")
    engagement.reviewed_by, engagement.reviewed_at = acting_user, now
    record_event(
        actor=acting_user,
        operation=Operation.ALTERATION,
        event="engagement.reviewed",
        obj=engagement,
        area=engagement.neighbourhood,
    )
    return engagement


def refuse_overlapping_abstraction(
    officer: Officer, started_at: datetime, ended_at: datetime, *, besides: Abstraction | None = None
) -> None:
    """An officer is abstracted once at a time: an abstraction overlapping one already recorded for them (not
    withdrawn; `besides`, the one being corrected, aside) is refused, or the hours lost count twice (QA 17s:
    the form sent twice saved two)."""
    overlapping = Abstraction.objects.filter(
        officer=officer, started_at__lt=ended_at, ended_at__gt=started_at, withdrawn_at__isnull=True
    ).exclude(pk=getattr(besides, "pk", None))
    earlier = overlapping.order_by("started_at").first()
    if earlier is not None:
        start, end = earlier.started_at.astimezone(LONDON), earlier.ended_at.astimezone(LONDON)
        raise ValidationError(
            f"{officer} is already recorded as abstracted from {start:%-d %B %Y %H:%M} to {end:%-d %B %Y %H:%M}, "
            "which this overlaps: correct that record instead (your recent records), or check the times."
        )


@transaction.atomic
def do_record_abstraction(
    *,
    officer: Officer,
    started_at: datetime,
    ended_at: datetime,
    reason: str,
    authorised_by: str,
    authoriser_rank: str,
    acting_user: User,
    emergency: bool = False,
    details: str = "",
) -> Abstraction:
    # Officers record their own abstractions (a PCSO's role may be scoped to one neighbourhood, not the
    # team); supervisors record them for the officers of their teams.
    own = officer.user_id == acting_user.pk and access.can_anywhere(acting_user, Capability.RECORD_ABSTRACTION)
    if not own:
        _require(
            acting_user, Capability.RECORD_ABSTRACTION, officer.team, "You can record abstractions only for your teams"
        )
    _check_aware(started_at, ended_at)
    if reason not in AbstractionReason.values:
        raise ValidationError(f"Unknown reason {reason!r}")
    if authoriser_rank not in AuthoriserRank.values:
        raise ValidationError(f"Unknown rank {authoriser_rank!r}")
    if not authorised_by.strip():
        raise ValidationError("Say who authorised the abstraction")
    if reason == AbstractionReason.OTHER and not details.strip():
        raise ValidationError("Describe the reason when it is ‘Other’")
    duration = elapsed(started_at, ended_at)
    if duration <= timedelta(0):
        raise ValidationError("The abstraction must end after it starts")
    if duration > timedelta(hours=MAX_ABSTRACTION_HOURS):
        raise ValidationError("An abstraction cannot be longer than 7 days: record each week separately")
    refuse_overlapping_abstraction(officer, started_at, ended_at)
    abstraction = Abstraction.objects.create(
        officer=officer,
        team=officer.team,
        started_at=started_at,
        ended_at=ended_at,
        shift=shift_of(started_at),
        reason=reason,
        details=details.strip(),
        authorised_by=authorised_by.strip(),
        authoriser_rank=authoriser_rank,
        emergency=emergency,
        recorded_by=acting_user,
    )
    record_event(
        actor=acting_user,
        operation=Operation.COLLECTION,
        event="abstraction.recorded",
        obj=abstraction,
        area=officer.team,
        detail={"hours": round(abstraction.hours, 2), "breaches_policy": abstraction.breaches_policy},
    )
    return abstraction


def quarter_start(day: date) -> date:
    return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


@transaction.atomic
def do_set_priority(
    *,
    neighbourhood: Area,
    issue: str,
    planned_action: str,
    evidence: Sequence[str],
    acting_user: User,
    set_on: date | None = None,
) -> Priority:
    _require(acting_user, Capability.SET_PRIORITIES, neighbourhood, "You can set priorities only in your areas")
    _check_neighbourhood(neighbourhood)
    unknown = [value for value in evidence if value not in Evidence.values]
    if unknown:
        raise ValidationError(f"Unknown evidence: {', '.join(unknown)}")
    if not evidence:
        raise ValidationError("Say what evidence the priority came from")
    if not issue.strip() or not planned_action.strip():
        raise ValidationError("A priority needs the issue and the action planned")
    set_on = set_on or timezone.localdate()
    priority = Priority.objects.create(
        neighbourhood=neighbourhood,
        quarter_start=quarter_start(set_on),
        issue=issue.strip(),
        planned_action=planned_action.strip(),
        evidence=list(evidence),
        set_on=set_on,
        set_by=acting_user,
    )
    record_event(
        actor=acting_user, operation=Operation.COLLECTION, event="priority.set", obj=priority, area=neighbourhood
    )
    return priority


@transaction.atomic
def do_record_priority_action(
    *,
    priority: Priority,
    action_taken: str,
    acting_user: User,
    action_on: date | None = None,
    expected_version: int | None = None,
) -> Priority:
    """Record what was done. `expected_version` is the version the editor saw (default: `priority`'s as
    loaded); an edit begun from an older version is refused as stale, never applied over another's."""
    _require(acting_user, Capability.SET_PRIORITIES, priority.neighbourhood, "You can update priorities in your areas")
    if not action_taken.strip():
        raise ValidationError("Say what was done")
    action_on = action_on or timezone.localdate()
    if action_on < priority.set_on:
        raise ValidationError("The action cannot come before the priority was set")
    save_edit(
        priority,
        {"action_taken": action_taken.strip(), "action_on": action_on},
        expected_version=priority.version if expected_version is None else expected_version,
        acting_user=acting_user,
    )
    record_event(
        actor=acting_user,
        operation=Operation.ALTERATION,
        event="priority.action_recorded",
        obj=priority,
        area=priority.neighbourhood,
    )
    return priority


@transaction.atomic
def do_publish_priority(*, priority: Priority, acting_user: User, publish: bool = True) -> Priority:
    """Approve the priority's current text for the public pages and feed (or take it down). Later edits
    wait for the next approval; the public keeps the approved text meanwhile."""
    _require(
        acting_user, Capability.PUBLISH_PRIORITIES, priority.neighbourhood, "Only an inspector can publish priorities"
    )
    if publish:
        if do_approve_publication(record=priority, acting_user=acting_user) is not None:
            # Only the approval that won marks the record: losers of a simultaneous race change nothing.
            Priority.objects.filter(pk=priority.pk).update(published_at=timezone.now(), published_by=acting_user)
    elif do_withdraw_publication(record=priority, acting_user=acting_user):
        Priority.objects.filter(pk=priority.pk).update(published_at=None, published_by=None)
    priority.refresh_from_db(fields=["published_at", "published_by"])
    return priority
