"""The tasking meetings page (repeat victims and locations, meetings held) and recording a meeting."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import BadRequest, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from beatbook.accounts import access
from beatbook.accounts.access import Capability
from beatbook.areas.models import Area
from beatbook.crime.periods import Days
from beatbook.hotspots.models import DesignatedHotspot
from beatbook.hotspots.tasking import cached_latest_day
from beatbook.problemsolving.models import PlanStatus, ProblemPlan
from beatbook.problemsolving.tasking import ATTENDEE_ROLES, do_record_tasking_meeting, meetings_table, repeat_tables
from beatbook.problemsolving.views import date_param
from beatbook.web.forms import DateField
from beatbook.web.tables import render_with_twins


class MeetingForm(forms.Form):
    area = forms.ModelChoiceField(queryset=Area.objects.none(), empty_label=None)
    held_on = DateField(label="Held on")
    attendees = forms.MultipleChoiceField(
        choices=[(r, r) for r in ATTENDEE_ROLES], widget=forms.CheckboxSelectMultiple, label="Who attended"
    )
    plans = forms.ModelMultipleChoiceField(queryset=ProblemPlan.objects.none(), required=False, label="Plans discussed")
    hotspots = forms.ModelMultipleChoiceField(
        queryset=DesignatedHotspot.objects.none(), required=False, label="Hotspots discussed"
    )
    action = forms.CharField(max_length=300, required=False, label="Action agreed")
    owner = forms.CharField(max_length=120, required=False, label="Action owner")
    due_on = DateField(required=False, label="Action due")
    notes = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def __init__(self, *args, areas=None, **kwargs) -> None:  # noqa: ANN001, ANN002, ANN003
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = areas
        self.fields["plans"].queryset = ProblemPlan.objects.filter(
            owner_area__in=areas, status=PlanStatus.ACTIVE
        ).order_by("title")
        self.fields["hotspots"].queryset = DesignatedHotspot.objects.filter(area__in=areas)

    def clean(self) -> dict:
        data = super().clean()
        if data.get("action") and not (data.get("owner") and data.get("due_on")):
            raise ValidationError("Give the action's owner and due date")
        return data


@login_required
def tasking_meetings(request: HttpRequest, code: str) -> HttpResponse:
    area = access.get_area_for_user(request.user, code)
    # The 28 days end today, or on the last day with incident times when the data end earlier (QA 17: a
    # demo loaded today, or monthly police.uk files, left both repeat tables empty by default).
    latest = cached_latest_day(area)
    as_of = date_param(request, "date", min(timezone.localdate(), latest) if latest else timezone.localdate())
    tables = [*repeat_tables(area, as_of), meetings_table(area)]
    context = {
        "area": area,
        "as_of": as_of,
        "latest": latest,
        "can_record": access.can(request.user, Capability.DRAFT_PLAN, area),
    }
    return render_with_twins(request, "problemsolving/tasking_meetings.html", context, tables, area=area)


@login_required
def record_meeting(request: HttpRequest) -> HttpResponse:
    access.require_anywhere(request.user, Capability.DRAFT_PLAN)
    areas = Area.objects.within_any(access.scope_areas(request.user, Capability.DRAFT_PLAN)).order_by("path")
    form = MeetingForm(request.POST or None, areas=areas, initial={"held_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            meeting = do_record_tasking_meeting(
                area=data["area"],
                held_on=data["held_on"],
                attendees=data["attendees"],
                notes=data["notes"],
                plans=list(data["plans"]),
                hotspots=list(data["hotspots"]),
                actions=[(data["action"], data["owner"], data["due_on"])] if data["action"] else [],
                acting_user=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Tasking meeting recorded.")
            return redirect("problemsolving:tasking_meetings", code=meeting.area.code)
    return render(request, "problemsolving/record_meeting.html", {"form": form, "error_title": bool(form.errors)})


@login_required
def hotspot_programme(request: HttpRequest, code: str) -> HttpResponse:
    from datetime import date

    from beatbook.problemsolving.programme import cached_programme_table

    area = access.get_area_for_user(request.user, code)
    since = date_param(request, "since", date(timezone.localdate().year - 1, 4, 1))
    until = date_param(request, "to", None)  # optional: hotspots designated up to this date
    if until is not None and until < since:
        raise BadRequest("to must be on or after since")
    context = {"area": area, "since": since, "until": until}
    return render_with_twins(
        request,
        "problemsolving/programme.html",
        context,
        [cached_programme_table(area, since, until)],
        area=area,
        period=Days(since, until),  # open-ended without `to`: "since-2023-04-01"
    )
