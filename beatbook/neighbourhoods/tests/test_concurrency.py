"""Runs concurrency_trials.py (20 threads on one object) in a test database of its own, on SQLite and,
when the suite runs on PostgreSQL, on PostgreSQL too (issue 11 item 5)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

TRIALS = Path(__file__).with_name("concurrency_trials.py")


def _run(env: dict[str, str]) -> str:
    command = [sys.executable, "-m", "pytest", "-q", "-s", "-p", "no:randomly", str(TRIALS)]
    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300, check=False)  # noqa: S603
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    return result.stdout


def _figures(output: str) -> list[tuple[str, int, int]]:
    return [(m[1], int(m[2]), int(m[3])) for m in re.finditer(r"TRIAL (\S+) trials=(\d+) lost=(\d+)", output)]


def test_twenty_at_once_on_sqlite(tmp_path: Path) -> None:
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'trials.sqlite3'}"}
    env["TEST_DATABASE_NAME"] = str(tmp_path / "test_trials.sqlite3")
    figures = _figures(_run(env))
    assert len(figures) == 4 and all(lost == 0 for _, _, lost in figures)


@pytest.mark.skipif(
    "postgresql" not in settings.DATABASES["default"]["ENGINE"], reason="the suite runs on SQLite (set DATABASE_URL)"
)
def test_twenty_at_once_on_postgresql() -> None:
    database = settings.DATABASES["default"]
    name = database["NAME"].removeprefix("test_")
    env = {**os.environ, "TEST_DATABASE_NAME": f"test_{name}_trials"}
    figures = _figures(_run(env))
    assert len(figures) == 4 and all(lost == 0 for _, _, lost in figures)
