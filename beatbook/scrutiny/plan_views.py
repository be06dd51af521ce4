"""The plan's measures in the workspace: scrutiny officers add a measure to a priority, computed by Beatbook
(from the registry in measures.py) or entered by hand."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import IntegrityError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from beatbook.areas.models import Area
from beatbook.scrutiny import actions
from beatbook.scrutiny.forms import MeasureForm
from beatbook.scrutiny.measures import REGISTRY
from beatbook.scrutiny.models import PlanPriority
from beatbook.scrutiny.staff_views import scrutiny_force


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
