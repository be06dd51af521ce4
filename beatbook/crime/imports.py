"""Importing police.uk files: `do_import_source()` runs one file, all or nothing, and accounts for
every row: rows read = inserted + updated + unchanged + rejected.

- Crimes are keyed by Crime ID: new ones are inserted, changed ones updated, the rest unchanged.
- ASB, outcome and stop-and-search rows have no ID: a file replaces its force-month's rows. Rows that
  match a stored row exactly (by content fingerprint) are unchanged, new ones inserted, and stored rows
  the file no longer has are removed, so re-importing a file changes nothing.
- A file with a wrong header is refused before anything is written; an error midway rolls the whole
  file back. Either way the ImportRun row records what happened.
"""

from __future__ import annotations

import hashlib
import re
from abc import ABC, abstractmethod
from collections import defaultdict, deque
from collections.abc import Callable, Iterator
from datetime import date
from typing import IO

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from beatbook.accounts.models import User
from beatbook.areas.models import Area, Level, Lsoa
from beatbook.audit.models import Operation
from beatbook.audit.record import record_event
from beatbook.counts.refresh import refresh_counts
from beatbook.crime import loading
from beatbook.crime.importers.police_uk import (
    Batch,
    FileRefused,
    Rejection,
    identify,
    parse_batches,
    read_header,
    read_lines,
)
from beatbook.crime.models import ImportRun, ImportStatus, Incident, Kind, Outcome, Source, StopSearch
from beatbook.crime.sources import Source as FileSource

MAX_STORED_REJECTIONS = 1000
BYTES_PER_ROW_ESTIMATE = 225
Progress = Callable[[int], None]


def progress_key(run: ImportRun) -> str:
    return f"import-progress:{run.uuid}"


class _HashingLines:
    """Reads a binary stream line by line while hashing it, so the file is read only once."""

    def __init__(self, stream: IO[bytes]) -> None:
        self.stream = stream
        self.sha256 = hashlib.sha256()

    def __iter__(self) -> Iterator[bytes]:
        for line in self.stream:
            self.sha256.update(line)
            yield line


def force_code_from_name(name: str) -> str:
    """'West Yorkshire Police' → 'west-yorkshire', as police.uk names forces in its file names."""
    text = name.lower()
    for noise in ("police service of ", " police service", " constabulary", " police"):
        text = text.replace(noise, " ")
    return slugify(text.strip())


def _ensure_force(code: str, name: str, acting_user: User | None) -> Area:
    force = Area.objects.filter(code=code).first()
    if force is not None:
        if force.level != Level.FORCE:
            raise FileRefused(f"the code {code!r} belongs to {force}, not a force: rename the file or pass --force")
        return force
    force = Area.objects.create(code=code, name=name or code.replace("-", " ").title(), level=Level.FORCE, path="")
    force.path = f"/{force.pk}/"
    force.save(update_fields=["path"])
    record_event(
        actor=acting_user, operation=Operation.COLLECTION, event="force.created_by_import", obj=force, area=force
    )
    return force


LSOA_NAME = re.compile(r"^(?P<authority>.+?) \d{3}[A-Z]$")


class _LsoaIds:
    """LSOA ids by code; unknown LSOAs are created for the force, grouped by the authority in their name."""

    def __init__(self, force: Area) -> None:
        self.force = force
        self.ids: dict[str, int] = {}

    def resolve(self, pairs: set[tuple[str, str]]) -> None:
        wanted = {code: name for code, name in pairs if code and code not in self.ids}
        if not wanted:
            return
        for code, pk in Lsoa.objects.filter(code__in=list(wanted)).values_list("code", "id"):
            self.ids[code] = pk
        missing = [code for code in wanted if code not in self.ids]
        created = Lsoa.objects.bulk_create(
            [
                Lsoa(
                    code=code,
                    name=wanted[code] or code,
                    force=self.force,
                    local_authority_name=(LSOA_NAME.match(wanted[code] or "") or {"authority": ""})["authority"],
                )
                for code in missing
            ]
        )
        for lsoa in created:
            self.ids[lsoa.code] = lsoa.pk if lsoa.pk else Lsoa.objects.get(code=lsoa.code).pk


