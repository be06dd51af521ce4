"""Stop and search and crime outcomes for an area: the same tables as the pages (issue 16)."""

from __future__ import annotations

from datetime import date
from uuid import UUID

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema, Status

from beatbook.accounts import access
from beatbook.api.crime import TableOut
from beatbook.api.schemas import ErrorOut
from beatbook.crime.models import StopSearch
from beatbook.neighbourhoods.record_edits import StaleEdit
from beatbook.outcomes.periods import PeriodError, requested_periods
from beatbook.outcomes.rates import COHORT_RULE
from beatbook.outcomes.views import outcome_tables
from beatbook.stopsearch import actions, figures
from beatbook.stopsearch.disproportionality import CAVEATS
from beatbook.stopsearch.models import ScrutinyPanel
from beatbook.stopsearch.views import panel_table

router = Router()


class StopSearchOut(Schema):
    area: str
    periods: list[str]
    caveats: list[str]
    tables: list[TableOut]


@router.get(
    "/{code}/stop-and-search",
    response={200: StopSearchOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    summary="Stop and search for an area",
)
def area_stop_search(
    request: HttpRequest,
    code: str,
    year_ending: str | None = None,
    years: str | None = None,
    calendar_years: str | None = None,
    financial_years: str | None = None,
) -> StopSearchOut | Status:
    """By object of search (the force's reporting categories), month, legislation, outcome, outcome linked
    to the object, and disproportionality (latest period), for years ending `year_ending` (YYYY-MM, default
    the latest month; `years` of them, default 5), or `calendar_years` / `financial_years` (e.g. 2019-2022)."""
    area = access.get_area_for_user(request.user, code)
    force = area.force()
    latest = StopSearch.objects.filter(force=force).order_by("-month").values_list("month", flat=True).first()
    params = {
        "year_ending": year_ending or "",
        "years": years or "",
        "calendar_years": calendar_years or "",
        "financial_years": financial_years or "",
    }
    try:
        _, periods = requested_periods(params, latest)
    except PeriodError as error:
        return Status(400, {"error": str(error)})
    tables = figures.tables(area, periods)
    return StopSearchOut(
        area=area.code,
        periods=[p.label for p in periods],
        caveats=CAVEATS,
        tables=[TableOut(**t.as_json()) for t in tables],
    )


@router.get(
    "/{code}/stop-and-search/scrutiny-panels",
    response={200: TableOut, 403: ErrorOut, 404: ErrorOut},
    summary="The force's stop-and-search scrutiny panel log",
)
def scrutiny_panels(request: HttpRequest, code: str) -> TableOut:
    """Each panel: when, which searches (by reference), body-worn videos reviewed, findings and actions."""
    area = access.get_area_for_user(request.user, code)
    return TableOut(**panel_table(area.force()).as_json())


class PanelIn(Schema):
    held_on: date
    panel: str = Field(max_length=120, description="e.g. External scrutiny panel (IAG and OPCC)")
    search_references: list[str] = Field([], description="References of the searches reviewed")
    body_worn_video_reviewed: int = Field(0, ge=0, le=1000)
    findings: str = Field("", max_length=5000)
    actions: str = Field("", max_length=5000)


class PanelEditIn(Schema):
    version: int = Field(ge=1, description="The version you began from (from PanelOut); a stale one is a 409")
    held_on: date | None = None
    panel: str | None = Field(None, max_length=120)
    search_references: list[str] | None = None
    body_worn_video_reviewed: int | None = Field(None, ge=0, le=1000)
    findings: str | None = Field(None, max_length=5000)
    actions: str | None = Field(None, max_length=5000)


class PanelOut(Schema):
    id: UUID
    force: str
    held_on: date
    panel: str
    search_references: list[str]
    body_worn_video_reviewed: int
    findings: str
    actions: str
    version: int


def _panel_out(entry: ScrutinyPanel) -> PanelOut:
    return PanelOut(
        id=entry.uuid,
        force=entry.force.code,
        held_on=entry.held_on,
        panel=entry.panel,
        search_references=entry.search_references,
        body_worn_video_reviewed=entry.body_worn_video_reviewed,
        findings=entry.findings,
        actions=entry.actions,
        version=entry.version,
    )


def _invalid(error: ValidationError) -> Status:
    return Status(400, {"error": " ".join(error.messages)})


@router.post(
    "/{code}/stop-and-search/scrutiny-panels",
    response={201: PanelOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    summary="Log a stop-and-search scrutiny panel",
)
def record_scrutiny_panel(request: HttpRequest, code: str, payload: PanelIn) -> Status:
    """Log a panel for the area's force (the page's action and rules: force-wide scrutiny officers and
    administrators). Search references are kept once each, in order, at most 60 characters."""
    force = access.get_area_for_user(request.user, code).force()
    try:
        entry = actions.do_record_scrutiny_panel(
            force=force,
            held_on=payload.held_on,
            panel=payload.panel,
            search_references=actions.check_references(payload.search_references),
            body_worn_video_reviewed=payload.body_worn_video_reviewed,
            findings=payload.findings,
            actions=payload.actions,
            acting_user=request.user,
        )
    except ValidationError as error:
        return _invalid(error)
    return Status(201, _panel_out(entry))


def _panel_for(request: HttpRequest, code: str, panel_uuid: UUID) -> ScrutinyPanel:
    """The panel, if it is the force's of an area the user sees; else 404."""
    force = access.get_area_for_user(request.user, code).force()
    return get_object_or_404(ScrutinyPanel.objects.select_related("force"), uuid=panel_uuid, force=force)


@router.get(
    "/{code}/stop-and-search/scrutiny-panels/{panel_uuid}",
    response={200: PanelOut, 403: ErrorOut, 404: ErrorOut},
    summary="One logged scrutiny panel, with its version",
)
def scrutiny_panel(request: HttpRequest, code: str, panel_uuid: UUID) -> PanelOut:
    return _panel_out(_panel_for(request, code, panel_uuid))


@router.post(
    "/{code}/stop-and-search/scrutiny-panels/{panel_uuid}",
    response={200: PanelOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut},
    summary="Change a logged scrutiny panel",
)
def edit_scrutiny_panel(request: HttpRequest, code: str, panel_uuid: UUID, payload: PanelEditIn) -> PanelOut | Status:
    """Change the fields given (the others stay) if the panel is still at `version`; 409 if someone changed
    it since, and nothing is saved."""
    entry = _panel_for(request, code, panel_uuid)
    changes = payload.dict(exclude_unset=True, exclude={"version"})
    changes = {name: value for name, value in changes.items() if value is not None}
    try:
        if "search_references" in changes:
            changes["search_references"] = actions.check_references(changes["search_references"])
        actions.do_edit_scrutiny_panel(
            entry, changes=changes, expected_version=payload.version, acting_user=request.user
        )
    except StaleEdit as error:
        return Status(409, {"error": " ".join(error.messages)})
    except ValidationError as error:
        return _invalid(error)
    return _panel_out(entry)


class OutcomesOut(Schema):
    area: str
    cohort_rule: str
    tables: list[TableOut]


@router.get(
    "/{code}/outcomes",
    response={200: OutcomesOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    summary="Positive outcome rates by offence group, and burglary",
)
def area_outcomes(
    request: HttpRequest,
    code: str,
    year_ending: str | None = None,
    years: str | None = None,
    calendar_years: str | None = None,
    financial_years: str | None = None,
) -> OutcomesOut | Status:
    """The outcomes page's tables, for the same period parameters as the stop-and-search endpoint."""
    area = access.get_area_for_user(request.user, code)
    params = {
        "year_ending": year_ending or "",
        "years": years or "",
        "calendar_years": calendar_years or "",
        "financial_years": financial_years or "",
    }
    tables, error, _periods = outcome_tables(area, params)
    if error:
        return Status(400, {"error": error})
    return OutcomesOut(area=area.code, cohort_rule=COHORT_RULE, tables=[TableOut(**t.as_json()) for t in tables])
