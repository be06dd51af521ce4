"""Reading located incidents from the database as arrays for the analysis."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np

from beatbook.areas.models import Area
from beatbook.crime.queries import incidents
from beatbook.hotspots.analysis import inside_polygon, to_bng


@dataclass(frozen=True)
class Points:
    x: np.ndarray
    y: np.ndarray
    unlocated: int

    def __len__(self) -> int:
        return len(self.x)


def located_points(
    *,
    force: Area | None = None,
    area: Area | None = None,
    first: date | None = None,
    last: date | None = None,
    categories: Sequence[str] = (),
) -> Points:
    """BNG points of the incidents in the filter that have coordinates, and how many had none."""
    queryset = incidents(force=force, area=area, first=first, last=last, categories=categories)
    coordinates = np.array(
        list(queryset.filter(longitude__isnull=False).values_list("longitude", "latitude")), dtype=float
    ).reshape(-1, 2)
    unlocated = queryset.filter(longitude__isnull=True).count()
    x, y = to_bng(coordinates[:, 0], coordinates[:, 1])
    return Points(x, y, unlocated)


def hotspot_contains(hotspot, x: np.ndarray, y: np.ndarray) -> np.ndarray:  # noqa: ANN001 - a DesignatedHotspot
    """Which BNG points fall in the hotspot: inside its drawn outline, or in one of its cells."""
    if hotspot.polygon:
        lon, lat = zip(*hotspot.polygon, strict=True)
        vertex_x, vertex_y = to_bng(np.array(lon, dtype=float), np.array(lat, dtype=float))
        return inside_polygon(x, y, vertex_x, vertex_y)
    return in_cells(hotspot.cells, hotspot.cell_size, x, y)


def in_cells(cells: Sequence[Sequence[int]], size: int, x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Which BNG points (metres) fall in one of `cells` (lower-left corners of `size`-metre squares).
    Vectorised: the roll-up and the demo test hundreds of thousands of points."""
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    if not len(cells) or not len(x):
        return np.zeros(len(x), dtype=bool)
    span = 10_000_000  # wider than Great Britain in metres, so (x, y) -> one integer key is unique
    keys = (np.floor(x / size).astype(np.int64) * size) * span + np.floor(y / size).astype(np.int64) * size
    wanted = np.array([int(cx) * span + int(cy) for cx, cy in cells], dtype=np.int64)
    return np.isin(keys, wanted)


@dataclass(frozen=True)
class BeforeAfter:
    before: tuple[date, date]
    after: tuple[date, date]
    lpu: Area
    counts: tuple[int, int, int, int]  # hotspot before, hotspot after, comparison before, comparison after


def before_and_after(hotspot, *, count: bool = True) -> BeforeAfter | None:  # noqa: ANN001 - a DesignatedHotspot
    """Incidents in the hotspot's cells and in the rest of its LPU, in the months since designation (to
    the end of the designation or of the data) and the same number of months before. With count=False only
    the windows are worked out (counts all 0), for callers that count something else in them."""
    from beatbook.areas.models import Level
    from beatbook.crime.periods import add_months, month_of
    from beatbook.crime.queries import latest_month

    lpu = next((a for a in hotspot.area.ancestors() if a.level == Level.LPU), hotspot.area)
    latest = latest_month(incidents(force=Area.objects.get(pk=hotspot.area.force_id)))
    if latest is None or not (hotspot.cells or hotspot.polygon):
        return None
    first_after = month_of(hotspot.starts_on)
    last_after = min(month_of(hotspot.ends_on), latest) if hotspot.ends_on else latest
    if last_after < first_after:
        return None
    months = (last_after.year - first_after.year) * 12 + last_after.month - first_after.month + 1
    first_before, last_before = add_months(first_after, -months), add_months(first_after, -1)
    if not count:
        return BeforeAfter((first_before, last_before), (first_after, last_after), lpu, (0, 0, 0, 0))
    rows = np.array(
        list(
            incidents(area=lpu, first=first_before, last=last_after)
            .filter(longitude__isnull=False)
            .values_list("longitude", "latitude", "month")
        ),
        dtype=object,
    ).reshape(-1, 3)
    if not len(rows):
        return BeforeAfter((first_before, last_before), (first_after, last_after), lpu, (0, 0, 0, 0))
    x, y = to_bng(rows[:, 0].astype(float), rows[:, 1].astype(float))
    inside = hotspot_contains(hotspot, x, y)
    after = np.array([month >= first_after for month in rows[:, 2]])
    counts = (
        int((inside & ~after).sum()),
        int((inside & after).sum()),
        int((~inside & ~after).sum()),
        int((~inside & after).sum()),
    )
    return BeforeAfter((first_before, last_before), (first_after, last_after), lpu, counts)
