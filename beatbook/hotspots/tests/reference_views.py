"""The hotspot page's cells as computed before `beatbook.hotspots.period_points` (two reads of the
area's incidents, and place names read from every row of the period): kept verbatim as the reference the
faster computation must equal (test_period_points.py)."""

from __future__ import annotations

from collections import Counter
from datetime import date

import numpy as np
from django.db.models import Count, Q, QuerySet

from beatbook.areas.models import Area
from beatbook.crime import queries
from beatbook.hotspots import analysis
from beatbook.hotspots.views import _CELL_MARGIN_DEGREES, METHODS, TOP
from beatbook.web.tables import Column, Table


def old_scored_cells(area: Area, first: date, last: date, method: str) -> tuple[Table, Table, int]:
    records = queries.incidents(area=area, first=first, last=last)
    # Each distinct point once, with how many incidents share it (police.uk snaps incidents to a list of map
    # points, so a force's three months are a few thousand points, not every incident as a Python row);
    # the (lsoa_id, month, longitude, latitude) index holds them. The top cells' place names are read
    # afterwards, for the incidents in those cells alone.
    located = list(records.filter(longitude__isnull=False).values_list("longitude", "latitude").annotate(n=Count("*")))
    unlocated = records.filter(longitude__isnull=True).count()
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
    if not located:
        return (Table("cells", "Scored cells", []), Table("top-cells", caption, columns), unlocated)
    lon, lat = np.array([r[0] for r in located]), np.array([r[1] for r in located])
    weights = np.array([r[2] for r in located], dtype=np.int64)
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
    places = old_places_in_cells(records, grid, top)
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
    )
    return cells, Table("top-cells", caption, columns, top_rows), unlocated


def old_places_in_cells(records: QuerySet, grid: analysis.Grid, cells: np.ndarray) -> dict[int, Counter]:
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