class _Replacer:
    """Multiset matching of a force-month's stored rows against a file's rows, by content fingerprint."""

    def __init__(self, pool_for_month: Callable[[date], list[tuple[str, int]]]) -> None:
        self.pool_for_month = pool_for_month
        self.pools: dict[date, dict[str, list[int]]] = {}

    def matches(self, month: date, fingerprint: str) -> bool:
        pool = self.pools.get(month)
        if pool is None:
            pool = self.pools[month] = defaultdict(list)
            for stored_fingerprint, pk in self.pool_for_month(month):
                pool[stored_fingerprint].append(pk)
        ids = pool.get(fingerprint)
        if ids:
            ids.pop()
            return True
        return False

    def leftover_ids(self) -> list[int]:
        return [pk for pool in self.pools.values() for ids in pool.values() for pk in ids]


class _Loader(ABC):
    """Shared bookkeeping; subclasses load one file kind's batches."""

    def __init__(self, force: Area, run: ImportRun) -> None:
        self.force, self.run = force, run
        self.months: set[date] = set()

    def reject(self, rejection: Rejection) -> None:
        self.run.rejected += 1
        if len(self.run.rejections) < MAX_STORED_REJECTIONS:
            self.run.rejections.append({"line": rejection.line, "reason": rejection.reason})

    def load(self, batch: Batch) -> None:
        for rejection in batch.rejections:
            self.reject(rejection)
        self.load_records(batch.records)

    @abstractmethod
    def load_records(self, records: list[tuple]) -> None:
        """Load one batch's valid records."""

    def finish(self) -> None:  # noqa: B027 - an optional hook: loaders keyed by ID have nothing to finish
        """Called once after the last batch."""


class _StreetLoader(_Loader):
    def __init__(self, force: Area, run: ImportRun) -> None:
        super().__init__(force, run)
        self.lsoas = _LsoaIds(force)
        self.seen_crime_ids: dict[str, int] = {}
        self.asb = _Replacer(
            lambda month: list(
                Incident.objects.filter(force=force, month=month, kind=Kind.ASB, source=Source.POLICE_UK).values_list(
                    "fingerprint", "id"
                )
            )
        )

    def _row(self, record: tuple, kind: str) -> list:
        (_, crime_id, month, _, lon, lat, location, lsoa_code, _, category, outcome, context, fp) = record
        return [
            self.force.pk,
            Source.POLICE_UK,
            kind,
            crime_id,
            None,
            month,
            None,
            category,
            "",
            "",
            lon,
            lat,
            location,
            lsoa_code,
            self.lsoas.ids.get(lsoa_code),
            outcome,
            context,
            False,
            False,
            fp,
            self.run.pk,
        ]

    def load_records(self, records: list[tuple]) -> None:
        self.lsoas.resolve({(r[7], r[8]) for r in records})
        crimes = [r for r in records if r[1] is not None]
        existing = loading.existing_crimes([r[1] for r in crimes])
        inserts, updates = [], []
        for record in records:
            line, crime_id, month = record[0], record[1], record[2]
            self.months.add(month)
            if record[6] is None or not record[7]:
                self.run.unlocated += 1
            if crime_id is None:
                if self.asb.matches(month, record[-1]):
                    self.run.unchanged += 1
                else:
                    inserts.append(self._row(record, Kind.ASB))
                continue
            first = self.seen_crime_ids.setdefault(crime_id, line)
            if first != line:
                self.reject(Rejection(line, f"Crime ID repeats line {first}"))
                continue
            stored = existing.get(crime_id)
            if stored is None:
                inserts.append(self._row(record, Kind.CRIME))
            elif stored[2] != self.force.pk:
                self.reject(Rejection(line, "this Crime ID was imported for another force"))
            elif stored[1] == record[-1]:
                self.run.unchanged += 1
            else:
                updates.append(self._row(record, Kind.CRIME) + [stored[0]])
        loading.insert_rows(Incident, inserts)
        loading.update_incidents(updates)
        self.run.inserted += len(inserts)
        self.run.updated += len(updates)

    def finish(self) -> None:
        leftover = self.asb.leftover_ids()
        loading.delete_ids(Incident, leftover)
        self.run.removed += len(leftover)


