"""Stop and search for an area: figures by object of search, month, legislation and outcome,
disproportionality with its caveats; the force's scrutiny panel log and object-of-search mapping."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from beatbook.accounts import access
from beatbook.accounts.access import Capability
from beatbook.crime.models import StopSearch
from beatbook.outcomes.periods import PeriodError, requested_periods
from beatbook.stopsearch import actions, figures
from beatbook.stopsearch.categories import ReportingCategory
from beatbook.stopsearch.disproportionality import CAVEATS
from beatbook.stopsearch.forms import ObjectMappingForm, ScrutinyPanelEditForm, ScrutinyPanelForm
from beatbook.stopsearch.models import ScrutinyPanel
from beatbook.web.navigation import linked_ancestors
from beatbook.web.tables import Column, Table, render_with_twins


@login_required
def area_stop_search(request: HttpRequest, code: str) -> HttpResponse:
    area = access.get_area_for_user(request.user, code)
    force = area.force()
    latest = StopSearch.objects.filter(force=force).order_by("-month").values_list("month", flat=True).first()
    context = {"area": area, "caveats": CAVEATS, "breadcrumbs": linked_ancestors(request.user, area, "crime:area")}
    try:
        _, periods = requested_periods(request.GET, latest)
    except PeriodError as error:
        context["period_error"] = str(error)
        periods = []
    context |= {"periods": periods, "params": request.GET}
    tables = figures.tables(area, periods)
    error = context.get("period_error", "")
    period = tuple(periods)
    return render_with_twins(request, "stopsearch/area.html", context, tables, area=area, error=error, period=period)


def panel_table(force, links_for: str = "") -> Table:  # noqa: ANN001 - an Area
    """The force's panel log; with `links_for` (an area code), each date links to the panel's edit page."""
    panels = list(ScrutinyPanel.objects.filter(force=force))
    links = {
        (index, "held_on"): reverse("stopsearch:panel", kwargs={"code": links_for, "panel_uuid": p.uuid})
        for index, p in enumerate(panels)
        if links_for
    }
    return Table(
        name="scrutiny-panels",
        caption=f"Stop and search scrutiny panels, {force.name}",
        columns=[
            Column("held_on", "Held on"),
            Column("panel", "Panel"),
            Column("searches", "Searches reviewed", True),
            Column("body_worn_video", "Body-worn videos reviewed", True),
            Column("references", "Search references"),
            Column("findings", "Findings"),
            Column("actions", "Actions"),
        ],
        rows=[
            {
                "held_on": p.held_on.isoformat(),
                "panel": p.panel,
                "searches": len(p.search_references),
                "body_worn_video": p.body_worn_video_reviewed,
                "references": " ".join(p.search_references),
                "findings": p.findings,
                "actions": p.actions,
            }
            for p in panels
        ],
        links=links,
    )


@login_required
@require_http_methods(["GET", "POST"])
def scrutiny_panels(request: HttpRequest, code: str) -> HttpResponse:
    """The force's panel log (everyone who sees the area); the form for those who log panels."""
    area = access.get_area_for_user(request.user, code)
    force = area.force()
    can_record = access.can(request.user, Capability.RECORD_SCRUTINY_PANEL, force)
    if request.method == "POST" and not can_record:
        access.require(request.user, Capability.RECORD_SCRUTINY_PANEL, force)
    form = ScrutinyPanelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.do_record_scrutiny_panel(
                force=force,
                held_on=data["held_on"],
                panel=data["panel"],
                search_references=actions.parse_references(data["search_references"]),
                body_worn_video_reviewed=data["body_worn_video_reviewed"],
                findings=data["findings"],
                actions=data["actions"],
                acting_user=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Panel logged.")
            return redirect("stopsearch:panels", code=area.code)
    context = {"area": area, "force": force, "form": form if can_record else None, "error_title": bool(form.errors)}
    table = panel_table(force, area.code if can_record else "")
    return render_with_twins(request, "stopsearch/panels.html", context, [table], area=force, snapshot=True)


@login_required
@require_http_methods(["GET", "POST"])
def edit_scrutiny_panel(request: HttpRequest, code: str, panel_uuid: str) -> HttpResponse:
    """Change a logged panel (those who log panels), refused if someone changed it since it was opened."""
    area = access.get_area_for_user(request.user, code)
    force = area.force()
    entry = get_object_or_404(ScrutinyPanel, uuid=panel_uuid, force=force)
    access.require(request.user, Capability.RECORD_SCRUTINY_PANEL, force)
    initial = {name: getattr(entry, name) for name in actions.PANEL_FIELDS} | {
        "search_references": "\n".join(entry.search_references),
        "version": entry.version,
    }
    form = ScrutinyPanelEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            changes = {name: data[name] for name in actions.PANEL_FIELDS if name != "search_references"}
            changes["search_references"] = actions.parse_references(data["search_references"])
            actions.do_edit_scrutiny_panel(
                entry, changes=changes, expected_version=data["version"], acting_user=request.user
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Panel changed.")
            return redirect("stopsearch:panels", code=area.code)
    context = {"area": area, "force": force, "entry": entry, "form": form, "error_title": bool(form.errors)}
    return render(request, "stopsearch/panel_edit.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def object_mapping(request: HttpRequest, code: str) -> HttpResponse:
    """How the force's objects of search are reported; analysts and administrators change it."""
    area = access.get_area_for_user(request.user, code)
    force = area.force()
    can_configure = access.can(request.user, Capability.CONFIGURE_STOP_SEARCH, force)
    if request.method == "POST" and not can_configure:
        access.require(request.user, Capability.CONFIGURE_STOP_SEARCH, force)
    form = ObjectMappingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.do_set_object_mapping(force=force, acting_user=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Mapping saved.")
            return redirect("stopsearch:mapping", code=area.code)
    mapping = figures.mapping_for(force)
    labels = dict(ReportingCategory.choices)
    table = Table(
        name="object-of-search-mapping",
        caption=f"How {force.name} reports objects of search",
        columns=[Column("object_of_search", "Object of search (police.uk)"), Column("category", "Reported as")],
        rows=[{"object_of_search": k, "category": labels[v]} for k, v in sorted(mapping.items())],
    )
    context = {"area": area, "force": force, "form": form if can_configure else None, "error_title": bool(form.errors)}
    return render_with_twins(request, "stopsearch/mapping.html", context, [table], area=force, snapshot=True)
