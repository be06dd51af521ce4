"""Hotspots, the daily tasking briefing and patrol logging over the API (/api/v1/), for officers' phones and
other systems. The same access rules, table builders, validation and `do_*` actions as the pages."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from uuid import UUID

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from django.utils import timezone
from ninja import Field, Query, Router, Schema, Status
from ninja.errors import HttpError

from beatbook.accounts import access
from beatbook.accounts.access import Capability
from beatbook.api.crime import TableOut
from beatbook.api.schemas import ErrorOut
from beatbook.crime import queries
from beatbook.crime.periods import month_of
from beatbook.hotspots import views
from beatbook.hotspots.actions import do_log_patrol_visit
from beatbook.hotspots.dosage import dosage
from beatbook.hotspots.forms import MAX_VISIT_COUNT, MAX_VISIT_ENGAGEMENTS
from beatbook.hotspots.models import AsbPower, DesignatedHotspot
from beatbook.hotspots.periods import requested_briefing_day, requested_months
from beatbook.hotspots.tasking import active_hotspots, briefing_tables, latest_day
from beatbook.lib.dates import LONDON, LocalTimeError, london_to_utc

router = Router()
ERRORS = {400: ErrorOut, 403: ErrorOut, 404: ErrorOut}
BRIEFING_DATE = Query(None, alias="date", description="YYYY-MM-DD (default the latest day with incident times)")


class HotspotOut(Schema):
    id: UUID
    name: str
    area: str
    starts_on: date
    ends_on: date | None
    weekly_target_minutes: int
    cell_size: int
    cells: list[list[int]]
    outline: list[list[float]] | None  # [longitude, latitude] corners, where drawn instead of cells
    designated_today: bool


class AreaHotspotsOut(Schema):
    area: str
    method: str
    first: str | None
    last: str | None
    data_runs_to: str | None
    hotspots: list[HotspotOut]
    tables: list[TableOut]


class TaskingOut(Schema):
    area: str
    date: date | None
    incidents_run_to: date | None
    hotspots_today: list[HotspotOut]
    tables: list[TableOut]


class HotspotDetailOut(HotspotOut):
    hours_last_12_weeks: float
    visits_last_12_weeks: int
    weeks_behind_target: int
    koper_share: float | None
    weeks: list[dict]


class PatrolIn(Schema):
    started_at: datetime
    ended_at: datetime
    # The page's form limits: a negative count was a server error, an absurd one was saved.
    arrests: int = Field(0, ge=0, le=MAX_VISIT_COUNT)
    stop_searches: int = Field(0, ge=0, le=MAX_VISIT_COUNT)
    intelligence_submissions: int = Field(0, ge=0, le=MAX_VISIT_COUNT)
    engagements: int = Field(0, ge=0, le=MAX_VISIT_ENGAGEMENTS)
    asb_powers: list[AsbPower] = []


class PatrolOut(Schema):
    id: UUID
    hotspot: UUID
    started_at: str
    ended_at: str
    minutes: int


def _hotspot_out(hotspot: DesignatedHotspot, today: date) -> dict:
    return {
        "id": hotspot.uuid,
        "name": hotspot.name,
        "area": hotspot.area.code,
        "starts_on": hotspot.starts_on,
        "ends_on": hotspot.ends_on,
        "weekly_target_minutes": hotspot.weekly_target_minutes,
        "cell_size": hotspot.cell_size,
        "cells": hotspot.cells,
        "outline": hotspot.polygon,
        "designated_today": hotspot.starts_on <= today and (hotspot.ends_on is None or hotspot.ends_on >= today),
    }


@router.get("/areas/{code}/hotspots", response={200: AreaHotspotsOut, **ERRORS}, summary="Hotspots of an area")
def area_hotspots(
    request: HttpRequest,
    code: str,
    first: str | None = Query(None, alias="from", description="First month, YYYY-MM (default two before `to`)"),
    last: str | None = Query(None, alias="to", description="Last month, YYYY-MM (default the latest)"),
    method: str = Query("gistar", description="gistar, kde or count"),
) -> AreaHotspotsOut:
    """The hotspot page's tables: the top 20 cells by the method's score (with place names), every scored
    cell, and the designated hotspots with their patrol dosage over the last 4 weeks."""
    area = access.get_area_for_user(request.user, code)
    if method not in views.METHODS:
        raise HttpError(400, f"`method` must be one of: {', '.join(views.METHODS)}")
    force = area.force()
    latest = queries.latest_month_of(force)
    tables = [views._designated_table(area)]  # noqa: SLF001 - the page's own table
    # Checked even with no data yet, so a malformed month is refused the same way.
    asked = {"from": first or "", "to": last or ""}
    runs_to = latest or month_of(timezone.localdate())
    first_month, last_month, problems = requested_months(
        asked, runs_to, min(queries.months_with_data(force), default=None)
    )
    if problems:
        raise HttpError(400, "; ".join(message for _field, message in problems))
    if latest is not None:
        cells, top, _ = views._scored_cells(area, first_month, min(last_month, latest), method)  # noqa: SLF001
        tables = [top, cells, *tables]
    today = timezone.localdate()
    return AreaHotspotsOut(
        area=area.code,
        method=method,
        first=f"{first_month:%Y-%m}" if latest else None,
        last=f"{last_month:%Y-%m}" if latest else None,
        data_runs_to=f"{latest:%Y-%m}" if latest else None,
        hotspots=[
            _hotspot_out(h, today)
            for h in DesignatedHotspot.objects.filter(area__path__startswith=area.path).select_related("area")
        ],
        tables=[TableOut(**table.as_json()) for table in tables],
    )


@router.get("/areas/{code}/tasking", response={200: TaskingOut, **ERRORS}, summary="Daily tasking briefing")
def tasking(request: HttpRequest, code: str, day: date | None = BRIEFING_DATE) -> TaskingOut:
    """The briefing's tables for `date` (default the latest day with incident times): top cells of the last
    7 and 28 days (a cell in a designated hotspot names it), emerging cells, repeat locations, and today's
    hotspots with those behind on patrols."""
    area = access.get_area_for_user(request.user, code)
    latest = latest_day(area)
    as_of, error = requested_briefing_day(day.isoformat() if day else "", latest)
    if error:
        raise HttpError(400, error)
    today = timezone.localdate()
    hotspots = active_hotspots(area, today)
    tables = briefing_tables(area, as_of, hotspots) if as_of else []
    current = {(h.name, h.starts_on.isoformat()) for h in hotspots}
    designated = views._designated_table(area)  # noqa: SLF001 - the page's own table
    designated.name, designated.caption = "behind", "Designated hotspots behind on patrols (last 4 weeks)"
    designated.rows = [r for r in designated.rows if r["weeks_behind"] and (r["name"], r["since"]) in current]
    return TaskingOut(
        area=area.code,
        date=as_of,
        incidents_run_to=latest,
        hotspots_today=[_hotspot_out(h, today) for h in hotspots],
        tables=[TableOut(**table.as_json()) for table in [*tables, designated]],
    )


def _hotspot_for(request: HttpRequest, hotspot_uuid: UUID) -> DesignatedHotspot:
    hotspot = DesignatedHotspot.objects.filter(uuid=hotspot_uuid).select_related("area").first()
    if hotspot is None or not access.can(request.user, Capability.VIEW_AREA, hotspot.area):
        raise Http404("No such hotspot")
    return hotspot


@router.get("/hotspots/{hotspot_uuid}", response={200: HotspotDetailOut, **ERRORS}, summary="A designated hotspot")
def get_hotspot(request: HttpRequest, hotspot_uuid: UUID) -> HotspotDetailOut:
    """A hotspot with its patrol dosage by week over the last 12 weeks of its designation (whole weeks only
    count as behind target)."""
    hotspot = _hotspot_for(request, hotspot_uuid)
    today = timezone.localdate()
    last = hotspot.last_day(today)
    first = max(hotspot.starts_on, last - timedelta(weeks=12))
    visits = hotspot.visits.filter(started_at__date__gte=first - timedelta(days=1))
    result = dosage(
        [(v.started_at, v.ended_at) for v in visits], hotspot.weekly_target_minutes, first, last, today=today
    )
    return HotspotDetailOut(
        **_hotspot_out(hotspot, today),
        hours_last_12_weeks=round(result.hours, 2),
        visits_last_12_weeks=result.visits,
        weeks_behind_target=result.weeks_behind,
        koper_share=None if result.koper_share is None else round(result.koper_share, 3),
        weeks=[
            {"week": w.starts_on.isoformat(), "minutes": round(w.minutes), "visits": w.visits, "whole": w.whole}
            for w in result.weeks
        ],
    )


def _utc(moment: datetime, what: str) -> datetime:
    """A time from a client: with an offset it is taken as given; without one it is UK local time."""
    if timezone.is_aware(moment):
        return moment
    try:
        return london_to_utc(moment)
    except LocalTimeError as error:
        raise HttpError(400, f"The {what}: {error}") from None


@router.post("/hotspots/{hotspot_uuid}/patrols", response={201: PatrolOut, **ERRORS}, summary="Log a patrol visit")
def log_patrol(request: HttpRequest, hotspot_uuid: UUID, payload: PatrolIn) -> Status:
    """Times without an offset are UK local time. A visit outside the hotspot's designation, in the future,
    or longer than 12 hours is refused (400) with what to fix."""
    hotspot = _hotspot_for(request, hotspot_uuid)
    access.require(request.user, Capability.LOG_PATROL, hotspot.area)
    try:
        visit = do_log_patrol_visit(
            hotspot=hotspot,
            started_at=_utc(payload.started_at, "start time"),
            ended_at=_utc(payload.ended_at, "end time"),
            arrests=payload.arrests,
            stop_searches=payload.stop_searches,
            intelligence_submissions=payload.intelligence_submissions,
            engagements=payload.engagements,
            asb_powers=[str(power) for power in payload.asb_powers],
            acting_user=request.user,
        )
    except ValidationError as error:
        return Status(400, {"error": " ".join(error.messages)})
    return Status(
        201,
        PatrolOut(
            id=visit.uuid,
            hotspot=hotspot.uuid,
            started_at=visit.started_at.astimezone(LONDON).isoformat(),
            ended_at=visit.ended_at.astimezone(LONDON).isoformat(),
            minutes=round((visit.ended_at - visit.started_at).total_seconds() / 60),
        ),
    )
