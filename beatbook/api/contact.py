"""Call handling and community figures for an area: the same tables as the contact and community pages."""

from __future__ import annotations

from django.core.exceptions import BadRequest
from django.http import HttpRequest
from ninja import Query, Router
from ninja.errors import HttpError

from beatbook.accounts import access
from beatbook.api.crime import TableOut
from beatbook.api.problems import ERRORS, TablesOut
from beatbook.community.views import community_tables, requested_day
from beatbook.contact.views import contact_tables, requested_range

router = Router()


def _params(**values: str | None) -> dict[str, str]:
    return {key: value for key, value in values.items() if value}


@router.get("/areas/{code}/contact", response={200: TablesOut, **ERRORS}, summary="999 and 101 call handling")
def area_contact(
    request: HttpRequest,
    code: str,
    line: str = Query("999", description="A line code (999, 101-triage, ...) or group (999, 101)"),
    first: str | None = Query(None, alias="from", description="First month, YYYY-MM"),
    last: str | None = Query(None, alias="to", description="Last month, YYYY-MM (default this month)"),
) -> TablesOut:
    """Calls by financial year, waits by month, the whole period, the Home Office ranking and social media
    accounts, for the area's force (call handling is force-wide)."""
    area = access.get_area_for_user(request.user, code)
    try:
        start, end = requested_range(_params(**{"from": first, "to": last}))
        tables, _extra = contact_tables(area.force(), line, start, end)
    except BadRequest as error:
        raise HttpError(400, str(error)) from None
    return TablesOut(area=area.code, tables=[TableOut(**t.as_json()) for t in tables])


@router.get(
    "/areas/{code}/community", response={200: TablesOut, **ERRORS}, summary="Watch schemes and community messaging"
)
def area_community(
    request: HttpRequest,
    code: str,
    on: str | None = Query(None, description="Watch schemes on this day, YYYY-MM-DD (default today)"),
    first: str | None = Query(None, alias="from", description="Messaging from month, YYYY-MM"),
    last: str | None = Query(None, alias="to", description="Messaging to month, YYYY-MM"),
    watch_type: str = Query("", alias="type", description="One configured type of scheme (default all)"),
) -> TablesOut:
    """Watch schemes by area (with the force's groupings) and by type, messaging by month and category."""
    area = access.get_area_for_user(request.user, code)
    try:
        day = requested_day(_params(on=on))
        start, end = requested_range(_params(**{"from": first, "to": last}))
        tables = community_tables(area, day, start, end, watch_type)
    except BadRequest as error:
        raise HttpError(400, str(error)) from None
    return TablesOut(area=area.code, tables=[TableOut(**t.as_json()) for t in tables])
