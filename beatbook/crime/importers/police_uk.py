"""Strict parsing of police.uk archive CSVs: street-level crime and ASB, outcomes, stop and search.

The archive's files have no quoted newlines, so each physical line is one row. Parsing a line at a
time means a broken quote or a wrong column count rejects that line alone, with its number and the
reason, instead of silently swallowing the lines after it (Python's csv module does that in its
default mode). Every data line ends up either in a record or in a rejection.

Files are read as a stream of batches, so a file of millions of rows never sits in memory whole.
"""

from __future__ import annotations

import csv
import hashlib
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from beatbook.crime.categories import Category
from beatbook.crime.forces import force_id_for_name, unknown_force_message
from beatbook.crime.importers.police_uk_values import (
    AGE_RANGES,
    CRIME_TYPES,
    FIRST_MONTH,
    GENDERS,
    OFFICER_ETHNICITIES,
    OUTCOME_LIMITS,
    SEARCH_OUTCOMES,
    SEARCH_TYPES,
    SELF_DEFINED_ETHNICITIES,
    STOP_SEARCH_LIMITS,
    STREET_LIMITS,
    TRUE_FALSE,
)
from beatbook.lib.dates import LONDON

STREET_COLUMNS = [
    "Crime ID",
    "Month",
    "Reported by",
    "Falls within",
    "Longitude",
    "Latitude",
    "Location",
    "LSOA code",
    "LSOA name",
    "Crime type",
    "Last outcome category",
    "Context",
]
# An outcomes file has the street file's first nine columns, then the outcome.
OUTCOMES_COLUMNS = [*STREET_COLUMNS[:9], "Outcome type"]
STOP_SEARCH_COLUMNS = [
    "Type",
    "Date",
    "Part of a policing operation",
    "Policing operation",
    "Latitude",
    "Longitude",
    "Gender",
    "Age range",
    "Self-defined ethnicity",
    "Officer-defined ethnicity",
    "Legislation",
    "Object of search",
    "Outcome",
    "Outcome linked to object of search",
    "Removal of more than just outer clothing",
]
FORCE_INCIDENT_COLUMNS = [
    "reference",
    "opened_at",
    "kind",
    "closure_code",
    "offence_code",
    "location",
    "latitude",
    "longitude",
    "lsoa_code",
    "repeat_location",
    "repeat_victim",
]
# Optional columns a force export may add after its required ones, in any order (docs/data-sources.md).
FORCE_INCIDENT_OPTIONAL_COLUMNS = ["outcome_type", "premises", "attended", "csi_attended"]
COLUMNS_BY_KIND = {
    "street": STREET_COLUMNS,
    "outcomes": OUTCOMES_COLUMNS,
    "stop-and-search": STOP_SEARCH_COLUMNS,
    "force-incidents": FORCE_INCIDENT_COLUMNS,
}

ARCHIVE_NAME = re.compile(
    r"(?P<month>\d{4}-\d{2})-(?P<force>[a-z0-9-]+?)-(?P<kind>street|outcomes|stop-and-search)\.csv$"
)
MONTH = re.compile(r"^(\d{4})-(\d{2})$")
LSOA_CODE = re.compile(r"^[EWSN]\d{8}$")
# Anything outside this box is not in the UK (police.uk points are all inside it).
UK_LONGITUDE = (-8.7, 2.0)
UK_LATITUDE = (49.8, 60.95)
BATCH_ROWS = 20_000
MAX_FIELD = 2_000  # fields stored as text (Context, a force export's location) are capped here
RECODED_LINES_LISTED = 20


class FileRefused(ValueError):
    """The whole file is unusable (wrong header, not CSV, unknown kind); nothing is written."""


@dataclass(frozen=True)
class Rejection:
    line: int
    reason: str


@dataclass
class Batch:
    records: list[tuple] = field(default_factory=list)
    rejections: list[Rejection] = field(default_factory=list)
    lines: int = 0  # data lines read in this batch (records + rejections)


@dataclass(frozen=True)
class FileIdentity:
    kind: str
    force_code: str | None
    month: date | None
    optional: tuple[str, ...] = ()  # a force export's optional columns, in the file's order


