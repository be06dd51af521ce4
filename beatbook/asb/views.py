"""ASB pages: the powers register, the Case Review figures and applications, and the public form."""

from __future__ import annotations

import calendar
from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import BadRequest, PermissionDenied, ValidationError
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from beatbook.accounts import access
from beatbook.accounts.access import Capability
from beatbook.areas.authorities import local_authorities
from beatbook.areas.models import Area, Level
from beatbook.asb import actions, reports, rules
from beatbook.asb.forms import (
    ComplaintForm,
    DecisionForm,
    EscalateForm,
    PowerUseForm,
    PublicCaseReviewForm,
    ReviewForm,
    StaffCaseReviewForm,
)
from beatbook.asb.models import CaseReview, Channel, Power, PowerUse
from beatbook.audit.models import Operation
from beatbook.audit.record import client_ip, record_event
from beatbook.crime.periods import Days, financial_year_period, month_span
from beatbook.web.forms import check_date_window
from beatbook.web.tables import Column, Table, render_with_twins

PUBLIC_APPLICATIONS_PER_HOUR = 5  # from one address: enough for a household, too few for a spam run


def _month(request: HttpRequest, name: str, default: date, *, end: bool) -> date:
    text = request.GET.get(name)
    if not text:
        return default
    try:
        year, month = (int(part) for part in text.split("-"))
        day = calendar.monthrange(year, month)[1] if end else 1
        return date(year, month, day)
    except ValueError:
        raise BadRequest(f"{name} must be a month written YYYY-MM, for example 2022-04") from None


def _day(request: HttpRequest, name: str, default: date) -> date:
    text = request.GET.get(name)
    if not text:
        return default
    try:
        day = date.fromisoformat(text)
        check_date_window(day)
    except ValueError:
        raise BadRequest(f"{name} must be a date written YYYY-MM-DD, for example 2026-06-01") from None
    except ValidationError as error:
        raise BadRequest(f"{name}: {error.messages[0]}") from None
    return day


@login_required
def powers(request: HttpRequest, code: str) -> HttpResponse:
    area = access.get_area_for_user(request.user, code)
    today = timezone.localdate()
    last = _month(request, "to", today, end=True)
    first = _month(request, "from", date(last.year - 1, last.month, 1), end=False)
    try:
        reports.check_period(first, last)
    except ValueError as error:
        raise BadRequest(str(error)) from None
    rules_on = _day(request, "on", today)
    # The setting's name is for those who can have it set; everyone else reads "not yet in force".
    show_setting = access.can_anywhere(request.user, Capability.MANAGE_USERS)
    rules_in_force = rules.rules_table(rules_on, show_setting=show_setting)
    rules_in_force.period = Days(rules_on, rules_on)
    tables = [reports.uses_by_power(area, first, last), reports.uses_by_local_authority(area, first, last)]
    tables += [reports.due_soon(area, today), rules_in_force]
    context = {
        "area": area,
        "rules_on": rules_on,
        "first": first,
        "last": last,
        "can_record": access.can_anywhere(request.user, Capability.RECORD_ASB_POWER),
    }
    return render_with_twins(request, "asb/powers.html", context, tables, area=area, period=month_span(first, last))


@login_required
def record_power(request: HttpRequest) -> HttpResponse:
    access.require_anywhere(request.user, Capability.RECORD_ASB_POWER)
    areas = Area.objects.within_any(access.scope_areas(request.user, Capability.RECORD_ASB_POWER)).exclude(
        level=Level.FORCE
    )
    warnings = PowerUse.objects.filter(area__in=areas, power=Power.CPW).order_by("-issued_on")[:200]
    form = PowerUseForm(
        request.POST or None,
        areas=areas.order_by("name"),
        warnings=PowerUse.objects.filter(pk__in=[w.pk for w in warnings]),
    )
    if request.method == "POST" and form.is_valid():
        try:
            use = actions.do_record_power_use(acting_user=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"{use.get_power_display()} recorded.")
            return redirect("asb:powers", code=use.area.code)
    return render(request, "asb/record_power.html", {"form": form, "error_title": bool(form.errors)})


