"""Problem-solving pages: an area's plans and figures, drafting a plan, and a plan with its SARA stages."""

from __future__ import annotations

from datetime import date, timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import BadRequest, ValidationError
from django.db.models import Count
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from beatbook.accounts import access
from beatbook.accounts.access import Capability
from beatbook.areas.models import Area, Level
from beatbook.audit.models import Operation
from beatbook.audit.record import record_event
from beatbook.crime.periods import Days, month_span
from beatbook.hotspots.models import DesignatedHotspot
from beatbook.problemsolving import actions, reports
from beatbook.problemsolving.assessment import assess, scanned_incidents
from beatbook.problemsolving.forms import (
    ApproveForm,
    CloseForm,
    PersonForm,
    PlanForm,
    ResponseForm,
    ResponseStatusForm,
    ReviewForm,
)
from beatbook.problemsolving.models import ForceUnit, PlanResponse, PlanStatus, ProblemPlan
from beatbook.problemsolving.scope import plan_for
from beatbook.web.forms import check_date_window
from beatbook.web.tables import Column, Table, render_with_twins


def date_param(request: HttpRequest, name: str, default: date) -> date:
    """A YYYY-MM-DD query parameter, `default` when absent; BadRequest (400) saying what to fix otherwise."""
    text = request.GET.get(name)
    if not text:
        return default
    try:
        day = date.fromisoformat(text)
        check_date_window(day)
    except ValueError:
        raise BadRequest(f"{name} must be a date written YYYY-MM-DD, for example 2023-03-31") from None
    except ValidationError as error:
        raise BadRequest(f"{name}: {error.messages[0]}") from None
    return day


@login_required
def area_plans(request: HttpRequest, code: str) -> HttpResponse:
    area = access.get_area_for_user(request.user, code)
    today = timezone.localdate()
    on = date_param(request, "on", today)
    closed_to = date_param(request, "closed_to", today)
    closed_from = date_param(request, "closed_from", closed_to - timedelta(days=365))
    if closed_to < closed_from:
        raise BadRequest("closed_to must be on or after closed_from")
    tables = [
        reports.active_by_area(area, on),
        reports.closures_by_code(area, closed_from, closed_to),
        reports.active_by_local_authority(area, on),
        reports.plan_list(area, today),
        reports.overdue_reviews(area, today),
    ]
    tables[0].period = tables[2].period = Days(on, on)
    tables[1].period = Days(closed_from, closed_to)
    tables[3].snapshot = tables[4].snapshot = True  # every plan, and the reviews overdue, as they stand today
    context = {
        "area": area,
        "on": on,
        "closed_from": closed_from,
        "closed_to": closed_to,
        "can_draft": access.can(request.user, Capability.DRAFT_PLAN, area),
        "can_set_closure_codes": area.level == Level.FORCE and access.can(request.user, Capability.MANAGE_USERS, area),
    }
    return render_with_twins(request, "problemsolving/area.html", context, tables, area=area)


def _owners(user) -> dict[str, tuple[str, object]]:  # noqa: ANN001 - a user
    """Teams and force-wide units a user may draft plans for, keyed for a form's choices."""
    tops = access.scope_areas(user, Capability.DRAFT_PLAN)
    owners: dict[str, tuple[str, object]] = {}
    for team in Area.objects.within_any(tops).filter(level__in=[Level.LPU, Level.TEAM]).order_by("path"):
        owners[f"area:{team.code}"] = (team.name, team)
    for unit in ForceUnit.objects.filter(force__in=[t for t in tops if t.parent_id is None]):
        owners[f"unit:{unit.pk}"] = (unit.name, unit)
    return owners


def _hotspot_initial(user, hotspot_uuid: str | None) -> tuple[DesignatedHotspot | None, dict]:  # noqa: ANN001
    hotspot = (
        DesignatedHotspot.objects.filter(uuid=hotspot_uuid).select_related("area").first() if hotspot_uuid else None
    )
    if hotspot is None or not access.can(user, Capability.VIEW_AREA, hotspot.area):
        return None, {}
    start = hotspot.starts_on
    places = [hotspot.area] if hotspot.area.level == Level.NEIGHBOURHOOD else []
    initial = {
        "title": f"Problems at {hotspot.name}",
        "places": places,
        "scan_to": start,
        "scan_from": start - timedelta(days=365),
    }
    return hotspot, initial


