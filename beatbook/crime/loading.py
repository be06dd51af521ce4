"""The fast path into the database: plain parameterised SQL with executemany, inside the caller's
transaction. The ORM's bulk_create manages about 25k rows/s; this manages several times that
(see PERFORMANCE.md and `make bench`). Only the importers use it."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager

from django.db import connection

from beatbook.crime.models import Incident, Outcome, StopSearch

INCIDENT_COLUMNS = [
    "force_id",
    "source",
    "kind",
    "crime_id",
    "reference",
    "month",
    "occurred_at",
    "category",
    "nsir_type",
    "neighbourhood_crime_type",
    "longitude",
    "latitude",
    "location",
    "lsoa_code",
    "lsoa_id",
    "last_outcome",
    "context",
    "repeat_location",
    "repeat_victim",
    "fingerprint",
    "import_run_id",
    "offence_code",
]
OUTCOME_COLUMNS = [
    "force_id",
    "month",
    "crime_id",
    "outcome_type",
    "longitude",
    "latitude",
    "location",
    "lsoa_code",
    "fingerprint",
    "import_run_id",
]
STOP_SEARCH_COLUMNS = [
    "force_id",
    "month",
    "searched_at",
    "search_type",
    "part_of_operation",
    "operation",
    "longitude",
    "latitude",
    "gender",
    "age_range",
    "self_defined_ethnicity",
    "officer_defined_ethnicity",
    "legislation",
    "object_of_search",
    "outcome",
    "outcome_linked_to_object",
    "removal_of_more_than_outer_clothing",
    "fingerprint",
    "import_run_id",
]
TABLES = {Incident: INCIDENT_COLUMNS, Outcome: OUTCOME_COLUMNS, StopSearch: STOP_SEARCH_COLUMNS}
CHUNK = 900  # stays under SQLite's older 999-parameter limit
# SQLite's page cache while an import writes, in KiB (its default is 2,000). Random Crime IDs land all over
# the unique index, so with the default cache most inserts evict a dirty page to the WAL and read another
# back; with this one a million-row file's index pages stay in memory (measured: 1.5-2× faster inserts).
# Memory is taken only as pages are used, and the default returns when the import ends.
IMPORT_CACHE_KIB = 256 * 1024
# Every statement here is built only from the model's table name and the fixed column lists above;
# values always travel as parameters. Hence the S608 exemptions below.


@contextmanager
def bulk_writing() -> Iterator[None]:
    """Around an import's transaction: on SQLite, a page cache large enough for its index pages."""
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        (usual,) = cursor.fetchone()
        cursor.execute(f"PRAGMA cache_size = {-IMPORT_CACHE_KIB}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA cache_size = {int(usual)}")


def insert_rows(model: type, rows: Sequence[Sequence]) -> None:
    """Insert rows (values in the model's column order) in the current transaction."""
    if not rows:
        return
    columns = TABLES[model]
    if connection.vendor == "postgresql":
        # COPY is PostgreSQL's bulk path: several times faster than INSERT, and just as transactional.
        # Binary format: the server parses no text, and psycopg dumps each value with its C dumpers.
        sql = f"COPY {model._meta.db_table} ({', '.join(columns)}) FROM STDIN (FORMAT BINARY)"
        # wrap_database_errors: a duplicate key raises Django's IntegrityError, as INSERT would.
        with connection.wrap_database_errors, connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
            copy.set_types(_copy_types(model, columns))
            for row in rows:
                copy.write_row(row)
        return
    sql = f"INSERT INTO {model._meta.db_table} ({', '.join(columns)}) VALUES ({', '.join(['%s'] * len(columns))})"
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


_COPY_TYPES = {
    "BigAutoField": "int8",
    "ForeignKey": "int8",
    "CharField": "text",  # text and varchar share their binary form
    "TextField": "text",
    "DateField": "date",
    "DateTimeField": "timestamptz",
    "FloatField": "float8",
    "BooleanField": "bool",
}


def _copy_types(model: type, columns: list[str]) -> list[str]:
    fields = {field.column: field for field in model._meta.concrete_fields}
    return [_COPY_TYPES[fields[column].get_internal_type()] for column in columns]


def update_incidents(rows: Sequence[Sequence]) -> None:
    """rows: (every INCIDENT_COLUMNS value but force_id…, then id) for changed crimes."""
    if not rows:
        return
    columns = INCIDENT_COLUMNS
    assignments = ", ".join(f"{column} = %s" for column in columns)
    sql = f"UPDATE {Incident._meta.db_table} SET {assignments} WHERE id = %s"
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def delete_ids(model: type, ids: Iterable[int]) -> None:
    ids = list(ids)
    with connection.cursor() as cursor:
        for start in range(0, len(ids), CHUNK):
            chunk = ids[start : start + CHUNK]
            cursor.execute(f"DELETE FROM {model._meta.db_table} WHERE id IN ({', '.join(['%s'] * len(chunk))})", chunk)


def existing_crimes(crime_ids: Sequence[str]) -> dict[str, tuple[int, str, int]]:
    """{crime_id: (id, fingerprint, force_id)} for the Crime IDs already stored."""
    found: dict[str, tuple[int, str, int]] = {}
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql" and crime_ids:
            # One query with the IDs as one text split by the server: dumping a Python list as an array
            # parameter costs psycopg a regex per element. Crime IDs never hold the unit separator.
            cursor.execute(
                f"SELECT crime_id, id, fingerprint, force_id FROM {Incident._meta.db_table} "
                "WHERE crime_id = ANY(string_to_array(%s, chr(31)))",
                ["\x1f".join(crime_ids)],
            )
            return {crime_id: (pk, fingerprint, force_id) for crime_id, pk, fingerprint, force_id in cursor.fetchall()}
        for start in range(0, len(crime_ids), CHUNK):
            chunk = crime_ids[start : start + CHUNK]
            cursor.execute(
                f"SELECT crime_id, id, fingerprint, force_id FROM {Incident._meta.db_table} "
                f"WHERE crime_id IN ({', '.join(['%s'] * len(chunk))})",
                chunk,
            )
            for crime_id, pk, fingerprint, force_id in cursor.fetchall():
                found[crime_id] = (pk, fingerprint, force_id)
    return found


def existing_references(force_id: int, references: Sequence[str]) -> dict[str, tuple[int, str]]:
    """{reference: (id, fingerprint)} for the force's incidents already stored under these references."""
    found: dict[str, tuple[int, str]] = {}
    with connection.cursor() as cursor:
        for start in range(0, len(references), CHUNK):
            chunk = references[start : start + CHUNK]
            cursor.execute(
                f"SELECT reference, id, fingerprint FROM {Incident._meta.db_table} "
                f"WHERE force_id = %s AND reference IN ({', '.join(['%s'] * len(chunk))})",
                [force_id, *chunk],
            )
            for reference, pk, fingerprint in cursor.fetchall():
                found[reference] = (pk, fingerprint)
    return found