class _ReplacingLoader(_Loader):
    """Outcomes and stop-and-search: whole force-months replaced, matched by fingerprint."""

    model: type = Outcome

    def __init__(self, force: Area, run: ImportRun) -> None:
        super().__init__(force, run)
        self.replacer = _Replacer(
            lambda month: list(self.model.objects.filter(force=force, month=month).values_list("fingerprint", "id"))
        )

    @abstractmethod
    def to_row(self, record: tuple) -> list:
        """The record as values in the table's column order."""

    @abstractmethod
    def month_of(self, record: tuple) -> date:
        """The force-month the record belongs to."""

    def load_records(self, records: list[tuple]) -> None:
        inserts = []
        for record in records:
            month = self.month_of(record)
            self.months.add(month)
            if self.replacer.matches(month, record[-1]):
                self.run.unchanged += 1
            else:
                inserts.append(self.to_row(record))
        loading.insert_rows(self.model, inserts)
        self.run.inserted += len(inserts)

    def finish(self) -> None:
        leftover = self.replacer.leftover_ids()
        loading.delete_ids(self.model, leftover)
        self.run.removed += len(leftover)


class _OutcomesLoader(_ReplacingLoader):
    model = Outcome

    def month_of(self, record: tuple) -> date:
        return record[2]

    def to_row(self, record: tuple) -> list:
        _, crime_id, month, _, lon, lat, location, lsoa_code, outcome_type, fp = record
        return [self.force.pk, month, crime_id, outcome_type, lon, lat, location, lsoa_code, fp, self.run.pk]


class _StopSearchLoader(_ReplacingLoader):
    model = StopSearch

    def month_of(self, record: tuple) -> date:
        return record[1]

    def to_row(self, record: tuple) -> list:
        return [self.force.pk, *record[1:], self.run.pk]


class _ForceIncidentLoader(_Loader):
    """A force's export: incidents keyed by the force's own reference, inserted, updated or unchanged."""

    def __init__(self, force: Area, run: ImportRun) -> None:
        super().__init__(force, run)
        self.lsoas = _LsoaIds(force)
        self.seen: dict[str, int] = {}

    def _row(self, record: tuple) -> list:
        (
            _,
            reference,
            month,
            occurred,
            kind,
            category,
            nsir,
            nhc,
            lon,
            lat,
            location,
            lsoa_code,
            repeat_location,
            repeat_victim,
            fp,
        ) = record
        return [
            self.force.pk,
            Source.FORCE_EXPORT,
            kind,
            None,
            reference,
            month,
            occurred,
            category,
            nsir,
            nhc,
            lon,
            lat,
            location,
            lsoa_code,
            self.lsoas.ids.get(lsoa_code),
            "",
            "",
            repeat_location,
            repeat_victim,
            fp,
            self.run.pk,
        ]

    def load_records(self, records: list[tuple]) -> None:
        self.lsoas.resolve({(r[11], "") for r in records})
        existing = loading.existing_references(self.force.pk, [r[1] for r in records])
        inserts, updates = [], []
        for record in records:
            line, reference = record[0], record[1]
            first = self.seen.setdefault(reference, line)
            if first != line:
                self.reject(Rejection(line, f"reference repeats line {first}"))
                continue
            self.months.add(record[2])
            if record[8] is None or not record[11]:
                self.run.unlocated += 1
            stored = existing.get(reference)
            if stored is None:
                inserts.append(self._row(record))
            elif stored[1] == record[-1]:
                self.run.unchanged += 1
            else:
                updates.append(self._row(record) + [stored[0]])
        loading.insert_rows(Incident, inserts)
        loading.update_incidents(updates)
        self.run.inserted += len(inserts)
        self.run.updated += len(updates)


LOADERS: dict[str, type[_Loader]] = {
    "street": _StreetLoader,
    "outcomes": _OutcomesLoader,
    "stop-and-search": _StopSearchLoader,
    "force-incidents": _ForceIncidentLoader,
}


