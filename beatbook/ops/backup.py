"""Backups and restores of Beatbook's database, each with a checksum manifest.

A backup is a folder holding the database copy and `manifest.json`:

    {"format": 1, "created_at": ISO 8601 UTC, "engine": "sqlite" | "postgresql",
     "files": {name: SHA-256 hex}, "tables": {table: rows}, "migrations": {app: latest applied migration}}

- SQLite is copied with its online backup API (`sqlite3.Connection.backup`), which gives a consistent
  copy while Beatbook runs; the rows are then counted in the copy.
- PostgreSQL is dumped with `pg_dump --format=custom` inside an exported snapshot
  (`pg_export_snapshot()`, `pg_dump --snapshot`), and the rows are counted in that same snapshot, so
  the manifest describes exactly what the dump holds.

A restore checks the manifest first (every file's SHA-256, the engine, and that every migration in it
is one this Beatbook knows) and refuses on any mismatch before it writes anything; it refuses to
overwrite a database holding Beatbook data unless forced; afterwards it counts every table again and
fails loudly if one differs from the manifest.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from django.apps import apps
from django.db.migrations.loader import MigrationLoader
from django.utils import timezone

MANIFEST = "manifest.json"
FORMAT = 1
SQLITE_FILE = "beatbook.sqlite3"
POSTGRES_FILE = "beatbook.dump"


class BackupError(Exception):
    """A backup or restore that cannot go ahead; the message says why and what to do."""


@dataclass
class Manifest:
    engine: str
    files: dict[str, str]
    tables: dict[str, int]
    migrations: dict[str, str]
    created_at: str = ""

    def write(self, folder: Path) -> None:
        data = {"format": FORMAT, **self.__dict__}
        (folder / MANIFEST).write_text(json.dumps(data, indent=2, sort_keys=True) + "\n")


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def engine_of(database: dict) -> str:
    engine = database["ENGINE"].rsplit(".", 1)[-1]
    if engine not in ("sqlite3", "postgresql"):
        raise BackupError(f"backups support SQLite and PostgreSQL, not {database['ENGINE']}")
    return "sqlite" if engine == "sqlite3" else "postgresql"


# --- backup -------------------------------------------------------------------------------------------


def make_backup(dest: Path, *, database: dict) -> Manifest:
    """Back `database` (a Django DATABASES entry) up into the new or empty folder `dest`."""
    if dest.exists() and any(dest.iterdir()):
        raise BackupError(f"{dest} is not empty: give a new folder for the backup")
    dest.mkdir(parents=True, exist_ok=True)
    if engine_of(database) == "sqlite":
        manifest = _backup_sqlite(dest, Path(database["NAME"]))
    else:
        manifest = _backup_postgres(dest, database)
    manifest.created_at = timezone.now().isoformat()
    manifest.write(dest)
    return manifest


def _backup_sqlite(dest: Path, path: Path) -> Manifest:
    if not path.is_file():
        raise BackupError(f"there is no SQLite database at {path}")
    target_path = dest / SQLITE_FILE
    with _sqlite(path) as source, _sqlite(target_path) as target:
        source.backup(target)  # in one step: a consistent copy, even of a database in use
    with _sqlite(target_path) as copy:
        tables, migrations = _sqlite_contents(copy)
    return Manifest("sqlite", {SQLITE_FILE: sha256(target_path)}, tables, migrations)


def _backup_postgres(dest: Path, database: dict) -> Manifest:
    _require("pg_dump")
    with _postgres(database) as connection:
        connection.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        snapshot = connection.execute("SELECT pg_export_snapshot()").fetchone()[0]
        tables, migrations = _postgres_contents(connection)
        _run(
            ["pg_dump", "--format=custom", f"--snapshot={snapshot}", f"--file={dest / POSTGRES_FILE}"],
            database,
        )
        connection.execute("COMMIT")
    return Manifest("postgresql", {POSTGRES_FILE: sha256(dest / POSTGRES_FILE)}, tables, migrations)


# --- restore ------------------------------------------------------------------------------------------


def read_manifest(src: Path, *, engine: str) -> Manifest:
    """The manifest of the backup in `src`, once every check passes; BackupError otherwise."""
    try:
        data = json.loads((src / MANIFEST).read_text())
    except (OSError, ValueError) as error:
        raise BackupError(f"{src} has no readable {MANIFEST}: {error}") from None
    if data.get("format") != FORMAT:
        raise BackupError(f"{src / MANIFEST} is format {data.get('format')!r}; this Beatbook reads format {FORMAT}")
    manifest = Manifest(**{key: data[key] for key in ("engine", "files", "tables", "migrations", "created_at")})
    if manifest.engine != engine:
        raise BackupError(f"this is a {manifest.engine} backup; the database to restore into is {engine}")
    for name, expected in manifest.files.items():
        path = src / name
        if not path.is_file():
            raise BackupError(f"{path} is missing")
        if sha256(path) != expected:
            raise BackupError(f"{path} does not match its checksum in the manifest: the backup is damaged")
    known = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
    unknown = sorted(f"{app}.{name}" for app, name in manifest.migrations.items() if (app, name) not in known)
    if unknown:
        raise BackupError(
            f"the backup has migrations this Beatbook does not know ({', '.join(unknown)}): upgrade first"
        )
    return manifest


def restore_backup(src: Path, *, database: dict, force: bool = False) -> Manifest:
    """Restore the backup in `src` into `database` (a Django DATABASES entry). Close Django's
    connections to it first. Raises BackupError, before writing, on a bad manifest or a database
    holding data without `force`; after writing, if any table's rows differ from the manifest."""
    engine = engine_of(database)
    manifest = read_manifest(src, engine=engine)
    holding = beatbook_rows(database)
    if holding and not force:
        raise BackupError(
            f"the database holds data ({holding:,} rows in Beatbook's tables): restore with --force to replace it"
        )
    if engine == "sqlite":
        _restore_sqlite(src / SQLITE_FILE, Path(database["NAME"]))
        with _sqlite(Path(database["NAME"])) as restored:
            tables, _ = _sqlite_contents(restored)
    else:
        _require("pg_restore")
        _run(
            ["pg_restore", "--clean", "--if-exists", "--no-owner", "--single-transaction", "--exit-on-error",
             str(src / POSTGRES_FILE)],
            database,
            dbname_flag=True,
        )  # fmt: skip
        with _postgres(database) as connection:
            tables, _ = _postgres_contents(connection)
    differing = sorted(t for t in manifest.tables if tables.get(t) != manifest.tables[t])
    if differing:
        raise BackupError(f"after the restore these tables differ from the manifest: {', '.join(differing)}")
    return manifest


