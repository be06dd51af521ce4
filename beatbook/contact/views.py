"""The call-handling page of an area: 999 and 101 by financial year, by month, the Home Office ranking
and social media accounts. Call handling is force-wide, so every area shows its force's figures."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from django.contrib.auth.decorators import login_required
from django.core.exceptions import BadRequest, ValidationError
from django.db.models import Max
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from beatbook.accounts import access
from beatbook.accounts.access import Capability
from beatbook.areas.models import Area
from beatbook.contact import reports
from beatbook.contact.lines import DEFAULT_LINES, lines_for
from beatbook.contact.models import CallRecord, ContactLine, IntervalFigure
from beatbook.contact.periods import PeriodError, financial_year_start, month_end, parse_month
from beatbook.contact.social import SocialFigures, social_tables
from beatbook.crime.periods import month_span
from beatbook.lib.charts import grouped_bars
from beatbook.web.forms import check_date_window, check_period
from beatbook.web.tables import Table, render_with_twins


def requested_range(params: Mapping[str, str], latest: date | None = None) -> tuple[date, date]:
    """from=YYYY-MM&to=YYYY-MM as (first day, last day); default the financial year to `latest` (the last
    day with data; default today). Raises BadRequest saying what to fix."""
    try:
        last = month_end(parse_month(params["to"], "to")) if params.get("to") else None
        first = parse_month(params["from"], "from") if params.get("from") else None
    except PeriodError as error:
        raise BadRequest(str(error)) from None
    last = last or month_end(latest or timezone.localdate())
    first = first or financial_year_start(last)
    if last < first:
        raise BadRequest("to must be the same month as from or later")
    try:  # nothing before 2000, nothing over a year ahead, at most ten years (issue 17 item 7)
        check_date_window(first)
        check_date_window(last)
        check_period(first, last)
    except ValidationError as error:
        raise BadRequest(error.messages[0]) from None
    return first, last


def latest_contact_day(force: Area) -> date | None:
    """The last day of the force's call-handling data (aggregates or call-level), or None."""
    figures = IntervalFigure.objects.filter(line__force=force).aggregate(last=Max("end"))["last"]
    calls = CallRecord.objects.filter(line__force=force).aggregate(last=Max("offered_at"))["last"]
    days = [day for day in (figures, calls and timezone.localtime(calls).date()) if day]
    return max(days) if days else None


def _wait_chart(table) -> dict:  # noqa: ANN001 - a Table from reports.wait_by_month
    keys = [c.key for c in table.columns if c.key.endswith("_mean_wait_seconds")]
    return grouped_bars(
        [row["month"] for row in table.rows],
        [[None if row[key] is None else round(row[key]) for row in table.rows] for key in keys],
    )


def contact_tables(force: Area, wanted: str, first: date, last: date) -> tuple[list[Table], dict]:
    """The page's tables for line or group `wanted` over [first, last], and extra context. BadRequest for
    an unknown line."""
    lines = lines_for(force, wanted)
    # A force with no lines yet (nothing imported) gets empty tables for the default lines, not an error.
    known = {code for code, *_ in DEFAULT_LINES} | {group for *_, group, _seconds in DEFAULT_LINES}
    if not lines and (ContactLine.objects.filter(force=force).exists() or wanted not in known):
        codes = sorted({line.code for line in ContactLine.objects.filter(force=force)} | {"999", "101"})
        raise BadRequest(f"line must be one of: {', '.join(codes)}")
    waits, warnings = reports.wait_by_month(lines, first, last)
    rank, rank_sentence = reports.home_office_rank(force, first, last)
    social = SocialFigures(force, first, last)
    tables = [
        reports.calls_by_financial_year(lines, first, last),
        waits,
        reports.calls_by_month(lines, first, last),
        reports.calls_in_period(lines, first, last),
        rank,
        reports.mean_wait_by_month(lines, first, last),
        reports.service_level_by_month(lines, first, last),
        *social_tables(social),
    ]
    extra = {"lines": lines, "warnings": warnings, "rank_sentence": rank_sentence, "waits": waits}
    return tables, extra | {
        "social_gap": social.gap(),
        "social_span": {"first": social.held_from, "last": social.held_to},
    }


@login_required
def area_contact(request: HttpRequest, code: str) -> HttpResponse:
    area = access.get_area_for_user(request.user, code)
    force = area.force()
    first, last = requested_range(request.GET, latest_contact_day(force))
    wanted = request.GET.get("line", "999")
    tables, extra = contact_tables(force, wanted, first, last)
    context = extra | {
        "area": area,
        "force": force,
        "first": first,
        "last": last,
        "line": wanted,
        "can_import": access.can_anywhere(request.user, Capability.IMPORT_DATA),
        "chart": _wait_chart(extra["waits"]),
        "chart_series": [f"{line.name}: mean wait (s)" for line in extra["lines"]],
        "line_choices": _line_choices(force),
    }
    return render_with_twins(request, "contact/area.html", context, tables, area=area, period=month_span(first, last))


def _line_choices(force: Area) -> list[tuple[str, str]]:
    """(value, label) for the line filter: 999, all of 101, then each configured line once, by its name."""
    choices = {"999": "999", "101": "101 (every queue)"}
    for line in ContactLine.objects.filter(force=force).order_by("code"):
        choices.setdefault(line.code, line.name)
    return list(choices.items())
