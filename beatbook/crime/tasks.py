"""The job that imports a web upload, run by `beatbook worker` (see beatbook/jobs/).

A job may run again after its worker died mid-import (see beatbook/jobs/reaper.py). That is safe:
each file is imported in one transaction, so the killed attempt left no rows, only its ImportRun
marked running, which the next attempt puts back in the queue. When the job fails for good, every
unfinished run of its upload is marked failed and the stored upload deleted.
"""

from __future__ import annotations

from pathlib import Path

from django.db import transaction
from django.dispatch import receiver
from django.utils import timezone
from django_tasks import TaskContext, TaskResult, TaskResultStatus, task
from django_tasks.signals import task_finished

from beatbook.crime.models import ImportRun, ImportStatus
from beatbook.crime.uploads import process_upload

INTERRUPTED = "The import stopped before this file was finished (its worker stopped); none of the file was kept."


@task(takes_context=True)
def import_upload(context: TaskContext, run_id: int) -> dict:
    """Import upload `run_id` (an ImportRun's id). Returns {"runs": [{"uuid", "status", "rows_read",
    "inserted", "rejected"}, …]}, one per file, stored as the job's result."""
    if context.attempt > 1:
        _requeue_interrupted(run_id)
    runs = process_upload(run_id)
    return {
        "runs": [
            {
                "uuid": str(run.uuid),
                "status": run.status,
                "rows_read": run.rows_read,
                "inserted": run.inserted,
                "rejected": run.rejected,
            }
            for run in runs
        ]
    }


@transaction.atomic
def _requeue_interrupted(run_id: int) -> None:
    """After a lost attempt: the upload's own run goes back in the queue; the other files of a zip
    that were being imported are failed (those finished before stay as they are)."""
    run = ImportRun.objects.select_for_update().filter(pk=run_id).first()
    if run is None:
        return
    if run.status == ImportStatus.RUNNING and run.upload_path and Path(run.upload_path).exists():
        run.status = ImportStatus.QUEUED
        run.save(update_fields=["status"])
    _fail_unfinished(run, exclude_queued=True)


def _fail_unfinished(run: ImportRun, *, exclude_queued: bool = False) -> None:
    unfinished = [ImportStatus.RUNNING] if exclude_queued else [ImportStatus.RUNNING, ImportStatus.QUEUED]
    runs = ImportRun.objects.filter(pk=run.pk) if run.batch is None else ImportRun.objects.filter(batch=run.batch)
    runs.filter(status__in=unfinished).update(status=ImportStatus.FAILED, error=INTERRUPTED, finished_at=timezone.now())


@receiver(task_finished)
def fail_runs_of_a_failed_job(sender: object, task_result: TaskResult, **kwargs: object) -> None:
    if task_result.status != TaskResultStatus.FAILED or task_result.task.module_path != import_upload.module_path:
        return
    run = ImportRun.objects.filter(pk=task_result.args[0]).first()
    if run is None:
        return
    _fail_unfinished(run)
    if run.upload_path:
        Path(run.upload_path).unlink(missing_ok=True)