def _force_export_optional(name: str, header: list[str]) -> tuple[str, ...] | None:
    """The optional columns after a force export's required ones; None if the header is not a force export's.
    Raises FileRefused for an unknown or repeated optional column."""
    required = len(FORCE_INCIDENT_COLUMNS)
    if len(header) <= required or header[:required] != FORCE_INCIDENT_COLUMNS:
        return None
    extra = header[required:]
    for column in extra:
        if column not in FORCE_INCIDENT_OPTIONAL_COLUMNS:
            raise FileRefused(
                f"{name}: the force export column {column!r} is not one Beatbook reads; after the required "
                f"columns a force export may have only {', '.join(FORCE_INCIDENT_OPTIONAL_COLUMNS)}"
            )
        if extra.count(column) > 1:
            raise FileRefused(f"{name}: the column {column!r} appears more than once")
    return tuple(extra)


def archive_name(name: str) -> re.Match | None:
    """The archive-style name's parts (month, force, kind), whatever the case of the name."""
    return ARCHIVE_NAME.search(name.replace("\\", "/").rsplit("/", 1)[-1].lower())


def identify(name: str, header: list[str]) -> FileIdentity:
    """The file's kind from its header, and month and force from an archive-style name if it has one."""
    kind = next((kind for kind, columns in COLUMNS_BY_KIND.items() if header == columns), None)
    optional = (_force_export_optional(name, header) if kind is None else None) or ()
    if optional:
        kind = "force-incidents"
    if kind is None:
        expected = "; ".join(f"{kind}: {','.join(columns)}" for kind, columns in COLUMNS_BY_KIND.items())
        found = ",".join(header) if header else "nothing"
        raise FileRefused(
            f"{name}: the header is not a police.uk one. Expected exactly one of — {expected} (a force export may "
            f"add {', '.join(FORCE_INCIDENT_OPTIONAL_COLUMNS)}). Found: {found}"
        )
    match = archive_name(name)
    if match and match["kind"] != kind:
        raise FileRefused(f"{name}: the name says {match['kind']} but the header is a {kind} header")
    month = None
    if match:
        try:
            month = check_month(parse_month(match["month"]))
        except ValueError as error:
            raise FileRefused(f"{name}: the name's month: {error}") from None
    return FileIdentity(kind, match["force"] if match else None, month, optional)


def split_line(text: str) -> list[str]:
    """One line's fields. Raises csv.Error on a broken quote."""
    if '"' not in text:
        return text.split(",")
    return next(csv.reader([text], strict=True))


class LineReader:
    """(line number, text) for each non-empty line of a byte stream.

    A line that is not UTF-8 but is valid Windows-1252 (Excel's "CSV" on Windows writes it) is read as
    Windows-1252 and its number kept in `recoded`, for the report's warning; a line that is neither is
    None. `unterminated` is the number of a last line with no line break (a cut-off file ends so)."""

    def __init__(self, stream: Iterable[bytes], sha256: object = None) -> None:
        self.stream, self.sha256 = stream, sha256  # a hashlib object fed every byte read, when given
        self.recoded: list[int] = []
        self.recoded_count = 0
        self.unterminated: int | None = None
        self._lines = self._read()

    def __iter__(self) -> Iterator[tuple[int, str | None]]:
        return self._lines  # the generator itself: one call per line fewer than going through __next__

    def __next__(self) -> tuple[int, str | None]:
        return next(self._lines)

    def _read(self) -> Iterator[tuple[int, str | None]]:
        update = self.sha256.update if self.sha256 is not None else None
        for number, raw in enumerate(self.stream, start=1):
            if update is not None:
                update(raw)
            if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
            if not raw.endswith(b"\n"):
                self.unterminated = number
            raw = raw.rstrip(b"\r\n")
            if not raw:
                continue
            try:
                yield number, raw.decode("utf-8")
            except UnicodeDecodeError:
                yield number, self._windows_1252(number, raw)

    def _windows_1252(self, number: int, raw: bytes) -> str | None:
        try:
            text = raw.decode("cp1252")
        except UnicodeDecodeError:
            return None
        self.recoded_count += 1
        if len(self.recoded) < RECODED_LINES_LISTED:
            self.recoded.append(number)
        return text

    def warnings(self) -> list[str]:
        if not self.recoded_count:
            return []
        listed = ", ".join(map(str, self.recoded)) + (" …" if self.recoded_count > len(self.recoded) else "")
        return [
            f"{self.recoded_count:,} line(s) were not UTF-8 and were read as Windows-1252 (lines {listed}): "
            "check their accented letters and symbols"
        ]


