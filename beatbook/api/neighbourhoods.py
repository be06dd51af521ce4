"""The neighbourhood apps over the API: engagements, abstractions and priorities, for officers' phones and
other systems. Each endpoint calls the same scope helpers, report builders and `do_*` actions as the pages,
so the access rules, validation and audit rows are the pages' own."""

from __future__ import annotations

from datetime import date, datetime
from uuid import UUID

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from django.utils import timezone
from ninja import Field, Query, Router, Schema, Status
from ninja.errors import HttpError

from beatbook.accounts import access
from beatbook.accounts.access import Capability
from beatbook.api.bounds import Code, Count, Day, Moment, Text
from beatbook.api.crime import TableOut
from beatbook.api.schemas import ErrorOut
from beatbook.areas.models import Area
from beatbook.crime.periods import add_months, month_of
from beatbook.lib.dates import LONDON, LocalTimeError, london_to_utc
from beatbook.neighbourhoods import abstraction_reports, engagement_reports, priority_reports
from beatbook.neighbourhoods.actions import (
    MAX_ENGAGEMENT_MINUTES,
    do_publish_priority,
    do_record_abstraction,
    do_record_engagement,
    do_record_priority_action,
    do_review_engagement,
    do_set_priority,
    ensure_community_groups,
)
from beatbook.neighbourhoods.models import (
    Abstraction,
    AbstractionReason,
    AuthoriserRank,
    CommunityGroup,
    Engagement,
    EngagementMethod,
    Evidence,
    Priority,
)
from beatbook.neighbourhoods.record_edits import StaleEdit
from beatbook.neighbourhoods.scope import engagement_for, neighbourhoods_for, officers_for, priority_for
from beatbook.public import published
from beatbook.web.forms import check_period

router = Router()

ERRORS = {400: ErrorOut, 403: ErrorOut, 404: ErrorOut}
GAP_DAYS_DEFAULT = 28
# The pages' query names: `from` and `to` (YYYY-MM-DD), which are Python keywords, hence the aliases.
FROM = Query(None, alias="from", description="First day, YYYY-MM-DD")
TO = Query(None, alias="to", description="Last day, YYYY-MM-DD (default today)")


def _utc(moment: datetime, what: str) -> datetime:
    """A time from a client: with an offset it is taken as given; without one it is UK local time."""
    if timezone.is_aware(moment):
        return moment
    try:
        return london_to_utc(moment)
    except LocalTimeError as error:
        raise HttpError(400, f"The {what}: {error}") from None


def _invalid(error: ValidationError) -> Status:
    return Status(400, {"error": " ".join(error.messages)})


def _local(moment: datetime) -> str:
    return moment.astimezone(LONDON).isoformat()


class Choice(Schema):
    value: str
    label: str


class NeighbourhoodChoice(Schema):
    code: str
    name: str


class OfficerChoice(Schema):
    id: int
    name: str
    team: str
    is_you: bool


class RecordingOptionsOut(Schema):
    neighbourhoods: list[NeighbourhoodChoice]
    methods: list[Choice]
    community_groups: list[Choice]
    officers: list[OfficerChoice]
    reasons: list[Choice]
    authoriser_ranks: list[Choice]
    evidence: list[Choice]


def _choices(choices: list[tuple[str, str]]) -> list[Choice]:
    return [Choice(value=value, label=label) for value, label in choices]


@router.get("/recording-options", response=RecordingOptionsOut, summary="What you may record against")
def recording_options(request: HttpRequest) -> RecordingOptionsOut:
    """The neighbourhoods, community groups and officers you may record engagements, abstractions and
    priorities for, with the allowed values of every choice: what a phone app needs to build its forms."""
    neighbourhoods = neighbourhoods_for(request.user, Capability.RECORD_ENGAGEMENT)
    forces = {area.force_id for area in neighbourhoods}
    for force in Area.objects.filter(pk__in=forces):
        ensure_community_groups(force)
    groups = CommunityGroup.objects.filter(force_id__in=forces, active=True)
    officers = officers_for(request.user) if access.can_anywhere(request.user, Capability.RECORD_ABSTRACTION) else []
    return RecordingOptionsOut(
        neighbourhoods=[NeighbourhoodChoice(code=a.code, name=a.name) for a in neighbourhoods],
        methods=_choices(EngagementMethod.choices),
        community_groups=[Choice(value=g.slug, label=g.name) for g in groups],
        officers=[
            OfficerChoice(id=o.pk, name=o.public_name, team=o.team.name, is_you=o.user_id == request.user.pk)
            for o in officers
        ],
        reasons=_choices(AbstractionReason.choices),
        authoriser_ranks=_choices(AuthoriserRank.choices),
        evidence=_choices(Evidence.choices),
    )


