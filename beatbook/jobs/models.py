"""Workers of the job queue and their leases.

The queue itself is django-tasks' database backend (`django_tasks_db.DBTaskResult`: one row per job
with its status, arguments, result and the ids of the workers that claimed it). This app adds what
that backend leaves out: which workers are alive, so that a job whose worker died is retried or
failed rather than left "running" for ever (see `reaper.py`).
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone


class Worker(models.Model):
    """A `beatbook worker` process. Its row is its lease: written at start, renewed by a heartbeat
    every JOBS_HEARTBEAT_SECONDS, deleted at a clean exit. A row left behind names a dead worker."""

    worker_id = models.CharField(max_length=64, unique=True)
    host = models.CharField(max_length=255, help_text="socket.gethostname() of the worker's machine")
    pid = models.PositiveIntegerField()
    started_at = models.DateTimeField(default=timezone.now)
    last_seen = models.DateTimeField(default=timezone.now, help_text="The last heartbeat (UTC)")

    class Meta:
        ordering = ["started_at"]

    def __str__(self) -> str:
        return f"{self.worker_id} (pid {self.pid} on {self.host})"
