"""The hotspot page of an area: a map of scored cells (with JavaScript), the top cells as a table with
place names (always), and the area's designated hotspots with their patrol dosage."""

from __future__ import annotations

import hashlib
from collections import Counter
from datetime import UTC, date, datetime, time, timedelta
from functools import reduce
from operator import or_

import numpy as np
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Avg, Count, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone

from beatbook.accounts import access
from beatbook.areas.models import Area
from beatbook.counts.cache import cached, cached_many
from beatbook.crime import queries
from beatbook.crime.models import Incident
from beatbook.crime.periods import Days, add_months, month_span
from beatbook.crime.statistics import rate_per_thousand
from beatbook.hotspots import analysis
from beatbook.hotspots.actions import do_designate_hotspot
from beatbook.hotspots.dosage import dosage
from beatbook.hotspots.evaluation import difference_in_differences
from beatbook.hotspots.forms import DesignateForm
from beatbook.hotspots.models import DesignatedHotspot, PatrolVisit
from beatbook.hotspots.period_points import PeriodPoints, read_period_points
from beatbook.hotspots.periods import requested_briefing_day, requested_months
from beatbook.hotspots.points import before_and_after, before_and_after_many
from beatbook.hotspots.tasking import active_hotspots, briefing_tables, cached_latest_day
from beatbook.maps.layers import map_layers_table
from beatbook.web.fragments import fragment
from beatbook.web.tables import Column, Table, render_with_twins, requested_format

METHODS = {"gistar": "Getis-Ord Gi* z-score", "kde": "Kernel density", "count": "Incidents"}
TOP = 20


@login_required
def area_hotspots(request: HttpRequest, code: str) -> HttpResponse:
    area = access.get_area_for_user(request.user, code)
    force = area.force()
    latest = queries.latest_month_of(force)
    method = request.GET.get("method") if request.GET.get("method") in METHODS else "gistar"
    context = {
        "area": area,
        "method": method,
        "methods": METHODS,
        "tile_url": settings.MAP_TILE_URL,
        "can_designate": access.can(request.user, access.Capability.DESIGNATE_HOTSPOT, area),
    }
    context["fragment"] = fragment(request, area, "hotspot-cells")
    from_cache = context["fragment"].html is not None and requested_format(request) == "html"
    tables = []
    problems: list[tuple[str, str]] = []
    if latest is not None:
        first, last, problems = requested_months(request.GET, latest, min(queries.months_with_data(force)))
        context |= {"first": first, "last": last, "latest": latest}
        if not from_cache:  # else the page shows the cells from its cached fragment
            cells, top, unlocated, lsoa_rates = _period_tables(area, first, min(last, latest), method)
            tables = [top, cells, lsoa_rates]
            for table in tables:  # the months read: a `to` after the data's last month reads to that month
                table.period = month_span(first, min(last, latest))
            context["unlocated"] = unlocated
            context["empty_top_cells"] = sum(not row["incidents"] for row in top.rows)
    context["period_problems"] = problems
    later = {
        "designated": lambda: _designated_table(area),
        "all-hotspots": lambda: _all_hotspots_evaluation(area),
        "map-layers": lambda: cached_map_layers(area),
    }
    names = [table.name for table in tables] + list(later)
    wanted = request.GET.get("table", names[0])
    if requested_format(request) == "html":
        # The page shows no layers table: its map fetches them as JSON (the map-layers twin). Building them
        # here read and serialised every outline of a force on a cold view, for nothing.
        later.pop("map-layers")
    elif wanted in names:
        # A twin is one table: the map fetches its cells and layers as JSON, so build only the one asked for.
        later = {name: build for name, build in later.items() if name == wanted}
        tables = [table for table in tables if table.name == wanted]
    tables += [build() for build in later.values()]
    error = "; ".join(message for _field, message in problems)
    return render_with_twins(request, "hotspots/area.html", context, tables, area=area, error=error)


def _period_tables(area: Area, first: date, last: date, method: str) -> tuple[Table, Table, int, Table]:
    """(cells, top cells, unlocated incidents, LSOA rates) for the period: the page and the map's JSON
    requests (its twins) share one computation per data version."""
    cells, top, unlocated = _cached_scored_cells(area, first, last, method)
    # The LSOA rates read the incidents themselves: their mean positions are the database's AVG, whose sum in
    # reading order a mean of grouped points cannot reproduce to the last digit (a mean on a rounding tie of
    # the 5th decimal then moved).
    lsoa_rates = cached(("hotspot-lsoa-rates", area.pk, first, last), lambda: _lsoa_rates_for_map(area, first, last))
    return cells, top, unlocated, lsoa_rates


