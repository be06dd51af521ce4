"""A designated hotspot's page (dosage by week, visits) and the phone-first form to log a patrol visit."""

from __future__ import annotations

import json
from datetime import timedelta

import numpy as np
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from beatbook.accounts import access
from beatbook.accounts.access import Capability
from beatbook.audit.models import Operation
from beatbook.audit.record import record_event
from beatbook.crime.periods import Days, month_span
from beatbook.hotspots.actions import do_log_patrol_visit
from beatbook.hotspots.analysis import from_bng
from beatbook.hotspots.dosage import dosage
from beatbook.hotspots.evaluation import Evaluation, difference_in_differences
from beatbook.hotspots.forms import PatrolVisitForm
from beatbook.hotspots.models import AsbPower, DesignatedHotspot
from beatbook.hotspots.points import BeforeAfter, before_and_after
from beatbook.lib.dates import LONDON, elapsed
from beatbook.maps.layers import map_layers_table
from beatbook.web.tables import Column, Table, render_with_twins


def _hotspot_for(request: HttpRequest, hotspot_uuid: str) -> DesignatedHotspot:
    hotspot = DesignatedHotspot.objects.filter(uuid=hotspot_uuid).select_related("area").first()
    if hotspot is None or not access.can(request.user, Capability.VIEW_AREA, hotspot.area):
        raise Http404("No such hotspot")
    return hotspot


@login_required
def hotspot_detail(request: HttpRequest, hotspot_uuid: str) -> HttpResponse:
    hotspot = _hotspot_for(request, hotspot_uuid)
    today = hotspot.last_day(timezone.localdate())
    first = max(hotspot.starts_on, today - timedelta(weeks=12))
    visits = list(hotspot.visits.filter(started_at__date__gte=first - timedelta(days=1)).select_related("officer"))
    result = dosage(
        [(v.started_at, v.ended_at) for v in visits],
        hotspot.weekly_target_minutes,
        first,
        today,
        today=timezone.localdate(),
    )
    weeks = Table(
        "weeks",
        f"Patrol minutes by week, {hotspot.name}",
        [
            Column("week", "Week beginning"),
            Column("minutes", "Minutes", True),
            Column("visits", "Visits", True),
            Column("target", "Target minutes", True),
            Column("met", "Target met"),
        ],
        [
            {
                "week": w.starts_on.isoformat(),
                "minutes": round(w.minutes),
                "visits": w.visits,
                "target": w.target_minutes,
                "met": "yes" if w.met else ("no" if w.whole else "part week: not judged"),
            }
            for w in reversed(result.weeks)
        ],
    )
    powers = dict(AsbPower.choices)
    visit_table = Table(
        "visits",
        f"Visits to {hotspot.name}",
        [
            Column("start", "Start (UK time)"),
            Column("minutes", "Minutes", True),
            Column("officer", "Officer"),
            Column("arrests", "Arrests", True),
            Column("stop_searches", "Stop and searches", True),
            Column("intelligence", "Intelligence", True),
            Column("engagements", "Engagements", True),
            Column("powers", "ASB powers"),
        ],
        [
            {
                "start": v.started_at.astimezone(LONDON).strftime("%Y-%m-%d %H:%M"),
                "minutes": round(elapsed(v.started_at, v.ended_at).total_seconds() / 60),
                "officer": v.officer.display_name,
                "arrests": v.arrests,
                "stop_searches": v.stop_searches,
                "intelligence": v.intelligence_submissions,
                "engagements": v.engagements,
                "powers": ", ".join(powers.get(p, p) for p in v.asb_powers),
            }
            for v in visits
        ],
    )
    context = {
        "hotspot": hotspot,
        "dosage": result,
        "today": timezone.localdate(),
        "can_log": access.can(request.user, Capability.LOG_PATROL, hotspot.area),
        "outline_json": json.dumps(hotspot.polygon) if hotspot.polygon else "",
        "cells_json": json.dumps(_cell_bounds(hotspot)),
        "tile_url": settings.MAP_TILE_URL,
    }
    tables = [weeks]
    if access.can(request.user, Capability.READ_PATROL_LOG, hotspot.area):
        tables.append(visit_table)
        record_event(
            actor=request.user,
            operation=Operation.CONSULTATION,
            event="patrol_log.viewed",
            obj=hotspot,
            area=hotspot.area,
            request=request,
        )
    tables.append(map_layers_table(hotspot.area))
    comparison = before_and_after(hotspot)
    if comparison is not None:
        evaluation = difference_in_differences(*comparison.counts)
        context |= {
            "comparison": comparison,
            "evaluation": evaluation,
            "outputs": _outputs(hotspot, comparison.after[0]),
        }
        tables.append(_evaluation_table(hotspot, comparison, evaluation))
    # The weeks and visits are those from `first` to the hotspot's last day (today while designated).
    return render_with_twins(
        request, "hotspots/detail.html", context, tables, area=hotspot.area, period=Days(first, today)
    )


