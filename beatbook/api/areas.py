"""Geography endpoints: the areas a user can see, and one area with its children and officers."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router

from beatbook.accounts import access
from beatbook.api.schemas import AreaDetailOut, AreaOut, ErrorOut, OfficerOut
from beatbook.areas.models import Area, Level
from beatbook.areas.summaries import area_totals, child_rows
from beatbook.workforce.models import NamedOfficer, Officer

router = Router()


TOTALS = ("neighbourhoods", "lsoas", "population")


def _area_out(area: Area, parent_code: str | None, totals: dict | None = None) -> AreaOut:
    counts = {key: totals[key] for key in TOTALS} if totals else {}
    return AreaOut(code=area.code, name=area.name, level=area.level, parent=parent_code, **counts)


@router.get("/", response=list[AreaOut], summary="Areas you can see")
def list_areas(request: HttpRequest, level: Level | None = None) -> list[AreaOut]:
    """Every area inside your roles' reach, in hierarchy order, optionally of one level."""
    areas = access.areas_visible_to(request.user).select_related("parent")
    if level:
        areas = areas.filter(level=level)
    return [_area_out(area, area.parent.code if area.parent else None) for area in areas]


@router.get("/{code}", response={200: AreaDetailOut, 403: ErrorOut, 404: ErrorOut}, summary="One area")
def get_area(request: HttpRequest, code: str) -> AreaDetailOut:
    area = access.get_area_for_user(request.user, code)
    team_area = area.parent if area.level == Level.NEIGHBOURHOOD else area
    officers = (
        Officer.objects.within(team_area)
        .serving()
        .publishable()
        .select_related("team")
        .prefetch_related("named_for__neighbourhood")
    )
    named = NamedOfficer.objects.filter(neighbourhood=area).select_related("officer").first()
    ancestors = area.ancestors()
    return AreaDetailOut(
        code=area.code,
        name=area.name,
        level=area.level,
        parent=area.parent.code if area.parent else None,
        **{key: value for key, value in area_totals(area).items() if key in TOTALS},
        ancestors=[_area_out(a, None) for a in ancestors],
        children=[_area_out(row["area"], area.code, row) for row in child_rows(area)],
        named_officer=named.officer.public_name if named else None,
        officers=[
            OfficerOut(
                name=o.public_name,
                rank=o.rank,
                collar_number=o.collar_number,
                team=o.team.name,
                named_for=sorted(n.neighbourhood.name for n in o.named_for.all()),
            )
            for o in officers
        ],
    )
