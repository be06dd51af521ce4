"""Keeping the monthly counts equal to the incidents: refresh a force's months at import, rebuild all.

Every function runs in the caller's transaction, so an import's counts commit (or roll back) with its
incidents. The SQL is built only from the models' table names; values travel as parameters.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date

from django.db import connection, transaction
from django.db.models import F

from beatbook.areas.models import Area
from beatbook.counts.models import DataVersion, ForceMonthCount, LsoaKindMonthCount, LsoaMonthCount
from beatbook.crime.models import Incident

GROUPS = "force_id, month, kind, category, nsir_type, neighbourhood_crime_type"


def refresh_counts(force: Area | int, months: Iterable[date | str] | None = None) -> int:
    """Recount the force's incidents for `months` (dates or "YYYY-MM"; None: every month) into the rollups.

    Also recounts any other month of the force whose total no longer matches its incidents (a re-import
    that moved a crime to another month), so the rollups always equal a direct count for the force.
    Bumps the data version. Returns the number of months recounted."""
    force_id = force if isinstance(force, int) else force.pk
    wanted = None if months is None else {_as_month(month) for month in months}
    with transaction.atomic():
        _recount(force_id, wanted)
        # The months just recounted agree by construction, so only the others are read (every month when
        # `months` is None: nothing left to compare).
        stale = set() if wanted is None else _months_out_of_step(force_id, recounted=wanted)
        if stale:
            _recount(force_id, stale)
        bump_data_version()
    return (len(wanted) if wanted is not None else 0) + len(stale)


def rebuild_counts(force: Area | None = None) -> int:
    """Recount every month of one force (or of every force with incidents or counts). Returns the forces done."""
    if force is not None:
        refresh_counts(force)
        return 1
    force_ids = set(Incident.objects.order_by().values_list("force_id", flat=True).distinct())
    force_ids |= set(ForceMonthCount.objects.order_by().values_list("force_id", flat=True).distinct())
    for force_id in sorted(force_ids):
        refresh_counts(force_id)
    return len(force_ids)


def counts_match(force: Area) -> bool:
    """Whether the force's rollups hold a count for every month its incidents do, with the same totals."""
    return not _months_out_of_step(force.pk)


def rebuild_counts_where_stale() -> int:
    """Rebuild the forces whose rollups disagree with their incidents (cheap when they agree). Returns how many."""
    stale = [force for force in Area.objects.forces() if not counts_match(force)]
    for force in stale:
        refresh_counts(force)
    return len(stale)


# Within a request (beatbook.counts.middleware), the data version is read once: a page asks for it in
# every cached part (several a page), and one request showing one version throughout is also consistent.
_request_memo: ContextVar[dict[str, str] | None] = ContextVar("data_version_memo", default=None)


def data_version() -> str:
    """A string that changes whenever incidents or geography change (cache keys include it)."""
    memo = _request_memo.get()
    if memo and "version" in memo:
        return memo["version"]
    row = DataVersion.objects.first()
    if row is None:
        row = DataVersion.objects.create(token=secrets.token_hex(8))
    if memo is not None:
        memo["version"] = str(row)
    return str(row)


def bump_data_version() -> None:
    """A new version, never one seen before: a fresh token as well as the next number, so a bump rolled back
    with its transaction (a failed import or geography load) and the next one that commits never share a
    version, and nothing computed or held inside the rolled-back one (beatbook.counts.cache,
    beatbook.counts.area_memo) passes for current."""
    if not DataVersion.objects.update(number=F("number") + 1, token=secrets.token_hex(8)):
        DataVersion.objects.create(token=secrets.token_hex(8), number=1)
    memo = _request_memo.get()
    if memo is not None:
        memo.clear()


@contextmanager
def data_version_read_once() -> Iterator[None]:
    """Within the block, `data_version()` reads the database once (until `bump_data_version()`)."""
    token = _request_memo.set({})
    try:
        yield
    finally:
        _request_memo.reset(token)


def _as_month(month: date | str) -> date:
    if isinstance(month, date):
        return month.replace(day=1)
    year, number = str(month)[:7].split("-")
    return date(int(year), int(number), 1)


def _recount(force_id: int, months: set[date] | None) -> None:
    incident = Incident._meta.db_table
    where, params = "force_id = %s", [force_id]
    if months is not None:
        if not months:
            return
        where += f" AND month IN ({', '.join(['%s'] * len(months))})"
        params += sorted(months)
    lsoa_counts, force_counts = LsoaMonthCount._meta.db_table, ForceMonthCount._meta.db_table
    kind_counts = LsoaKindMonthCount._meta.db_table
    with connection.cursor() as cursor:
        for table in (lsoa_counts, force_counts, kind_counts):
            cursor.execute(f"DELETE FROM {table} WHERE {where}", params)  # noqa: S608 - see the module docstring
        cursor.execute(
            f"INSERT INTO {lsoa_counts} ({GROUPS}, lsoa_id, n) "  # noqa: S608
            f"SELECT {GROUPS}, lsoa_id, COUNT(*) FROM {incident} WHERE {where} GROUP BY {GROUPS}, lsoa_id",
            params,
        )
        # The force's counts are the LSOA counts summed (NULL LSOA included): a pass over a few thousand
        # count rows instead of a second one over the months' incidents (half an import's recount time).
        cursor.execute(
            f"INSERT INTO {force_counts} ({GROUPS}, n) "  # noqa: S608
            f"SELECT {GROUPS}, SUM(n) FROM {lsoa_counts} WHERE {where} GROUP BY {GROUPS}",
            params,
        )
        cursor.execute(
            f"INSERT INTO {kind_counts} (force_id, lsoa_id, month, kind, n) "  # noqa: S608
            f"SELECT force_id, lsoa_id, month, kind, SUM(n) FROM {lsoa_counts} WHERE {where} "
            "GROUP BY force_id, lsoa_id, month, kind",
            params,
        )


def _months_out_of_step(force_id: int, recounted: set[date] | None = None) -> set[date]:
    """The force's months whose rollup total differs from its incidents' count, besides `recounted`."""
    where, params = "force_id = %s", [force_id]
    if recounted:
        where += f" AND month NOT IN ({', '.join(['%s'] * len(recounted))})"
        params += sorted(recounted)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT month, COUNT(*) FROM {Incident._meta.db_table} WHERE {where} GROUP BY month",  # noqa: S608
            params,
        )
        counted = {_as_month(month): n for month, n in cursor.fetchall()}
        cursor.execute(
            f"SELECT month, SUM(n) FROM {ForceMonthCount._meta.db_table} WHERE {where} GROUP BY month",  # noqa: S608
            params,
        )
        rolled = {_as_month(month): n for month, n in cursor.fetchall()}
    return {month for month in counted.keys() | rolled.keys() if counted.get(month) != rolled.get(month)}
