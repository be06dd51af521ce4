"""Run queued jobs in the calling process, one after another, until none is ready.

For tests (which must see a job's effects inside their own transaction) and for one-off commands; the
service itself runs jobs with `beatbook worker`. Each job goes through django-tasks' own worker code
(`Worker.run_task`), so it is claimed, run, marked successful or failed, and `task_finished` is sent
exactly as under `beatbook worker`. Unlike `Worker.run()`, nothing here closes database connections.
"""

from __future__ import annotations

from django.db import transaction
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult


def run_queued_jobs(*, task_path: str | None = None, worker_id: str = "inline") -> int:
    """Run every ready job (only those of `task_path`, a task's module path, if given). Returns how many ran;
    a job that raises is recorded as failed and the next one still runs."""
    worker = Worker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id=worker_id,
        excluded_queue_names=[],
    )
    ran = 0
    while True:
        ready = DBTaskResult.objects.ready()
        if task_path:
            ready = ready.filter(task_path=task_path)
        with transaction.atomic():
            job = ready.get_locked()
            if job is None:
                return ran
            job.claim(worker_id)
        worker.run_task(job)
        ran += 1
