"""Every value checked; one bad field rejects one row, alike on SQLite and PostgreSQL (issue 10, items 4–6, 8)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from beatbook.areas.models import Lsoa
from beatbook.crime.importers import police_uk_values as values
from beatbook.crime.importers.police_uk import check_month
from beatbook.crime.models import ImportStatus, Incident, Outcome, StopSearch
from beatbook.crime.tests.builders import HEADERS, load, reasons, search_row, street_row, write

STREET = "2019-07-west-yorkshire-street.csv"
SEARCHES = "2019-07-west-yorkshire-stop-and-search.csv"


def test_a_zeroed_point_is_kept_without_location_and_a_foreign_one_rejected(db, tmp_path: Path) -> None:  # noqa: ANN001
    rows = [
        street_row("a", place=("0", "0")),
        street_row("b", place=("0.000000", "0.000000")),
        street_row("c", place=("151.2", "-33.8")),
    ]
    run = load(write(tmp_path, STREET, rows))
    assert (run.inserted, run.rejected, run.unlocated) == (2, 1, 2) and "not in the UK" in reasons(run)[0]
    assert Incident.objects.filter(force__code="west-yorkshire", longitude__isnull=True).count() == 2


def test_categories_of_every_era_are_accepted(db, tmp_path: Path) -> None:  # noqa: ANN001
    rows = [
        street_row("a", "2011-01", crime_type="Violent crime"),
        street_row("b", "2012-01", crime_type="Public disorder and weapons"),
        street_row("c", "2019-07", crime_type="Violence and sexual offences"),
        street_row("d", "2019-07", crime_type="Cycle theft"),
    ]
    run = load(write(tmp_path, "eras.csv", rows))
    assert (run.inserted, run.rejected) == (3, 1) and "'Cycle theft' is not a police.uk category" in reasons(run)[0]
    assert set(Incident.objects.values_list("category", flat=True)) == {"violent-crime", "public-disorder-weapons"}


def test_months_must_lie_in_the_archives_span_and_be_the_files_month(db, tmp_path: Path) -> None:  # noqa: ANN001
    next_year = f"{date.today().year + 1}-01"
    rows = [street_row("a", "2010-11"), street_row("b", next_year), street_row("c", "2019-08"), street_row("d")]
    run = load(write(tmp_path, STREET, rows))
    assert run.inserted == 1 and reasons(run) == [
        "2010-11 is before police.uk's first month, 2010-12",
        f"{next_year} is after the current month",
        "the row's month 2019-08 is not the file's month 2019-07",
    ]
    assert check_month(date(2010, 12, 1)) == date(2010, 12, 1)
    refused = load(write(tmp_path, "2009-01-west-yorkshire-street.csv", []))
    assert refused.status == ImportStatus.REFUSED and "before police.uk's first month" in refused.error


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("Type", "Bicycle search"),
        ("Gender", "M"),
        ("Age range", "35-44"),
        ("Self-defined ethnicity", "Martian"),
        ("Officer-defined ethnicity", "Purple"),
        ("Part of a policing operation", "Yes"),
        ("Outcome linked to object of search", "1"),
        ("Removal of more than just outer clothing", "no"),
        ("Outcome", "Sent to the moon"),
    ],
)
def test_each_enumerated_search_column_is_checked(db, tmp_path: Path, column: str, value: str) -> None:  # noqa: ANN001
    good = search_row("2019-07-10T10:00:00+00:00")
    bad = search_row("2019-07-11T10:00:00+00:00", **{column: value})
    run = load(write(tmp_path, SEARCHES, [good, bad], kind="stop-and-search"))
    assert (run.inserted, run.rejected) == (1, 1)
    assert reasons(run) == [f"{column} {value!r} is not a value police.uk publishes"]


def test_older_and_empty_search_values_are_accepted(db, tmp_path: Path) -> None:  # noqa: ANN001
    rows = [
        search_row(
            "2015-03-10T10:00:00+00:00", **{"Self-defined ethnicity": "White - British", "Outcome": "Suspect arrested"}
        ),
        search_row(
            "2015-03-11T00:00:00+00:00",
            Gender="",
            **{"Age range": "", "Outcome": "False", "Latitude": "", "Longitude": ""},
        ),
    ]
    run = load(write(tmp_path, "2015-03-west-yorkshire-stop-and-search.csv", rows, kind="stop-and-search"))
    assert (run.inserted, run.rejected) == (2, 0)


def test_a_file_cut_off_in_its_last_line_is_recognised(db, tmp_path: Path) -> None:  # noqa: ANN001
    whole = "\n".join([HEADERS["street"], street_row("a"), street_row("b")])
    path = tmp_path / STREET
    path.write_text(whole[:-60])  # no line break at the end: the download stopped
    run = load(path)
    assert (run.inserted, run.rejected) == (1, 1) and run.rejections[0]["line"] == 3
    assert reasons(run)[0].startswith("the file is cut off part-way through this last line")
    path.write_text(whole)  # a complete last line without a final line break is fine
    assert load(path).rejected == 0


def test_each_field_limit_is_its_columns_size() -> None:
    fields = {
        "Crime ID": Incident._meta.get_field("crime_id"),
        "Location": Incident._meta.get_field("location"),
        "LSOA name": Lsoa._meta.get_field("name"),
        "Last outcome category": Incident._meta.get_field("last_outcome"),
    }
    for column, model_field in fields.items():
        assert values.STREET_LIMITS[column] == model_field.max_length, column
    assert values.OUTCOME_LIMITS == {
        "Crime ID": Outcome._meta.get_field("crime_id").max_length,
        "Location": Outcome._meta.get_field("location").max_length,
        "Outcome type": Outcome._meta.get_field("outcome_type").max_length,
    }
    assert values.STOP_SEARCH_LIMITS == {
        "Policing operation": StopSearch._meta.get_field("operation").max_length,
        "Legislation": StopSearch._meta.get_field("legislation").max_length,
        "Object of search": StopSearch._meta.get_field("object_of_search").max_length,
    }


def test_an_oversized_field_or_a_nul_rejects_that_row_only(db, tmp_path: Path) -> None:  # noqa: ANN001
    rows = [
        street_row("a", location="On or near " + "x" * 244),  # exactly 255: fits
        street_row("b", location="On or near " + "x" * 245),
        street_row("c", location="On or near Nul\x00Street"),
        street_row("d"),
    ]
    run = load(write(tmp_path, STREET, rows))
    assert run.status == ImportStatus.DONE and (run.inserted, run.rejected) == (2, 2)
    assert reasons(run) == [
        "Location is longer than 255 characters, the most it may have",
        "the line has a NUL character",
    ]
    searches = [search_row("2019-07-10T10:00:00+00:00", Legislation="L" * 151), search_row("2019-07-10T11:00:00+00:00")]
    run = load(write(tmp_path, SEARCHES, searches, kind="stop-and-search"))
    assert (run.inserted, run.rejected) == (1, 1) and "Legislation is longer than 150" in reasons(run)[0]


def test_windows_1252_lines_are_read_with_a_warning_and_other_bytes_rejected(db, tmp_path: Path) -> None:  # noqa: ANN001
    lines = [HEADERS["street"], street_row("a"), street_row("b", location="On or near Café Square"), street_row("c")]
    data = "\n".join(lines).encode("utf-8").replace("Café".encode(), "Café".encode("cp1252")) + b"\n"
    data = data.replace(b"On or near High Street", b"On or near High \x81Street", 1)  # 0x81: in neither
    path = tmp_path / STREET
    path.write_bytes(data)
    run = load(path)
    assert (run.inserted, run.rejected) == (2, 1)
    assert run.rejections == [{"line": 2, "reason": "the line is neither UTF-8 nor Windows-1252 text"}]
    assert Incident.objects.filter(location="On or near Café Square").exists()
    assert run.warnings == [
        "1 line(s) were not UTF-8 and were read as Windows-1252 (lines 3): check their accented letters and symbols"
    ]


def test_a_force_exports_fields_are_limited_to_their_columns(db, tmp_path: Path) -> None:  # noqa: ANN001
    from beatbook.crime.importers.force_export import LOCATION_LIMIT, REFERENCE_LIMIT
    from beatbook.crime.tests.test_force_export import HEADER

    assert (REFERENCE_LIMIT, LOCATION_LIMIT) == (
        Incident._meta.get_field("reference").max_length,
        Incident._meta.get_field("location").max_length,
    )
    rows = [
        f"{'R' * 61},2023-03-01 20:00,asb,ASN,,On or near High Street,53.2351,-1.4213,,no,no",
        f"INC-2,2023-03-01 20:00,asb,ASN,,{'x' * 256},53.2351,-1.4213,,no,no",
        "INC-3,2023-03-01 20:00,asb,ASN,,On or near High Street,53.2351,-1.4213,,no,no",
    ]
    path = tmp_path / "incidents.csv"
    path.write_text("\n".join([HEADER, *rows]) + "\n")
    run = load(path, force_code="derbyshire")
    assert (run.inserted, run.rejected) == (1, 2)
    assert reasons(run) == [
        "reference is longer than 60 characters, the most it may have",
        "location is longer than 255 characters, the most it may have",
    ]