def _cell_bounds(hotspot: DesignatedHotspot) -> list[list[list[float]]]:
    """Each of the hotspot's cells as [[south, west], [north, east]] in WGS84, for the map."""
    if not hotspot.cells:
        return []
    xs = np.array([cell[0] for cell in hotspot.cells], dtype=float)
    ys = np.array([cell[1] for cell in hotspot.cells], dtype=float)
    west, south = from_bng(xs, ys)
    east, north = from_bng(xs + hotspot.cell_size, ys + hotspot.cell_size)
    return [
        [[round(float(s), 6), round(float(w), 6)], [round(float(n), 6), round(float(e), 6)]]
        for w, s, e, n in zip(west, south, east, north, strict=True)
    ]


def _evaluation_table(hotspot: DesignatedHotspot, comparison: BeforeAfter, evaluation: Evaluation) -> Table:
    (b0, b1), (a0, a1) = comparison.before, comparison.after

    def change(value: float | None) -> float | None:
        return None if value is None else round(100 * value, 1)

    return Table(
        "evaluation",
        f"Crime and ASB before ({b0:%b %Y}–{b1:%b %Y}) and after ({a0:%b %Y}–{a1:%b %Y}) designation",
        [
            Column("place", "Place"),
            Column("before", "Before", True),
            Column("after", "After", True),
            Column("change", "% change", True, True, compare=("after", "before")),
        ],
        [
            {
                "place": hotspot.name,
                "before": evaluation.hotspot_before,
                "after": evaluation.hotspot_after,
                "change": change(evaluation.hotspot_change),
            },
            {
                "place": f"Rest of {comparison.lpu.name} (comparison)",
                "before": evaluation.comparison_before,
                "after": evaluation.comparison_after,
                "change": change(evaluation.comparison_change),
            },
        ],
        period=(month_span(b0, b1), month_span(a0, a1)),
    )


@login_required
def log_patrol(request: HttpRequest, hotspot_uuid: str) -> HttpResponse:
    hotspot = _hotspot_for(request, hotspot_uuid)
    access.require(request.user, Capability.LOG_PATROL, hotspot.area)
    # An ended designation takes visits only within it (do_log_patrol_visit): the form starts on its last day.
    form = PatrolVisitForm(request.POST or None, initial={"date": hotspot.last_day(timezone.localdate())})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            do_log_patrol_visit(
                hotspot=hotspot,
                started_at=data["started_at"],
                ended_at=data["ended_at"],
                arrests=data["arrests"],
                stop_searches=data["stop_searches"],
                intelligence_submissions=data["intelligence_submissions"],
                engagements=data["engagements"],
                asb_powers=data["asb_powers"],
                acting_user=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"Patrol visit to {hotspot.name} logged.")
            return redirect("hotspots:detail", hotspot_uuid=hotspot.uuid)
    context = {"hotspot": hotspot, "form": form, "error_title": bool(form.errors), "today": timezone.localdate()}
    return render(request, "hotspots/log_patrol.html", context)


def _outputs(hotspot: DesignatedHotspot, since) -> dict:  # noqa: ANN001 - a date
    visits = list(hotspot.visits.filter(started_at__date__gte=since))
    return {
        "visits": len(visits),
        "hours": sum(elapsed(v.started_at, v.ended_at).total_seconds() for v in visits) / 3600,
        "arrests": sum(v.arrests for v in visits),
        "stop_searches": sum(v.stop_searches for v in visits),
        "intelligence": sum(v.intelligence_submissions for v in visits),
        "engagements": sum(v.engagements for v in visits),
    }