# Engagements ---------------------------------------------------------------------------------------------


class EngagementIn(Schema):
    neighbourhood: Code
    started_at: Moment
    duration_minutes: int = Field(ge=1, le=MAX_ENGAGEMENT_MINUTES)
    location: Text(200)
    method: EngagementMethod
    groups: list[Text(60)] = Field(default_factory=list, max_length=50)
    people_reached: int = Field(ge=0, le=100_000)
    issues_raised: Text() = ""
    follow_up: Text() = ""


class EngagementOut(Schema):
    id: UUID
    neighbourhood: str
    started_at: str
    duration_minutes: int
    location: str
    method: str
    face_to_face: bool
    groups: list[str]
    people_reached: int
    reviewed: bool


class EngagementWithNotesOut(EngagementOut):
    issues_raised: str
    follow_up: str


def _engagement_out(engagement: Engagement, *, notes: bool = False) -> EngagementOut:
    fields = {
        "id": engagement.uuid,
        "neighbourhood": engagement.neighbourhood.code,
        "started_at": _local(engagement.started_at),
        "duration_minutes": engagement.duration_minutes,
        "location": engagement.location,
        "method": engagement.method,
        "face_to_face": engagement.face_to_face,
        "groups": [group.slug for group in engagement.groups.all()],
        "people_reached": engagement.people_reached,
        "reviewed": engagement.reviewed_at is not None,
    }
    if notes:
        return EngagementWithNotesOut(**fields, issues_raised=engagement.issues_raised, follow_up=engagement.follow_up)
    return EngagementOut(**fields)


@router.post("/engagements", response={201: EngagementOut, **ERRORS}, summary="Record an engagement")
def record_engagement(request: HttpRequest, payload: EngagementIn) -> Status:
    """`started_at` without an offset is UK local time. `groups` are community group values from
    `recording-options`."""
    neighbourhood = access.get_area_for_user(request.user, payload.neighbourhood)
    ensure_community_groups(neighbourhood.force())
    wanted = set(payload.groups)
    groups = list(CommunityGroup.objects.filter(force_id=neighbourhood.force_id, slug__in=wanted, active=True))
    unknown = wanted - {group.slug for group in groups}
    if unknown:
        return Status(400, {"error": f"Not a community group of this force: {', '.join(sorted(unknown))}"})
    try:
        engagement = do_record_engagement(
            neighbourhood=neighbourhood,
            started_at=_utc(payload.started_at, "start time"),
            duration_minutes=payload.duration_minutes,
            location=payload.location,
            method=payload.method,
            groups=groups,
            people_reached=payload.people_reached,
            issues_raised=payload.issues_raised,
            follow_up=payload.follow_up,
            acting_user=request.user,
        )
    except ValidationError as error:
        return _invalid(error)
    return Status(201, _engagement_out(engagement))


@router.post(
    "/engagements/{engagement_uuid}/review", response={200: EngagementOut, **ERRORS}, summary="Review an engagement"
)
def review_engagement(request: HttpRequest, engagement_uuid: UUID) -> EngagementOut | Status:
    engagement = engagement_for(request.user, engagement_uuid)
    try:
        do_review_engagement(engagement=engagement, acting_user=request.user)
    except ValidationError as error:
        return _invalid(error)
    return _engagement_out(engagement)


class ReportOut(Schema):
    area: str
    first: date
    last: date
    tables: list[TableOut]


class AbstractionReportOut(ReportOut):
    figures_for: str  # abstractions belong to teams: a neighbourhood's figures are its team's
    total: int
    hours: float
    policy_breaches: int
    alerts: list[str]


def _period(first: date | None, last: date | None, default_first: date) -> tuple[date, date]:
    first = first or default_first
    last = last or timezone.localdate()
    if last < first:
        raise HttpError(400, "`to` must not be before `from`")
    try:
        check_period(first, last)
    except ValidationError as error:
        raise HttpError(400, " ".join(error.messages)) from None
    return first, last


