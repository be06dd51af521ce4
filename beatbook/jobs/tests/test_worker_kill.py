"""A worker killed (SIGKILL) in the middle of an import: the job is retried by the next worker, or
failed once out of attempts, and nothing of the file is half-written.

Runs real processes against a database of their own (SQLite in a temporary folder, or a PostgreSQL
database named after $DATABASE_URL's plus `_worker_kill` when the suite runs on PostgreSQL)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from beatbook.crime.tests.conftest import SAMPLE

STALLING_WORKER = Path(__file__).with_name("stalling_worker.py")
QUEUE_UPLOAD = """
import json, sys
from django.core.files.uploadedfile import SimpleUploadedFile
from beatbook.crime.uploads import do_queue_upload
run = do_queue_upload(SimpleUploadedFile(sys.argv[1], open(sys.argv[2], "rb").read()), force=None, acting_user=None)
print(json.dumps(run.pk))
"""
STATE = """
import json, sys
from django_tasks_db.models import DBTaskResult
from beatbook.areas.models import Area
from beatbook.crime.models import ImportRun, Incident
run = ImportRun.objects.get(pk=int(sys.argv[1]))
job = DBTaskResult.objects.get(args_kwargs__args=[run.pk])
print(json.dumps({
    "job": job.status, "attempts": len(job.worker_ids), "error": job.exception_class_path,
    "run": run.status, "run_error": run.error, "rows_read": run.rows_read, "inserted": run.inserted,
    "incidents": Incident.objects.filter(month=sys.argv[2]).count(),
    "forces": Area.objects.filter(code="derbyshire").count(),
    "upload_kept": bool(run.upload_path) and __import__("os").path.exists(run.upload_path),
}))
"""


@pytest.fixture(scope="module")
def environment(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    data_dir = tmp_path_factory.mktemp("worker-kill")
    env = os.environ | {"BEATBOOK_DATA_DIR": str(data_dir), "DEBUG": "true", "BEATBOOK_IMPORTS_IN_BACKGROUND": "true"}
    url = os.environ.get("DATABASE_URL", "")
    admin = None
    if url.startswith("postgres"):
        import psycopg

        base, _, name = url.rpartition("/")
        env["DATABASE_URL"] = f"{base}/{name}_worker_kill"
        admin = psycopg.connect(f"{base}/postgres", autocommit=True)
        admin.execute(f'DROP DATABASE IF EXISTS "{name}_worker_kill" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}_worker_kill"')
    else:
        env["DATABASE_URL"] = ""
    subprocess.run([sys.executable, "-m", "beatbook", "migrate", "--no-input", "-v0"], env=env, check=True)
    yield env
    if admin is not None:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}_worker_kill" WITH (FORCE)')
        admin.close()


def _beatbook(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "beatbook", *args], env=env, check=True, capture_output=True, text=True, timeout=120
    )


def _shell(env: dict[str, str], code: str, *args: str) -> object:
    script = f"import sys; sys.argv = ['x', {', '.join(repr(a) for a in args)}]\n{code}"
    return json.loads(_beatbook(env, "shell", "-c", script).stdout.strip().splitlines()[-1])


def _queue_and_kill(env: dict[str, str], tmp_path: Path, month: str) -> int:
    upload = tmp_path / "sample.csv"
    upload.write_text(
        SAMPLE.read_text().replace("2018-07", month).replace("West Yorkshire Police", "Derbyshire Constabulary")
    )
    run_id = _shell(env, QUEUE_UPLOAD, f"{month}-derbyshire-street.csv", str(upload))
    before = _shell(env, "from beatbook.crime.models import Incident; print(Incident.objects.count())")
    marker = tmp_path / "stalled"
    worker = subprocess.Popen(
        [sys.executable, str(STALLING_WORKER)],
        env=env | {"STALL_MARKER": str(marker), "STALL_ABOVE": str(before)},
        stdout=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while not marker.exists():
            assert worker.poll() is None, "the worker exited before the import began"
            assert time.monotonic() < deadline, "the import never began"
            time.sleep(0.1)
        assert int(marker.read_text()) > 0  # rows written inside the import's transaction
    finally:
        worker.send_signal(signal.SIGKILL)
        worker.wait()
    return run_id


def test_a_killed_workers_import_is_retried_by_the_next_worker(environment, tmp_path) -> None:  # noqa: ANN001
    run_id = _queue_and_kill(environment, tmp_path, "2018-07")
    killed = _shell(environment, STATE, str(run_id), "2018-07-01")
    # Killed mid-file: the job and its run still say running, but not one row of the file was kept.
    assert (killed["job"], killed["run"], killed["incidents"], killed["forces"]) == ("RUNNING", "running", 0, 0)

    output = _beatbook(environment, "worker", "--batch", "--no-startup-delay").stdout
    assert "queued again" in output
    done = _shell(environment, STATE, str(run_id), "2018-07-01")
    assert (done["job"], done["attempts"], done["run"]) == ("SUCCESSFUL", 2, "done")
    assert (done["rows_read"], done["inserted"], done["incidents"]) == (300, 300, 300)
    assert not done["upload_kept"]


def test_a_job_out_of_attempts_is_failed_and_its_import_too(environment, tmp_path) -> None:  # noqa: ANN001
    env = environment | {"BEATBOOK_JOBS_MAX_ATTEMPTS": "1"}
    run_id = _queue_and_kill(env, tmp_path, "2018-08")
    output = _beatbook(env, "worker", "--batch", "--no-startup-delay").stdout
    assert "failed" in output, output
    state = _shell(env, STATE, str(run_id), "2018-08-01")
    assert (state["job"], state["attempts"], state["error"]) == ("FAILED", 1, "beatbook.jobs.reaper.WorkerLost")
    assert state["run"] == "failed" and "none of the file was kept" in state["run_error"]
    assert state["incidents"] == 0 and not state["upload_kept"]
