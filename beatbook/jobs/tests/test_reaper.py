"""The reaper retries or fails the jobs of dead workers and leaves live workers' jobs alone."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import timedelta

import pytest
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from beatbook.crime.models import ImportRun, ImportStatus
from beatbook.crime.tasks import INTERRUPTED, import_upload
from beatbook.jobs import lease
from beatbook.jobs.models import Worker
from beatbook.jobs.reaper import reap_lost_jobs

pytestmark = pytest.mark.django_db


def _dead_pid() -> int:
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def _running_job(worker_id: str, *, attempts: int = 1, run: ImportRun | None = None) -> DBTaskResult:
    run = run or ImportRun.objects.create(source_name="a.csv", status=ImportStatus.RUNNING)
    job = DBTaskResult.objects.get(id=import_upload.enqueue(run.pk).id)
    for attempt in range(attempts):
        job.claim(worker_id if attempt == attempts - 1 else f"earlier-{attempt}")
    return job


def _status(job: DBTaskResult) -> str:
    job.refresh_from_db()
    return job.status


def test_a_dead_local_workers_job_is_queued_again_and_the_worker_forgotten() -> None:
    Worker.objects.create(worker_id="dead", host=lease.this_host(), pid=_dead_pid())
    job = _running_job("dead")
    reaped = reap_lost_jobs()
    assert [(r.worker_id, r.retried) for r in reaped] == [("dead", True)]
    assert _status(job) == TaskResultStatus.READY and not Worker.objects.exists()


def test_a_live_workers_job_is_left_alone() -> None:
    Worker.objects.create(worker_id="me", host=lease.this_host(), pid=os.getpid())
    job = _running_job("me")
    assert reap_lost_jobs() == [] and _status(job) == TaskResultStatus.RUNNING


def test_a_remote_worker_is_alive_while_its_heartbeat_is_fresh(settings) -> None:  # noqa: ANN001
    settings.JOBS_LEASE_SECONDS = 120
    Worker.objects.create(worker_id="far", host="another-machine", pid=1, last_seen=timezone.now())
    job = _running_job("far")
    assert reap_lost_jobs() == []
    Worker.objects.update(last_seen=timezone.now() - timedelta(seconds=121))
    assert [r.worker_id for r in reap_lost_jobs()] == ["far"] and _status(job) == TaskResultStatus.READY


def test_an_unregistered_worker_gets_the_lease_time_to_appear(settings) -> None:  # noqa: ANN001
    job = _running_job("never-registered")
    assert reap_lost_jobs() == []
    assert len(reap_lost_jobs(now=timezone.now() + timedelta(seconds=settings.JOBS_LEASE_SECONDS + 1))) == 1
    assert _status(job) == TaskResultStatus.READY


def test_out_of_attempts_the_job_and_its_import_fail(settings, tmp_path) -> None:  # noqa: ANN001
    settings.JOBS_MAX_ATTEMPTS = 2
    upload = tmp_path / "stored.upload"
    upload.write_bytes(b"Crime ID,Month\n")
    run = ImportRun.objects.create(source_name="a.csv", status=ImportStatus.RUNNING, upload_path=str(upload))
    Worker.objects.create(worker_id="dead", host=lease.this_host(), pid=_dead_pid())
    job = _running_job("dead", attempts=2, run=run)
    assert [r.retried for r in reap_lost_jobs()] == [False]
    job.refresh_from_db()
    assert job.status == TaskResultStatus.FAILED and job.exception_class_path == "beatbook.jobs.reaper.WorkerLost"
    run.refresh_from_db()
    assert (run.status, run.error) == (ImportStatus.FAILED, INTERRUPTED) and not upload.exists()


def test_the_worker_command_registers_runs_the_queue_and_leaves(tmp_path, settings, monkeypatch) -> None:  # noqa: ANN001
    from django.core.management import call_command
    from django_tasks_db.management.commands import db_worker

    settings.DATA_DIR = tmp_path
    # The worker closes stale connections between jobs; inside the test's transaction that would end it.
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    Worker.objects.create(worker_id="dead", host=lease.this_host(), pid=_dead_pid())
    job = _running_job("dead", run=ImportRun.objects.create(source_name="gone.csv", status=ImportStatus.RUNNING))
    call_command("worker", "--batch", "--no-startup-delay", "--worker-id", "test-worker", verbosity=0)
    job.refresh_from_db()
    # The lost job was queued again and run by this worker (its upload is gone, so it imports nothing).
    assert job.status == TaskResultStatus.SUCCESSFUL and job.worker_ids[-1] == "test-worker"
    assert not Worker.objects.exists()