@router.get("/areas/{code}/engagement", response={200: ReportOut, **ERRORS}, summary="Engagement reports")
def engagement_report(
    request: HttpRequest,
    code: Code,
    first: Day | None = FROM,
    last: Day | None = TO,
    days: int = Query(GAP_DAYS_DEFAULT, ge=1, le=365),
) -> ReportOut:
    """The area page's tables: by month, by area below, by community group, neighbourhoods without
    face-to-face engagement in the last `days` days, groups present but not reached, and (for those who
    may read them, recorded in the audit log) the entries with their notes."""
    area = access.get_area_for_user(request.user, code)
    today = timezone.localdate()
    first, last = _period(first, last, engagement_reports.default_period(today)[0])
    if not 1 <= days <= 365:
        raise HttpError(400, "`days` must be between 1 and 365")
    tables = engagement_reports.area_report(request, area, today, first, last, days)
    return ReportOut(area=area.code, first=first, last=last, tables=[TableOut(**t.as_json()) for t in tables])


# Abstractions --------------------------------------------------------------------------------------------


class AbstractionIn(Schema):
    officer_id: Count | None = None
    started_at: Moment
    ended_at: Moment
    reason: AbstractionReason
    details: Text() = ""
    authorised_by: Text(120)
    authoriser_rank: AuthoriserRank
    emergency: bool = False


class AbstractionOut(Schema):
    id: UUID
    officer: str
    team: str
    started_at: str
    ended_at: str
    shift: str
    hours: float
    reason: str
    authorised_by: str
    authoriser_rank: str
    emergency: bool
    breaches_policy: bool


def _abstraction_out(abstraction: Abstraction) -> AbstractionOut:
    return AbstractionOut(
        id=abstraction.uuid,
        officer=abstraction.officer.public_name,
        team=abstraction.team.code,
        started_at=_local(abstraction.started_at),
        ended_at=_local(abstraction.ended_at),
        shift=abstraction.shift,
        hours=round(abstraction.hours, 2),
        reason=abstraction.reason,
        authorised_by=abstraction.authorised_by,
        authoriser_rank=abstraction.authoriser_rank,
        emergency=abstraction.emergency,
        breaches_policy=abstraction.breaches_policy,
    )


@router.post("/abstractions", response={201: AbstractionOut, **ERRORS}, summary="Record an abstraction")
def record_abstraction(request: HttpRequest, payload: AbstractionIn) -> Status:
    """`officer_id` from `recording-options` (default: yourself). Times without an offset are UK local
    time; the hours are real elapsed hours, so a night across a clock change counts one hour more or less.
    `breaches_policy` is true when neither a chief inspector or above authorised it nor was it an emergency."""
    access.require_anywhere(request.user, Capability.RECORD_ABSTRACTION)
    officers = officers_for(request.user)
    if payload.officer_id is None:
        officer = officers.filter(user=request.user).first()
        if officer is None:
            return Status(400, {"error": "Say which officer was abstracted: officer_id (you are on no team's roster)"})
    else:
        officer = officers.filter(pk=payload.officer_id).first()
        if officer is None:
            raise Http404("No such officer in your reach")
    try:
        abstraction = do_record_abstraction(
            officer=officer,
            started_at=_utc(payload.started_at, "start time"),
            ended_at=_utc(payload.ended_at, "end time"),
            reason=payload.reason,
            details=payload.details,
            authorised_by=payload.authorised_by,
            authoriser_rank=payload.authoriser_rank,
            emergency=payload.emergency,
            acting_user=request.user,
        )
    except ValidationError as error:
        return _invalid(error)
    return Status(201, _abstraction_out(abstraction))


@router.get("/areas/{code}/abstractions", response={200: AbstractionReportOut, **ERRORS}, summary="Abstraction reports")
def abstraction_report(
    request: HttpRequest, code: Code, first: Day | None = FROM, last: Day | None = TO
) -> AbstractionReportOut:
    """By month, team, shift and reason, hours lost against available hours, alerts; for reviewers (recorded
    in the audit log) the policy breaches and the entries. Default period: the last six months."""
    area = access.get_area_for_user(request.user, code, Capability.VIEW_ABSTRACTIONS)
    first, last = _period(first, last, add_months(month_of(timezone.localdate()), -5))
    report = abstraction_reports.area_report(request, area, first, last)
    return AbstractionReportOut(
        area=area.code,
        figures_for=report.scope.code,
        first=first,
        last=last,
        tables=[TableOut(**t.as_json()) for t in report.tables],
        total=report.total,
        hours=report.hours,
        policy_breaches=report.breach_count,
        alerts=report.alerts,
    )