@login_required
def case_reviews(request: HttpRequest, code: str) -> HttpResponse:
    area = access.get_area_for_user(request.user, code)
    today = timezone.localdate()
    default_year = today.year - 1 if today.month < 4 else today.year
    year = request.GET.get("year") or f"{default_year}-{(default_year + 1) % 100:02d}"
    try:
        first, last = reports.financial_year(year)
    except ValueError as error:
        raise BadRequest(str(error)) from None
    tables = [reports.by_local_authority(area, first, last)]
    manageable = [la for la in local_authorities(area) if actions.can_manage_case_review(request.user, la.code)]
    if manageable:
        tables.append(_applications_table(area, [la.code for la in manageable], first, last))
    context = {"area": area, "year": year, "can_manage": bool(manageable)}
    period = financial_year_period(first.year)
    return render_with_twins(request, "asb/case_reviews.html", context, tables, area=area, period=period)


def _applications_table(area: Area, codes: list[str], first: date, last: date) -> Table:
    cases = CaseReview.objects.filter(
        force_id=area.force_id, local_authority_code__in=codes, received_on__gte=first, received_on__lte=last
    )
    table = Table(
        "applications",
        "Applications you handle (no applicant details here)",
        [
            Column("reference", "Reference"),
            Column("local_authority", "Local authority"),
            Column("received_on", "Received"),
            Column("status", "Status"),
            Column("decide_by", "Decision due"),
        ],
    )
    for index, case in enumerate(cases):
        table.rows.append(
            {
                "reference": case.reference,
                "local_authority": case.local_authority_name,
                "received_on": case.received_on.isoformat(),
                "status": case.get_status_display(),
                "decide_by": case.decide_by.isoformat(),
            }
        )
        table.links[(index, "reference")] = reverse("asb:case_review", kwargs={"case_uuid": case.uuid})
    return table


def _public_force(force: str) -> Area:
    area = Area.objects.forces().filter(code=force).first()
    if area is None:
        raise Http404("No such force")
    return area


def _rate_limited(request: HttpRequest) -> bool:
    key = f"case-review-apply:{client_ip(request)}"
    count = cache.get(key, 0)
    if count >= PUBLIC_APPLICATIONS_PER_HOUR:
        return True
    cache.set(key, count + 1, 60 * 60)
    return False


def apply(request: HttpRequest, force: str) -> HttpResponse:
    """The public application form: no sign-in; a honeypot field and a per-address hourly limit."""
    area = _public_force(force)
    form = PublicCaseReviewForm(request.POST or None, authorities=local_authorities(area))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if data["website"]:
            # A robot filled the hidden field: pretend success so it learns nothing, and keep nothing.
            request.session["case_review_reference"] = "CR-RECEIVED"
            return redirect("asb:applied", force=area.code)
        if _rate_limited(request):
            return render(request, "asb/apply.html", {"form": form, "force": area, "limited": True}, status=429)
        case = actions.do_submit_case_review(
            force=area,
            local_authority_code=data["local_authority"],
            applicant_name=data["applicant_name"],
            applicant_contact=data["applicant_contact"],
            applicant_postcode=data["applicant_postcode"],
            on_behalf_of_someone_else=data["on_behalf_of_someone_else"],
            description=data["description"],
            received_on=timezone.localdate(),
            channel=Channel.ONLINE,
            acting_user=request.user,
            request=request,
        )
        request.session["case_review_reference"] = case.reference
        return redirect("asb:applied", force=area.code)
    return render(request, "asb/apply.html", {"form": form, "force": area, "error_title": bool(form.errors)})


def applied(request: HttpRequest, force: str) -> HttpResponse:
    area = _public_force(force)
    reference = request.session.get("case_review_reference")
    if not reference:
        return redirect("asb:apply", force=area.code)
    return render(request, "asb/applied.html", {"force": area, "reference": reference})


