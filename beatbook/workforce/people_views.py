"""Keeping people and teams: the list, a person's record and history, adding, changing, moving, leaving,
absences, named officers and team contact details. HR administrators and administrators only."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from beatbook.accounts import access
from beatbook.accounts.access import Capability
from beatbook.areas.models import Area, Level
from beatbook.audit.models import AuditEvent, Operation
from beatbook.audit.record import record_event
from beatbook.web.navigation import linked_ancestors
from beatbook.web.tables import Column, Table, render_with_twins
from beatbook.workforce import actions
from beatbook.workforce.forms import AbsenceForm, LeavingForm, NamedOfficerForm, PersonForm, TeamContactForm
from beatbook.workforce.models import POSTING_LEVELS, PUBLIC_RANKS, Officer, TeamContact, today


def person_for(user, person_id: int) -> Officer:  # noqa: ANN001 - a user
    """A person posted inside the user's reach (else 404) whom they may keep (else 403)."""
    person = Officer.objects.select_related("team").filter(pk=person_id).first()
    if person is None or not access.can(user, Capability.VIEW_AREA, person.team):
        raise Http404("No such person")
    access.require(user, Capability.MANAGE_WORKFORCE, person.team)
    return person


def teams_for(user, area: Area):  # noqa: ANN001, ANN201 - a user; a QuerySet of Area
    return Area.objects.within(area).filter(level__in=POSTING_LEVELS).order_by("path")


def form_page(
    request: HttpRequest, title: str, form, back: tuple[str, str], button: str, intro: str = ""
) -> HttpResponse:  # noqa: ANN001
    context = {
        "title": title,
        "form": form,
        "back_url": back[0],
        "back_label": back[1],
        "button": button,
        "intro": intro,
    }
    return render(request, "workforce/form.html", context | {"error_title": bool(form.errors)})


def apply_write(form, action) -> bool:  # noqa: ANN001 - a form; a callable doing the write
    """Run a write, moving its ValidationError onto the form (field errors where it names a field)."""
    try:
        action()
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            for field, errors in error.error_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            form.add_error(None, error)
        return False
    return True


@login_required
def people(request: HttpRequest, code: str) -> HttpResponse:
    area = access.get_area_for_user(request.user, code, Capability.MANAGE_WORKFORCE)
    status = request.GET.get("status", "serving")
    people = Officer.objects.within(area).select_related("team").order_by("last_name", "first_name")
    if status == "serving":
        people = people.serving()
    elif status == "left":
        people = people.filter(left_on__lte=today())
    rows = [
        {
            "name": f"{p.first_name} {p.last_name}",
            "role": p.get_rank_display(),
            "collar_number": p.collar_number,
            "team": p.team.name,
            "left_on": p.left_on.isoformat() if p.left_on else "",
        }
        for p in people
    ]
    table = Table(
        name="people",
        caption=f"People in {area.name} ({status})",
        columns=[
            Column("name", "Name"),
            Column("role", "Role"),
            Column("collar_number", "Collar number"),
            Column("team", "Team or area"),
            Column("left_on", "Left on"),
        ],
        rows=rows,
        links={(i, "name"): reverse("workforce:person", args=[p.pk]) for i, p in enumerate(people)},
        display_limit=200,
    )
    # The list shows leaving dates (personal HR fields): the read is audited as the record's is.
    record_event(
        actor=request.user,
        operation=Operation.CONSULTATION,
        event="workforce.people.listed",
        obj=area,
        area=area,
        request=request,
        detail={"status": status},
    )
    context = {
        "area": area,
        "status": status,
        "breadcrumbs": linked_ancestors(request.user, area, "areas:detail"),
        "is_team": area.level == Level.TEAM,
        "neighbourhoods": area.children.order_by("name") if area.level == Level.TEAM else [],
    }
    # The people serving (or gone) as the records stand today.
    return render_with_twins(request, "workforce/people.html", context, table, area=area, snapshot=True)


@login_required
def add_person(request: HttpRequest, code: str) -> HttpResponse:
    area = access.get_area_for_user(request.user, code, Capability.MANAGE_WORKFORCE)
    form = PersonForm(request.POST or None, teams=teams_for(request.user, area), initial={"team": area})
    if request.method == "POST" and form.is_valid():
        holder = {}
        if apply_write(
            form, lambda: holder.update(person=actions.do_add_person(acting_user=request.user, **form.cleaned_data))
        ):
            messages.success(request, f"{holder['person'].first_name} {holder['person'].last_name} added.")
            return redirect("workforce:person", person_id=holder["person"].pk)
    back = (reverse("workforce:people", args=[area.code]), f"Back to people in {area.name}")
    return form_page(request, f"Add a person to {area.name}", form, back, "Add person")


@login_required
def person_detail(request: HttpRequest, person_id: int) -> HttpResponse:
    person = person_for(request.user, person_id)
    actions.record_hr_read(person, acting_user=request.user, request=request)
    on = today()
    certificates = person.certifications.select_related("skill").order_by("skill__name", "-completed_on")
    latest = {}
    for certificate in certificates:
        latest.setdefault(certificate.skill_id, certificate)
    history = AuditEvent.objects.filter(object_type="workforce.officer", object_id=str(person.pk)).order_by("-at")
    context = {
        "person": person,
        "absences": person.absences.all(),
        "postings": person.postings.select_related("team").order_by("-starts_on"),
        "named_for": person.named_for.select_related("neighbourhood"),
        "certificates": [(c, c.expires_on is None or c.expires_on > on) for c in latest.values()],
        "deployable": all(
            c.expires_on is None or c.expires_on > on for c in latest.values() if c.skill.needed_to_deploy
        )
        and any(c.skill.needed_to_deploy for c in latest.values()),
        "history": history[:50],
        "serving": Officer.objects.serving().filter(pk=person.pk).exists(),
    }
    return render(request, "workforce/person.html", context)


