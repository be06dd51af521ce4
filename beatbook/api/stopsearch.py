"""Stop and search and crime outcomes for an area: the same tables as the pages (issue 16)."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Schema, Status

from beatbook.accounts import access
from beatbook.api.crime import TableOut
from beatbook.api.schemas import ErrorOut
from beatbook.crime.models import StopSearch
from beatbook.outcomes.periods import PeriodError, requested_periods
from beatbook.outcomes.rates import COHORT_RULE
from beatbook.outcomes.views import outcome_tables
from beatbook.stopsearch import figures
from beatbook.stopsearch.disproportionality import CAVEATS
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
    tables, error = outcome_tables(area, params)
    if error:
        return Status(400, {"error": error})
    return OutcomesOut(area=area.code, cohort_rule=COHORT_RULE, tables=[TableOut(**t.as_json()) for t in tables])
