"""Small police.uk files for tests, built row by row."""

from __future__ import annotations

from pathlib import Path

from beatbook.crime.importers.police_uk import OUTCOMES_COLUMNS, STOP_SEARCH_COLUMNS, STREET_COLUMNS
from beatbook.crime.imports import do_import_source
from beatbook.crime.models import ImportRun
from beatbook.crime.sources import iter_sources

WEST_YORKSHIRE = "West Yorkshire Police"


def crime_id(letter: str) -> str:
    return (letter * 64)[:64].lower()


def street_row(
    crime: str | None,
    month: str = "2019-07",
    *,
    force: str = WEST_YORKSHIRE,
    crime_type: str = "Burglary",
    outcome: str = "Under investigation",
    place: tuple[str, str] = ("-1.55", "53.79"),
    location: str = "On or near High Street",
    lsoa: tuple[str, str] = ("E01011001", "Leeds 001A"),
) -> str:
    if crime is None:
        crime_type, outcome = "Anti-social behaviour", ""
    fields = [crime_id(crime) if crime else "", month, force, force, *place, location, *lsoa, crime_type, outcome, ""]
    return ",".join(fields)


def outcome_row(crime: str, month: str = "2019-07", outcome: str = "Offender given a caution") -> str:
    return ",".join(
        [crime_id(crime), month, WEST_YORKSHIRE, WEST_YORKSHIRE, "-1.55", "53.79", "On or near X", "", "", outcome]
    )


def search_row(when: str, **changes: str) -> str:
    values = {
        "Type": "Person search",
        "Date": when,
        "Part of a policing operation": "False",
        "Policing operation": "",
        "Latitude": "53.79",
        "Longitude": "-1.55",
        "Gender": "Male",
        "Age range": "18-24",
        "Self-defined ethnicity": "White - English/Welsh/Scottish/Northern Irish/British",
        "Officer-defined ethnicity": "White",
        "Legislation": "Misuse of Drugs Act 1971 (section 23)",
        "Object of search": "Controlled drugs",
        "Outcome": "A no further action disposal",
        "Outcome linked to object of search": "False",
        "Removal of more than just outer clothing": "False",
    } | changes
    return ",".join(values[column] for column in STOP_SEARCH_COLUMNS)


HEADERS = {
    "street": ",".join(STREET_COLUMNS),
    "outcomes": ",".join(OUTCOMES_COLUMNS),
    "stop-and-search": ",".join(STOP_SEARCH_COLUMNS),
}


def write(folder: Path, name: str, rows: list[str], *, kind: str = "street", end: str = "\n") -> Path:
    path = folder / name
    path.write_text("\n".join([HEADERS[kind], *rows]) + end, encoding="utf-8")
    return path


def load(path: Path, **options: object) -> ImportRun:
    (source,) = list(iter_sources(path))
    return do_import_source(source, acting_user=None, **options)


def reasons(run: ImportRun) -> list[str]:
    return [rejection["reason"] for rejection in run.rejections]
