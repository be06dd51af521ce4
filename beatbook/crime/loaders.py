"""Loading one file kind's parsed records for one force into the database, a force-month at a time.

A force-month of one kind (street crimes and ASB, outcomes, or stop and search) is the unit of truth: a
loader replaces each force-month it touches — the file's month when its name gives one (so a header-only
file empties it), else the months its rows name — and nothing else. Before it reads a force-month's stored
rows it takes that force-month's database lock (`locks.lock_force_month`), so two imports of the same
force-month run one after the other and never both insert.

- Crimes are keyed by Crime ID: new ones inserted, changed ones updated, the rest unchanged; crimes the
  force-month holds that the file no longer has are removed.
- ASB, outcome and stop-and-search rows have no ID: stored rows are matched to the file's by content
  fingerprint (a multiset), so unchanged rows stay, new ones are inserted and the rest removed.
"""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from collections import Counter, defaultdict
from datetime import date

from django.db import IntegrityError, transaction

from beatbook.areas.models import Area, Lsoa
from beatbook.crime import loading
from beatbook.crime.importers.police_uk import Batch, Rejection
from beatbook.crime.locks import lock_force_month
from beatbook.crime.models import ImportRun, Incident, Kind, Outcome, Source, StopSearch

MAX_STORED_REJECTIONS = 1000
LSOA_NAME = re.compile(r"^(?P<authority>.+?) \d{3}[A-Z]$")


def reject(run: ImportRun, rejection: Rejection) -> None:
    run.rejected += 1
    if len(run.rejections) < MAX_STORED_REJECTIONS:
        run.rejections.append({"line": rejection.line, "reason": rejection.reason})


class _LsoaIds:
    """LSOA ids by code; unknown LSOAs are created for the force, grouped by the authority in their name.
    `outside` holds the codes in none of the force's neighbourhoods ("unassigned" for it)."""

    def __init__(self, force: Area) -> None:
        self.force = force
        self.ids: dict[str, int] = {}
        self.outside: set[str] = set()

    def resolve(self, pairs: set[tuple[str, str]]) -> None:
        wanted = {code: name for code, name in pairs if code and code not in self.ids}
        if not wanted:
            return
        stored = Lsoa.objects.filter(code__in=list(wanted)).values_list("code", "id", "neighbourhood__path")
        for code, pk, path in stored:
            self.ids[code] = pk
            if not (path or "").startswith(self.force.path):
                self.outside.add(code)
        missing = [code for code in wanted if code not in self.ids]
        self.outside.update(missing)
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

    def __init__(self, model: type, force: Area, **where: object) -> None:
        self.model, self.force, self.where = model, force, where
        self.pools: dict[date, dict[str, list[int]]] = {}

    def pool(self, month: date) -> dict[str, list[int]]:
        pool = self.pools.get(month)
        if pool is None:
            pool = self.pools[month] = defaultdict(list)
            rows = self.model.objects.filter(force=self.force, month=month, **self.where).values_list(
                "fingerprint", "id"
            )
            for stored_fingerprint, pk in rows:
                pool[stored_fingerprint].append(pk)
        return pool

    def matches(self, month: date, fingerprint: str) -> bool:
        pool = self.pools.get(month)
        ids = (pool if pool is not None else self.pool(month)).get(fingerprint)
        if ids:
            ids.pop()
            return True
        return False

    def leftover_ids(self, months: set[date]) -> list[int]:
        return [pk for month in months for ids in self.pool(month).values() for pk in ids]


class Loader(ABC):
    """Shared bookkeeping; subclasses load one file kind's records for one force."""

    lock_kind = ""

    def __init__(self, force: Area, run: ImportRun, month: date | None = None) -> None:
        self.force, self.run = force, run
        self.force_pk, self.run_pk = force.pk, run.pk  # read per row: plain attributes, not properties
        self.months: set[date] = set()
        if month is not None:
            self.touch(month)

    def touch(self, month: date) -> None:
        """The first time a force-month is met: lock it, then remember it for replacing."""
        if month not in self.months:
            lock_force_month(self.force.pk, month, self.lock_kind)
            self.months.add(month)

    def load(self, batch: Batch) -> None:
        for rejection in batch.rejections:
            reject(self.run, rejection)
        self.load_records(batch.records)

    @abstractmethod
    def load_records(self, records: list[tuple]) -> None:
        """Load one batch's valid records."""

    def finish(self) -> None:  # noqa: B027 - an optional hook
        """Called once after the last batch."""


