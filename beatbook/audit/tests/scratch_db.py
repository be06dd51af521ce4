"""Throw-away databases for tests that need committed data and many connections (threads, roles).

The suite's own database runs each test in a transaction that other connections cannot see, so
concurrency and role tests migrate a fresh database of their own, run the trial in a subprocess and
drop the database afterwards. SQLite: a file in a temporary folder. PostgreSQL: a new database on the
suite's server, named `<suite database>_scratch_<random>`.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

from django.conf import settings
from django.db import connection


def postgres_server() -> dict:
    """Host, port, user and a name prefix from the suite's PostgreSQL settings."""
    db = settings.DATABASES["default"]
    return {
        "host": db.get("HOST") or "127.0.0.1",
        "port": str(db.get("PORT") or 5432),
        "user": db.get("USER") or "postgres",
        "prefix": (db.get("NAME") or "beatbook").removeprefix("test_"),
    }


def admin_sql(statements: list[str], database: str = "postgres", user: str | None = None) -> None:
    """Run statements as the suite's PostgreSQL user (or `user`), outside any transaction."""
    import psycopg

    server = postgres_server()
    with psycopg.connect(
        host=server["host"], port=server["port"], user=user or server["user"], dbname=database, autocommit=True
    ) as conn:
        for statement in statements:
            conn.execute(statement)


def url_for(database: str, user: str | None = None) -> str:
    server = postgres_server()
    return f"postgres://{user or server['user']}@{server['host']}:{server['port']}/{database}"


@contextlib.contextmanager
def scratch_database(vendor: str, tmp_path: Path, *, owner: str | None = None) -> Iterator[str]:
    """A migrated, empty database of the given vendor; yields its DATABASE_URL."""
    if vendor == "sqlite":
        url = f"sqlite:///{tmp_path / 'scratch.sqlite3'}"
        run_beatbook(url, "migrate", "--no-input", "-v0")
        yield url
        return
    name = f"{postgres_server()['prefix']}_scratch_{secrets.token_hex(4)}"
    admin_sql([f'CREATE DATABASE "{name}"' + (f' OWNER "{owner}"' if owner else "")])
    try:
        url = url_for(name, owner)
        run_beatbook(url, "migrate", "--no-input", "-v0")
        yield url
    finally:
        admin_sql([f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'])


def run_beatbook(url: str, *args: str, module: str = "beatbook") -> subprocess.CompletedProcess:
    env = os.environ | {"DATABASE_URL": url, "DEBUG": "true"}
    result = subprocess.run(  # noqa: S603 - our own interpreter and module
        [sys.executable, "-m", module, *args], env=env, capture_output=True, text=True, timeout=300, check=False
    )
    if result.returncode != 0:
        raise AssertionError(f"{module} {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result


def on_postgresql() -> bool:
    return connection.vendor == "postgresql"
