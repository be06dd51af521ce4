"""Quarterly neighbourhood priorities: setting them, recording what was done, publishing, and the check
for neighbourhoods whose priorities are stale."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from beatbook.accounts import access
from beatbook.accounts.access import Capability
from beatbook.neighbourhoods import priority_reports
from beatbook.neighbourhoods.actions import do_publish_priority, do_record_priority_action, do_set_priority
from beatbook.neighbourhoods.forms import ChosenNeighbourhoodQuery, PriorityActionForm, PriorityForm
from beatbook.neighbourhoods.models import Evidence
from beatbook.neighbourhoods.record_edits import history
from beatbook.neighbourhoods.scope import neighbourhoods_for, priority_for
from beatbook.public import published
from beatbook.web.forms import query_values
from beatbook.web.tables import render_with_twins


@login_required
def priorities(request: HttpRequest, code: str) -> HttpResponse:
    area = access.get_area_for_user(request.user, code)
    today = timezone.localdate()
    context = {"area": area, "can_set": access.can(request.user, Capability.SET_PRIORITIES, area)}
    tables = [priority_reports.current_priorities(area, today), priority_reports.stale_neighbourhoods(area, today)]
    # The priorities current today, and who is stale today: how things stand, named as of the day.
    return render_with_twins(request, "neighbourhoods/priorities.html", context, tables, area=area, snapshot=True)


@login_required
def set_priority(request: HttpRequest) -> HttpResponse:
    access.require_anywhere(request.user, Capability.SET_PRIORITIES)
    neighbourhoods = neighbourhoods_for(request.user, Capability.SET_PRIORITIES)
    wanted = query_values(request, ChosenNeighbourhoodQuery)["neighbourhood"]
    chosen = neighbourhoods.filter(code=wanted).first() if wanted else None
    chosen = chosen or neighbourhoods.first()
    form = PriorityForm(request.POST or None, neighbourhoods=neighbourhoods, initial={"neighbourhood": chosen})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            priority = do_set_priority(
                neighbourhood=data["neighbourhood"],
                issue=data["issue"],
                planned_action=data["planned_action"],
                evidence=data["evidence"],
                acting_user=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"Priority for {priority.neighbourhood.name} set.")
            return redirect("neighbourhoods:priority", priority_uuid=priority.uuid)
    context = {"form": form, "error_title": bool(form.errors), "back_area": chosen}
    return render(request, "neighbourhoods/set_priority.html", context)


@login_required
def priority_detail(request: HttpRequest, priority_uuid: str) -> HttpResponse:
    priority = priority_for(request.user, priority_uuid)
    can_update = access.can(request.user, Capability.SET_PRIORITIES, priority.neighbourhood)
    form = PriorityActionForm(
        request.POST or None, initial={"action_taken": priority.action_taken, "version": priority.version}
    )
    if request.method == "POST":
        access.require(request.user, Capability.SET_PRIORITIES, priority.neighbourhood)
        if form.is_valid():
            try:
                do_record_priority_action(
                    priority=priority,
                    action_taken=form.cleaned_data["action_taken"],
                    acting_user=request.user,
                    expected_version=form.cleaned_data["version"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                pending = " An inspector must approve it before the public sees it." if priority.published_at else ""
                messages.success(request, f"What was done is recorded.{pending}")
                return redirect("neighbourhoods:priority", priority_uuid=priority.uuid)
    evidence = dict(Evidence.choices)
    public = published.approved_version(priority)
    context = {
        "public": public,
        "pending": published.pending_changes(priority, public),
        "history": history(priority),
        "priority": priority,
        "evidence": [evidence.get(e, e) for e in priority.evidence],
        "form": form,
        "can_update": can_update,
        "can_publish": access.can(request.user, Capability.PUBLISH_PRIORITIES, priority.neighbourhood),
        "error_title": bool(form.errors),
    }
    return render(request, "neighbourhoods/priority.html", context)


@login_required
@require_POST
def publish_priority(request: HttpRequest, priority_uuid: str) -> HttpResponse:
    priority = priority_for(request.user, priority_uuid)
    publish = request.POST.get("publish") != "0"
    do_publish_priority(priority=priority, acting_user=request.user, publish=publish)
    messages.success(request, "The public pages show this text now." if publish else "Taken off the public pages.")
    return redirect("neighbourhoods:priority", priority_uuid=priority.uuid)