def read_lines(stream: Iterable[bytes], sha256: object = None) -> LineReader:
    return LineReader(stream, sha256)


def read_header(lines: Iterable[tuple[int, str | None]], name: str) -> list[str]:
    first = next(iter(lines), None)
    if first is None:
        raise FileRefused(f"{name}: the file is empty")
    if first[1] is None:
        raise FileRefused(f"{name}: the header line is neither UTF-8 nor Windows-1252 text: is this a CSV file?")
    try:
        return [column.strip() for column in split_line(first[1])]
    except csv.Error as error:
        raise FileRefused(f"{name}: the header line is not valid CSV ({error})") from None


def parse_month(text: str) -> date:
    match = MONTH.match(text)
    if not match or not 1 <= int(match[2]) <= 12:
        raise ValueError(f"Month must be YYYY-MM, not {text!r}")
    return date(int(match[1]), int(match[2]), 1)


def check_month(month: date, today: date | None = None) -> date:
    """The month if police.uk could have published it: from December 2010 to the current month."""
    today = today or datetime.now(LONDON).date()
    if month < FIRST_MONTH:
        raise ValueError(f"{month:%Y-%m} is before police.uk's first month, {FIRST_MONTH:%Y-%m}")
    if month > today.replace(day=1):
        raise ValueError(f"{month:%Y-%m} is after the current month")
    return month


class RowContext:
    """What every row of one file is checked against: its month and force where the name gives them.

    Months and force names are parsed once per distinct value (a file has only a handful)."""

    def __init__(self, month: date | None = None, force: str | None = None, optional: tuple[str, ...] = ()) -> None:
        self.file_month, self.file_force = month, force
        self.optional = optional  # a force export's optional columns, after its required ones
        self.month_cache: dict[str, date | str] = {}
        self.force_cache: dict[str, str] = {}
        self.places: dict[tuple[str, str, str], tuple[date, str]] = {}  # (month, falls within, reported by)
        self.lsoa_codes: set[str] = set()  # codes already checked
        self.today = datetime.now(LONDON).date()

    def month_and_force(self, month: str, falls_within: str, reported_by: str) -> tuple[date, str]:
        """A street or outcome row's month and force, checked once per distinct combination."""
        key = (month, falls_within, reported_by)
        place = self.places.get(key)
        if place is None:
            place = self.places[key] = (self(month), self.force(falls_within, reported_by))
        return place

    def lsoa(self, code: str, name: str) -> str:
        if code and code not in self.lsoa_codes:
            _lsoa(code, name)
            self.lsoa_codes.add(code)
        return code

    def __call__(self, text: str) -> date:
        """The month a YYYY-MM field names; raises ValueError with the reason."""
        month = self.month_cache.get(text)
        if month is None:
            try:
                month = self.check(parse_month(text))
            except ValueError as error:
                month = str(error)
            self.month_cache[text] = month
        if isinstance(month, str):
            raise ValueError(month)
        return month

    def check(self, month: date) -> date:
        check_month(month, self.today)
        if self.file_month is not None and month != self.file_month:
            raise ValueError(f"the row's month {month:%Y-%m} is not the file's month {self.file_month:%Y-%m}")
        return month

    def force(self, falls_within: str, reported_by: str) -> str:
        """The police.uk id of the force the row falls within; raises ValueError with the reason."""
        name = falls_within or reported_by
        force_id = self.force_cache.get(name)
        if force_id is None:
            force_id = force_id_for_name(name) or ""
            self.force_cache[name] = force_id
        if not force_id:
            raise ValueError(unknown_force_message(name) if name else "Falls within and Reported by are empty")
        if self.file_force is not None and force_id != self.file_force:
            raise ValueError(f"the row falls within {name}, but this is {self.file_force}'s file")
        return force_id


