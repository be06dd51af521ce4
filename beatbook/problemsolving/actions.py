"""Every write to problem-solving plans: checked against the access rules, validated, atomic and audited.

A sergeant drafts (`do_draft_plan`), an inspector approves (`do_approve_plan`), reviews at the plan's
interval (`do_review_plan`) and closes with a closure code from the force's list (`do_close_plan`).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.text import slugify

from beatbook.accounts import access
from beatbook.accounts.access import Capability
from beatbook.accounts.models import User
from beatbook.areas.models import Area, Level
from beatbook.audit.models import Operation
from beatbook.audit.record import record_event
from beatbook.lib.dates import refuse_after_today
from beatbook.problemsolving.models import (
    ClosureCode,
    ForceUnit,
    PersonRole,
    PlanPerson,
    PlanResponse,
    PlanReview,
    PlanStatus,
    ProblemPlan,
    ProblemType,
    ResponseStatus,
)

# The demo's closure codes, after Derbyshire's (002_* 9.13); each force sets its own list.
DEFAULT_CLOSURE_CODES = [
    ("sustained-reduction-linked", "Outcome 1: clear, sustained reduction linked to problem-solving responses"),
    (
        "sustained-reduction-not-attributable",
        "Outcome 2: clear, sustained reduction not attributable to problem solving",
    ),
    ("other-agency-ownership", "Other agency dealing with or taking ownership"),
]
PAT_SIDES = ["victim", "guardian", "offender", "handler", "location", "manager"]


def governing_area(plan: ProblemPlan) -> Area:
    """The area whose access rules govern a plan: its team, or the force for a force-wide unit."""
    return plan.owner_area if plan.owner_area_id else plan.force


def _require(user: User | None, capability: Capability, area: Area, message: str) -> None:
    if user is not None and not access.can(user, capability, area):
        raise PermissionDenied(message)


def _audit(plan: ProblemPlan, event: str, acting_user: User | None, operation: Operation, **detail: object) -> None:
    record_event(
        actor=acting_user, operation=operation, event=event, obj=plan, area=governing_area(plan), detail=detail
    )


@transaction.atomic
def do_set_closure_codes(*, force: Area, codes: Sequence[tuple[str, str]], acting_user: User | None) -> None:
    """Make `codes` ((slug, label), in order) the force's closure codes; codes left out are retired."""
    listed = {slug.strip() for slug, _ in codes}
    retired = [(c.code, c.label) for c in ClosureCode.objects.filter(force=force).exclude(code__in=listed)]
    do_edit_closure_codes(force=force, active=codes, retired=retired, acting_user=acting_user)


@transaction.atomic
def do_edit_closure_codes(
    *,
    force: Area,
    active: Sequence[tuple[str, str]],
    retired: Sequence[tuple[str, str]] = (),
    acting_user: User | None,
) -> None:
    """Make the force's closure codes `active` ((code, label), in the order plans offer them) and `retired`
    (kept on the plans closed with them, offered no more); a code in neither is deleted.

    ValidationError, with nothing changed, for: an area not a force, no active code, an empty code or label, a
    code that is not already a slug (QA 13: it is never silently rewritten), a code or label listed twice, a
    code both in use and retired, or deleting a code plans were closed with (retire it instead). Audited with the lists
    before and after."""
    if force.parent_id is not None:
        raise ValidationError("Closure codes are set for a whole force")
    _require(acting_user, Capability.MANAGE_USERS, force, "Only a force administrator can change the list")
    wanted = [(code.strip(), label.strip(), True) for code, label in active]
    wanted += [(code.strip(), label.strip(), False) for code, label in retired]
    problems = _code_list_problems(wanted)
    slugs = [code for code, _, _ in wanted]
    if not active:
        problems.append("Keep at least one code in use, so that plans can be closed")
    existing = {c.code: c for c in ClosureCode.objects.select_for_update().filter(force=force)}
    for code in sorted(set(existing) - set(slugs)):
        used = ProblemPlan.objects.filter(closure_code=existing[code]).count()
        if used:
            plans = "1 plan" if used == 1 else f"{used} plans"
            problems.append(f"{code} closed {plans}: retire it instead of deleting it")
    if problems:
        raise ValidationError(problems)
    before = [(c.code, c.label, c.active) for c in existing.values()]
    ClosureCode.objects.filter(force=force).exclude(code__in=slugs).delete()
    for position, (code, label, is_active) in enumerate(wanted):
        ClosureCode.objects.update_or_create(
            force=force, code=code, defaults={"label": label, "position": position, "active": is_active}
        )
    record_event(
        actor=acting_user,
        operation=Operation.ALTERATION,
        event="closure_codes.set",
        area=force,
        detail={
            "codes": [code for code, _, is_active in wanted if is_active],
            "retired": [code for code, _, is_active in wanted if not is_active],
            "deleted": sorted(set(existing) - set(slugs)),
            "before": [{"code": c, "label": label, "active": a} for c, label, a in before],
        },
    )


