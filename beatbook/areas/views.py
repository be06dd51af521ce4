"""Browse the policing geography: areas, their teams' officers, staffing and LSOAs."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from beatbook.accounts import access
from beatbook.accounts.access import Capability
from beatbook.areas.models import Level, Lsoa
from beatbook.areas.summaries import area_totals, child_rows
from beatbook.web.navigation import linked_ancestors
from beatbook.web.tables import Column, Table, render_with_twins
from beatbook.workforce.models import NamedOfficer, Officer, staffing_rows


@login_required
def index(request: HttpRequest) -> HttpResponse:
    tops = access.scope_areas(request.user)
    return render(request, "areas/index.html", {"areas": [(area, area_totals(area)) for area in tops]})


@login_required
def detail(request: HttpRequest, code: str) -> HttpResponse:
    area = access.get_area_for_user(request.user, code)
    rows = child_rows(area)
    table = Table(
        name=f"{area.code}-areas",
        caption=f"Areas in {area.name}",
        columns=[
            Column("name", "Area"),
            Column("level", "Level"),
            Column("neighbourhoods", "Neighbourhoods", True),
            Column("lsoas", "LSOAs", True),
            Column("population", "Population (2011)", True),
        ],
        rows=[{k: v for k, v in row.items() if k != "area"} for row in rows],
        links={(i, "name"): reverse("areas:detail", args=[row["code"]]) for i, row in enumerate(rows)},
    )
    named = NamedOfficer.objects.filter(neighbourhood=area).select_related("officer").first()
    context = {
        "area": area,
        "breadcrumbs": linked_ancestors(request.user, area, "areas:detail"),
        "totals": area_totals(area),
        "named_officer": named.officer if named else None,
        "can_view_staffing": access.can(request.user, Capability.VIEW_ESTABLISHMENT, area),
        "can_view_abstractions": access.can(request.user, Capability.VIEW_ABSTRACTIONS, area),
        "can_manage_groups": area.level == Level.FORCE and access.can(request.user, Capability.MANAGE_USERS, area),
        "is_neighbourhood": area.level == Level.NEIGHBOURHOOD,
    }
    if context["can_view_staffing"]:
        context["staffing"] = staffing_rows(area)
    return render_with_twins(request, "areas/detail.html", context, table, area=area, snapshot=True)


@login_required
def officers(request: HttpRequest, code: str) -> HttpResponse:
    area = access.get_area_for_user(request.user, code)
    team_area = area.parent if area.level == Level.NEIGHBOURHOOD else area
    people = (
        Officer.objects.within(team_area)
        .serving()
        .publishable()
        .select_related("team")
        .prefetch_related("named_for__neighbourhood")
    )
    rows = [
        {
            "name": officer.public_name,
            "collar_number": officer.collar_number,
            "team": officer.team.name,
            "named_for": ", ".join(sorted(n.neighbourhood.name for n in officer.named_for.all())),
        }
        for officer in people
    ]
    table = Table(
        name=f"{area.code}-officers",
        caption=f"Officers and staff serving {team_area.name}",
        columns=[
            Column("name", "Name"),
            Column("collar_number", "Collar number"),
            Column("team", "Team"),
            Column("named_for", "Named officer for"),
        ],
        rows=rows,
        display_limit=300,  # a force has thousands; the downloads have them all
    )
    context = {
        "area": area,
        "team_area": team_area,
        "breadcrumbs": linked_ancestors(request.user, area, "areas:detail"),
    }
    return render_with_twins(request, "areas/officers.html", context, table, area=area, snapshot=True)


@login_required
def lsoas(request: HttpRequest, code: str) -> HttpResponse:
    area = access.get_area_for_user(request.user, code)
    records = Lsoa.objects.within(area).select_related("neighbourhood")
    rows = [
        {
            "code": lsoa.code,
            "name": lsoa.name,
            "local_authority": lsoa.local_authority_name,
            "neighbourhood": lsoa.neighbourhood.name if lsoa.neighbourhood else "",
            "population": lsoa.population,
            "households": lsoa.households,
            "illustrative": "yes" if lsoa.assignment_is_illustrative else "no",
        }
        for lsoa in records
    ]
    table = Table(
        name=f"{area.code}-lsoas",
        caption=f"LSOAs in {area.name}",
        columns=[
            Column("code", "LSOA code"),
            Column("name", "Name"),
            Column("local_authority", "Local authority"),
            Column("neighbourhood", "Neighbourhood"),
            Column("population", "Population (2011)", True),
            Column("households", "Households (2011)", True),
            Column("illustrative", "Illustrative assignment"),
        ],
        rows=rows,
    )
    context = {
        "area": area,
        "breadcrumbs": linked_ancestors(request.user, area, "areas:detail"),
        "illustrative": any(r["illustrative"] == "yes" for r in rows),
    }
    return render_with_twins(request, "areas/lsoas.html", context, table, area=area, snapshot=True)
