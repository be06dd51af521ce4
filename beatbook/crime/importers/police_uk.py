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
from typing import IO

from beatbook.crime.categories import CATEGORY_BY_LABEL, Category

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
MAX_FIELD = 2_000


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
    month: str | None


def identify(name: str, header: list[str]) -> FileIdentity:
    """The file's kind from its header, and month and force from an archive-style name if it has one."""
    kind = next((kind for kind, columns in COLUMNS_BY_KIND.items() if header == columns), None)
    if kind is None:
        expected = "; ".join(f"{kind}: {','.join(columns)}" for kind, columns in COLUMNS_BY_KIND.items())
        found = ",".join(header) if header else "nothing"
        raise FileRefused(
            f"{name}: the header is not a police.uk one. Expected exactly one of — {expected}. Found: {found}"
        )
    match = ARCHIVE_NAME.search(name.replace("\\", "/").rsplit("/", 1)[-1])
    if match and match["kind"] != kind:
        raise FileRefused(f"{name}: the name says {match['kind']} but the header is a {kind} header")
    return FileIdentity(kind, match["force"] if match else None, match["month"] if match else None)


def split_line(text: str) -> list[str]:
    """One line's fields. Raises csv.Error on a broken quote."""
    if '"' not in text:
        return text.split(",")
    return next(csv.reader([text], strict=True))


def read_lines(stream: IO[bytes]) -> Iterator[tuple[int, str | None]]:
    """(line number, text) for each non-empty line; text is None where the bytes are not UTF-8."""
    for number, raw in enumerate(stream, start=1):
        if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        raw = raw.rstrip(b"\r\n")
        if not raw:
            continue
        try:
            yield number, raw.decode("utf-8")
        except UnicodeDecodeError:
            yield number, None


def read_header(lines: Iterator[tuple[int, str | None]], name: str) -> list[str]:
    first = next(lines, None)
    if first is None:
        raise FileRefused(f"{name}: the file is empty")
    if first[1] is None:
        raise FileRefused(f"{name}: the header line is not UTF-8 text: is this a CSV file?")
    try:
        return [column.strip() for column in split_line(first[1])]
    except csv.Error as error:
        raise FileRefused(f"{name}: the header line is not valid CSV ({error})") from None


class _Months:
    """Parses YYYY-MM once per distinct value (a file has only a handful)."""

    def __init__(self) -> None:
        self.cache: dict[str, date] = {}

    def __call__(self, text: str) -> date:
        month = self.cache.get(text)
        if month is None:
            match = MONTH.match(text)
            if not match or not 1 <= int(match[2]) <= 12:
                raise ValueError(f"Month must be YYYY-MM, not {text!r}")
            month = self.cache[text] = date(int(match[1]), int(match[2]), 1)
        return month


def _coordinates(longitude: str, latitude: str) -> tuple[float | None, float | None]:
    if not longitude and not latitude:
        return None, None
    if not longitude or not latitude:
        raise ValueError("only one of Longitude and Latitude is given")
    lon, lat = float(longitude), float(latitude)
    if not (UK_LONGITUDE[0] <= lon <= UK_LONGITUDE[1] and UK_LATITUDE[0] <= lat <= UK_LATITUDE[1]):
        raise ValueError(f"the point ({lon}, {lat}) is not in the UK")
    return lon, lat


def _lsoa(code: str, name: str) -> tuple[str, str]:
    if code and not LSOA_CODE.match(code):
        raise ValueError(f"LSOA code {code!r} is not an ONS code like E01012345")
    return code, name


def fingerprint(fields: list[str]) -> str:
    return hashlib.sha1("\x1f".join(fields).encode(), usedforsecurity=False).hexdigest()


def _street(fields: list[str], months: _Months) -> tuple:
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
        context,
    ) = fields
    category = CATEGORY_BY_LABEL.get(crime_type.lower())
    if category is None:
        raise ValueError(f"Crime type {crime_type!r} is not a police.uk category")
    is_asb = category == Category.ANTI_SOCIAL_BEHAVIOUR
    if is_asb and crime_id:
        raise ValueError("an anti-social behaviour row has a Crime ID")
    if not is_asb and not crime_id:
        raise ValueError("a crime row has no Crime ID")
    longitude, latitude = _coordinates(lon, lat)
    code, name = _lsoa(lsoa_code, lsoa_name)
    return (
        crime_id or None,
        months(month),
        falls_within or reported_by,
        longitude,
        latitude,
        location,
        code,
        name,
        category,
        outcome,
        context,
        fingerprint(fields),
    )


def _outcome(fields: list[str], months: _Months) -> tuple:
    crime_id, month, reported_by, falls_within, lon, lat, location, lsoa_code, lsoa_name, outcome_type = fields
    if not crime_id:
        raise ValueError("an outcome row has no Crime ID")
    if not outcome_type:
        raise ValueError("Outcome type is empty")
    longitude, latitude = _coordinates(lon, lat)
    code, _ = _lsoa(lsoa_code, lsoa_name)
    return (
        crime_id,
        months(month),
        falls_within or reported_by,
        longitude,
        latitude,
        location,
        code,
        outcome_type,
        fingerprint(fields),
    )


def _stop_search(fields: list[str], months: _Months) -> tuple:
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
    try:
        searched_at = datetime.fromisoformat(when)
    except ValueError:
        raise ValueError(f"Date {when!r} is not an ISO date and time") from None
    if searched_at.tzinfo is None:
        raise ValueError(f"Date {when!r} has no UTC offset")
    searched_at = searched_at.astimezone(UTC)
    if not search_type:
        raise ValueError("Type is empty")
    longitude, latitude = _coordinates(lon, lat)
    return (
        searched_at.date().replace(day=1),
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


def _force_incident(fields: list[str], months: _Months) -> tuple:
    from beatbook.crime.importers.force_export import parse_force_incident  # it builds on this module

    return parse_force_incident(fields, months)


ROW_PARSERS: dict[str, Callable[[list[str], _Months], tuple]] = {
    "street": _street,
    "outcomes": _outcome,
    "stop-and-search": _stop_search,
    "force-incidents": _force_incident,
}


def parse_batches(lines: Iterable[tuple[int, str | None]], kind: str, batch_rows: int = BATCH_ROWS) -> Iterator[Batch]:
    """Validated records (tuples, see the row parsers) and rejections, in batches of about `batch_rows`."""
    width = len(COLUMNS_BY_KIND[kind])
    parse_row = ROW_PARSERS[kind]
    months = _Months()
    batch = Batch()
    for number, text in lines:
        batch.lines += 1
        if text is None:
            batch.rejections.append(Rejection(number, "the line is not UTF-8 text"))
        else:
            try:
                fields = split_line(text)
            except csv.Error as error:
                batch.rejections.append(Rejection(number, f"broken quoting: {error}"))
                fields = None
            if fields is not None:
                if len(fields) != width:
                    batch.rejections.append(Rejection(number, f"expected {width} columns, found {len(fields)}"))
                elif len(text) > MAX_FIELD and any(len(value) > MAX_FIELD for value in fields):
                    batch.rejections.append(Rejection(number, f"a field is longer than {MAX_FIELD} characters"))
                else:
                    try:
                        batch.records.append((number, *parse_row(fields, months)))
                    except ValueError as error:
                        batch.rejections.append(Rejection(number, str(error)))
        if batch.lines >= batch_rows:
            yield batch
            batch = Batch()
    if batch.lines:
        yield batch
