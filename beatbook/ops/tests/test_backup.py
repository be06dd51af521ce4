"""Backups restore every table equal, and a restore refuses a damaged backup, a backup from a newer
Beatbook and (without --force) a database holding data. On SQLite always; on PostgreSQL when the suite
runs there (pg_dump and pg_restore on PATH)."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.db import connection

from beatbook.ops.backup import BackupError, make_backup, restore_backup

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def source(tmp_path_factory: pytest.TempPathFactory, django_db_setup) -> dict:  # noqa: ANN001
    """The database to back up. On PostgreSQL the suite's own (the demo is committed there); on SQLite
    the suite's database is in memory inside each test's transaction, so a file database is built
    for the purpose by `beatbook migrate` and a little data."""
    from django.db import connections

    if connections["default"].vendor != "sqlite":
        return dict(connections["default"].settings_dict)
    data_dir = tmp_path_factory.mktemp("backup-source")
    env = os.environ | {"BEATBOOK_DATA_DIR": str(data_dir), "DEBUG": "true", "DATABASE_URL": ""}
    subprocess.run([sys.executable, "-m", "beatbook", "migrate", "--no-input", "-v0"], env=env, check=True)
    subprocess.run([sys.executable, "-m", "beatbook", "shell", "-c", SOME_DATA], env=env, check=True)
    return {"ENGINE": "django.db.backends.sqlite3", "NAME": str(data_dir / "beatbook.sqlite3")}


SOME_DATA = """
from beatbook.areas.models import Area, Level
from beatbook.accounts.models import User
Area.objects.create(code="derbyshire", name="Derbyshire Constabulary", level=Level.FORCE, path="")
for i in range(20):
    User.objects.create_user(f"user.{i}", password="a long enough password")
"""


@pytest.fixture
def target(tmp_path: Path) -> Iterator[dict]:
    """An empty database of the suite's engine to restore into."""
    source = connection.settings_dict
    if connection.vendor == "sqlite":
        yield {"ENGINE": source["ENGINE"], "NAME": str(tmp_path / "restored.sqlite3")}
        return
    import psycopg

    name = f"{source['NAME']}_restored"
    database = dict(source, NAME=name)
    admin = psycopg.connect(dbname="postgres", user=source["USER"], host=source["HOST"], port=source["PORT"] or 5432, autocommit=True)  # fmt: skip
    admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield database
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


def _sqlite_tables(execute) -> dict[str, list]:  # noqa: ANN001
    """Every table's rows, each value quoted by SQLite itself so both sides compare as text."""
    tables = {}
    names = [r[0] for r in execute("SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'")]
    for name in names:
        columns = [r[1] for r in execute(f'PRAGMA table_info("{name}")')]
        select = ", ".join(f'quote("{c}")' for c in columns)
        tables[name] = sorted(execute(f'SELECT {select} FROM "{name}"'))
    return tables


def _postgres_tables(database: dict) -> dict[str, tuple]:
    import psycopg

    params = {"dbname": database["NAME"], "user": database["USER"], "host": database["HOST"]}
    with psycopg.connect(**params, port=database["PORT"] or 5432) as pg:
        names = [r[0] for r in pg.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'").fetchall()]
        return {
            name: pg.execute(
                f"SELECT COUNT(*), md5(string_agg(t::text, '|' ORDER BY t::text)) FROM \"{name}\" t"
            ).fetchone()
            for name in names
        }


def _tables(database: dict) -> dict:
    if connection.vendor == "sqlite":
        raw = sqlite3.connect(database["NAME"])
        try:
            return _sqlite_tables(lambda sql: raw.execute(sql).fetchall())
        finally:
            raw.close()
    return _postgres_tables(database)


def test_a_restored_backup_has_every_table_equal(tmp_path, source, target) -> None:  # noqa: ANN001
    manifest = make_backup(tmp_path / "backup", database=source)
    assert manifest.tables["accounts_user"] >= 10 and manifest.migrations["jobs"] == "0001_initial"
    assert json.loads((tmp_path / "backup" / "manifest.json").read_text())["files"] == manifest.files
    restore_backup(tmp_path / "backup", database=target)
    original, restored = _tables(source), _tables(target)
    assert set(original) == set(restored) and len(original) > 30
    assert [name for name in original if original[name] != restored[name]] == []


def test_a_damaged_backup_is_refused_before_anything_is_written(tmp_path, source, target) -> None:  # noqa: ANN001
    manifest = make_backup(tmp_path / "backup", database=source)
    copy = tmp_path / "backup" / next(iter(manifest.files))
    data = bytearray(copy.read_bytes())
    data[len(data) // 2] ^= 0xFF
    copy.write_bytes(bytes(data))
    with pytest.raises(BackupError, match="does not match its checksum"):
        restore_backup(tmp_path / "backup", database=target)
    assert not any(rows for rows in _table_counts(target).values())


def _table_counts(database: dict) -> dict[str, int]:
    if connection.vendor == "sqlite" and not Path(database["NAME"]).exists():
        return {}
    return {name: len(rows) if isinstance(rows, list) else rows[0] for name, rows in _tables(database).items()}


def test_a_backup_from_a_newer_beatbook_is_refused(tmp_path, source, target) -> None:  # noqa: ANN001
    make_backup(tmp_path / "backup", database=source)
    path = tmp_path / "backup" / "manifest.json"
    data = json.loads(path.read_text())
    data["migrations"]["jobs"] = "0999_from_the_future"
    path.write_text(json.dumps(data))
    with pytest.raises(BackupError, match=r"does not know \(jobs.0999_from_the_future\)"):
        restore_backup(tmp_path / "backup", database=target)


def test_a_database_holding_data_is_replaced_only_with_force(tmp_path, source, target) -> None:  # noqa: ANN001
    make_backup(tmp_path / "backup", database=source)
    restore_backup(tmp_path / "backup", database=target)
    with pytest.raises(BackupError, match="holds data .* --force"):
        restore_backup(tmp_path / "backup", database=target)
    restore_backup(tmp_path / "backup", database=target, force=True)


def test_the_commands(tmp_path, source) -> None:  # noqa: ANN001
    if connection.vendor != "sqlite":
        pytest.skip("the commands run the same code on both engines; run here against a SQLite file")
    env = os.environ | {"BEATBOOK_DATA_DIR": str(Path(source["NAME"]).parent), "DEBUG": "true", "DATABASE_URL": ""}

    def beatbook(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "beatbook", *args], env=env, capture_output=True, text=True)

    made = beatbook("backup", str(tmp_path / "backup"))
    assert made.returncode == 0 and "Backed up" in made.stdout
    assert "not empty" in beatbook("backup", str(tmp_path / "backup")).stderr
    assert "holds data" in beatbook("restore", str(tmp_path / "backup")).stderr
    restored = beatbook("restore", "--force", str(tmp_path / "backup"))
    assert restored.returncode == 0 and "every table's rows match the manifest" in restored.stdout
