"""The community page of an area: watch schemes by area and type, and community messaging by month."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from django.contrib.auth.decorators import login_required
from django.core.exceptions import BadRequest, ValidationError
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from beatbook.accounts import access
from beatbook.areas.models import Area
from beatbook.community import reports
from beatbook.community.models import WatchType
from beatbook.contact.views import requested_range
from beatbook.crime.periods import Days, month_span
from beatbook.lib.charts import grouped_bars
from beatbook.web.forms import check_date_window
from beatbook.web.tables import Table, render_with_twins


def requested_day(params: Mapping[str, str]) -> date:
    """on=YYYY-MM-DD (default today), within the plausible window (beatbook.web.forms.check_date_window).
    Raises BadRequest saying what to fix."""
    text = params.get("on")
    if not text:
        return timezone.localdate()
    try:
        day = date.fromisoformat(text)
        check_date_window(day)
    except ValueError:
        raise BadRequest("on must be a date written YYYY-MM-DD, for example 2023-03-31") from None
    except ValidationError as error:
        raise BadRequest(f"on: {error.messages[0]}") from None
    return day


def community_tables(area: Area, on: date, first: date, last: date, watch_type: str = "") -> list[Table]:
    """The page's tables. BadRequest for a type of scheme the force does not configure."""
    types = list(WatchType.objects.filter(force=area.force()).values_list("name", flat=True))
    if watch_type and watch_type not in types:
        raise BadRequest(f"type must be one of: {', '.join(types)}")
    tables = [
        reports.watch_schemes_by_area(area, on, watch_type),
        reports.alert_by_month(area, first, last),
        reports.watch_schemes_by_type(area, on),
        reports.watch_schemes_by_local_authority(area, on, watch_type),
        reports.messages_by_category(area, first, last),
        reports.messages_by_category_and_month(area, first, last),
        reports.messages_by_category_and_area(area, first, last),
        reports.watch_schemes_over_time(area, on, watch_type),
    ]
    for table in tables:  # the schemes are counted on a day (the register to that day); the messages by month
        table.period = Days(on, on) if table.name.startswith("watch-schemes") else month_span(first, last)
    return tables


@login_required
def area_community(request: HttpRequest, code: str) -> HttpResponse:
    area = access.get_area_for_user(request.user, code)
    on = requested_day(request.GET)
    first, last = requested_range(request.GET)
    watch_type = request.GET.get("type", "")
    tables = community_tables(area, on, first, last, watch_type)
    alerts = tables[1]
    context = {
        "area": area,
        "on": on,
        "first": first,
        "last": last,
        "types": list(WatchType.objects.filter(force=area.force()).values_list("name", flat=True)),
        "watch_type": watch_type,
        "chart": grouped_bars(
            [row["month"] for row in alerts.rows],
            [[row["messages"] for row in alerts.rows], [row["surveys"] for row in alerts.rows]],
        ),
        "chart_series": ["Messages sent", "Surveys sent"],
    }
    return render_with_twins(request, "community/area.html", context, tables, area=area)
