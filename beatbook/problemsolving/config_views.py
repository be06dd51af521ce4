"""Force configuration for problem solving: the list of closure codes plans are closed with (issue 13 item 1)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect

from beatbook.accounts import access
from beatbook.accounts.access import Capability
from beatbook.areas.models import Level
from beatbook.problemsolving import actions
from beatbook.problemsolving.forms import ClosureCodesForm
from beatbook.problemsolving.models import ClosureCode, ProblemPlan
from beatbook.web.tables import Column, Table, render_with_twins


@login_required
def closure_codes(request: HttpRequest, code: str) -> HttpResponse:
    """GET: the force's codes (table `closure-codes`, with the plans closed with each) and the form; POST: change
    them through `do_edit_closure_codes`. Force administrators only (Capability.MANAGE_USERS)."""
    force = access.get_area_for_user(request.user, code, Capability.MANAGE_USERS)
    if force.level != Level.FORCE:
        raise Http404("Closure codes are set for a force")
    codes = list(ClosureCode.objects.filter(force=force))
    form = ClosureCodesForm(request.POST or None, initial=ClosureCodesForm.initial_for(codes))
    if request.method == "POST" and form.is_valid():
        try:
            actions.do_edit_closure_codes(
                force=force,
                active=form.cleaned_data["active"],
                retired=form.cleaned_data["retired"],
                acting_user=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Closure codes saved.")
            return redirect("problemsolving:closure_codes", code=force.code)
    context = {"area": force, "form": form, "error_title": bool(form.errors)}
    table = _codes_table(force, codes)
    return render_with_twins(request, "problemsolving/closure_codes.html", context, [table], area=force, snapshot=True)


def _codes_table(force, codes: list[ClosureCode]) -> Table:  # noqa: ANN001 - an Area
    used = dict(
        ProblemPlan.objects.filter(force=force, closure_code__isnull=False)
        .values_list("closure_code")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return Table(
        "closure-codes",
        f"Closure codes for problem-solving plans, {force.name}",
        [
            Column("code", "Code"),
            Column("label", "Label"),
            Column("status", "Status"),
            Column("plans_closed", "Plans closed with it", numeric=True),
        ],
        [
            {
                "code": c.code,
                "label": c.label,
                "status": "In use" if c.active else "Retired",
                "plans_closed": used.get(c.pk, 0),
            }
            for c in codes
        ],
    )
