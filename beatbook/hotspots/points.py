"""Reading located incidents from the database as arrays for the analysis."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np
from django.db.models import Case, Count, F, FloatField, Q, When

from beatbook.areas.models import Area
from beatbook.crime.queries import incidents
from beatbook.hotspots.analysis import from_bng, inside_polygon, to_bng


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
    from beatbook.crime.queries import latest_month

    latest = latest_month(incidents(force=Area.objects.get(pk=hotspot.area.force_id)))
    windows = _windows(hotspot, _lpu_of(hotspot, hotspot.area.ancestors()), latest)
    if windows is None or not count:
        return windows
    return _counted(hotspot, windows, _lpu_points(windows.lpu, windows.before[0], windows.after[1], [hotspot]))


def before_and_after_many(hotspots: Sequence) -> dict[int, BeforeAfter | None]:
    """{hotspot id: `before_and_after(hotspot)`} for many hotspots, with the same figures, reading each LPU
    once (over the months all its hotspots' windows span) instead of once per hotspot: a force's 25 hotspots
    took 25 reads of a year of their LPUs."""
    from beatbook.crime.queries import latest_month

    latest_of: dict[int, date | None] = {}
    windows: dict[int, BeforeAfter | None] = {}
    areas = Area.objects.in_bulk({pk for hotspot in hotspots for pk in hotspot.area.ancestor_ids})
    for hotspot in hotspots:
        force_id = hotspot.area.force_id
        if force_id not in latest_of:
            latest_of[force_id] = latest_month(incidents(force=areas[force_id]))
        ancestors = [areas[pk] for pk in hotspot.area.ancestor_ids[:-1] if pk in areas]  # as Area.ancestors()
        windows[hotspot.pk] = _windows(hotspot, _lpu_of(hotspot, ancestors), latest_of[force_id])
    results: dict[int, BeforeAfter | None] = dict.fromkeys(windows)
    by_lpu: dict[int, list] = {}
    for hotspot in hotspots:
        if windows[hotspot.pk] is not None:
            by_lpu.setdefault(windows[hotspot.pk].lpu.pk, []).append(hotspot)
    for members in by_lpu.values():
        spans = [windows[hotspot.pk] for hotspot in members]
        first, last = min(w.before[0] for w in spans), max(w.after[1] for w in spans)
        points = _lpu_points(spans[0].lpu, first, last, members)
        for hotspot in members:
            results[hotspot.pk] = _counted(hotspot, windows[hotspot.pk], points)
    return results


def _lpu_of(hotspot, ancestors: list[Area]) -> Area:  # noqa: ANN001 - a DesignatedHotspot
    """The LPU the hotspot's area lies in (its `ancestors`, force first), else its area itself."""
    from beatbook.areas.models import Level

    return next((a for a in ancestors if a.level == Level.LPU), hotspot.area)


def _windows(hotspot, lpu: Area, latest: date | None) -> BeforeAfter | None:  # noqa: ANN001 - a DesignatedHotspot
    """The hotspot's before and after months in `lpu` (counts all 0), or None when it has none."""
    from beatbook.crime.periods import add_months, month_of

    if latest is None or not (hotspot.cells or hotspot.polygon):
        return None
    first_after = month_of(hotspot.starts_on)
    last_after = min(month_of(hotspot.ends_on), latest) if hotspot.ends_on else latest
    if last_after < first_after:
        return None
    months = (last_after.year - first_after.year) * 12 + last_after.month - first_after.month + 1
    first_before, last_before = add_months(first_after, -months), add_months(first_after, -1)
    return BeforeAfter((first_before, last_before), (first_after, last_after), lpu, (0, 0, 0, 0))


@dataclass(frozen=True)
class _LpuPoints:
    """An LPU's located incidents by month, and the points of those near some hotspots."""

    by_month: dict[int, int]  # {month number: located incidents in the whole LPU}
    x: np.ndarray  # BNG points (each distinct point and month once) inside the hotspots' boxes only
    y: np.ndarray
    month: np.ndarray  # year * 12 + month - 1, as `_month_number`
    n: np.ndarray  # incidents at the point in the month


def _month_number(month: date) -> int:
    return month.year * 12 + month.month - 1


# Degrees added around a hotspot's box before reading its points. The box is worked out in WGS84 from the
# corners of cells drawn in BNG (or from an outline's vertices); a straight BNG edge of a few hundred metres
# bends from a straight WGS84 line by centimetres, so 0.0002° (13–22 m) misses no point of the hotspot while
# reading little beyond it (0.005° read 80,000 points of a force's town-centre hotspots instead of a few
# thousand).
_BOX_MARGIN_DEGREES = 0.0002


def _lpu_points(lpu: Area, first: date, last: date, hotspots: Sequence) -> _LpuPoints:
    """The LPU's located incidents in the months `first` to `last`: counted per month in the database, and
    as BNG points only where they lie near one of `hotspots`. Reading every point of the LPU (a year of
    it, to count the rest of the LPU) made a force's hotspot page read hundreds of thousands of rows cold;
    the rest of the LPU is its monthly total less the hotspot's own."""
    located = incidents(area=lpu, first=first, last=last).filter(longitude__isnull=False)
    near = Q(pk__in=[])
    for west, south, east, north in (_box(hotspot) for hotspot in hotspots):
        near |= Q(longitude__gte=west, longitude__lte=east, latitude__gte=south, latitude__lte=north)
    # One read of the LPU's months gives both: grouped by month and, near a hotspot, by point (police.uk
    # snaps incidents to shared map points, and a hotspot is where they crowd), the rest of each month one
    # group with no point. Two reads (monthly totals, then the points near hotspots) each scanned the same
    # months of the LPU (a force's 25 hotspots on PostgreSQL, 720,000 incidents: 149 → 128 ms before the
    # table is first vacuumed, when each read visits the rows; 67 → 63 ms after, as index-only scans).
    rows = list(
        located.order_by()
        .annotate(
            near_longitude=Case(When(near, then=F("longitude")), default=None, output_field=FloatField()),
            near_latitude=Case(When(near, then=F("latitude")), default=None, output_field=FloatField()),
        )
        .values_list("near_longitude", "near_latitude", "month")
        .annotate(n=Count("*"))
    )
    by_month: dict[int, int] = {}
    for _lon, _lat, month, n in rows:
        number = _month_number(month)
        by_month[number] = by_month.get(number, 0) + n
    rows = [row for row in rows if row[0] is not None]  # the points near a hotspot
    numbers = {month: _month_number(month) for month in {row[2] for row in rows}}
    lon = np.fromiter((row[0] for row in rows), dtype=float, count=len(rows))
    lat = np.fromiter((row[1] for row in rows), dtype=float, count=len(rows))
    x, y = to_bng(lon, lat) if rows else (lon, lat)
    month = np.fromiter((numbers[row[2]] for row in rows), dtype=np.int64, count=len(rows))
    return _LpuPoints(by_month, x, y, month, np.fromiter((row[3] for row in rows), dtype=np.int64, count=len(rows)))


def _box(hotspot) -> tuple[float, float, float, float]:  # noqa: ANN001 - a DesignatedHotspot
    """(west, south, east, north) in degrees around every point the hotspot can contain, with a margin."""
    if hotspot.polygon:
        lon = np.array([vertex[0] for vertex in hotspot.polygon], dtype=float)
        lat = np.array([vertex[1] for vertex in hotspot.polygon], dtype=float)
    else:
        size = hotspot.cell_size
        corners = [(x + dx, y + dy) for x, y in hotspot.cells for dx in (0, size) for dy in (0, size)]
        lon, lat = from_bng(
            np.array([c[0] for c in corners], dtype=float), np.array([c[1] for c in corners], dtype=float)
        )
    margin = _BOX_MARGIN_DEGREES
    return (
        float(lon.min()) - margin,
        float(lat.min()) - margin,
        float(lon.max()) + margin,
        float(lat.max()) + margin,
    )


def _counted(hotspot, windows: BeforeAfter, points: _LpuPoints) -> BeforeAfter:  # noqa: ANN001
    """`windows` with the counts of `points` in the hotspot and in the rest of its LPU, before and after."""
    first, last = _month_number(windows.before[0]), _month_number(windows.after[1])
    first_after = _month_number(windows.after[0])
    lpu_before = sum(n for month, n in points.by_month.items() if first <= month < first_after)
    lpu_after = sum(n for month, n in points.by_month.items() if first_after <= month <= last)
    if not lpu_before + lpu_after:
        return windows
    wanted = (points.month >= first) & (points.month <= last)
    x, y, month, n = points.x[wanted], points.y[wanted], points.month[wanted], points.n[wanted]
    inside = hotspot_contains(hotspot, x, y)
    after = month >= first_after
    inside_before, inside_after = int(n[inside & ~after].sum()), int(n[inside & after].sum())
    counts = (inside_before, inside_after, lpu_before - inside_before, lpu_after - inside_after)
    return BeforeAfter(windows.before, windows.after, windows.lpu, counts)