@login_required
def draft_plan(request: HttpRequest) -> HttpResponse:
    access.require_anywhere(request.user, Capability.DRAFT_PLAN)
    hotspot, initial = _hotspot_initial(request.user, request.GET.get("hotspot"))
    places = Area.objects.within_any(access.scope_areas(request.user, Capability.DRAFT_PLAN)).filter(
        level=Level.NEIGHBOURHOOD
    )
    form = PlanForm(request.POST or None, owners=_owners(request.user), places=places.order_by("name"), initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            plan = actions.do_draft_plan(
                title=data["title"],
                problem_type=data["problem_type"],
                places=list(data["places"]),
                scan_from=data["scan_from"],
                scan_to=data["scan_to"],
                owner_area=data["owner_area"],
                owner_unit=data["owner_unit"],
                categories=data["categories"],
                partners=data["partners"],
                manual_references=data["manual_references"],
                hotspot=hotspot,
                asb_only=data["asb_only"],
                analysis={side: data[side] for side in ("victim", "offender", "location")},
                acting_user=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Plan drafted. An inspector approves it.")
            return redirect("problemsolving:plan", plan_uuid=plan.uuid)
    return render(
        request, "problemsolving/draft.html", {"form": form, "hotspot": hotspot, "error_title": bool(form.errors)}
    )


def _scanning_table(plan: ProblemPlan) -> Table:
    queryset = scanned_incidents(
        force=plan.force,
        places=list(plan.places.all()),
        first=plan.scan_from,
        last=plan.scan_to,
        categories=plan.categories,
        asb_only=plan.asb_only,
    )
    counts = {"crime": 0, "asb": 0} | {
        row["kind"]: row["n"] for row in queryset.order_by().values("kind").annotate(n=Count("id"))
    }
    return Table(
        "scanning",
        f"Incidents scanned ({plan.scan_from:%b %Y} to {plan.scan_to:%b %Y})",
        [Column("kind", "Kind"), Column("incidents", "Incidents", True)],
        [
            {"kind": "Crime", "incidents": counts["crime"]},
            {"kind": "Anti-social behaviour", "incidents": counts["asb"]},
        ],
        period=month_span(plan.scan_from, plan.scan_to),
    )


def _assessment_table(plan: ProblemPlan, today: date) -> tuple[Table, object] | tuple[None, None]:
    result = assess(plan, today=today)
    if result is None:
        return None, None
    evaluation = result.evaluation
    (b0, b1), (a0, a1) = result.before, result.after

    def pct(value: float | None) -> float | None:
        return None if value is None else round(100 * value, 1)

    what = "ASB" if plan.asb_only else "Incidents"
    table = Table(
        "assessment",
        f"{what} before ({b0:%b %Y}–{b1:%b %Y}) and after ({a0:%b %Y}–{a1:%b %Y}) approval",
        [
            Column("place", "Place"),
            Column("before", "Before", True),
            Column("after", "After", True),
            Column("change", "% change", True, True),
        ],
        [
            {
                "place": "The plan's neighbourhoods",
                "before": evaluation.hotspot_before,
                "after": evaluation.hotspot_after,
                "change": pct(evaluation.hotspot_change),
            },
            {
                "place": f"Rest of {result.comparison.name} (comparison)",
                "before": evaluation.comparison_before,
                "after": evaluation.comparison_after,
                "change": pct(evaluation.comparison_change),
            },
        ],
    )
    table.period = (month_span(b0, b1), month_span(a0, a1))
    return table, evaluation


def _people(request: HttpRequest, plan: ProblemPlan) -> list | None:
    """People named in the plan, for roles that may read them; each read is audited."""
    area = actions.governing_area(plan)
    if not access.can(request.user, Capability.READ_PLAN_PEOPLE, area):
        return None
    people = list(plan.people.all())
    if people:
        record_event(
            actor=request.user,
            operation=Operation.CONSULTATION,
            event="plan.people_read",
            obj=plan,
            area=area,
            request=request,
            detail={"people": len(people)},
        )
    return people


@login_required
def plan_detail(request: HttpRequest, plan_uuid: str) -> HttpResponse:
    plan = plan_for(request.user, plan_uuid)
    area = actions.governing_area(plan)
    today = timezone.localdate()
    can_approve = access.can(request.user, Capability.APPROVE_PLAN, area)
    assessment, evaluation = _assessment_table(plan, today)
    responses = Table(
        "responses",
        "Response: actions",
        [
            Column("action", "Action"),
            Column("owner", "Owner"),
            Column("agency", "Agency"),
            Column("due_on", "Due"),
            Column("status", "Status"),
        ],
        [
            {
                "action": r.action,
                "owner": r.owner,
                "agency": r.agency,
                "due_on": r.due_on.isoformat(),
                "status": r.get_status_display(),
            }
            for r in plan.responses.all()
        ],
    )
    responses.snapshot = True  # the plan's actions as they stand
    tables = [_scanning_table(plan), responses] + ([assessment] if assessment else [])
    places = list(plan.places.all())
    context = {
        "plan": plan,
        "places": places,
        # Back to a plans page the reader can open: the owning team's, else a neighbourhood the plan covers (a
        # PCSO sees plans through their neighbourhood, and the team's page is not theirs: QA 17s).
        "back_area": next(
            (a for a in [plan.owner_area, *places] if a and access.can(request.user, Capability.VIEW_AREA, a)), None
        ),
        "people": _people(request, plan) if request.GET.get("format", "html") == "html" else None,
        "reviews": plan.reviews.select_related("reviewed_by"),
        "evaluation": evaluation,
        "overdue": plan.review_overdue(today),
        "can_approve": can_approve and plan.status == PlanStatus.DRAFT,
        "can_close": can_approve and plan.status == PlanStatus.ACTIVE,
        "can_respond": access.can(request.user, Capability.DRAFT_PLAN, area) and plan.status != PlanStatus.CLOSED,
        "approve_form": ApproveForm(initial={"approved_on": today}),
        "close_form": CloseForm(force=plan.force, initial={"closed_on": today}),
        "review_form": ReviewForm(initial={"reviewed_on": today}),
        "response_form": ResponseForm(),
        "response_items": list(plan.responses.all()),
        "status_form": ResponseStatusForm(),
        "person_form": PersonForm(),
        "can_name": access.can(request.user, Capability.DRAFT_PLAN, area)
        and access.can(request.user, Capability.READ_PLAN_PEOPLE, area)
        and plan.status != PlanStatus.CLOSED,
    }
    return render_with_twins(request, "problemsolving/plan.html", context, tables, area=area)


def _act(request: HttpRequest, plan: ProblemPlan, form: Form, act, done: str) -> HttpResponse:  # noqa: ANN001
    """Run one action from a posted form; errors go back to the plan page as a message."""
    if form.is_valid():
        try:
            act(form.cleaned_data)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, done)
    else:
        problems = [
            f"{form.fields[name].label or name}: {' '.join(errs)}"
            for name, errs in form.errors.items()
            if name in form.fields
        ]
        messages.error(request, "; ".join(problems) or "Check the form")
    return redirect("problemsolving:plan", plan_uuid=plan.uuid)


@login_required
@require_POST
def approve_plan(request: HttpRequest, plan_uuid: str) -> HttpResponse:
    plan = plan_for(request.user, plan_uuid)
    access.require(request.user, Capability.APPROVE_PLAN, actions.governing_area(plan))

    def act(data: dict) -> None:
        actions.do_approve_plan(plan=plan, approved_on=data["approved_on"], acting_user=request.user)

    return _act(request, plan, ApproveForm(request.POST), act, "Plan approved: it is now active.")


@login_required
@require_POST
def close_plan(request: HttpRequest, plan_uuid: str) -> HttpResponse:
    plan = plan_for(request.user, plan_uuid)
    access.require(request.user, Capability.APPROVE_PLAN, actions.governing_area(plan))

    def act(data: dict) -> None:
        actions.do_close_plan(
            plan=plan,
            closure_code=data["closure_code"],
            closed_on=data["closed_on"],
            note=data["note"],
            acting_user=request.user,
        )

    return _act(request, plan, CloseForm(request.POST, force=plan.force), act, "Plan closed.")


@login_required
@require_POST
def review_plan(request: HttpRequest, plan_uuid: str) -> HttpResponse:
    plan = plan_for(request.user, plan_uuid)
    access.require(request.user, Capability.APPROVE_PLAN, actions.governing_area(plan))

    def act(data: dict) -> None:
        actions.do_review_plan(plan=plan, reviewed_on=data["reviewed_on"], note=data["note"], acting_user=request.user)

    return _act(request, plan, ReviewForm(request.POST), act, "Review recorded.")


@login_required
@require_POST
def add_response(request: HttpRequest, plan_uuid: str) -> HttpResponse:
    plan = plan_for(request.user, plan_uuid)
    access.require(request.user, Capability.DRAFT_PLAN, actions.governing_area(plan))

    def act(data: dict) -> None:
        actions.do_add_plan_response(plan=plan, acting_user=request.user, **data)

    return _act(request, plan, ResponseForm(request.POST), act, "Action added.")


@login_required
@require_POST
def add_person(request: HttpRequest, plan_uuid: str) -> HttpResponse:
    plan = plan_for(request.user, plan_uuid)
    access.require(request.user, Capability.DRAFT_PLAN, actions.governing_area(plan))

    def act(data: dict) -> None:
        actions.do_add_plan_person(plan=plan, acting_user=request.user, **data)

    return _act(request, plan, PersonForm(request.POST), act, "Person added to the plan.")


@login_required
@require_POST
def set_response_status(request: HttpRequest, plan_uuid: str, response_id: int) -> HttpResponse:
    plan = plan_for(request.user, plan_uuid)
    access.require(request.user, Capability.DRAFT_PLAN, actions.governing_area(plan))
    response = get_object_or_404(PlanResponse, pk=response_id, plan=plan)

    def act(data: dict) -> None:
        actions.do_set_response_status(response=response, status=data["status"], acting_user=request.user)

    return _act(request, plan, ResponseStatusForm(request.POST), act, "Action updated.")
