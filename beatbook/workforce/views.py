"""Workforce pages for an area: establishment against strength, by month, uplift and representation."""

from __future__ import annotations

from datetime import date

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse

from beatbook.accounts import access
from beatbook.accounts.access import Capability
from beatbook.areas.models import Level
from beatbook.crime.periods import Days, add_months, month_of, month_span
from beatbook.web.forms import check_date_window
from beatbook.web.navigation import linked_ancestors
from beatbook.web.tables import render_with_twins
from beatbook.workforce import citizens, home_office, representation, skills, strength
from beatbook.workforce.models import today

UPLIFT_START = date(2020, 3, 31)  # the Police Uplift Programme's baseline (Home Office, 31 March 2020)


def requested_date(request: HttpRequest) -> tuple[date, str]:
    """The ?on= date (YYYY-MM-DD; default today) and an error message for a bad one ("" if none)."""
    text = request.GET.get("on", "").strip()
    if not text:
        return today(), ""
    try:
        on = date.fromisoformat(text)
    except ValueError:
        return today(), f"Enter the date as year-month-day, for example 2023-08-31 (not “{text[:20]}”)"
    try:
        check_date_window(on)
    except ValidationError as error:
        return today(), error.messages[0]
    return on, ""


def requested_months(request: HttpRequest) -> tuple[int, str]:
    """The ?months= period for the by-month tables (1 to 60, default 12) and an error message for any other
    value ("" if none): the tables then show the default, and the page says so rather than passing it off."""
    text = request.GET.get("months", "").strip()
    if not text:
        return 12, ""
    if text.isdigit() and 1 <= int(text) <= 60:  # noqa: PLR2004 - five years of months, the tables' reach
        return int(text), ""
    return 12, f"months must be a whole number from 1 to 60 (not “{text[:20]}”): the tables show 12 months"


@login_required
def area_workforce(request: HttpRequest, code: str) -> HttpResponse:
    area = access.get_area_for_user(request.user, code, Capability.VIEW_ESTABLISHMENT)
    on, date_error = requested_date(request)
    months, months_error = requested_months(request)
    error = "; ".join(problem for problem in (date_error, months_error) if problem)
    tables = [
        representation.officers_by_ethnicity(area, on),
        strength.strength_against_establishment(area, on),
        strength.officers_by_month(area, on, months),
        strength.joiners_and_leavers(area, on, months),
        strength.uplift(area, on, UPLIFT_START),
        representation.officers_by_sex(area, on),
        representation.minority_ethnic_projection(area, on),
    ]
    by_month = month_span(add_months(month_of(on), 1 - months), on)  # whole months, ending with on's
    for table in tables:  # the rest are counted on the day (the uplift against its fixed baseline)
        table.period = by_month if table.name in ("officers-by-month", "joiners-and-leavers") else Days(on, on)
    context = {
        "area": area,
        "on": on,
        "date_error": date_error,
        "months_error": months_error,
        "is_force": area.level == Level.FORCE,
        "breadcrumbs": linked_ancestors(request.user, area, "areas:detail"),
        "can_manage": access.can(request.user, Capability.MANAGE_WORKFORCE, area),
    }
    return render_with_twins(request, "workforce/area.html", context, tables, area=area, error=error)


REPORTS = {
    "citizens": (
        "Citizens in policing",
        [
            citizens.headcounts,
            citizens.specials_hours_by_month,
            citizens.hours_this_year_against_last,
            citizens.cadet_cohorts,
        ],
    ),
    "skills": (
        "Skills and certification",
        [skills.skills_summary, skills.deployable, skills.taser, skills.expiry_forecast, skills.modules_completed],
    ),
    "home_office": ("Home Office workforce tables", [home_office.workforce_table]),
}


def _report(request: HttpRequest, code: str, report: str) -> HttpResponse:
    """A page of workforce tables for an area on the ?on= date (the Home Office's: the latest 31 March or
    30 September up to it)."""
    area = access.get_area_for_user(request.user, code, Capability.VIEW_ESTABLISHMENT)
    on, refused = requested_date(request)
    error = refused
    if report == "home_office":
        if not error and not home_office.is_census_date(on):
            error = "The Home Office tables are at 31 March or 30 September: showing the latest before that date"
        on = home_office.latest_census_date(on)
    title, builders = REPORTS[report]
    context = {"area": area, "on": on, "date_error": error, "title": title}
    context["breadcrumbs"] = linked_ancestors(request.user, area, "areas:detail")
    tables = [build(area, on) for build in builders]
    # A refused date makes the twins answer 400; the census-date note is only shown.
    # Every table is counted on (or, by month, up to) the day: the day names them.
    return render_with_twins(
        request, "workforce/report.html", context, tables, area=area, error=refused, period=Days(on, on)
    )


@login_required
def citizens_page(request: HttpRequest, code: str) -> HttpResponse:
    return _report(request, code, "citizens")


@login_required
def skills_page(request: HttpRequest, code: str) -> HttpResponse:
    return _report(request, code, "skills")


@login_required
def home_office_page(request: HttpRequest, code: str) -> HttpResponse:
    return _report(request, code, "home_office")