def do_import_source(
    source: FileSource,
    *,
    acting_user: User | None,
    force_code: str | None = None,
    run: ImportRun | None = None,
    progress: Progress | None = None,
    allowed_forces: list[str] | None = None,
) -> ImportRun:
    """Import one file. Returns its ImportRun, whose status says DONE, REFUSED or FAILED.

    `allowed_forces` (codes), when given, refuses files for any other force: a web upload may only
    load data for the forces its uploader may import for."""
    if run is None:
        run = ImportRun.objects.create(source_name=source.name[:255], started_by=acting_user)
    run.status = ImportStatus.RUNNING
    run.rows_total = max(1, source.size // BYTES_PER_ROW_ESTIMATE)
    run.save(update_fields=["status", "rows_total"])
    try:
        with source.open() as stream:
            hashing = _HashingLines(stream)
            _import_stream(hashing, source.name, run, acting_user, force_code, progress, allowed_forces)
            deque(hashing, maxlen=0)  # hash any unread remainder
            run.file_sha256 = hashing.sha256.hexdigest()
    except FileRefused as refusal:
        _finish(run, ImportStatus.REFUSED, error=str(refusal))
    except Exception as error:  # the file's transaction is rolled back; record why
        _finish(run, ImportStatus.FAILED, error=f"{type(error).__name__}: {error}")
        raise
    else:
        _finish(run, ImportStatus.DONE)
    return run


def _reset_counts(run: ImportRun) -> None:
    run.rows_read = run.inserted = run.updated = run.unchanged = run.rejected = run.removed = run.unlocated = 0
    run.rejections, run.months = [], []


def _import_stream(
    stream: _HashingLines,
    name: str,
    run: ImportRun,
    acting_user: User | None,
    force_code: str | None,
    progress: Progress | None,
    allowed_forces: list[str] | None,
) -> None:
    lines = read_lines(stream)
    header = read_header(lines, name)
    identity = identify(name, header)
    run.file_kind = identity.kind
    batches = parse_batches(lines, identity.kind)
    first = next(batches, None)
    code = identity.force_code or force_code  # an archive-style file name says which force; else the caller
    force_name = ""
    if first is not None and first.records and identity.kind in ("street", "outcomes"):
        force_name = first.records[0][3]
        code = code or force_code_from_name(force_name)
    if not code:
        raise FileRefused(
            f"{name}: cannot tell which force this file is for: name it like "
            "YYYY-MM-<force>-stop-and-search.csv or give the force (--force)"
        )
    if allowed_forces is not None and code not in allowed_forces:
        raise FileRefused(
            f"{name}: this file is for {force_name or code}; you can import data only for "
            f"{', '.join(allowed_forces) or 'no force'}"
        )
    with transaction.atomic():
        force = _ensure_force(code, force_name, acting_user)
        run.force = force
        loader = LOADERS[identity.kind](force, run)
        _reset_counts(run)
        for batch in _chain(first, batches):
            loader.load(batch)
            run.rows_read += batch.lines
            if progress:
                progress(run.rows_read)
            cache.set(progress_key(run), run.rows_read, timeout=3600)
        loader.finish()
        run.months = sorted(month.strftime("%Y-%m") for month in loader.months)
        run.save()
        refresh_counts(force, loader.months)  # the monthly counts commit with the incidents
        record_event(
            actor=acting_user,
            operation=Operation.COLLECTION,
            event=f"import.{identity.kind}",
            obj=run,
            area=force,
            detail={
                "inserted": run.inserted,
                "updated": run.updated,
                "removed": run.removed,
                "rejected": run.rejected,
                "months": run.months,
            },
        )


def _chain(first: Batch | None, batches: Iterator[Batch]) -> Iterator[Batch]:
    if first is not None:
        yield first
    yield from batches


def _finish(run: ImportRun, status: ImportStatus, error: str = "") -> None:
    run.status = status
    run.error = error[:5000]
    run.finished_at = timezone.now()
    if status != ImportStatus.DONE:
        _reset_counts(run)
    run.save()
    cache.delete(progress_key(run))
