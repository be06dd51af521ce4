"""An officer's own recent records: correcting or withdrawing them within the edit window."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from beatbook.accounts import access
from beatbook.accounts.access import Capability
from beatbook.lib.dates import LONDON
from beatbook.neighbourhoods.forms import AbstractionEditForm, EngagementEditForm, WithdrawForm
from beatbook.neighbourhoods.models import Abstraction, Engagement
from beatbook.neighbourhoods.own_records import (
    do_edit_abstraction,
    do_edit_engagement,
    do_withdraw_record,
    edit_window,
    editable_until,
    why_not_editable,
)
from beatbook.neighbourhoods.record_edits import history
from beatbook.neighbourhoods.scope import engagement_for


@login_required
def my_records(request: HttpRequest) -> HttpResponse:
    """The records you made within the edit window, with what you may still change."""
    since = timezone.now() - edit_window()
    engagements = Engagement.objects.filter(recorded_by=request.user, created_at__gte=since).select_related(
        "neighbourhood"
    )
    abstractions = Abstraction.objects.filter(recorded_by=request.user, created_at__gte=since).select_related("officer")
    rows = [(r, why_not_editable(r, request.user), editable_until(r)) for r in [*engagements, *abstractions]]
    hours = int(edit_window().total_seconds() // 3600)
    return render(request, "neighbourhoods/my_records.html", {"rows": rows, "hours": hours})


def _own(record: Engagement | Abstraction, user) -> None:  # noqa: ANN001 - a user
    if record.recorded_by_id != user.pk:
        raise PermissionDenied("Only the officer who recorded it can change it")


def abstraction_for(user, abstraction_uuid) -> Abstraction:  # noqa: ANN001 - a user, a UUID
    """An abstraction the user recorded, or one in a team they may see abstractions of; else 404."""
    abstraction = Abstraction.objects.filter(uuid=abstraction_uuid).select_related("officer", "team").first()
    if abstraction is None or not (
        abstraction.recorded_by_id == user.pk or access.can(user, Capability.VIEW_ABSTRACTIONS, abstraction.team)
    ):
        raise Http404("No such abstraction")
    return abstraction


def _local(moment):  # noqa: ANN001, ANN202 - an aware datetime
    return moment.astimezone(LONDON)


def _unchanged_times(record: Engagement | Abstraction, data: dict) -> dict:
    """The form holds times to the minute: a time left as shown keeps its recorded seconds."""
    for name in ("started_at", "ended_at"):
        if name in data and data[name] == getattr(record, name).replace(second=0, microsecond=0):
            del data[name]
    return data


@login_required
def edit_engagement(request: HttpRequest, engagement_uuid: str) -> HttpResponse:
    engagement = engagement_for(request.user, engagement_uuid)
    _own(engagement, request.user)
    start = _local(engagement.started_at)
    initial = {
        "date": start.date(), "start": start.time(), "duration_minutes": engagement.duration_minutes,
        "location": engagement.location, "method": engagement.method, "people_reached": engagement.people_reached,
        "issues_raised": engagement.issues_raised, "follow_up": engagement.follow_up, "version": engagement.version,
    }  # fmt: skip
    form = EngagementEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k not in ("date", "start", "version")}
        data = _unchanged_times(engagement, data)
        try:
            changes = do_edit_engagement(
                engagement=engagement, values=data, expected_version=form.cleaned_data["version"],
                acting_user=request.user,
            )  # fmt: skip
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Engagement corrected." if changes else "Nothing was changed.")
            return redirect("neighbourhoods:my_records")
    context = {"form": form, "record": engagement, "kind": "engagement", "history": history(engagement),
               "blocked": why_not_editable(engagement, request.user), "error_title": bool(form.errors)}  # fmt: skip
    return render(request, "neighbourhoods/edit_record.html", context)


@login_required
def edit_abstraction(request: HttpRequest, abstraction_uuid: str) -> HttpResponse:
    abstraction = abstraction_for(request.user, abstraction_uuid)
    _own(abstraction, request.user)
    start, end = _local(abstraction.started_at), _local(abstraction.ended_at)
    initial = {
        "start_date": start.date(), "start": start.time(), "end_date": end.date(), "end": end.time(),
        "reason": abstraction.reason, "details": abstraction.details, "authorised_by": abstraction.authorised_by,
        "authoriser_rank": abstraction.authoriser_rank, "emergency": abstraction.emergency,
        "version": abstraction.version,
    }  # fmt: skip
    form = AbstractionEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        skip = ("start_date", "start", "end_date", "end", "version")
        data = _unchanged_times(abstraction, {k: v for k, v in form.cleaned_data.items() if k not in skip})
        try:
            changes = do_edit_abstraction(
                abstraction=abstraction, values=data, expected_version=form.cleaned_data["version"],
                acting_user=request.user,
            )  # fmt: skip
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if abstraction.breaches_policy:
                messages.warning(request, "Abstraction corrected. It breaches the abstraction policy: it was not "
                                 "authorised by a chief inspector or above and was not an emergency.")  # fmt: skip
            else:
                messages.success(request, "Abstraction corrected." if changes else "Nothing was changed.")
            return redirect("neighbourhoods:my_records")
    context = {"form": form, "record": abstraction, "kind": "abstraction", "history": history(abstraction),
               "blocked": why_not_editable(abstraction, request.user), "error_title": bool(form.errors)}  # fmt: skip
    return render(request, "neighbourhoods/edit_record.html", context)


@login_required
@require_POST
def withdraw_engagement(request: HttpRequest, engagement_uuid: str) -> HttpResponse:
    return _withdraw(request, engagement_for(request.user, engagement_uuid))


@login_required
@require_POST
def withdraw_abstraction(request: HttpRequest, abstraction_uuid: str) -> HttpResponse:
    return _withdraw(request, abstraction_for(request.user, abstraction_uuid))


def _withdraw(request: HttpRequest, record: Engagement | Abstraction) -> HttpResponse:
    _own(record, request.user)
    form = WithdrawForm(request.POST)
    if not form.is_valid():
        messages.error(request, "The form was out of date: open the record again and withdraw it from there.")
        return redirect("neighbourhoods:my_records")
    try:
        do_withdraw_record(record=record, expected_version=form.cleaned_data["version"], acting_user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "Withdrawn: it is kept, marked as withdrawn, and no longer counted.")
    return redirect("neighbourhoods:my_records")
