"""The plan in the workspace: scrutiny officers create a Police and Crime Plan, add and edit its numbered
priorities and sub-objectives, and add a measure to a priority, computed by Beatbook (from the registry in
measures.py) or entered by hand. Invalid input is answered 400 with the form's errors; nothing is written."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import IntegrityError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from beatbook.accounts import access
from beatbook.accounts.access import Capability
from beatbook.areas.models import Area
from beatbook.scrutiny import actions
from beatbook.scrutiny.forms import MeasureForm, PlanForm, PriorityForm, PriorityTextForm, SubObjectiveForm
from beatbook.scrutiny.measures import REGISTRY
from beatbook.scrutiny.models import Plan, PlanPriority
from beatbook.scrutiny.staff_views import _forces, scrutiny_force


@login_required
def add_measure(request: HttpRequest) -> HttpResponse:
    force = scrutiny_force(request)
    form = MeasureForm(
        request.POST if request.method == "POST" else None,
        priorities=PlanPriority.objects.filter(plan__force=force).select_related("plan"),
        definitions=[(key, d.name) for key, d in REGISTRY.items()],
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        area = Area.objects.within(force).filter(code=data["area"]).first() if data["area"] else force
        if area is None:
            form.add_error("area", "No area with that code in this force")
        else:
            try:
                measure = actions.do_add_measure(
                    priority=data["priority"], slug=data["slug"], name=data["name"], area=area,
                    definition=data["definition"], direction=data["direction"], target=data["target"],
                    how_counted=data["how_counted"], acting_user=request.user,
                )  # fmt: skip
            except actions.WorkflowError as error:
                form.add_error(None, str(error))
            except IntegrityError:
                form.add_error("slug", "Another measure has this web address: choose another")
            else:
                messages.success(request, "Measure added")
                return redirect("scrutiny:measure", slug=measure.slug)
    return render(
        request, "scrutiny/workspace_form.html", {"form": form, "title": "Add a measure", "button": "Add measure"}
    )


def _form_page(request: HttpRequest, form, title: str, button: str) -> HttpResponse:  # noqa: ANN001
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "title": title, "button": button, "caption": "Police and Crime Plan"}
    return render(request, "scrutiny/workspace_form.html", context, status=status)


@login_required
def new_plan(request: HttpRequest) -> HttpResponse:
    scrutiny_force(request)  # 403 unless the user is one of the local policing body's officers
    forces = Area.objects.filter(
        pk__in=[f.pk for f in _forces(request) if access.can_in_force(request.user, Capability.SCRUTINISE, f)]
    )
    form = PlanForm(request.POST if request.method == "POST" else None, forces=forces)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        access.require_in_force(request.user, Capability.SCRUTINISE, data["force"])
        try:
            plan = actions.do_create_plan(acting_user=request.user, **data)
        except actions.WorkflowError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Plan created: add its priorities")
            return redirect("scrutiny:add_priority", pk=plan.pk)
    return _form_page(request, form, "Create a Police and Crime Plan", "Create plan")


def _plan_for(request: HttpRequest, pk: int) -> Plan:
    plan = Plan.objects.select_related("force").filter(pk=pk, force__in=_forces(request)).first()
    if plan is None:
        raise Http404("No such plan")
    access.require_in_force(request.user, Capability.SCRUTINISE, plan.force)
    return plan


def _priority_for(request: HttpRequest, pk: int) -> PlanPriority:
    priority = (
        PlanPriority.objects.select_related("plan__force").filter(pk=pk, plan__force__in=_forces(request)).first()
    )
    if priority is None:
        raise Http404("No such priority")
    access.require_in_force(request.user, Capability.SCRUTINISE, priority.plan.force)
    return priority


@login_required
def add_priority(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _plan_for(request, pk)
    form = PriorityForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            priority = actions.do_add_priority(
                plan=plan, sub_objectives=[], acting_user=request.user, **form.cleaned_data
            )
        except actions.WorkflowError as error:
            form.add_error("number", str(error))
        else:
            messages.success(request, f"{priority} added")
            return redirect("scrutiny:priority", pk=priority.pk)
    return _form_page(request, form, f"Add a priority to {plan.title}", "Add priority")


@login_required
def edit_priority(request: HttpRequest, pk: int) -> HttpResponse:
    priority = _priority_for(request, pk)
    initial = {"title": priority.title, "description": priority.description}
    form = PriorityTextForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        actions.do_edit_priority(priority=priority, acting_user=request.user, **form.cleaned_data)
        messages.success(request, "Priority changed")
        return redirect("scrutiny:priority", pk=priority.pk)
    return _form_page(request, form, f"Change priority {priority.number}", "Save changes")


@login_required
def add_sub_objective(request: HttpRequest, pk: int) -> HttpResponse:
    priority = _priority_for(request, pk)
    form = SubObjectiveForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        sub = actions.do_add_sub_objective(
            priority=priority, title=form.cleaned_data["title"], acting_user=request.user
        )
        messages.success(request, f"{sub} added")
        return redirect("scrutiny:priority", pk=priority.pk)
    return _form_page(request, form, f"Add a sub-objective to priority {priority.number}", "Add sub-objective")
