"""Recording training and duty hours for a person, dated establishment, and a force's workforce
configuration (Census 2021 shares, targets). HR administrators and administrators only."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from beatbook.accounts import access
from beatbook.accounts.access import Capability
from beatbook.areas.models import Level
from beatbook.crime.periods import add_months
from beatbook.web.tables import Column, Table, render_with_twins
from beatbook.workforce import actions
from beatbook.workforce.forms import (
    CertificationForm,
    ConfigurationForm,
    DutyHoursForm,
    EstablishmentForm,
    ForecastForm,
)
from beatbook.workforce.models import Forecast, PopulationShare, Rank, WorkforceTarget, establishment_on, today
from beatbook.workforce.people_views import apply_write, form_page, person_for, teams_for


def _back_to(person) -> tuple[str, str]:  # noqa: ANN001 - an Officer
    return reverse("workforce:person", args=[person.pk]), f"Back to {person.first_name} {person.last_name}"


@login_required
def add_certification(request: HttpRequest, person_id: int) -> HttpResponse:
    person = person_for(request.user, person_id)
    form = CertificationForm(request.POST or None, initial={"completed_on": today()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if apply_write(
            form,
            lambda: actions.do_record_certification(
                person, data["skill"], data["completed_on"], acting_user=request.user
            ),
        ):
            messages.success(request, f"{data['skill'].name} recorded.")
            return redirect("workforce:person", person_id=person.pk)
    return form_page(request, "Record training", form, _back_to(person), "Record training")


@login_required
def add_hours(request: HttpRequest, person_id: int) -> HttpResponse:
    person = person_for(request.user, person_id)
    form = DutyHoursForm(request.POST or None, initial={"month": today()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if apply_write(
            form, lambda: actions.do_record_duty_hours(person, data["month"], data["hours"], acting_user=request.user)
        ):
            messages.success(request, "Hours recorded.")
            return redirect("workforce:person", person_id=person.pk)
    return form_page(request, "Record duty hours", form, _back_to(person), "Record hours")


@login_required
def establishment(request: HttpRequest, code: str) -> HttpResponse:
    area = access.get_area_for_user(request.user, code, Capability.MANAGE_WORKFORCE)
    teams = teams_for(request.user, area)
    form = EstablishmentForm(request.POST or None, teams=teams, initial={"team": area, "starts_on": today()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if apply_write(
            form,
            lambda: actions.do_set_establishment(
                data["team"], data["rank"], data["posts"], starts_on=data["starts_on"], acting_user=request.user
            ),
        ):
            messages.success(request, f"Establishment for {data['team'].name} saved.")
            return redirect("workforce:establishment", code=area.code)
    rows = establishment_on(today()).filter(team__path__startswith=area.path).select_related("team")
    table = Table(
        name="establishment",
        caption=f"Establishment in force today in {area.name}",
        columns=[
            Column("team", "Team or area"),
            Column("rank", "Role or rank"),
            Column("posts", "Posts", True),
            Column("starts_on", "From"),
        ],
        rows=[
            {"team": r.team.name, "rank": r.get_rank_display(), "posts": r.posts, "starts_on": r.starts_on.isoformat()}
            for r in rows.order_by("team__path", "rank")
        ],
    )
    context = {
        "title": f"Establishment in {area.name}",
        "form": form,
        "error_title": bool(form.errors),
        "back_url": reverse("workforce:area", args=[area.code]),
        "back_label": f"Back to the workforce in {area.name}",
        "button": "Save establishment",
        "area": area,
    }
    # The establishment in force today.
    return render_with_twins(request, "workforce/establishment.html", context, table, area=area, snapshot=True)


@login_required
def configuration(request: HttpRequest, code: str) -> HttpResponse:
    force = access.get_area_for_user(request.user, code, Capability.MANAGE_WORKFORCE)
    if force.level != Level.FORCE:
        raise Http404("Workforce configuration is set for a force")
    initial = {f"share_{s.ethnicity}": s.percent for s in PopulationShare.objects.filter(force=force)}
    initial |= {f"target_{t.target}": t.value for t in WorkforceTarget.objects.filter(force=force)}
    form = ConfigurationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        if apply_write(
            form,
            lambda: actions.do_set_workforce_configuration(
                force, shares=form.shares(), targets=form.targets(), acting_user=request.user
            ),
        ):
            messages.success(request, "Workforce configuration saved.")
            return redirect("workforce:area", code=force.code)
    back = (reverse("workforce:area", args=[force.code]), f"Back to the workforce in {force.name}")
    intro = (
        "The population of the force area by ethnic group (Census 2021) that representation is compared "
        "with, and the targets."
    )
    return form_page(request, f"Workforce configuration for {force.name}", form, back, "Save configuration", intro)


@login_required
def forecast(request: HttpRequest, code: str) -> HttpResponse:
    force = access.get_area_for_user(request.user, code, Capability.MANAGE_WORKFORCE)
    if force.level != Level.FORCE:
        raise Http404("Forecasts are set for a force")
    first = add_months(today().replace(day=1), -12)
    current = Forecast.objects.filter(force=force, rank=Rank.CONSTABLE, month__gte=first)
    lines = "\n".join(f"{f.month:%Y-%m}, {f.joiners}, {f.leavers}" for f in current)
    form = ForecastForm(request.POST or None, initial={"lines": lines})
    if request.method == "POST" and form.is_valid():
        rows = form.cleaned_data["lines"]
        if apply_write(form, lambda: actions.do_set_forecast(force, rows, acting_user=request.user)):
            messages.success(request, "Forecast saved.")
            return redirect("workforce:area", code=force.code)
    back = (reverse("workforce:area", args=[force.code]), f"Back to the workforce in {force.name}")
    intro = "The by-month table compares joiners and leavers with these figures."
    return form_page(request, f"Joiners and leavers forecast for {force.name}", form, back, "Save forecast", intro)