def cached_map_layers(area: Area) -> Table:
    """`map_layers_table(area)` once per data version (loading reference layers changes it): every view of
    the page built it again, outlines serialised to GeoJSON text (45 ms of a force's page)."""
    return cached(("map-layers", area.pk), lambda: map_layers_table(area))


def warm_hotspot_page(area: Area) -> None:
    """Compute into the cache what the area's hotspot page shows by default (the last three months, Gi*),
    and the before/after figures of its designated hotspots and its map's layers (beatbook.counts.warm runs this
    after imports)."""
    force = area.force()
    latest = queries.latest_month_of(force)
    if latest is not None:
        _period_tables(area, add_months(latest, -2), latest, "gistar")
    _all_hotspots_evaluation(area)
    cached_map_layers(area)


def _cached_scored_cells(area: Area, first: date, last: date, method: str) -> tuple[Table, Table, int]:
    """`_scored_cells`, computed once per (area, period, method, cell size) and data version."""
    parts = ("hotspot-cells", area.pk, first, last, method, analysis.DEFAULT_CELL_METRES, TOP)
    return cached(parts, lambda: _scored_cells(area, first, last, method))


def _scored_cells(
    area: Area, first: date, last: date, method: str, points: PeriodPoints | None = None
) -> tuple[Table, Table, int]:
    """(cells, top cells, unlocated incidents); `points` is `read_period_points` of the area and period when
    the caller has read it already."""
    points = points or read_period_points(area, first, last)
    # Each distinct point once, with how many incidents share it (police.uk snaps incidents to a list of map
    # points, so a force's three months are a few thousand points, not every incident as a Python row).
    # The top cells' place names are read afterwards, for the incidents in those cells alone.
    lon, lat, weights = points.distinct_points()
    unlocated = points.unlocated()
    caption = f"Top {TOP} cells by {METHODS[method].lower()}, {area.name}, {first:%b %Y} to {last:%b %Y}"
    columns = [
        Column("rank", "Rank", True),
        Column("place", "Place"),
        Column("incidents", "Incidents", True),
        Column("score", METHODS[method], True),
        Column("p_value", "p (FDR)", True, p_value=True),
        Column("cell_x", "Cell x (BNG)"),
        Column("cell_y", "Cell y (BNG)"),
    ]
    if not len(lon):
        return (
            Table("cells", "Scored cells", [], file_name=f"cells-{method}"),
            Table("top-cells", caption, columns, file_name=f"top-cells-{method}"),
            unlocated,
        )
    x, y = analysis.to_bng(lon, lat)
    grid = analysis.grid_covering(x, y, analysis.DEFAULT_CELL_METRES)
    counts = analysis.count_grid(grid, x, y, weights)
    p_values = None
    if method == "gistar":
        result = analysis.gi_star(counts)
        scores, p_values = result.z, result.p_fdr
    elif method == "kde":
        scores = analysis.kde(grid, x, y, weights=weights)
    else:
        scores = counts.astype(float)
    xs, ys = grid.corners()
    top = analysis.top_cells(scores, TOP / scores.size)
    places = _places_in_cells(_incidents_of_cells(area, first, last, points, grid, top), grid, top)
    top_rows = []
    for rank, index in enumerate(top, start=1):
        names = places.get(int(index))
        top_rows.append(
            {
                "rank": rank,
                "place": names.most_common(1)[0][0] if names else "(no incidents in the cell itself)",
                "incidents": int(counts.ravel()[index]),
                "score": round(float(scores.ravel()[index]), 2),
                "p_value": None if p_values is None else float(f"{p_values.ravel()[index]:.2g}"),
                "cell_x": int(xs[index]),
                "cell_y": int(ys[index]),
            }
        )
    nonzero = np.flatnonzero(counts.ravel())
    west, south = analysis.from_bng(xs[nonzero], ys[nonzero])
    east, north = analysis.from_bng(xs[nonzero] + grid.size, ys[nonzero] + grid.size)
    cell_rows = [
        {
            "cell_x": int(xs[i]),
            "cell_y": int(ys[i]),
            "count": int(counts.ravel()[i]),
            "score": round(float(scores.ravel()[i]), 3),
            "west": round(float(w), 6),
            "south": round(float(s), 6),
            "east": round(float(e), 6),
            "north": round(float(n), 6),
        }
        for i, w, s, e, n in zip(nonzero, west, south, east, north, strict=True)
    ]
    cells = Table(
        "cells",
        "Cells with incidents (for the map)",
        [Column(k, k) for k in ("cell_x", "cell_y", "count", "score", "west", "south", "east", "north")],
        cell_rows,
        # The file names the method: the same area and months scored by Gi*, density or count are different
        # tables (the designate page offers counts, the hotspots page Gi*), never one file name.
        file_name=f"cells-{method}",
    )
    return cells, Table("top-cells", caption, columns, top_rows, file_name=f"top-cells-{method}"), unlocated