def _restore_sqlite(copy: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    source = sqlite3.connect(copy)
    destination = sqlite3.connect(target, timeout=30)
    try:
        source.backup(destination)  # page by page into the live file, under SQLite's own locks
    finally:
        destination.close()
        source.close()


def beatbook_rows(database: dict) -> int:
    """Rows in the tables of Beatbook's own apps (0 for a new or freshly migrated database)."""
    ours = {
        model._meta.db_table
        for config in apps.get_app_configs()
        if config.name.startswith("beatbook.")
        for model in config.get_models()
    }
    if engine_of(database) == "sqlite":
        if not Path(database["NAME"]).exists():
            return 0
        with _sqlite(Path(database["NAME"])) as connection:
            tables, _ = _sqlite_contents(connection)
    else:
        with _postgres(database) as connection:
            tables, _ = _postgres_contents(connection)
    return sum(rows for table, rows in tables.items() if table in ours)


# --- reading databases --------------------------------------------------------------------------------


@contextmanager
def _sqlite(path: Path) -> Iterator[sqlite3.Connection]:
    connection = sqlite3.connect(path, timeout=30)
    try:
        yield connection
    finally:
        connection.close()


def _sqlite_contents(connection: sqlite3.Connection) -> tuple[dict[str, int], dict[str, str]]:
    names = [
        row[0]
        for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
        )
    ]
    tables = {name: connection.execute(f'SELECT COUNT(*) FROM "{name}"').fetchone()[0] for name in names}
    migrations = {}
    if "django_migrations" in tables:
        migrations = dict(connection.execute("SELECT app, MAX(name) FROM django_migrations GROUP BY app").fetchall())
    return tables, migrations


@contextmanager
def _postgres(database: dict) -> Iterator[object]:
    import psycopg

    connection = psycopg.connect(**_libpq(database), autocommit=True)
    try:
        yield connection
    finally:
        connection.close()


def _postgres_contents(connection: object) -> tuple[dict[str, int], dict[str, str]]:
    names = [
        row[0]
        for row in connection.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename"
        ).fetchall()
    ]
    tables = {name: connection.execute(f'SELECT COUNT(*) FROM "{name}"').fetchone()[0] for name in names}
    migrations = {}
    if "django_migrations" in tables:
        migrations = dict(connection.execute("SELECT app, MAX(name) FROM django_migrations GROUP BY app").fetchall())
    return tables, migrations


def _libpq(database: dict) -> dict[str, str]:
    params = {"dbname": database["NAME"], "user": database.get("USER"), "host": database.get("HOST")}
    params |= {"port": str(database["PORT"]) if database.get("PORT") else None, "password": database.get("PASSWORD")}
    return {key: value for key, value in params.items() if value}


def _run(command: list[str], database: dict, *, dbname_flag: bool = False) -> None:
    """Run a PostgreSQL client tool against `database`, the password passed in the environment."""
    params = _libpq(database)
    env = os.environ | {f"PG{key.upper()}": value for key, value in params.items() if key != "dbname"}
    env["PGDATABASE"] = params["dbname"]
    if dbname_flag:
        command = [command[0], f"--dbname={params['dbname']}", *command[1:]]
    result = subprocess.run(command, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()}")


def _require(tool: str) -> None:
    if shutil.which(tool) is None:
        raise BackupError(
            f"{tool} is not on PATH: install PostgreSQL's client tools (e.g. apt-get install postgresql-client)"
        )
