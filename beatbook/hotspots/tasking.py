"""The daily tasking briefing for an area: where to send patrols today.

Top cells of the last 7 and 28 days, cells emerging against the 12 weeks before, repeat locations, and
designated hotspots behind on patrol dosage. Uses the incidents' times (force exports); police.uk rows,
which have only months, are not in it.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime, time, timedelta

import numpy as np
from django.urls import reverse

from beatbook.areas.models import Area
from beatbook.counts.cache import cached
from beatbook.crime.queries import latest_occurred_at, occurred_between
from beatbook.hotspots import analysis
from beatbook.hotspots.models import DesignatedHotspot
from beatbook.hotspots.points import hotspot_contains
from beatbook.lib.dates import LONDON
from beatbook.web.tables import Column, Table

TOP = 10


def latest_day(area: Area) -> date | None:
    force = area.force()
    latest = latest_occurred_at(force)
    return latest.astimezone(LONDON).date() if latest else None


def cached_latest_day(area: Area) -> date | None:
    """`latest_day(area)` once per data version: a scan of the force's incident times. Pages that look back
    from "today" by default (the briefing, the tasking meetings' repeats) start from this day instead when
    the data end earlier, so they are not empty between imports."""
    return cached(("tasking-latest-day", area.force_id), lambda: latest_day(area))


def active_hotspots(area: Area, day: date) -> list[DesignatedHotspot]:
    """The area's hotspots designated on `day` (UK local date)."""
    return [
        hotspot
        for hotspot in DesignatedHotspot.objects.filter(area__path__startswith=area.path, starts_on__lte=day)
        if hotspot.ends_on is None or hotspot.ends_on >= day
    ]


def _link_cells_to_hotspots(table: Table, hotspots: list[DesignatedHotspot], can_log: bool) -> Table:
    """A top cell inside a designated hotspot links to the hotspot, and (for those who may log patrols) its
    "Patrol" cell to the patrol form."""
    if not hotspots or not table.rows:
        return table
    half = analysis.DEFAULT_CELL_METRES / 2
    x = np.array([row["cell_x"] + half for row in table.rows], dtype=float)
    y = np.array([row["cell_y"] + half for row in table.rows], dtype=float)
    for hotspot in hotspots:
        for index in np.flatnonzero(hotspot_contains(hotspot, x, y)):
            row = table.rows[index]
            if row.get("hotspot"):
                continue
            row["hotspot"] = hotspot.name
            table.links[(int(index), "hotspot")] = reverse("hotspots:detail", args=[hotspot.uuid])
            if can_log:
                row["patrol"] = "Log a patrol"
                table.links[(int(index), "patrol")] = reverse("hotspots:log_patrol", args=[hotspot.uuid])
    return table


def briefing_tables(
    area: Area, as_of: date, hotspots: list[DesignatedHotspot] | None = None, *, can_log: bool = True
) -> list[Table]:
    """The briefing's tables; with `hotspots`, top cells inside one link to it and (with `can_log`) to its
    patrol form."""
    tables = _briefing_tables(area, as_of)
    for table in tables[:3]:
        _link_cells_to_hotspots(table, hotspots or [], can_log)
    return tables


def _briefing_tables(area: Area, as_of: date) -> list[Table]:
    end = datetime.combine(as_of + timedelta(days=1), time(0), tzinfo=LONDON)
    start = end - timedelta(days=28 + 84)
    rows = list(
        occurred_between(area, start.date(), as_of)
        .filter(longitude__isnull=False)
        .values_list("longitude", "latitude", "location", "occurred_at")
    )
    place_columns = [
        Column("rank", "Rank", True),
        Column("place", "Place"),
        Column("incidents", "Incidents", True),
        Column("cell_x", "Cell x (BNG)"),
        Column("cell_y", "Cell y (BNG)"),
        Column("hotspot", "Designated hotspot"),
        Column("patrol", "Patrol"),
    ]
    if not rows:
        empty = [
            Table(name, caption, place_columns)
            for name, caption in (
                ("last-7-days", "Top cells, last 7 days"),
                ("last-28-days", "Top cells, last 28 days"),
                ("emerging", "Emerging cells"),
            )
        ]
        return [*empty, Table("repeat-locations", "Repeat locations, last 28 days", [Column("place", "Place")])]
    lon, lat = np.array([r[0] for r in rows]), np.array([r[1] for r in rows])
    places = [r[2] for r in rows]
    age_days = np.array([(end - r[3]).total_seconds() / 86400 for r in rows])
    x, y = analysis.to_bng(lon, lat)
    grid = analysis.grid_covering(x, y, analysis.DEFAULT_CELL_METRES)
    cell_rows, cell_cols = grid.cell_of(x, y)
    flat = cell_rows * grid.cols + cell_cols
    xs, ys = grid.corners()

    def counts(mask: np.ndarray) -> np.ndarray:
        return analysis.count_grid(grid, x[mask], y[mask])

    def top_table(name: str, caption: str, scores: np.ndarray, mask: np.ndarray, limit: np.ndarray | None = None):
        chosen = [
            i
            for i in np.argsort(-scores.ravel(), kind="stable")
            if scores.ravel()[i] > 0 and (limit is None or limit.ravel()[i])
        ][:TOP]
        table_rows = []
        for rank, index in enumerate(chosen, start=1):
            names = Counter(places[j] for j in np.flatnonzero((flat == index) & mask))
            table_rows.append(
                {
                    "rank": rank,
                    "place": names.most_common(1)[0][0] if names else "",
                    "incidents": int(scores.ravel()[index]),
                    "cell_x": int(xs[index]),
                    "cell_y": int(ys[index]),
                }
            )
        return Table(name, caption, place_columns, table_rows)

    week, month, baseline = age_days <= 7, age_days <= 28, age_days > 28
    recent, before = counts(month), counts(baseline)
    emerging_cells = analysis.emerging(recent, before)
    repeats = Counter(places[i] for i in np.flatnonzero(month))
    return [
        top_table("last-7-days", f"Top cells, 7 days to {as_of:%-d %B %Y}", counts(week).astype(float), week),
        top_table("last-28-days", f"Top cells, 28 days to {as_of:%-d %B %Y}", recent.astype(float), month),
        top_table(
            "emerging",
            "Emerging cells: the last 28 days well above the 12 weeks before",
            recent.astype(float),
            month,
            emerging_cells,
        ),
        Table(
            "repeat-locations",
            "Repeat locations, last 28 days",
            [Column("place", "Place"), Column("incidents", "Incidents", True)],
            [{"place": place, "incidents": n} for place, n in repeats.most_common(TOP) if n >= 3],
        ),
    ]