@login_required
def edit_person(request: HttpRequest, person_id: int) -> HttpResponse:
    person = person_for(request.user, person_id)
    force = Area.objects.get(pk=person.team.force_id)
    form = PersonForm(
        request.POST or None, instance=Officer.objects.get(pk=person.pk), teams=teams_for(request.user, force)
    )
    if request.method == "POST" and form.is_valid():
        changes = {field: form.cleaned_data[field] for field in form.fields if field != "posted_on"}
        posted_on = form.cleaned_data["posted_on"]
        if apply_write(
            form, lambda: actions.do_change_person(person, changes, acting_user=request.user, posted_on=posted_on)
        ):
            messages.success(request, "Changes saved.")
            return redirect("workforce:person", person_id=person.pk)
    back = (reverse("workforce:person", args=[person.pk]), f"Back to {person.first_name} {person.last_name}")
    return form_page(request, f"Change {person.first_name} {person.last_name}", form, back, "Save changes")


@login_required
def leave_person(request: HttpRequest, person_id: int) -> HttpResponse:
    person = person_for(request.user, person_id)
    form = LeavingForm(request.POST or None, initial={"left_on": today()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if apply_write(
            form,
            lambda: actions.do_record_leaving(
                person, left_on=data["left_on"], reason=data["leave_reason"], acting_user=request.user
            ),
        ):
            messages.success(request, f"{person.first_name} {person.last_name}'s leaving is recorded.")
            return redirect("workforce:person", person_id=person.pk)
    back = (reverse("workforce:person", args=[person.pk]), f"Back to {person.first_name} {person.last_name}")
    intro = "From the leaving date they are no longer counted in strength, and no longer shown on “your area”."
    return form_page(request, f"{person.first_name} {person.last_name} is leaving", form, back, "Record leaving", intro)


@login_required
def add_absence(request: HttpRequest, person_id: int) -> HttpResponse:
    person = person_for(request.user, person_id)
    form = AbsenceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if apply_write(form, lambda: actions.do_record_absence(person, acting_user=request.user, **data)):
            messages.success(request, "Absence recorded.")
            return redirect("workforce:person", person_id=person.pk)
    back = (reverse("workforce:person", args=[person.pk]), f"Back to {person.first_name} {person.last_name}")
    return form_page(request, "Record a career break, secondment or leave of absence", form, back, "Record absence")


@login_required
def name_officer(request: HttpRequest, code: str) -> HttpResponse:
    neighbourhood = access.get_area_for_user(request.user, code, Capability.MANAGE_WORKFORCE)
    if neighbourhood.level != Level.NEIGHBOURHOOD:
        raise Http404("Named officers are for neighbourhoods")
    team = neighbourhood.parent
    officers = (
        Officer.objects.serving()
        .filter(team__in=[team, team.parent], rank__in=PUBLIC_RANKS)
        .order_by("last_name", "first_name")
    )
    current = getattr(neighbourhood, "named_officer", None)
    form = NamedOfficerForm(
        request.POST or None, officers=officers, initial={"officer": current.officer if current else None}
    )
    if request.method == "POST" and form.is_valid():
        officer = form.cleaned_data["officer"]
        if apply_write(
            form,
            lambda: actions.do_name_officer_for_neighbourhood(neighbourhood, officer, acting_user=request.user),
        ):
            messages.success(request, f"{officer.public_name} is the named officer for {neighbourhood.name}.")
            return redirect("workforce:people", code=team.code)
    back = (reverse("workforce:people", args=[team.code]), f"Back to people in {team.name}")
    return form_page(request, f"Named officer for {neighbourhood.name}", form, back, "Save named officer")


@login_required
def team_contact(request: HttpRequest, code: str) -> HttpResponse:
    team = access.get_area_for_user(request.user, code, Capability.MANAGE_WORKFORCE)
    if team.level != Level.TEAM:
        raise Http404("Contact details are kept for neighbourhood teams")
    contact = TeamContact.objects.filter(team=team).first()
    initial = {"public_email": team.public_email, "public_phone": team.public_phone}
    initial |= {field: getattr(contact, field) for field in actions.SOCIAL_FIELDS} if contact else {}
    initial["meetings"] = "\n".join(f"{m.name} | {m.times}" for m in team.meeting_places.order_by("pk"))
    form = TeamContactForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        details = {key: value for key, value in data.items() if key != "meetings"}
        if apply_write(
            form,
            lambda: actions.do_set_team_contact(
                team, details=details, meetings=data["meetings"], acting_user=request.user
            ),
        ):
            messages.success(request, f"Contact details for {team.name} saved.")
            return redirect("workforce:people", code=team.code)
    back = (reverse("workforce:people", args=[team.code]), f"Back to people in {team.name}")
    intro = "These are published on “your area” and in the police.uk-shaped feed."
    return form_page(request, f"Contact details for {team.name}", form, back, "Save contact details", intro)