def _code_list_problems(wanted: Sequence[tuple[str, str, bool]]) -> list[str]:
    """What is wrong with (code, label, in use) rows, each named: no label, a code that is not a slug (lower-case
    letters, digits, hyphens), a code or label (any case) listed twice, a code both in use and retired."""
    problems = [f"{code or '(no code)'}: give it a label" for code, label, _ in wanted if not label]
    if not all(code for code, _, _ in wanted):
        problems.append("Each closure code needs a code of letters, digits or hyphens")
    problems += [
        f"“{code}” is not a valid code: use lower-case letters, digits and hyphens only, "
        f"e.g. {slugify(code) or 'displaced'}"
        for code, _, _ in wanted
        if code and code != slugify(code)
    ]
    for code in sorted({c for c, _, _ in wanted if c}):
        states = [is_active for c, _, is_active in wanted if c == code]
        if True in states and False in states:
            problems.append(f"{code} is listed both in use and retired: keep it in one list")
        elif len(states) > 1:
            problems.append(f"{code} is listed more than once")
    first_spelling: dict[str, str] = {}
    for _, label, _ in wanted:
        if label.casefold() in first_spelling:
            problems.append(
                f"The label “{first_spelling[label.casefold()]}” is given to more than one code: give each its own"
            )
        elif label:
            first_spelling[label.casefold()] = label
    return list(dict.fromkeys(problems))


@transaction.atomic
def do_create_force_unit(*, force: Area, name: str, acting_user: User | None) -> ForceUnit:
    """A force-wide unit that owns plans (e.g. a Rural Crime Team); returns the existing one of that name."""
    _require(acting_user, Capability.MANAGE_USERS, force, "Only a force administrator can add units")
    unit, created = ForceUnit.objects.get_or_create(force=force, code=slugify(name), defaults={"name": name})
    if created:
        record_event(
            actor=acting_user, operation=Operation.COLLECTION, event="force_unit.created", obj=unit, area=force
        )
    return unit


def _check_places(force: Area, places: Sequence[Area]) -> None:
    if not places:
        raise ValidationError("Choose at least one neighbourhood the problem is in")
    for place in places:
        if place.level != Level.NEIGHBOURHOOD or place.force_id != force.pk:
            raise ValidationError(f"{place.name} is not a neighbourhood of {force.name}")


@transaction.atomic
def do_draft_plan(
    *,
    title: str,
    problem_type: str,
    places: Sequence[Area],
    scan_from: date,
    scan_to: date,
    acting_user: User | None,
    owner_area: Area | None = None,
    owner_unit: ForceUnit | None = None,
    categories: Sequence[str] = (),
    partners: str = "",
    manual_references: str = "",
    hotspot: object = None,
    asb_only: bool = False,
    comparison_area: Area | None = None,
    review_interval_days: int = 28,
    analysis: dict[str, str] | None = None,
) -> ProblemPlan:
    """A draft plan owned by a team (`owner_area`) or a force-wide unit (`owner_unit`), never both.

    Raises ValidationError for a missing title, an unknown type, scanning months out of order, places
    outside the force, or not exactly one owner; PermissionDenied without DRAFT_PLAN where it is owned.
    """
    if (owner_area is None) == (owner_unit is None):
        raise ValidationError("A plan is owned by a team or by a force-wide unit: choose one")
    force = owner_unit.force if owner_unit else owner_area.force()
    _require(acting_user, Capability.DRAFT_PLAN, owner_area or force, "Your role does not allow drafting plans here")
    if not title.strip():
        raise ValidationError("Give the plan a title")
    if problem_type not in ProblemType.values:
        raise ValidationError(f"Problem type must be one of: {', '.join(ProblemType.values)}")
    if scan_to < scan_from:
        raise ValidationError("The scanning period must end after it starts")
    if not 7 <= review_interval_days <= 366:
        raise ValidationError("Review a plan at least once a year and at most once a week")
    _check_places(force, places)
    analysis = analysis or {}
    plan = ProblemPlan.objects.create(
        force=force,
        title=title.strip(),
        problem_type=problem_type,
        owner_area=owner_area,
        owner_unit=owner_unit,
        partners=partners,
        categories=list(categories),
        scan_from=scan_from,
        scan_to=scan_to,
        manual_references=manual_references,
        hotspot=hotspot,
        asb_only=asb_only,
        comparison_area=comparison_area,
        review_interval_days=review_interval_days,
        drafted_by=acting_user,
        **{side: analysis.get(side, "") for side in PAT_SIDES},
    )
    plan.places.set(places)
    _audit(plan, "plan.drafted", acting_user, Operation.COLLECTION)
    return plan


