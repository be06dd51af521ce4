"""The reaper: a job whose worker died is retried, or failed once it has had JOBS_MAX_ATTEMPTS
tries; it is never left "running".

`beatbook worker` runs the reaper when it starts and every JOBS_REAP_SECONDS while it runs, so any
live worker recovers the jobs of a dead one. A job counts one attempt per claim (django-tasks records
the id of every worker that claimed it in `worker_ids`). Jobs must therefore be safe to run again:
an import is one transaction per file, so a killed import left nothing behind to undo.

When a job is failed here, django-tasks' `task_finished` signal is sent as the worker would have
sent it, so the task's owner can mark its own records (e.g. an ImportRun) failed too.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks.signals import task_finished
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.models import DBTaskResult

from beatbook.jobs import lease
from beatbook.jobs.models import Worker

log = logging.getLogger(__name__)


class WorkerLost(Exception):
    """Recorded as a job's error when its worker died (killed, crashed, machine lost) mid-job."""


@dataclass(frozen=True)
class Reaped:
    job_id: str
    task_path: str
    worker_id: str
    retried: bool


def reap_lost_jobs(*, now: datetime | None = None) -> list[Reaped]:
    """Retry or fail every running job whose worker is dead; forget dead workers. Returns what it did.

    Safe to run from many workers at once: each job is re-checked under a row lock."""
    now = now or timezone.now()
    workers = {worker.worker_id: worker for worker in Worker.objects.all()}
    reaped = []
    for job_id, worker_ids, started_at in DBTaskResult.objects.running().values_list("id", "worker_ids", "started_at"):
        holder = worker_ids[-1] if worker_ids else ""
        worker = workers.get(holder)
        if lease.is_alive(worker, now=now):
            continue
        if worker is None and started_at and started_at > now - timedelta(seconds=settings.JOBS_LEASE_SECONDS):
            continue  # a worker that has not registered (yet): give it the lease's time
        result = _reap(job_id, holder)
        if result is not None:
            reaped.append(result)
    dead = [worker.pk for worker in workers.values() if not lease.is_alive(worker, now=now)]
    Worker.objects.filter(pk__in=dead).delete()
    return reaped


def _reap(job_id: object, holder: str) -> Reaped | None:
    with transaction.atomic():
        job = DBTaskResult.objects.select_for_update().filter(id=job_id, status=TaskResultStatus.RUNNING).first()
        if job is None or (job.worker_ids[-1:] or [""])[0] != holder:
            return None  # finished or re-claimed meanwhile
        retried = len(job.worker_ids) < settings.JOBS_MAX_ATTEMPTS
        if retried:
            job.status, job.started_at = TaskResultStatus.READY, None
            job.save(update_fields=["status", "started_at"])
        else:
            job.set_failed(WorkerLost(f"worker {holder} stopped during attempt {len(job.worker_ids)}; not retried"))
    log.warning(
        "job %s (%s): worker %s is gone; %s", job.id, job.task_path, holder, "retrying" if retried else "failed"
    )
    if not retried:
        task_finished.send(sender=DatabaseBackend, task_result=job.task_result)
    return Reaped(job_id=str(job.id), task_path=job.task_path, worker_id=holder, retried=retried)