# Degrees added around a cell's box when reading its incidents' places: the box is worked out in WGS84 from
# the corners of a BNG cell, whose straight edges bend from WGS84 lines by millimetres over 250 m; the points
# read are then placed in cells by their BNG position, so the margin only has to be wide enough to miss none.
_CELL_MARGIN_DEGREES = 0.0002


def _incidents_of_cells(
    area: Area, first: date, last: date, points: PeriodPoints, grid: analysis.Grid, cells: np.ndarray
) -> QuerySet:
    """The area's incidents in the period in the LSOAs (or with none) that have an incident in one of `cells`:
    every incident of the cells, found by the (lsoa_id, month, …) index. Reading the whole area's months
    for them visited every row of a force's months on SQLite; below a force these LSOAs replace the area's
    (a subset of them: PostgreSQL given both lists read every month of the LSOAs by the lsoa_id index)."""
    located = points.located
    x, y = analysis.to_bng(points.longitude[located], points.latitude[located])
    rows, cols = grid.cell_of(x, y)
    inside = np.isin(np.where(rows >= 0, rows * grid.cols + cols, -1), cells)
    lsoas = np.unique(points.lsoa[located][inside])
    of_lsoas = Q(lsoa_id__in=[int(pk) for pk in lsoas if pk >= 0])
    if (lsoas < 0).any():  # only a force has incidents with no LSOA
        of_lsoas |= Q(lsoa_id__isnull=True)
    of_area = Q(force=area) if area.parent_id is None else Q()
    return Incident.objects.filter(of_area, of_lsoas, month__gte=first, month__lte=last)


def _places_in_cells(records: QuerySet, grid: analysis.Grid, cells: np.ndarray) -> dict[int, Counter]:
    """{flat cell index: Counter of the locations of its incidents} for `cells` of `grid`, reading only the
    incidents of `records` inside those cells' boxes, as (point, location, how many) groups."""
    xs, ys = grid.corners()
    corner_x = np.concatenate([xs[cells], xs[cells] + grid.size, xs[cells], xs[cells] + grid.size])
    corner_y = np.concatenate([ys[cells], ys[cells], ys[cells] + grid.size, ys[cells] + grid.size])
    lon, lat = analysis.from_bng(corner_x, corner_y)
    lon, lat = lon.reshape(4, -1), lat.reshape(4, -1)
    near = Q(pk__in=[])
    for west, east, south, north in zip(lon.min(0), lon.max(0), lat.min(0), lat.max(0), strict=True):
        near |= Q(
            longitude__gte=float(west) - _CELL_MARGIN_DEGREES,
            longitude__lte=float(east) + _CELL_MARGIN_DEGREES,
            latitude__gte=float(south) - _CELL_MARGIN_DEGREES,
            latitude__lte=float(north) + _CELL_MARGIN_DEGREES,
        )
    groups = list(
        records.filter(near, longitude__isnull=False)
        .values_list("longitude", "latitude", "location")
        .annotate(n=Count("*"))
        .order_by("location")  # ties between equally common places go to the first by name
    )
    if not groups:
        return {}
    x, y = analysis.to_bng(np.array([g[0] for g in groups]), np.array([g[1] for g in groups]))
    rows, cols = grid.cell_of(x, y)
    flat = np.where(rows >= 0, rows * grid.cols + cols, -1)
    wanted = {int(cell) for cell in cells}
    places: dict[int, Counter] = {}
    for cell, (_, _, location, n) in zip(flat.tolist(), groups, strict=True):
        if cell in wanted:
            places.setdefault(cell, Counter())[location] += n
    return places


