"""Problem-solving plans, the ASB powers register and the Case Review figures over the API. The handlers
call the pages' report builders, scope helpers and `do_*` actions, so access, validation and audit are the
pages' own. People named in plans and Case Review applicants are never in these answers."""

from __future__ import annotations

from datetime import date
from uuid import UUID

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Query, Router, Schema, Status
from ninja.errors import HttpError

from beatbook.accounts import access
from beatbook.api.bounds import Day
from beatbook.api.crime import TableOut
from beatbook.api.schemas import ErrorOut
from beatbook.areas.models import Area
from beatbook.asb import actions as asb_actions
from beatbook.asb import reports as asb_reports
from beatbook.asb.forms import MAX_DURATION_HOURS, MAX_SUBJECT_AGE
from beatbook.problemsolving import actions as plan_actions
from beatbook.problemsolving import reports as plan_reports
from beatbook.problemsolving.models import ForceUnit, ProblemPlan
from beatbook.problemsolving.scope import plan_for

router = Router()
ERRORS = {400: ErrorOut, 403: ErrorOut, 404: ErrorOut}


class TablesOut(Schema):
    area: str
    tables: list[TableOut]


class PlanIn(Schema):
    title: str
    problem_type: str
    owner_area: str | None = None
    owner_unit: str | None = None
    places: list[str]
    scan_from: date
    scan_to: date
    categories: list[str] = []
    asb_only: bool = False
    partners: str = ""


class PlanOut(Schema):
    uuid: UUID
    title: str
    problem_type: str
    owner: str
    status: str
    places: list[str]
    approved_on: date | None
    next_review_on: date | None
    closed_on: date | None
    closure_code: str | None


class ApproveIn(Schema):
    approved_on: date


class PowerUseIn(Schema):
    area: str
    power: str
    subject_kind: str
    subject: str
    agency: str
    issued_on: date
    # The page's form limits: a negative figure was a server error, an absurd one was saved.
    subject_age: int | None = Field(None, ge=0, le=MAX_SUBJECT_AGE)
    duration_hours: int | None = Field(None, ge=1, le=MAX_DURATION_HOURS)
    expires_on: date | None = None
    review_on: date | None = None
    interim: bool = False


class PowerUseOut(Schema):
    uuid: UUID
    area: str
    power: str
    legislation: str
    issued_on: date


def _invalid(error: ValidationError) -> Status:
    return Status(400, {"error": " ".join(error.messages)})


def _plan_out(plan: ProblemPlan) -> PlanOut:
    return PlanOut(
        uuid=plan.uuid,
        title=plan.title,
        problem_type=plan.problem_type,
        owner=plan.owner_name,
        status=plan.status,
        places=[place.code for place in plan.places.all()],
        approved_on=plan.approved_on,
        next_review_on=plan.next_review_on,
        closed_on=plan.closed_on,
        closure_code=plan.closure_code.code if plan.closure_code_id else None,
    )


@router.get("/areas/{code}/problem-solving", response={200: TablesOut, **ERRORS}, summary="Problem-solving figures")
def area_plans(
    request: HttpRequest,
    code: str,
    on: Day | None = None,
    closed_from: Day | None = None,
    closed_to: Day | None = None,
) -> TablesOut | Status:
    """Plans active on `on` by area or unit; closures by code from `closed_from` to `closed_to` (default the
    last year); the draft and active plans; overdue reviews. Days outside the plausible window, or a
    `closed_to` before `closed_from`, are answered 400 saying what to fix, as the page does."""
    area = access.get_area_for_user(request.user, code)
    today = timezone.localdate()
    closed_to = closed_to or today
    closed_from = closed_from or date(closed_to.year - 1, closed_to.month, 1)
    if closed_to < closed_from:
        return Status(400, {"error": "closed_to must be on or after closed_from"})
    tables = [
        plan_reports.active_by_area(area, on or today),
        plan_reports.closures_by_code(area, closed_from, closed_to),
        plan_reports.plan_list(area, today),
        plan_reports.overdue_reviews(area, today),
    ]
    return TablesOut(area=area.code, tables=[TableOut(**t.as_json()) for t in tables])


@router.get("/areas/{code}/hotspot-programme", response={200: TablesOut, **ERRORS}, summary="Hotspot programme roll-up")
def area_hotspot_programme(
    request: HttpRequest,
    code: str,
    since: Day | None = None,
    to: Day | None = None,
) -> TablesOut | Status:
    """Hotspots designated from `since` (default 1 April last year) to `to` (default: no end), with patrol
    hours, arrests, stop and searches, intelligence, ASB powers used and ASB before and after; the page's
    table `hotspot-programme`."""
    from beatbook.problemsolving.programme import cached_programme_table

    area = access.get_area_for_user(request.user, code)
    since = since or date(timezone.localdate().year - 1, 4, 1)
    if to is not None and to < since:
        return Status(400, {"error": "to must be on or after since"})
    table = cached_programme_table(area, since, to)
    return TablesOut(area=area.code, tables=[TableOut(**table.as_json())])


