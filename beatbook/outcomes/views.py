"""Crime outcomes for an area: positive outcome rates by offence group and the burglary table."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse

from beatbook.accounts import access
from beatbook.areas.models import Area
from beatbook.crime import queries
from beatbook.crime.periods import Period
from beatbook.outcomes import rates
from beatbook.outcomes.periods import PeriodError, requested_periods
from beatbook.web.tables import Table, render_with_twins


def outcome_tables(area: Area, params: dict) -> tuple[list[Table], str, tuple[Period, ...]]:
    """(tables, error message or "", the periods they show) for the periods the query asks for."""
    force = area.force()
    try:
        _, periods = requested_periods(params, queries.latest_month(queries.incidents(force=force)))
    except PeriodError as error:
        return [rates.positive_outcomes(area, []), rates.burglary(area, [])], str(error), ()
    return [rates.positive_outcomes(area, periods), rates.burglary(area, periods)], "", tuple(periods)


@login_required
def area_outcomes(request: HttpRequest, code: str) -> HttpResponse:
    area = access.get_area_for_user(request.user, code)
    tables, error, periods = outcome_tables(area, request.GET)
    context = {"area": area, "period_error": error, "params": request.GET, "cohort_rule": rates.COHORT_RULE}
    return render_with_twins(request, "outcomes/area.html", context, tables, area=area, error=error, period=periods)