def _coordinates(longitude: str, latitude: str) -> tuple[float | None, float | None]:
    if not longitude and not latitude:
        return None, None
    if not longitude or not latitude:
        raise ValueError("only one of Longitude and Latitude is given")
    lon, lat = float(longitude), float(latitude)
    if not (UK_LONGITUDE[0] <= lon <= UK_LONGITUDE[1] and UK_LATITUDE[0] <= lat <= UK_LATITUDE[1]):
        if lon == 0 and lat == 0:
            # police.uk zeroes a point with no snap point within 20 km: the row has no location.
            return None, None
        raise ValueError(f"the point ({lon}, {lat}) is not in the UK")
    return lon, lat


def _lsoa(code: str, name: str) -> tuple[str, str]:
    if code and not LSOA_CODE.match(code):
        raise ValueError(f"LSOA code {code!r} is not an ONS code like E01012345")
    return code, name


def _check_lengths(fields: list[str], limits: list[tuple[int, str, int]]) -> None:
    for index, column, limit in limits:
        if len(fields[index]) > limit:
            raise ValueError(f"{column} is longer than {limit} characters, the most it may have")


def _limits(columns: list[str], limits: dict[str, int]) -> list[tuple[int, str, int]]:
    return [(columns.index(column), column, limit) for column, limit in limits.items()]


_STREET_LIMITS = _limits(STREET_COLUMNS, STREET_LIMITS)
_OUTCOME_LIMITS = _limits(OUTCOMES_COLUMNS, OUTCOME_LIMITS)
_STOP_SEARCH_LIMITS = _limits(STOP_SEARCH_COLUMNS, STOP_SEARCH_LIMITS)
_CRIME_ID, _LOCATION, _LSOA_NAME = STREET_LIMITS["Crime ID"], STREET_LIMITS["Location"], STREET_LIMITS["LSOA name"]
_LAST_OUTCOME, _CONTEXT = STREET_LIMITS["Last outcome category"], STREET_LIMITS["Context"]
_OUTCOME_TYPE = OUTCOME_LIMITS["Outcome type"]


def fingerprint(fields: list[str]) -> str:
    return hashlib.sha1("\x1f".join(fields).encode(), usedforsecurity=False).hexdigest()


def _street(fields: list[str], context: RowContext) -> tuple:
    (
        crime_id,
        month,
        reported_by,
        falls_within,
        lon,
        lat,
        location,
        lsoa_code,
        lsoa_name,
        crime_type,
        outcome,
        context_text,
    ) = fields
    if (  # one expression per row; the loop that names the column runs only for a row that fails
        len(crime_id) > _CRIME_ID
        or len(location) > _LOCATION
        or len(lsoa_name) > _LSOA_NAME
        or len(outcome) > _LAST_OUTCOME
        or len(context_text) > _CONTEXT
    ):
        _check_lengths(fields, _STREET_LIMITS)
    category = CRIME_TYPES.get(crime_type.lower())
    if category is None:
        raise ValueError(f"Crime type {crime_type!r} is not a police.uk category (of any era since December 2010)")
    is_asb = category == Category.ANTI_SOCIAL_BEHAVIOUR
    if is_asb and crime_id:
        raise ValueError("an anti-social behaviour row has a Crime ID")
    if not is_asb and not crime_id:
        raise ValueError("a crime row has no Crime ID")
    if "\x1f" in crime_id:  # the separator loading.existing_crimes sends IDs with
        raise ValueError("the Crime ID has a control character")
    parsed_month, force = context.month_and_force(month, falls_within, reported_by)
    longitude, latitude = _coordinates(lon, lat)
    return (
        crime_id or None,
        parsed_month,
        force,
        longitude,
        latitude,
        location,
        context.lsoa(lsoa_code, lsoa_name),
        lsoa_name,
        category,
        outcome,
        context_text,
        fingerprint(fields),
    )


def _outcome(fields: list[str], context: RowContext) -> tuple:
    crime_id, month, reported_by, falls_within, lon, lat, location, lsoa_code, lsoa_name, outcome_type = fields
    if len(crime_id) > _CRIME_ID or len(location) > _LOCATION or len(outcome_type) > _OUTCOME_TYPE:
        _check_lengths(fields, _OUTCOME_LIMITS)
    if not crime_id:
        raise ValueError("an outcome row has no Crime ID")
    if not outcome_type:
        raise ValueError("Outcome type is empty")
    parsed_month, force = context.month_and_force(month, falls_within, reported_by)
    longitude, latitude = _coordinates(lon, lat)
    code = context.lsoa(lsoa_code, lsoa_name)
    return (crime_id, parsed_month, force, longitude, latitude, location, code, outcome_type, fingerprint(fields))


