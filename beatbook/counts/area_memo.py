"""Areas by code and by id, read from the database once per data version in each process.

Nearly every signed-in page starts by finding its area from the URL, and public pages climb its ancestors
for breadcrumbs and contacts: without this, one or two queries a request, which at hundreds of requests a
second were a tenth of the server's work. It is safe to keep them between requests because every write
to an area changes the data version (`Area.save()` and deletes through beatbook.counts.signals, bulk
writes through beatbook.areas.actions), and the version is read fresh at the start of each request
(beatbook.counts.middleware). A process that sees a new version forgets everything it held.

Callers get their own `Area` instance each time (built from the held column values), so a caller that
changes or caches something on one cannot reach another request.

Other things derived from the areas and their outlines ride on the same version and lock (`held_for_version`,
e.g. the outline index of beatbook.maps.locate), so there is one memo to reason about and to forget.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from typing import TypeVar

from beatbook.areas.models import Area
from beatbook.counts.refresh import data_version

_COLUMNS = [field.attname for field in Area._meta.concrete_fields]
_lock = threading.Lock()
_held: dict = {"version": None, "by_code": {}, "by_id": {}, "built": {}}
T = TypeVar("T")


def _start(version: str) -> None:
    """Forget what was held for another version (call with the lock held)."""
    if _held["version"] != version:
        _held.update(version=version, by_code={}, by_id={}, built={})


def _rows_for(version: str) -> tuple[dict[str, tuple], dict[int, tuple]]:
    with _lock:
        _start(version)
        return _held["by_code"], _held["by_id"]


def held_for_version(name: str, build: Callable[[], T]) -> T:
    """`build()`'s result, built once per data version in this process and shared by its threads: only for
    values read-only to their callers and wholly derived from data that bumps the version when it changes.

    `build` runs outside the lock (it reads the database), so two threads may both build at a new version;
    the first to finish is kept. A value built while the version moved on is still returned to its caller
    (read under the version it started with, like any query) but not kept for the new version."""
    version = data_version()
    with _lock:
        _start(version)
        if name in _held["built"]:
            return _held["built"][name]
    value = build()
    with _lock:
        if _held["version"] == version:
            return _held["built"].setdefault(name, value)
    return value


def _remember(by_code: dict, by_id: dict, rows: Iterable[tuple]) -> None:
    code_at, id_at = _COLUMNS.index("code"), _COLUMNS.index("id")
    for row in rows:
        by_code[row[code_at]] = row
        by_id[row[id_at]] = row


def _area(row: tuple) -> Area:
    return Area.from_db("default", _COLUMNS, row)


def area_by_code(code: str) -> Area | None:
    """The area with this code (a fresh instance), or None; unknown codes are not held, so a stream of
    made-up codes cannot grow the memo."""
    by_code, by_id = _rows_for(data_version())
    row = by_code.get(code)
    if row is None:
        _remember(by_code, by_id, Area.objects.filter(code=code).values_list(*_COLUMNS))
        row = by_code.get(code)
    return None if row is None else _area(row)


def areas_by_id(ids: list[int]) -> dict[int, Area]:
    """{id: area} for those of `ids` that exist (fresh instances)."""
    by_code, by_id = _rows_for(data_version())
    missing = [pk for pk in ids if pk not in by_id]
    if missing:
        _remember(by_code, by_id, Area.objects.filter(pk__in=missing).values_list(*_COLUMNS))
    return {pk: _area(by_id[pk]) for pk in ids if pk in by_id}


def forget_areas() -> None:
    """Drop everything held, `held_for_version` values too (tests: a rolled-back test's data version can recur
    in the next)."""
    with _lock:
        _held.update(version=None, by_code={}, by_id={}, built={})
