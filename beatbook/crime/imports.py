"""Importing police.uk files: `do_import_source()` runs one file, all or nothing, and accounts for
every row: rows read = inserted + updated + unchanged + rejected.

What a file stands for, and so what it replaces, is decided here; how each kind is loaded is in
`loaders`. A street, outcomes or stop-and-search file stands for one force and one month, both from its
archive-style name (`2019-07-west-yorkshire-stop-and-search.csv`) when it has one, else from its rows: a
street or outcomes file without such a name is split by each row's `Falls within`, and a stop-and-search
file (whose rows do not name the force) takes the force the caller gives. Importing replaces exactly the
force-months of that kind the file stands for (see `loaders`).

A file with a wrong header is refused before anything is written; an error midway rolls the whole file
back. Either way the ImportRun row records what happened, and it never stays `running`.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Iterator

from django.core.cache import cache
from django.db import OperationalError, transaction
from django.utils import timezone

from beatbook.accounts.models import User
from beatbook.areas.models import Area, Level
from beatbook.audit.models import Operation
from beatbook.audit.record import record_event
from beatbook.counts.refresh import refresh_counts
from beatbook.counts.warm import warm_after_commit
from beatbook.crime import loading
from beatbook.crime.forces import FORCE_IDS, FORCE_NAMES
from beatbook.crime.importers.police_uk import (
    Batch,
    FileIdentity,
    FileRefused,
    LineReader,
    Rejection,
    RowContext,
    identify,
    parse_batches,
    read_header,
    read_lines,
)
from beatbook.crime.loaders import FORCE_IN_ROWS, LOADERS, Loader, reject
from beatbook.crime.models import ImportRun, ImportStatus
from beatbook.crime.sources import Source as FileSource

BYTES_PER_ROW_ESTIMATE = 225
Progress = Callable[[int], None]


def progress_key(run: ImportRun) -> str:
    return f"import-progress:{run.uuid}"


def _ensure_force(code: str, acting_user: User | None) -> Area:
    """The force Area with this police.uk id (created, with police.uk's name, the first time)."""
    force = Area.objects.filter(code=code).first()
    if force is not None:
        if force.level != Level.FORCE:
            raise FileRefused(f"the code {code!r} belongs to {force}, not a force: rename the file or pass --force")
        return force
    if code not in FORCE_NAMES:
        raise FileRefused(f"{code!r} is not a police.uk force id; the ids are: {', '.join(FORCE_IDS)}")
    force = Area.objects.create(code=code, name=FORCE_NAMES[code], level=Level.FORCE, path="")
    force.path = f"/{force.pk}/"
    force.save(update_fields=["path"])
    record_event(
        actor=acting_user, operation=Operation.COLLECTION, event="force.created_by_import", obj=force, area=force
    )
    return force


def _known_force(code: str) -> bool:
    return code in FORCE_NAMES or Area.objects.filter(code=code, level=Level.FORCE).exists()


class _FileLoader:
    """Sends each batch's records to the loader of their force, creating loaders (and forces) as met."""

    def __init__(
        self,
        identity: FileIdentity,
        force_code: str | None,
        run: ImportRun,
        acting_user: User | None,
        allowed_forces: list[str] | None,
    ) -> None:
        self.identity, self.run, self.acting_user, self.allowed = identity, run, acting_user, allowed_forces
        self.loaders: dict[str, Loader] = {}
        self.split = identity.kind in FORCE_IN_ROWS and identity.force_code is None
        if not self.split:
            self.loader_for(identity.force_code or force_code or "")

    def loader_for(self, code: str) -> Loader:
        loader = self.loaders.get(code)
        if loader is None:
            force = _ensure_force(code, self.acting_user)
            if not self.loaders:
                self.run.force = force  # a split file's run is filed under its first force
            loader = self.loaders[code] = LOADERS[self.identity.kind](force, self.run, self.identity.month)
        return loader

    def load(self, batch: Batch) -> None:
        for rejection in batch.rejections:
            reject(self.run, rejection)
        if not self.split:
            next(iter(self.loaders.values())).load_records(batch.records)
            return
        by_force: dict[str, list[tuple]] = {}
        for record in batch.records:
            by_force.setdefault(record[3], []).append(record)
        for code, records in by_force.items():
            if self.allowed is not None and code not in self.allowed:
                for record in records:
                    reject(self.run, Rejection(record[0], f"you can import data only for {', '.join(self.allowed)}"))
                continue
            self.loader_for(code).load_records(records)
            self.run.forces[code] = self.run.forces.get(code, 0) + len(records)

    def finish(self) -> list[Loader]:
        for loader in self.loaders.values():
            loader.finish()
        return list(self.loaders.values())


def do_import_source(
    source: FileSource,
    *,
    acting_user: User | None,
    force_code: str | None = None,
    run: ImportRun | None = None,
    progress: Progress | None = None,
    allowed_forces: list[str] | None = None,
) -> ImportRun:
    """Import one file. Returns its ImportRun, whose status says DONE, REFUSED or FAILED (never RUNNING).

    `force_code` is the force for files whose rows do not name it (stop and search, force exports) and
    whose name does not say. `allowed_forces` (codes), when given, refuses files — and rejects rows of a
    split file — for any other force: a web upload may only load data for its uploader's forces.
    Raises what made the import fail, after recording it on the run."""
    if run is None:
        run = ImportRun.objects.create(source_name=source.name[:255], started_by=acting_user)
    run.status = ImportStatus.RUNNING
    run.started_at = timezone.now()
    run.rows_total = max(1, source.size // BYTES_PER_ROW_ESTIMATE)
    run.save(update_fields=["status", "started_at", "rows_total"])
    try:
        with source.open() as stream:
            sha256 = hashlib.sha256()
            _import_stream(
                read_lines(stream, sha256), source.name, run, acting_user, force_code, progress, allowed_forces
            )
            run.file_sha256 = sha256.hexdigest()
    except FileRefused as refusal:
        _finish(run, ImportStatus.REFUSED, error=str(refusal))
    except Exception as error:  # the file's transaction is rolled back; record why
        _record_failure(run, f"{type(error).__name__}: {error}")
        raise
    else:
        _finish(run, ImportStatus.DONE)
    return run


def _reset_counts(run: ImportRun) -> None:
    run.rows_read = run.inserted = run.updated = run.unchanged = run.rejected = run.removed = run.unlocated = 0
    run.unassigned = 0
    run.rejections, run.months, run.forces = [], [], {}


def _import_stream(
    lines: LineReader,
    name: str,
    run: ImportRun,
    acting_user: User | None,
    force_code: str | None,
    progress: Progress | None,
    allowed_forces: list[str] | None,
) -> None:
    header = read_header(lines, name)
    identity = identify(name, header)
    run.file_kind = identity.kind
    code = identity.force_code or (None if identity.kind in FORCE_IN_ROWS else force_code)
    if code is None and identity.kind not in FORCE_IN_ROWS:
        raise FileRefused(
            f"{name}: cannot tell which force this file is for: name it like "
            "YYYY-MM-<force>-stop-and-search.csv or give the force (--force)"
        )
    if code is not None and not _known_force(code):
        raise FileRefused(f"{name}: {code!r} is not a police.uk force id; the ids are: {', '.join(FORCE_IDS)}")
    if code is not None and allowed_forces is not None and code not in allowed_forces:
        raise FileRefused(
            f"{name}: this file is for {code}; you can import data only for {', '.join(allowed_forces) or 'no force'}"
        )
    context = RowContext(identity.month, identity.force_code, identity.optional)
    batches = parse_batches(lines, identity.kind, context=context, header=",".join(header))
    try:
        with loading.bulk_writing(), transaction.atomic():
            _load_file(batches, lines, identity, code, run, acting_user, allowed_forces, progress, name)
    except _EveryRowRejected:
        _report_every_row_rejected(run, lines, identity.kind, acting_user)


class _EveryRowRejected(Exception):
    """Every row of a file that had rows was rejected: undo the file's writes, keep its report."""


def _load_file(  # noqa: PLR0913 - _import_stream's own state, passed on
    batches: Iterator[Batch],
    lines: LineReader,
    identity: FileIdentity,
    code: str | None,
    run: ImportRun,
    acting_user: User | None,
    allowed_forces: list[str] | None,
    progress: Progress | None,
    name: str,
) -> None:
    """Load the file's rows inside the caller's transaction. Raises _EveryRowRejected when rows were read and
    none was accepted (the caller rolls back), FileRefused for a file with no rows and no force-month."""
    _reset_counts(run)
    loader = _FileLoader(identity, code, run, acting_user, allowed_forces)
    for batch in batches:
        loader.load(batch)
        run.rows_read += batch.lines
        if progress:
            progress(run.rows_read)
        cache.set(progress_key(run), run.rows_read, timeout=3600)
    loaders = loader.finish()
    run.months = sorted({month.strftime("%Y-%m") for each in loaders for month in each.months})
    # A file none of whose rows could be read must not empty the force-months it names, as a loader replaces
    # them (QA 17s: "Nothing was imported" while the month's stored crimes were removed): roll it all back.
    if run.rejected and not (run.inserted or run.updated or run.unchanged):
        raise _EveryRowRejected
    # Only a file with no rows at all and no force-month in its name is refused as unreadable.
    if not loaders and not run.rejected:
        raise FileRefused(
            f"{name}: the file has no rows and its name does not say which force and month it is for: "
            "name it like YYYY-MM-<force>-street.csv"
        )
    run.warnings = lines.warnings()
    run.save()
    for each in loaders:  # the monthly counts commit with the incidents
        refresh_counts(each.force, each.months)
        warm_after_commit(each.force)  # the pages' caches, by a worker once the import commits
    record_event(
        actor=acting_user,
        operation=Operation.COLLECTION,
        event=f"import.{identity.kind}",
        obj=run,
        area=run.force,
        detail={
            "inserted": run.inserted,
            "updated": run.updated,
            "removed": run.removed,
            "rejected": run.rejected,
            "months": run.months,
            "forces": sorted(loader.loaders),
        },
    )


def _report_every_row_rejected(run: ImportRun, lines: LineReader, kind: str, acting_user: User | None) -> None:
    """After the rollback: the run keeps its rows read, rejected lines and reasons (the report shows them in
    red), with nothing inserted, updated or removed."""
    kept = run.rows_read, run.rejected, run.rejections, run.months
    _reset_counts(run)
    run.rows_read, run.rejected, run.rejections, run.months = kept
    run.warnings = lines.warnings()
    if run.force_id is not None and not Area.objects.filter(pk=run.force_id).exists():
        run.force = None  # a force this import created was rolled back with it
    run.save()
    detail = {"inserted": 0, "updated": 0, "removed": 0, "rejected": run.rejected, "months": run.months}
    record_event(
        actor=acting_user, operation=Operation.COLLECTION, event=f"import.{kind}", obj=run, area=run.force,
        detail=detail,
    )  # fmt: skip


def _record_failure(run: ImportRun, error: str, waits: tuple[float, ...] = (0.2, 0.5, 1, 2, 4)) -> None:
    """Mark the run FAILED with `error`. What failed the import may be a lock another import holds (SQLite
    answers "database table is locked" at once, without waiting), and writing the failure can meet the same
    lock: try again after each of `waits` (seconds) rather than leave the run RUNNING until the reaper."""
    for wait in (*waits, None):
        try:
            _finish(run, ImportStatus.FAILED, error=error)
            return
        except OperationalError:
            if wait is None:
                raise
            time.sleep(wait)


def _finish(run: ImportRun, status: ImportStatus, error: str = "") -> None:
    run.status = status
    run.error = error[:5000]
    run.finished_at = timezone.now()
    if status != ImportStatus.DONE:
        _reset_counts(run)
        if run.force_id is not None and not Area.objects.filter(pk=run.force_id).exists():
            run.force = None  # the force this import created was rolled back with it
    run.save()
    cache.delete(progress_key(run))
