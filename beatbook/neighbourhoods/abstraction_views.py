"""Recording abstractions (phone-first) and the area's abstraction reports, breaches and alerts."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from beatbook.accounts import access
from beatbook.accounts.access import Capability
from beatbook.crime.periods import Days, add_months, month_of
from beatbook.neighbourhoods import abstraction_reports as reports
from beatbook.neighbourhoods.actions import do_record_abstraction
from beatbook.neighbourhoods.forms import AbstractionForm
from beatbook.neighbourhoods.scope import officers_for
from beatbook.web.forms import BadQuery, PeriodQuery, query_values
from beatbook.web.tables import render_with_twins


@login_required
def record_abstraction(request: HttpRequest) -> HttpResponse:
    access.require_anywhere(request.user, Capability.RECORD_ABSTRACTION)
    officers = officers_for(request.user)
    today = timezone.localdate()
    own = officers.filter(user=request.user).first()
    form = AbstractionForm(
        request.POST or None, officers=officers, initial={"officer": own, "start_date": today, "end_date": today}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            abstraction = do_record_abstraction(
                officer=data["officer"],
                started_at=data["started_at"],
                ended_at=data["ended_at"],
                reason=data["reason"],
                details=data["details"],
                authorised_by=data["authorised_by"],
                authoriser_rank=data["authoriser_rank"],
                emergency=data["emergency"],
                acting_user=request.user,
            )
        except (ValidationError, PermissionDenied) as error:
            form.add_error(None, ValidationError(str(error)) if isinstance(error, PermissionDenied) else error)
        else:
            recorded = f"Abstraction of {abstraction.officer} recorded: {abstraction.hours:g} hours."
            if abstraction.breaches_policy:
                # Saved, but not a success: the policy needs a chief inspector or above unless life is at risk.
                messages.warning(
                    request,
                    f"{recorded} It breaches the abstraction policy: it was not authorised by a chief inspector "
                    "or above and was not an emergency. It is reported to the area's reviewers.",
                )
            else:
                messages.success(request, recorded)
            return redirect("neighbourhoods:record_abstraction")
    back_area = next(iter(access.scope_areas(request.user, Capability.VIEW_ABSTRACTIONS)), None)
    context = {"form": form, "error_title": bool(form.errors), "back_area": back_area}
    return render(request, "neighbourhoods/record_abstraction.html", context)


@login_required
def abstraction_report(request: HttpRequest, code: str) -> HttpResponse:
    area = access.get_area_for_user(request.user, code, Capability.VIEW_ABSTRACTIONS)
    today = timezone.localdate()
    query = query_values(request, PeriodQuery)
    first, last = query["from"] or add_months(month_of(today), -5), query["to"] or today
    if last < first:
        raise BadQuery(f"to: the end ({last:%-d %B %Y}) is before the start ({first:%-d %B %Y})")
    report = reports.area_report(request, area, first, last)
    context = {
        "area": area,
        "first": first,
        "last": last,
        "scope": report.scope,
        "total": report.total,
        "hours": report.hours,
        "breach_count": report.breach_count,
        "alerts": report.alerts,
        "can_review": access.can(request.user, Capability.REVIEW_ABSTRACTIONS, area),
        "can_record": access.can(request.user, Capability.RECORD_ABSTRACTION, area),
    }
    period = Days(first, last)
    return render_with_twins(
        request, "neighbourhoods/abstraction_report.html", context, report.tables, area=area, period=period
    )