@router.get("/problem-solving/plans/{plan_uuid}", response={200: PlanOut, **ERRORS}, summary="A plan")
def plan_detail(request: HttpRequest, plan_uuid: UUID) -> PlanOut:
    return _plan_out(plan_for(request.user, plan_uuid))


@router.post("/problem-solving/plans", response={201: PlanOut, **ERRORS}, summary="Draft a plan")
def draft_plan(request: HttpRequest, payload: PlanIn) -> Status:
    owner_area = access.get_area_for_user(request.user, payload.owner_area) if payload.owner_area else None
    owner_unit = None
    if payload.owner_unit:
        forces = [a for a in access.scope_areas(request.user) if a.parent_id is None]
        owner_unit = ForceUnit.objects.filter(force__in=forces, code=payload.owner_unit).first()
        if owner_unit is None:
            raise HttpError(404, "No such unit")
    places = [access.get_area_for_user(request.user, code) for code in payload.places]
    try:
        plan = plan_actions.do_draft_plan(
            title=payload.title,
            problem_type=payload.problem_type,
            places=places,
            scan_from=payload.scan_from,
            scan_to=payload.scan_to,
            owner_area=owner_area,
            owner_unit=owner_unit,
            categories=payload.categories,
            asb_only=payload.asb_only,
            partners=payload.partners,
            acting_user=request.user,
        )
    except ValidationError as error:
        return _invalid(error)
    return Status(201, _plan_out(plan))


@router.post("/problem-solving/plans/{plan_uuid}/approve", response={200: PlanOut, **ERRORS}, summary="Approve")
def approve_plan(request: HttpRequest, plan_uuid: UUID, payload: ApproveIn) -> PlanOut | Status:
    plan = plan_for(request.user, plan_uuid)
    try:
        plan_actions.do_approve_plan(plan=plan, approved_on=payload.approved_on, acting_user=request.user)
    except ValidationError as error:
        return _invalid(error)
    return _plan_out(plan)


def _month(text: str | None, default: date, *, end: bool) -> date:
    import calendar

    if not text:
        return default
    try:
        year, month = (int(part) for part in text.split("-"))
        return date(year, month, calendar.monthrange(year, month)[1] if end else 1)
    except ValueError:
        raise HttpError(400, "from and to must be months written YYYY-MM") from None


@router.get("/areas/{code}/asb-powers", response={200: TablesOut, **ERRORS}, summary="ASB powers used")
def area_powers(
    request: HttpRequest,
    code: str,
    first: str | None = Query(None, alias="from", description="First month, YYYY-MM"),
    last: str | None = Query(None, alias="to", description="Last month, YYYY-MM (default this month)"),
) -> TablesOut:
    area = access.get_area_for_user(request.user, code)
    today = timezone.localdate()
    last_day = _month(last, today, end=True)
    first_day = _month(first, date(last_day.year - 1, last_day.month, 1), end=False)
    try:
        asb_reports.check_period(first_day, last_day)
    except ValueError as error:
        raise HttpError(400, str(error)) from None
    tables = [asb_reports.uses_by_power(area, first_day, last_day), asb_reports.due_soon(area, today)]
    return TablesOut(area=area.code, tables=[TableOut(**t.as_json()) for t in tables])


@router.post("/asb-powers", response={201: PowerUseOut, **ERRORS}, summary="Record a use of an ASB power")
def record_power(request: HttpRequest, payload: PowerUseIn) -> Status:
    area = access.get_area_for_user(request.user, payload.area)
    data = payload.dict() | {"area": area}
    try:
        use = asb_actions.do_record_power_use(acting_user=request.user, **data)
    except ValidationError as error:
        return _invalid(error)
    return Status(
        201,
        PowerUseOut(
            uuid=use.uuid, area=area.code, power=use.power, legislation=use.legislation, issued_on=use.issued_on
        ),
    )


@router.get("/areas/{code}/case-reviews", response={200: TablesOut, **ERRORS}, summary="Case Review figures")
def area_case_reviews(request: HttpRequest, code: str, year: str | None = None) -> TablesOut:
    """The yearly figures by local authority for a financial year such as 2021-22 (default the current one)."""
    area: Area = access.get_area_for_user(request.user, code)
    today = timezone.localdate()
    start = today.year - 1 if today.month < 4 else today.year
    year = year or f"{start}-{(start + 1) % 100:02d}"
    try:
        first, last = asb_reports.financial_year(year)
    except ValueError as error:
        raise HttpError(400, str(error)) from None
    return TablesOut(area=area.code, tables=[TableOut(**asb_reports.by_local_authority(area, first, last).as_json())])