@transaction.atomic
def do_approve_plan(*, plan: ProblemPlan, approved_on: date, acting_user: User | None) -> ProblemPlan:
    """Approve a draft: it becomes active from `approved_on`, with its first review one interval later."""
    _require(acting_user, Capability.APPROVE_PLAN, governing_area(plan), "Only an inspector can approve plans")
    if plan.status != PlanStatus.DRAFT:
        raise ValidationError("Only a draft plan can be approved")
    plan.status = PlanStatus.ACTIVE
    plan.approved_by = acting_user
    plan.approved_on = approved_on
    plan.next_review_on = plan.following_review(approved_on)
    plan.save(update_fields=["status", "approved_by", "approved_on", "next_review_on"])
    _audit(plan, "plan.approved", acting_user, Operation.ALTERATION, approved_on=approved_on.isoformat())
    return plan


@transaction.atomic
def do_review_plan(*, plan: ProblemPlan, reviewed_on: date, note: str, acting_user: User | None) -> PlanReview:
    _require(acting_user, Capability.APPROVE_PLAN, governing_area(plan), "Only an inspector can review plans")
    if plan.status != PlanStatus.ACTIVE:
        raise ValidationError("Only an active plan is reviewed")
    if not note.strip():
        raise ValidationError("Say what the review found")
    review = PlanReview.objects.create(plan=plan, reviewed_on=reviewed_on, note=note.strip(), reviewed_by=acting_user)
    plan.next_review_on = plan.following_review(reviewed_on)
    plan.save(update_fields=["next_review_on"])
    _audit(plan, "plan.reviewed", acting_user, Operation.ALTERATION, reviewed_on=reviewed_on.isoformat())
    return review


@transaction.atomic
def do_close_plan(
    *, plan: ProblemPlan, closure_code: ClosureCode, closed_on: date, acting_user: User | None, note: str = ""
) -> ProblemPlan:
    """Close an active plan with one of its force's active closure codes, on or after approval."""
    _require(acting_user, Capability.APPROVE_PLAN, governing_area(plan), "Only an inspector can close plans")
    if plan.status != PlanStatus.ACTIVE:
        raise ValidationError("Only an active plan can be closed")
    if closure_code.force_id != plan.force_id or not closure_code.active:
        raise ValidationError("Choose one of the force's closure codes")
    if closed_on < plan.approved_on:
        raise ValidationError("A plan cannot close before it was approved")
    refuse_after_today(closed_on, "The closing date")
    plan.status = PlanStatus.CLOSED
    plan.closure_code = closure_code
    plan.closed_on = closed_on
    plan.closed_by = acting_user
    plan.closure_note = note
    plan.save(update_fields=["status", "closure_code", "closed_on", "closed_by", "closure_note"])
    _audit(plan, "plan.closed", acting_user, Operation.ALTERATION, code=closure_code.code)
    return plan


@transaction.atomic
def do_add_plan_response(
    *, plan: ProblemPlan, action: str, owner: str, agency: str, due_on: date, acting_user: User | None
) -> PlanResponse:
    _require(acting_user, Capability.DRAFT_PLAN, governing_area(plan), "Your role does not allow changing plans")
    if plan.status == PlanStatus.CLOSED:
        raise ValidationError("The plan is closed")
    if not (action.strip() and owner.strip() and agency.strip()):
        raise ValidationError("Give the action, its owner and the agency")
    response = PlanResponse.objects.create(plan=plan, action=action, owner=owner, agency=agency, due_on=due_on)
    _audit(plan, "plan.response_added", acting_user, Operation.ALTERATION)
    return response


@transaction.atomic
def do_set_response_status(*, response: PlanResponse, status: str, acting_user: User | None) -> PlanResponse:
    _require(acting_user, Capability.DRAFT_PLAN, governing_area(response.plan), "Your role does not allow this")
    if status not in ResponseStatus.values:
        raise ValidationError(f"Status must be one of: {', '.join(ResponseStatus.values)}")
    response.status = status
    response.save(update_fields=["status"])
    _audit(response.plan, "plan.response_status", acting_user, Operation.ALTERATION, status=status)
    return response


@transaction.atomic
def do_add_plan_person(
    *, plan: ProblemPlan, role: str, name: str, acting_user: User | None, notes: str = ""
) -> PlanPerson:
    """Name a person in a plan (personal data: READ_PLAN_PEOPLE as well as DRAFT_PLAN)."""
    area = governing_area(plan)
    _require(acting_user, Capability.DRAFT_PLAN, area, "Your role does not allow changing plans")
    _require(acting_user, Capability.READ_PLAN_PEOPLE, area, "Your role does not allow naming people")
    if role not in PersonRole.values or not name.strip():
        raise ValidationError("Give the person's name and their role in the problem")
    person = PlanPerson.objects.create(plan=plan, role=role, name=name.strip(), notes=notes)
    _audit(plan, "plan.person_added", acting_user, Operation.COLLECTION, role=role)
    return person