@login_required
def record_case_review(request: HttpRequest) -> HttpResponse:
    access.require_anywhere(request.user, Capability.MANAGE_CASE_REVIEWS)
    forces = {m.area.force() for m in access.memberships(request.user)}
    authorities = [
        la
        for force in forces
        for la in local_authorities(force)
        if actions.can_manage_case_review(request.user, la.code)
    ]
    if not authorities:
        raise PermissionDenied("Your role does not allow recording Case Review applications")
    form = StaffCaseReviewForm(
        request.POST or None, authorities=authorities, initial={"received_on": timezone.localdate()}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            case = actions.do_submit_case_review(
                force=next(iter(forces)),
                local_authority_code=data["local_authority"],
                applicant_name=data["applicant_name"],
                applicant_contact=data["applicant_contact"],
                description=data["description"],
                received_on=data["received_on"],
                channel=data["channel"],
                acting_user=request.user,
                request=request,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"Application {case.reference} recorded.")
            return redirect("asb:case_review", case_uuid=case.uuid)
    return render(request, "asb/record_case_review.html", {"form": form, "error_title": bool(form.errors)})


def _case_for(request: HttpRequest, case_uuid: str) -> CaseReview:
    """An application the user handles (404 otherwise: applicants' details are personal data)."""
    case = CaseReview.objects.filter(uuid=case_uuid).first()
    if case is None or not actions.can_manage_case_review(request.user, case.local_authority_code):
        raise Http404("No such application")
    return case


@login_required
def case_review(request: HttpRequest, case_uuid: str) -> HttpResponse:
    case = _case_for(request, case_uuid)
    record_event(
        actor=request.user,
        operation=Operation.CONSULTATION,
        event="case_review.read",
        obj=case,
        area=case.force,
        request=request,
    )
    today = timezone.localdate()
    context = {
        "case": case,
        "complaints": case.complaints.all(),
        "recommendations": case.recommendations.all(),
        "complaint_form": ComplaintForm(),
        "decision_form": DecisionForm(initial={"decided_on": today}),
        "review_form": ReviewForm(initial={"held_on": today}),
        "escalate_form": EscalateForm(initial={"escalated_on": today}),
    }
    return render(request, "asb/case_review.html", context)


def _act(request: HttpRequest, case: CaseReview, form: Form, act, done: str) -> HttpResponse:  # noqa: ANN001
    if form.is_valid():
        try:
            act(form.cleaned_data)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, done)
    else:
        messages.error(request, "; ".join(f"{name}: {' '.join(errs)}" for name, errs in form.errors.items()))
    return redirect("asb:case_review", case_uuid=case.uuid)


@login_required
@require_POST
def add_complaint(request: HttpRequest, case_uuid: str) -> HttpResponse:
    case = _case_for(request, case_uuid)
    return _act(
        request,
        case,
        ComplaintForm(request.POST),
        lambda data: actions.do_add_complaint(case=case, acting_user=request.user, **data),
        "Complaint added.",
    )


@login_required
@require_POST
def decide_threshold(request: HttpRequest, case_uuid: str) -> HttpResponse:
    case = _case_for(request, case_uuid)
    return _act(
        request,
        case,
        DecisionForm(request.POST),
        lambda data: actions.do_decide_threshold(case=case, acting_user=request.user, **data),
        "Threshold decided.",
    )


@login_required
@require_POST
def hold_review(request: HttpRequest, case_uuid: str) -> HttpResponse:
    case = _case_for(request, case_uuid)

    def act(data: dict) -> None:
        recommendations = (
            [(data["recommendation"], data["owner"], data["due_on"] or data["held_on"])]
            if data["recommendation"]
            else []
        )
        actions.do_hold_case_review(
            case=case,
            held_on=data["held_on"],
            victim_consulted=data["victim_consulted"],
            recommendations=recommendations,
            acting_user=request.user,
        )

    return _act(request, case, ReviewForm(request.POST), act, "Review recorded.")


@login_required
@require_POST
def escalate(request: HttpRequest, case_uuid: str) -> HttpResponse:
    case = _case_for(request, case_uuid)
    return _act(
        request,
        case,
        EscalateForm(request.POST),
        lambda data: actions.do_escalate_case_review(case=case, acting_user=request.user, **data),
        "Referred to the local policing body.",
    )
