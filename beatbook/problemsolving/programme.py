"""The hotspot programme roll-up: every hotspot designated since a date, with its patrol outputs and the
ASB-only before/after against the rest of its LPU (the measures of the force's hotspot programme report,
003_*: patrol hours, arrests, stop and searches, intelligence, ASB powers used, ASB change in the hotspots).

The periods and comparison area are those of the hotspot evaluation (beatbook.hotspots.points.before_and_after);
only ASB incidents are counted here, and the totals get one difference-in-differences estimate.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
from django.db.models import Count, Max

from beatbook.areas.models import Area
from beatbook.counts.cache import cached
from beatbook.crime.categories import Category
from beatbook.crime.models import Incident, Kind
from beatbook.crime.queries import lsoa_ids
from beatbook.hotspots.analysis import to_bng
from beatbook.hotspots.evaluation import difference_in_differences
from beatbook.hotspots.models import DesignatedHotspot, PatrolVisit
from beatbook.hotspots.points import BeforeAfter, before_and_after, hotspot_contains
from beatbook.lib.dates import elapsed
from beatbook.web.tables import Column, Table

ASB = [Category.ANTI_SOCIAL_BEHAVIOUR]


@dataclass
class LpuAsb:
    """An LPU's located ASB over a span of months, as BNG points with their months, fetched once for every
    hotspot in it (the roll-up's hotspots share LPUs and overlapping windows)."""

    x: np.ndarray
    y: np.ndarray
    months: np.ndarray  # of datetime64[D], the first day of each incident's month

    @classmethod
    def fetch(cls, lpu: Area, first: date, last: date) -> LpuAsb:
        return cls.fetch_all({lpu: (first, last)})[lpu]

    @classmethod
    def fetch_all(cls, spans: dict[Area, tuple[date, date]]) -> dict[Area, LpuAsb]:
        """{LPU: its ASB over its (first, last) months} for LPUs of one force, from one read of the force's
        located ASB over all the spans, split by LSOA here. The (force, month, kind) index makes that one read
        ten times faster than an LPU's read through its LSOAs, which visits all its crime too (the demo's 10
        LPUs, 718k incidents: 2.6 s → 0.3 s)."""
        if not spans:
            return {}
        force_id = next(iter(spans)).force_id or next(iter(spans)).pk  # a force's own force_id may be empty
        rows = list(
            Incident.objects.filter(
                force_id=force_id,
                kind=Kind.ASB,
                category__in=ASB,
                month__gte=min(first for first, _ in spans.values()),
                month__lte=max(last for _, last in spans.values()),
                longitude__isnull=False,
            ).values_list("lsoa_id", "longitude", "latitude", "month")
        )
        lsoas = np.array([r[0] or 0 for r in rows], dtype=np.int64)
        x, y = to_bng(np.array([r[1] for r in rows], dtype=float), np.array([r[2] for r in rows], dtype=float))
        months = np.array([r[3] for r in rows], dtype="datetime64[D]")
        result = {}
        for lpu, (first, last) in spans.items():
            held = (months >= np.datetime64(first)) & (months <= np.datetime64(last))
            if lpu.parent_id is not None:  # as crime.queries.incidents: below a force, the area's LSOAs
                held &= np.isin(lsoas, lsoa_ids(lpu))
            result[lpu] = cls(x[held], y[held], months[held])
        return result


def asb_counts(
    hotspot: DesignatedHotspot, windows: BeforeAfter, asb: LpuAsb | None = None
) -> tuple[int, int, int, int]:
    """ASB in the hotspot and in the rest of its LPU, before and after, over the evaluation's windows; `asb`
    is the LPU's ASB over at least those windows (fetched when not given)."""
    (b0, _), (a0, a1) = windows.before, windows.after
    asb = asb or LpuAsb.fetch(windows.lpu, b0, a1)
    if not len(asb.x):
        return (0, 0, 0, 0)
    held = (asb.months >= np.datetime64(b0)) & (asb.months <= np.datetime64(a1))
    inside = hotspot_contains(hotspot, asb.x, asb.y)
    after = asb.months >= np.datetime64(a0)
    return (
        int((held & inside & ~after).sum()),
        int((held & inside & after).sum()),
        int((held & ~inside & ~after).sum()),
        int((held & ~inside & after).sum()),
    )


def _pct(value: float | None) -> float | None:
    return None if value is None else round(100 * value, 1)


def cached_programme_table(area: Area, since: date, until: date | None = None) -> Table:
    """`programme_table`, computed once per data version (incidents, geography) and state of the area's
    hotspots and their patrol visits, and served from the cache after (the page, its twins and the API).

    Hotspots and visits are only ever added (beatbook.hotspots.actions has no edit or delete, and no admin
    registers them), so their count and highest id say when they changed."""
    hotspots = DesignatedHotspot.objects.filter(area__path__startswith=area.path)
    designated = hotspots.aggregate(n=Count("pk"), last=Max("pk"))
    visits = PatrolVisit.objects.filter(hotspot__in=hotspots).aggregate(n=Count("pk"), last=Max("pk"))
    state = (designated["n"], designated["last"], visits["n"], visits["last"])
    return cached(("hotspot-programme", area.pk, since, until, *state), lambda: programme_table(area, since, until))


def programme_table(area: Area, since: date, until: date | None = None) -> Table:
    """One row per hotspot in `area` designated on or after `since` (and on or before `until`, when given, so
    a programme can be reported as at a past date without hotspots designated later), then the totals and
    the difference-in-differences estimate. Patrol hours are hours (one decimal); ASB change is a percentage."""
    hotspots = DesignatedHotspot.objects.filter(area__path__startswith=area.path, starts_on__gte=since)
    if until is not None:
        hotspots = hotspots.filter(starts_on__lte=until)
    hotspots = hotspots.select_related("area").prefetch_related("visits")
    period = f"since {since:%-d %B %Y}" + (f" to {until:%-d %B %Y}" if until else "")
    table = Table(
        "hotspot-programme",
        f"Hotspots designated {period}: patrols and ASB before and after",
        [
            Column("hotspot", "Hotspot"),
            Column("area", "Area"),
            Column("starts_on", "Designated"),
            Column("patrol_hours", "Patrol hours", True),
            Column("arrests", "Arrests", True),
            Column("stop_searches", "Stop and searches", True),
            Column("intelligence", "Intelligence reports", True),
            Column("asb_powers", "ASB powers used", True),
            Column("asb_before", "ASB before", True),
            Column("asb_after", "ASB after", True),
            Column("asb_change", "ASB % change", True, True),
        ],
    )
    totals = np.zeros(4, dtype=int)
    sums = {"patrol_hours": 0.0, "arrests": 0, "stop_searches": 0, "intelligence": 0, "asb_powers": 0}
    hotspots = list(hotspots)
    windows_of = {hotspot.pk: before_and_after(hotspot, count=False) for hotspot in hotspots}  # ASB counted below
    spans: dict[Area, tuple[date, date]] = {}
    for w in filter(None, windows_of.values()):
        first, last = spans.get(w.lpu, (w.before[0], w.after[1]))
        spans[w.lpu] = (min(first, w.before[0]), max(last, w.after[1]))
    asb_of = LpuAsb.fetch_all(spans)
    for hotspot in hotspots:
        visits = list(hotspot.visits.all())
        row = {
            "hotspot": hotspot.name,
            "area": hotspot.area.name,
            "starts_on": hotspot.starts_on.isoformat(),
            "patrol_hours": round(sum(elapsed(v.started_at, v.ended_at).total_seconds() for v in visits) / 3600, 1),
            "arrests": sum(v.arrests for v in visits),
            "stop_searches": sum(v.stop_searches for v in visits),
            "intelligence": sum(v.intelligence_submissions for v in visits),
            "asb_powers": sum(len(v.asb_powers) for v in visits),
        }
        windows = windows_of[hotspot.pk]
        counts = asb_counts(hotspot, windows, asb_of[windows.lpu]) if windows else (0, 0, 0, 0)
        totals += counts
        evaluation = difference_in_differences(*counts)
        row |= {"asb_before": counts[0], "asb_after": counts[1], "asb_change": _pct(evaluation.hotspot_change)}
        for key in sums:
            sums[key] += row[key]
        table.rows.append(row)
    overall = difference_in_differences(*(int(n) for n in totals))
    table.rows.append(
        {"hotspot": "All hotspots", "area": "", "starts_on": ""}
        | sums
        | {"patrol_hours": round(sums["patrol_hours"], 1), "asb_before": int(totals[0]), "asb_after": int(totals[1])}
        | {"asb_change": _pct(overall.hotspot_change)}
    )
    table.rows.append(
        {
            "hotspot": "Beyond the rest of their LPUs (difference in differences)",
            "asb_change": _pct(overall.effect),
        }
    )
    return table