# Priorities ----------------------------------------------------------------------------------------------


class PriorityIn(Schema):
    neighbourhood: Code
    issue: Text(300)
    planned_action: Text()
    evidence: list[Evidence] = Field(max_length=len(Evidence.values))


class PriorityActionIn(Schema):
    action_taken: Text()
    version: int | None = Field(
        None, ge=1, description="The version you began from (from PriorityOut); a stale one is refused with 409"
    )


class PublishIn(Schema):
    publish: bool = True


class PriorityOut(Schema):
    id: UUID
    neighbourhood: str
    quarter_start: date
    issue: str
    planned_action: str
    evidence: list[str]
    set_on: date
    action_taken: str
    action_on: date | None
    published: bool
    pending_approval: bool = Field(description="Edited since an inspector approved the public text")
    version: int


class PrioritiesOut(Schema):
    area: str
    priorities: list[PriorityOut]
    stale: TableOut


def _priority_out(priority: Priority) -> PriorityOut:
    return PriorityOut(
        id=priority.uuid,
        neighbourhood=priority.neighbourhood.code,
        quarter_start=priority.quarter_start,
        issue=priority.issue,
        planned_action=priority.planned_action,
        evidence=priority.evidence,
        set_on=priority.set_on,
        action_taken=priority.action_taken,
        action_on=priority.action_on,
        published=priority.published_at is not None,
        pending_approval=bool(published.pending_changes(priority)),
        version=priority.version,
    )


@router.get("/areas/{code}/priorities", response={200: PrioritiesOut, **ERRORS}, summary="Priorities of an area")
def area_priorities(request: HttpRequest, code: Code) -> PrioritiesOut:
    """Priorities set in the last three months for every neighbourhood in the area, and the neighbourhoods
    whose priorities are stale."""
    area = access.get_area_for_user(request.user, code)
    today = timezone.localdate()
    current = priority_reports.priorities_set_since(area, today).select_related("neighbourhood")
    stale = priority_reports.stale_neighbourhoods(area, today)
    return PrioritiesOut(
        area=area.code, priorities=[_priority_out(p) for p in current], stale=TableOut(**stale.as_json())
    )


@router.post("/priorities", response={201: PriorityOut, **ERRORS}, summary="Set a priority")
def set_priority(request: HttpRequest, payload: PriorityIn) -> Status:
    neighbourhood = access.get_area_for_user(request.user, payload.neighbourhood)
    try:
        priority = do_set_priority(
            neighbourhood=neighbourhood,
            issue=payload.issue,
            planned_action=payload.planned_action,
            evidence=[str(item) for item in payload.evidence],
            acting_user=request.user,
        )
    except ValidationError as error:
        return _invalid(error)
    return Status(201, _priority_out(priority))


@router.post(
    "/priorities/{priority_uuid}/action",
    response={200: PriorityOut, 409: ErrorOut, **ERRORS},
    summary="Record what was done",
)
def record_priority_action(
    request: HttpRequest, priority_uuid: UUID, payload: PriorityActionIn
) -> PriorityOut | Status:
    priority = priority_for(request.user, priority_uuid)
    try:
        do_record_priority_action(
            priority=priority,
            action_taken=payload.action_taken,
            acting_user=request.user,
            expected_version=payload.version,
        )
    except StaleEdit as error:
        return Status(409, {"error": " ".join(error.messages)})
    except ValidationError as error:
        return _invalid(error)
    return _priority_out(priority)


@router.post(
    "/priorities/{priority_uuid}/publish", response={200: PriorityOut, **ERRORS}, summary="Publish or withdraw"
)
def publish_priority(request: HttpRequest, priority_uuid: UUID, payload: PublishIn) -> PriorityOut:
    """Inspectors and above publish a priority on the public "your area" pages, or take it off them."""
    priority = priority_for(request.user, priority_uuid)
    do_publish_priority(priority=priority, acting_user=request.user, publish=payload.publish)
    return _priority_out(priority)