def _lsoa_rates_for_map(area: Area, first: date, last: date) -> Table:
    """Crime and ASB per 1,000 residents in each LSOA of the area, placed at the mean position of its
    located incidents (LSOA boundaries are not loaded; police.uk snaps points inside their LSOA)."""
    groups = (
        queries.incidents(area=area, first=first, last=last)
        .filter(lsoa__isnull=False)
        .order_by()
        .values("lsoa__code", "lsoa__name", "lsoa__population")
        # COUNT(*), not COUNT(id): below a force the (lsoa_id, month, longitude, latitude) index then holds
        # every column read, and the rows themselves are not visited.
        .annotate(incidents=Count("*"), longitude=Avg("longitude"), latitude=Avg("latitude"))
    )
    rows = []
    for group in groups:
        rate = rate_per_thousand(group["incidents"], group["lsoa__population"])
        rows.append(
            {
                "lsoa": f"{group['lsoa__name']} ({group['lsoa__code']})",
                "population": group["lsoa__population"],
                "incidents": group["incidents"],
                "rate": None if rate is None else round(rate, 1),
                "longitude": None if group["longitude"] is None else round(group["longitude"], 5),
                "latitude": None if group["latitude"] is None else round(group["latitude"], 5),
            }
        )
    rows.sort(key=lambda row: -(row["rate"] or 0))
    return Table(
        "lsoa-rates",
        f"Crime and ASB per 1,000 residents by LSOA, {area.name}, {first:%b %Y} to {last:%b %Y}",
        [
            Column("lsoa", "LSOA"),
            Column("population", "Residents (2011)", True),
            Column("incidents", "Crime and ASB", True),
            Column("rate", "Per 1,000 residents", True),
            Column("longitude", "Longitude"),
            Column("latitude", "Latitude"),
        ],
        rows,
        display_limit=20,
    )


def _designated_table(area: Area) -> Table:
    rows, links = [], {}
    hotspots = list(DesignatedHotspot.objects.filter(area__path__startswith=area.path))
    visits_of = _recent_visits(hotspots)
    last_day = timezone.localdate()  # the four weeks to today, as each current hotspot's dosage is counted
    first_day = last_day - timedelta(days=27)
    for hotspot in hotspots:
        today = hotspot.last_day(timezone.localdate())
        four_weeks_ago = today - timedelta(days=27)
        visits = [(start, end) for start, end in visits_of.get(hotspot.pk, []) if start.date() >= four_weeks_ago]
        window = (max(four_weeks_ago, hotspot.starts_on), today)
        first_day = min(first_day, window[0])
        result = dosage(visits, hotspot.weekly_target_minutes, *window, today=timezone.localdate())
        links[(len(rows), "name")] = reverse("hotspots:detail", args=[hotspot.uuid])
        rows.append(
            {
                "name": hotspot.name,
                "since": hotspot.starts_on.isoformat(),
                "until": hotspot.ends_on.isoformat() if hotspot.ends_on else "",
                "target_hours": round(hotspot.weekly_target_minutes / 60, 1),
                "hours_4_weeks": round(result.hours, 1),
                "visits_4_weeks": result.visits,
                "weeks_behind": result.weeks_behind,
                "koper_share": None if result.koper_share is None else round(100 * result.koper_share),
            }
        )
    return Table(
        "designated",
        # An ended designation's figures are its own last 4 weeks: its end date says so (QA 17s: a hotspot
        # ended in 2023 read as 3 weeks behind now).
        f"Designated hotspots in {area.name}: patrol dosage, last 4 weeks (of the designation, if it has ended)",
        [
            Column("name", "Hotspot"),
            Column("since", "Designated from"),
            Column("until", "Designated to"),
            Column("target_hours", "Weekly target (hours)", True),
            Column("hours_4_weeks", "Hours patrolled", True),
            Column("visits_4_weeks", "Visits", True),
            Column("weeks_behind", "Weeks behind target", True),
            Column("koper_share", "% of visits 10–15 min", True),
        ],
        rows,
        links=links,
        # The days its figures come from: an ended designation's own last four weeks too, not only the four
        # weeks to today (QA 17f: a table of 2024's dosage was named `…_designated_2026-11-03_to_2026-11-30`).
        period=Days(first_day, last_day),
    )