class StreetLoader(Loader):
    lock_kind = "street"

    def __init__(self, force: Area, run: ImportRun, month: date | None = None) -> None:
        self.lsoas = _LsoaIds(force)
        self.seen_crime_ids: dict[str, int] = {}
        self.crimes_by_month: Counter[date] = Counter()
        self.asb = _Replacer(Incident, force, kind=Kind.ASB, source=Source.POLICE_UK)
        # While every force-month met so far was empty, the file's crimes are almost surely new: insert them
        # without looking each Crime ID up, and fall back to looking up if the database says one exists.
        self.optimistic = True
        super().__init__(force, run, month)

    def touch(self, month: date) -> None:
        if month not in self.months:
            super().touch(month)
            if (
                self.optimistic
                and Incident.objects.filter(force=self.force, month=month, source=Source.POLICE_UK).exists()
            ):
                self.optimistic = False

    def _row(self, record: tuple, kind: str) -> list:
        (_, crime_id, month, _, lon, lat, location, lsoa_code, _, category, outcome, context, fp) = record
        return [
            self.force_pk,
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
            self.run_pk,
            "",
        ]

    def load_records(self, records: list[tuple]) -> None:
        for month in {r[2] for r in records}:
            self.touch(month)
        self.lsoas.resolve({(r[7], r[8]) for r in records})
        if self.optimistic:
            before = self._counters()
            try:
                with transaction.atomic():  # a savepoint: a Crime ID already stored undoes this batch only
                    self._load(records, {})
                return
            except IntegrityError:
                self._restore(before, records)
                self.optimistic = False
        self._load(records, loading.existing_crimes([r[1] for r in records if r[1] is not None]))

    def _counters(self) -> tuple:
        run = self.run
        return (
            run.rejected,
            len(run.rejections),
            run.unchanged,
            run.unlocated,
            run.unassigned,
            self.crimes_by_month.copy(),
        )

    def _restore(self, counters: tuple, records: list[tuple]) -> None:
        run = self.run
        run.rejected, kept, run.unchanged, run.unlocated, run.unassigned, self.crimes_by_month = counters
        del run.rejections[kept:]
        lines = {record[0] for record in records}
        for crime_id in [c for c, line in self.seen_crime_ids.items() if line in lines]:
            del self.seen_crime_ids[crime_id]

    def _load(self, records: list[tuple], existing: dict[str, tuple[int, str, int]]) -> None:
        inserts, updates = [], []
        for record in records:
            line, crime_id, month = record[0], record[1], record[2]
            if crime_id is None:
                self._count_place(record)
                if self.asb.matches(month, record[-1]):
                    self.run.unchanged += 1
                else:
                    inserts.append(self._row(record, Kind.ASB))
                continue
            first = self.seen_crime_ids.setdefault(crime_id, line)
            if first != line:
                reject(self.run, Rejection(line, f"Crime ID repeats line {first}"))
                continue
            stored = existing.get(crime_id)
            if stored is not None and stored[2] != self.force_pk:
                del self.seen_crime_ids[crime_id]
                reject(self.run, Rejection(line, "this Crime ID was imported for another force"))
                continue
            self.crimes_by_month[month] += 1
            self._count_place(record)
            if stored is None:
                inserts.append(self._row(record, Kind.CRIME))
            elif stored[1] == record[-1]:
                self.run.unchanged += 1
            else:
                updates.append(self._row(record, Kind.CRIME) + [stored[0]])
        loading.insert_rows(Incident, inserts)
        loading.update_incidents(updates)
        self.run.inserted += len(inserts)
        self.run.updated += len(updates)

    def _count_place(self, record: tuple) -> None:
        if record[4] is None or not record[7]:
            self.run.unlocated += 1
        elif record[7] in self.lsoas.outside:
            # The force-month holds exactly the file's rows once imported, so counting them here counts
            # the force-month's unassigned incidents.
            self.run.unassigned += 1

    def finish(self) -> None:
        gone = []
        for month in self.months:
            crimes = Incident.objects.filter(force=self.force, month=month, kind=Kind.CRIME, source=Source.POLICE_UK)
            if crimes.count() == self.crimes_by_month[month]:
                continue  # every stored crime of the month is one of the file's: nothing to remove
            gone += [pk for pk, crime_id in crimes.values_list("id", "crime_id") if crime_id not in self.seen_crime_ids]
        gone += self.asb.leftover_ids(self.months)
        loading.delete_ids(Incident, gone)
        self.run.removed += len(gone)


