"""Drafting in the scrutiny workspace: the force starts a paper for a meeting and adds numbered sections and
paragraphs (narrative and live tables); scrutiny officers record the values of measures entered by hand."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from beatbook.accounts import access
from beatbook.accounts.access import Capability
from beatbook.scrutiny import actions, elements
from beatbook.scrutiny.forms import BlockForm, MeasureValueForm, PaperForm, SectionForm
from beatbook.scrutiny.models import Measure, Meeting, Paper
from beatbook.scrutiny.staff_views import _forces, scrutiny_force


@login_required
def draft_paper(request: HttpRequest, uuid: str) -> HttpResponse:
    meeting = Meeting.objects.filter(uuid=uuid, force__in=_forces(request)).first()
    if meeting is None:
        raise Http404("No such meeting")
    access.require_in_force(request.user, Capability.DRAFT_SCRUTINY_PAPERS, meeting.force)
    form = PaperForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        paper = actions.do_draft_paper(
            meeting=meeting,
            title=form.cleaned_data["title"],
            data_to=form.cleaned_data["data_to"],
            acting_user=request.user,
        )
        return redirect("scrutiny:edit_paper", uuid=paper.uuid)
    return render(request, "scrutiny/draft_paper.html", {"meeting": meeting, "form": form})


@login_required
def edit_paper(request: HttpRequest, uuid: str) -> HttpResponse:
    """Add sections and paragraphs to a draft (the paper page shows it as it will print)."""
    paper = Paper.objects.select_related("meeting").filter(uuid=uuid, meeting__force__in=_forces(request)).first()
    if paper is None:
        raise Http404("No such paper")
    access.require_in_force(request.user, Capability.DRAFT_SCRUTINY_PAPERS, paper.meeting.force)
    sections = list(paper.sections.all())
    is_post = request.method == "POST"
    step = request.POST.get("step")
    section_form = SectionForm(request.POST if is_post and step == "section" else None)
    block_form = BlockForm(
        request.POST if is_post and step == "block" else None, sections=sections, element_choices=elements.choices()
    )
    try:
        if step == "section" and section_form.is_valid():
            actions.do_add_section(paper=paper, heading=section_form.cleaned_data["heading"], acting_user=request.user)
            messages.success(request, "Section added")
            return redirect("scrutiny:edit_paper", uuid=paper.uuid)
        if step == "block" and block_form.is_valid():
            data = block_form.cleaned_data
            section = paper.sections.get(number=data["section"])
            block = actions.do_add_block(
                section=section, html=data["html"], element=data["element"], caption=data["caption"],
                source=data["source"], acting_user=request.user,
            )  # fmt: skip
            messages.success(request, f"Paragraph {block.reference} added")
            return redirect("scrutiny:edit_paper", uuid=paper.uuid)
    except (actions.WorkflowError, elements.ElementError) as error:
        (block_form if step == "block" else section_form).add_error(None, str(error))
    context = {"paper": paper, "section_form": section_form, "block_form": block_form, "sections": sections}
    return render(request, "scrutiny/edit_paper.html", context)


@login_required
def record_value(request: HttpRequest, slug: str) -> HttpResponse:
    measure = Measure.objects.select_related("area").filter(slug=slug).first()
    if measure is None or measure.area.force_id not in {force.pk for force in _forces(request)}:
        raise Http404("No such measure")
    access.require_in_force(request.user, Capability.SCRUTINISE, measure.area.force())
    form = MeasureValueForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.do_record_measure_value(measure=measure, acting_user=request.user, **form.cleaned_data)
        except actions.WorkflowError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Value recorded")
            return redirect("scrutiny:measure", slug=measure.slug)
    return render(request, "scrutiny/record_value.html", {"measure": measure, "form": form})


@login_required
def new_meeting(request: HttpRequest) -> HttpResponse:
    """Scrutiny officers arrange a meeting: date and time (UK), place, the priority in focus, the agenda."""
    from datetime import datetime

    from beatbook.lib.dates import LocalTimeError, london_to_utc
    from beatbook.scrutiny.forms import MeetingForm
    from beatbook.scrutiny.models import PlanPriority

    force = scrutiny_force(request)
    priorities = PlanPriority.objects.filter(plan__force=force).select_related("plan")
    form = MeetingForm(request.POST if request.method == "POST" else None, priorities=priorities)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            starts_at = london_to_utc(datetime.combine(data["date"], data["start"]))
        except LocalTimeError as error:
            form.add_error("start", str(error))
        else:
            agenda = [line.strip() for line in data["agenda"].splitlines() if line.strip()]
            meeting = actions.do_create_meeting(
                force=force, title=data["title"], starts_at=starts_at, place=data["place"], online=data["online"],
                priority=data["priority"], agenda=agenda, acting_user=request.user,
            )  # fmt: skip
            messages.success(request, "Meeting arranged: the public can now ask questions for it")
            return redirect("scrutiny:meeting", uuid=meeting.uuid)
    context = {"form": form, "title": "Arrange a meeting", "button": "Arrange meeting"}
    return render(request, "scrutiny/workspace_form.html", context)
