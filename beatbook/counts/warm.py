"""Warming the page caches after an import, on the job queue, so nobody waits for the first request.

An import's commit changes the data version, which empties every cached page of every area (see
`beatbook.counts.cache`). `warm_after_commit(force)` queues one `warm_pages` job per force for when the
caller's transaction commits; a `beatbook worker` process runs it (never a web process) and computes the
default view of the pages people open first: the crime page (and so its CSV/JSON twins) and the hotspot
page (and its map's JSON) of the force, each division and each LPU; and it rebuilds the force's public search
names, so the streets a police.uk import brings are found by "your area".

A job remembers the data version it was queued at. When it runs after a later import or geography change
it does nothing: that change queued (or will be followed by) a job of its own, so a zip of sixty monthly
files is warmed once, after its last file, not sixty times.
"""

from __future__ import annotations

import logging
import time
from functools import partial

from django.db import connection, transaction

from beatbook.areas.models import Area, Level
from beatbook.counts.refresh import data_version

log = logging.getLogger(__name__)

# The levels warmed: a neighbourhood's page reads a few LSOAs' counts and is fast even when cold.
WARMED_LEVELS = (Level.FORCE, Level.DIVISION, Level.LPU)


def areas_to_warm(force: Area) -> list[Area]:
    """The force, then its divisions and LPUs (by path, so parents come first)."""
    return list(Area.objects.filter(path__startswith=force.path, level__in=WARMED_LEVELS).order_by("path"))


def warm_area(area: Area) -> None:
    """Compute (into the cache) the default view of the area's crime and hotspot pages."""
    from beatbook.crime.views import build_area_report, cached_offence_group_tables
    from beatbook.hotspots.views import warm_hotspot_page

    build_area_report(area, None)
    cached_offence_group_tables(area, {})
    warm_hotspot_page(area)


def warm_force(force: Area, version: str | None = None) -> dict:
    """Rebuild the force's public search names (an import brings new "On or near" streets), then warm every
    page of `areas_to_warm(force)`; nothing if the data version is no longer `version` (None: whatever the
    version). Returns {"areas": n, "place_names": n, "seconds": s} or {"skipped": reason}."""
    from beatbook.public.places import do_refresh_place_names  # public builds on counts, not the reverse

    if version is not None and data_version() != version:
        return {"skipped": "the data changed since this job was queued; a later job warms the new version"}
    started = time.perf_counter()
    refresh_planner_statistics()
    place_names = do_refresh_place_names(force)
    areas = areas_to_warm(force)
    for area in areas:
        warm_area(area)
    seconds = round(time.perf_counter() - started, 2)
    log.info("warmed %s pages of %s in %s s", len(areas), force.code, seconds)
    return {"areas": len(areas), "place_names": place_names, "seconds": seconds}


def refresh_planner_statistics() -> None:
    """ANALYZE the tables an import writes, so the warming queries (and the pages after them) are planned on
    today's row counts. PostgreSQL: autovacuum gets there on its own schedule, or never where it is off; on a
    freshly loaded table the planner guessed 150 rows for 34,010, and one ANALYZE took the cold force hotspot
    page from 251 to 171 ms. ANALYZE samples, so it takes well under a second at national scale. A role that
    does not own the tables (the app role of docs/deployment.md) gets a warning and nothing changes; the
    owner's autovacuum then does it. SQLite keeps no statistics until told to (sqlite_stat1): without them it
    read a neighbourhood's offence codes through the force-and-month index (300 ms) rather than its LSOAs'
    (36 ms at 2.5M incidents). Its ANALYZE reads whole tables, about a second at that size, on the worker."""
    from beatbook.counts.models import ForceMonthCount, LsoaKindMonthCount, LsoaMonthCount
    from beatbook.crime.models import Incident

    tables = [model._meta.db_table for model in (Incident, ForceMonthCount, LsoaMonthCount, LsoaKindMonthCount)]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ANALYZE " + ", ".join(connection.ops.quote_name(table) for table in tables))
        elif connection.vendor == "sqlite":  # one table a statement
            for table in tables:
                cursor.execute("ANALYZE " + connection.ops.quote_name(table))


def enqueue_warming(force: Area | int) -> None:
    """Queue a job warming the force's pages at the current data version (see the module docstring)."""
    from beatbook.counts.tasks import warm_pages  # the task module imports this one

    warm_pages.enqueue(force if isinstance(force, int) else force.pk, data_version())


def warm_after_commit(force: Area | int) -> None:
    """`enqueue_warming(force)` once the caller's transaction commits (at once outside one); nothing if it
    rolls back."""
    transaction.on_commit(partial(enqueue_warming, force))