_ENUMERATED = [
    (0, "Type", SEARCH_TYPES),
    (2, "Part of a policing operation", TRUE_FALSE),
    (6, "Gender", GENDERS),
    (7, "Age range", AGE_RANGES),
    (8, "Self-defined ethnicity", SELF_DEFINED_ETHNICITIES),
    (9, "Officer-defined ethnicity", OFFICER_ETHNICITIES),
    (12, "Outcome", SEARCH_OUTCOMES),
    (13, "Outcome linked to object of search", TRUE_FALSE),
    (14, "Removal of more than just outer clothing", TRUE_FALSE),
]


def _stop_search(fields: list[str], context: RowContext) -> tuple:
    (
        search_type,
        when,
        part_of_operation,
        operation,
        lat,
        lon,
        gender,
        age_range,
        self_ethnicity,
        officer_ethnicity,
        legislation,
        object_of_search,
        outcome,
        linked,
        removal,
    ) = fields
    _check_lengths(fields, _STOP_SEARCH_LIMITS)
    for index, column, allowed in _ENUMERATED:
        if fields[index] not in allowed:
            raise ValueError(f"{column} {fields[index]!r} is not a value police.uk publishes")
    try:
        searched_at = datetime.fromisoformat(when)
    except ValueError:
        raise ValueError(f"Date {when!r} is not an ISO date and time") from None
    if searched_at.tzinfo is None:
        raise ValueError(f"Date {when!r} has no UTC offset")
    # police.uk files a search under its UK local month (00:30 BST on 1 July is July's).
    month = context.check(searched_at.astimezone(LONDON).date().replace(day=1))
    searched_at = searched_at.astimezone(UTC)
    longitude, latitude = _coordinates(lon, lat)
    return (
        month,
        searched_at,
        search_type,
        part_of_operation,
        operation,
        longitude,
        latitude,
        gender,
        age_range,
        self_ethnicity,
        officer_ethnicity,
        legislation,
        object_of_search,
        outcome,
        linked,
        removal,
        fingerprint(fields),
    )


def _force_incident(fields: list[str], months: RowContext) -> tuple:
    from beatbook.crime.importers.force_export import parse_force_incident  # it builds on this module

    return parse_force_incident(fields, months)


ROW_PARSERS: dict[str, Callable[[list[str], RowContext], tuple]] = {
    "street": _street,
    "outcomes": _outcome,
    "stop-and-search": _stop_search,
    "force-incidents": _force_incident,
}


def parse_batches(
    lines: Iterable[tuple[int, str | None]],
    kind: str,
    batch_rows: int = BATCH_ROWS,
    context: RowContext | None = None,
    header: str | None = None,
) -> Iterator[Batch]:
    """Validated records (tuples, see the row parsers) and rejections, in batches of about `batch_rows`.

    A line equal to `header` (files joined together) is skipped, not counted as data."""
    context = context or RowContext()
    width = len(COLUMNS_BY_KIND[kind]) + len(context.optional)
    parse_row = ROW_PARSERS[kind]
    batch = Batch()
    for number, text in lines:
        if text is not None and text == header:
            continue
        batch.lines += 1
        reason = None
        if text is None:
            reason = "the line is neither UTF-8 nor Windows-1252 text"
        elif "\x00" in text:
            reason = "the line has a NUL character"
        else:
            try:
                fields = split_line(text)
            except csv.Error as error:
                reason = f"broken quoting: {error}"
            else:
                if len(fields) != width:
                    reason = f"expected {width} columns, found {len(fields)}"
                elif len(text) > MAX_FIELD and any(len(value) > MAX_FIELD for value in fields):
                    reason = f"a field is longer than {MAX_FIELD} characters"
                else:
                    try:
                        batch.records.append((number, *parse_row(fields, context)))
                    except ValueError as error:
                        reason = str(error)
        if reason is not None:
            if number == getattr(lines, "unterminated", None) and not reason.startswith("the line"):
                reason = f"the file is cut off part-way through this last line ({reason})"
            batch.rejections.append(Rejection(number, reason))
        if batch.lines >= batch_rows:
            yield batch
            batch = Batch()
    if batch.lines:
        yield batch