class _ReplacingLoader(Loader):
    """Outcomes and stop-and-search: whole force-months replaced, matched by fingerprint."""

    model: type = Outcome

    def __init__(self, force: Area, run: ImportRun, month: date | None = None) -> None:
        self.replacer = _Replacer(self.model, force)
        super().__init__(force, run, month)

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
            self.touch(month)
            if self.replacer.matches(month, record[-1]):
                self.run.unchanged += 1
            else:
                inserts.append(self.to_row(record))
        loading.insert_rows(self.model, inserts)
        self.run.inserted += len(inserts)

    def finish(self) -> None:
        leftover = self.replacer.leftover_ids(self.months)
        loading.delete_ids(self.model, leftover)
        self.run.removed += len(leftover)


class OutcomesLoader(_ReplacingLoader):
    model = Outcome
    lock_kind = "outcomes"

    def month_of(self, record: tuple) -> date:
        return record[2]

    def to_row(self, record: tuple) -> list:
        _, crime_id, month, _, lon, lat, location, lsoa_code, outcome_type, fp = record
        return [self.force_pk, month, crime_id, outcome_type, lon, lat, location, lsoa_code, fp, self.run_pk]


class StopSearchLoader(_ReplacingLoader):
    model = StopSearch
    lock_kind = "stop-and-search"

    def month_of(self, record: tuple) -> date:
        return record[1]

    def to_row(self, record: tuple) -> list:
        return [self.force_pk, *record[1:], self.run_pk]


class ForceIncidentLoader(Loader):
    """A force's export: incidents keyed by the force's own reference, inserted, updated or unchanged."""

    lock_kind = "force-incidents"

    def __init__(self, force: Area, run: ImportRun, month: date | None = None) -> None:
        super().__init__(force, run, month)
        self.lsoas = _LsoaIds(force)
        self.seen: dict[str, int] = {}

    def touch(self, month: date) -> None:
        self.months.add(month)  # keyed by reference, not replaced by month: nothing to lock per month

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
            offence_code,
            _detail,
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
            offence_code,
        ]

    def load_records(self, records: list[tuple]) -> None:
        self.lsoas.resolve({(r[11], "") for r in records})
        existing = loading.existing_references(self.force.pk, [r[1] for r in records])
        inserts, updates, details = [], [], {}
        for record in records:
            line, reference = record[0], record[1]
            first = self.seen.setdefault(reference, line)
            if first != line:
                reject(self.run, Rejection(line, f"reference repeats line {first}"))
                continue
            self.touch(record[2])
            if record[8] is None or not record[11]:
                self.run.unlocated += 1
            stored = existing.get(reference)
            if stored is not None and stored[1] == record[-1]:
                self.run.unchanged += 1
                continue
            if stored is None:
                inserts.append(self._row(record))
            else:
                updates.append(self._row(record) + [stored[0]])
            if record[-2] is not None:
                details[reference] = record[-2]
        loading.insert_rows(Incident, inserts)
        loading.update_incidents(updates)
        self.run.inserted += len(inserts)
        self.run.updated += len(updates)
        if details:
            ids = loading.existing_references(self.force.pk, list(details))
            write_crime_details({ids[reference][0]: detail for reference, detail in details.items()})


def write_crime_details(details: dict[int, dict[str, object]]) -> None:
    """Set the given CrimeDetail fields of each incident ({incident id: {field: value}}): the columns a
    force export has replace the stored values, the others are kept; a detail left all empty is deleted."""
    from beatbook.outcomes.models import CrimeDetail  # outcomes builds on crime's models

    ids = list(details)
    stored = {  # in chunks: a batch's ids would pass SQLite's older 999-parameter limit
        row.incident_id: row
        for start in range(0, len(ids), loading.CHUNK)
        for row in CrimeDetail.objects.filter(incident_id__in=ids[start : start + loading.CHUNK])
    }
    creates, updates, empty = [], [], []
    for incident_id, values in details.items():
        row = stored.get(incident_id) or CrimeDetail(incident_id=incident_id)
        for field, value in values.items():
            setattr(row, field, value)
        blank = not row.outcome_type and not row.premises and row.attended is None and row.csi_attended is None
        if row.pk is None:
            if not blank:
                creates.append(row)
        elif blank:
            empty.append(row.pk)
        else:
            updates.append(row)
    CrimeDetail.objects.bulk_create(creates, batch_size=2000)
    CrimeDetail.objects.bulk_update(updates, ["outcome_type", "premises", "attended", "csi_attended"], batch_size=2000)
    loading.delete_ids(CrimeDetail, empty)


LOADERS: dict[str, type[Loader]] = {
    "street": StreetLoader,
    "outcomes": OutcomesLoader,
    "stop-and-search": StopSearchLoader,
    "force-incidents": ForceIncidentLoader,
}
# Kinds whose rows name their force (Falls within); the others take it from the file name or the caller.
FORCE_IN_ROWS = {"street", "outcomes"}
