"""Crime and ASB figures for an area: the same tables as the area's crime page."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Schema, Status

from beatbook.accounts import access
from beatbook.api.schemas import ErrorOut
from beatbook.crime.views import build_area_report, requested_period

router = Router()


class TableOut(Schema):
    table: str
    caption: str
    columns: list[dict]
    rows: list[dict]


class AreaCrimeOut(Schema):
    area: str
    to: str
    data_runs_to: str | None
    approximate_neighbourhood_crime: bool
    warnings: list[str]
    tables: list[TableOut]


@router.get(
    "/{code}/crime",
    response={200: AreaCrimeOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    summary="Crime and ASB trends for an area",
)
def area_crime(
    request: HttpRequest,
    code: str,
    to: str | None = None,
    calendar_years: str | None = None,
    financial_years: str | None = None,
    year_ending: str | None = None,
    years: str | None = None,
) -> AreaCrimeOut | Status:
    """The area page's tables: ASB by NSIR type and neighbourhood crime by type by financial year, the
    rolling 12 months to `to` (YYYY-MM; default the latest month) with % change, crime by category,
    months, areas below and LSOA rates. Instead of the complete financial years, ask for `calendar_years`
    or `financial_years` (e.g. 2019-2022) or `year_ending` (YYYY-MM) with `years` (default 5)."""
    area = access.get_area_for_user(request.user, code)
    params = {
        "to": to or "",
        "calendar_years": calendar_years or "",
        "financial_years": financial_years or "",
        "year_ending": year_ending or "",
        "years": years or "",
    }
    wanted, yearly, problems = requested_period(params, area.force())
    if problems:
        return Status(400, {"error": "; ".join(message for _field, message in problems)})
    report = build_area_report(area, wanted, yearly)
    if report is None:
        return AreaCrimeOut(
            area=area.code,
            to="",
            data_runs_to=None,
            approximate_neighbourhood_crime=False,
            warnings=["There is no data for this area yet."],
            tables=[],
        )
    return AreaCrimeOut(
        area=area.code,
        to=f"{report.last:%Y-%m}",
        data_runs_to=f"{report.latest:%Y-%m}",
        approximate_neighbourhood_crime=report.approximate,
        warnings=report.warnings,
        tables=[TableOut(**table.as_json()) for table in report.tables],
    )