def _recent_visits(hotspots: list[DesignatedHotspot]) -> dict[int, list[tuple[datetime, datetime]]]:
    """{hotspot id: [(started_at, ended_at), …] newest first} of the hotspots' visits that may fall in their
    last four weeks: each hotspot's read from a day before its own window (a margin for the UTC date), as
    pairs, not every visit ever logged as objects (a force's hotspots: 100 ms of a 200 ms page). Each has its
    own window because one that ended years ago would otherwise pull in every visit since to the others."""
    if not hotspots:
        return {}
    today = timezone.localdate()
    in_windows = reduce(
        or_,
        (
            Q(
                hotspot_id=hotspot.pk,
                started_at__gte=datetime.combine(hotspot.last_day(today) - timedelta(days=28), time(0), tzinfo=UTC),
            )
            for hotspot in hotspots
        ),
    )
    visits: dict[int, list[tuple[datetime, datetime]]] = {}
    rows = (
        PatrolVisit.objects.filter(in_windows)
        .order_by("-started_at")
        .values_list("hotspot_id", "started_at", "ended_at")
    )
    for hotspot_id, started_at, ended_at in rows:
        visits.setdefault(hotspot_id, []).append((started_at, ended_at))
    return visits


@login_required
def designate(request: HttpRequest, code: str) -> HttpResponse:
    area = access.get_area_for_user(request.user, code, access.Capability.DESIGNATE_HOTSPOT)
    force = area.force()
    latest = queries.latest_month_of(force)
    choices: list[tuple[str, str]] = []
    cells = Table("cells", "Cells with incidents (for the map)", [], period=())
    if latest is not None:
        cells, top, _ = _cached_scored_cells(area, add_months(latest, -2), latest, "count")
        cells.period = month_span(add_months(latest, -2), latest)
        choices = [
            (
                f"{row['cell_x']},{row['cell_y']}",
                f"{row['place']}: {row['incidents']} incidents (cell {row['cell_x']}, {row['cell_y']})",
            )
            for row in top.rows
            if row["incidents"]
        ]
    # Cells ticked in the ranked table of the hotspots page arrive as ?cells=x,y and stay ticked.
    chosen = _cells_from_query(request.GET.getlist("cells"))
    offered = {value for value, _ in choices}
    choices += [
        (cell, f"Cell {cell.replace(',', ', ')}, chosen from the ranked table")
        for cell in chosen
        if cell not in offered
    ]
    form = DesignateForm(
        request.POST or None, cell_choices=choices, initial={"starts_on": timezone.localdate(), "cells": chosen}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            hotspot = do_designate_hotspot(
                area=area,
                name=data["name"],
                cells=data["cells"],
                polygon=data["outline"] or None,
                cell_size=analysis.DEFAULT_CELL_METRES,
                starts_on=data["starts_on"],
                weekly_target_minutes=data["weekly_target_minutes"],
                acting_user=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"{hotspot.name} is designated.")
            return redirect("hotspots:detail", hotspot_uuid=hotspot.uuid)
    context = {
        "area": area,
        "form": form,
        "latest": latest,
        "error_title": bool(form.errors),
        "tile_url": settings.MAP_TILE_URL,
    }
    return render_with_twins(request, "hotspots/designate.html", context, [cells, cached_map_layers(area)], area=area)


def _cells_from_query(values: list[str]) -> list[str]:
    """The "x,y" BNG cell corners in a query that are whole multiples of the cell size (others are ignored)."""
    cells = []
    for value in values[:50]:
        try:
            x, y = (int(part) for part in value.split(","))
        except ValueError:
            continue
        size = analysis.DEFAULT_CELL_METRES
        if x % size == 0 and y % size == 0 and f"{x},{y}" not in cells:
            cells.append(f"{x},{y}")
    return cells


@login_required
def tasking(request: HttpRequest, code: str) -> HttpResponse:
    area = access.get_area_for_user(request.user, code)
    # Both read only incidents (a scan for the latest time, then 16 weeks of the area): once per data version.
    latest = cached_latest_day(area)
    as_of, date_error = requested_briefing_day(request.GET.get("date", ""), latest)
    hotspots = active_hotspots(area, timezone.localdate())
    # The tables read only incidents (cached per data version); the hotspots they link to are in the key.
    can_log = access.can(request.user, access.Capability.LOG_PATROL, area)
    key = ("tasking-briefing", area.pk, as_of, tuple(hotspot.pk for hotspot in hotspots), can_log)
    tables = cached(key, lambda: briefing_tables(area, as_of, hotspots, can_log=can_log)) if as_of else []
    designated = _designated_table(area)
    # Only hotspots designated today: one whose designation has ended is no longer anyone's task.
    current = {(hotspot.name, hotspot.starts_on.isoformat()) for hotspot in hotspots}
    late = [
        index
        for index, row in enumerate(designated.rows)
        if row["weeks_behind"] and (row["name"], row["since"]) in current
    ]
    behind = Table(
        "behind",
        "Designated hotspots behind on patrols (last 4 weeks)",
        designated.columns,
        [designated.rows[index] for index in late],
        links={(new, "name"): designated.links[(old, "name")] for new, old in enumerate(late)},
        # Only current hotspots: the four weeks to today.
        period=Days(timezone.localdate() - timedelta(days=27), timezone.localdate()),
    )
    context = {
        "area": area,
        "as_of": as_of,
        "latest": latest,
        "hotspots": hotspots,
        "can_log": can_log,
        "date_error": date_error,
    }
    for table in tables:  # each briefing table's window, to the briefing's day (QA 17f: all were named that day)
        table.period = Days(as_of - timedelta(days=BRIEFING_WINDOW_DAYS[table.name] - 1), as_of)
    return render_with_twins(request, "hotspots/tasking.html", context, [*tables, behind], area=area, error=date_error)


# The days each tasking briefing table counts, ending on the briefing's day (hotspots/tasking.py): "emerging"
# compares the last 28 days with the 12 weeks before them.
BRIEFING_WINDOW_DAYS = {"last-7-days": 7, "last-28-days": 28, "repeat-locations": 28, "emerging": 28 + 84}


def _all_hotspots_evaluation(area: Area) -> Table:
    """Every designated hotspot in the area together: each compared over its own months with the rest of
    its LPU, the counts summed, and one difference-in-differences estimate on the totals."""
    totals = [0, 0, 0, 0]
    hotspots = {
        h.pk: h for h in DesignatedHotspot.objects.filter(area__path__startswith=area.path).select_related("area")
    }
    comparisons = cached_many(
        {pk: _before_after_parts(hotspot) for pk, hotspot in hotspots.items()},
        lambda missing: before_and_after_many([hotspots[pk] for pk in missing]),
    )
    for comparison in comparisons.values():
        if comparison is not None:
            totals = [a + b for a, b in zip(totals, comparison.counts, strict=True)]
    result = difference_in_differences(*totals)

    def pct(value: float | None) -> float | None:
        return None if value is None else round(100 * value, 1)

    return Table(
        "all-hotspots",
        f"All designated hotspots in {area.name} together: crime and ASB before and after",
        [Column("measure", "Measure"), Column("value", "Value", True)],
        [
            {"measure": "Incidents in the hotspots before / after", "value": f"{totals[0]:,} / {totals[1]:,}"},
            {
                "measure": "Incidents in the rest of their LPUs before / after",
                "value": f"{totals[2]:,} / {totals[3]:,}",
            },
            {"measure": "% change beyond the comparison (difference in differences)", "value": pct(result.effect)},
            {"measure": "95% interval, low (%)", "value": pct(result.low)},
            {"measure": "95% interval, high (%)", "value": pct(result.high)},
        ],
        snapshot=True,  # every hotspot designated so far, each over its own months
    )


def _cached_before_and_after(hotspot: DesignatedHotspot):  # noqa: ANN202 - a BeforeAfter or None
    """`before_and_after` per hotspot definition and data version: it reads a year of the LPU's incidents."""
    return cached(_before_after_parts(hotspot), lambda: before_and_after(hotspot))


def _before_after_parts(hotspot: DesignatedHotspot) -> tuple:
    """The cache parts of a hotspot's before/after figures: its id and everything that defines it."""
    shape = hashlib.sha256(repr((hotspot.area_id, hotspot.cell_size, hotspot.cells, hotspot.polygon)).encode())
    return ("hotspot-before-after", hotspot.pk, hotspot.starts_on, hotspot.ends_on, shape.hexdigest()[:16])
