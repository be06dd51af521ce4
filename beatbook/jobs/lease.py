"""Worker leases: register a worker, renew its lease from a heartbeat thread, and tell whether the
worker holding a job is still alive.

A worker is alive while
- on this machine: its process exists (checked with signal 0, so the answer is immediate after a
  crash or a SIGKILL, even while a long SQLite import holds the write lock and no heartbeat can be
  written);
- on another machine: its last heartbeat is younger than JOBS_LEASE_SECONDS (PostgreSQL only; SQLite
  lives on one machine).
"""

from __future__ import annotations

import logging
import os
import socket
import threading
from collections.abc import Callable
from datetime import datetime, timedelta

from django.conf import settings
from django.db import DatabaseError, connections
from django.utils import timezone

from beatbook.jobs.models import Worker

log = logging.getLogger(__name__)


def this_host() -> str:
    return socket.gethostname()[:255]


def register(worker_id: str) -> Worker:
    worker, _ = Worker.objects.update_or_create(
        worker_id=worker_id,
        defaults={"host": this_host(), "pid": os.getpid(), "started_at": timezone.now(), "last_seen": timezone.now()},
    )
    return worker


def unregister(worker_id: str) -> None:
    Worker.objects.filter(worker_id=worker_id).delete()


def _process_exists(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process: it exists
        return True
    return True


def is_alive(worker: Worker | None, *, now: datetime | None = None) -> bool:
    """Whether the worker may still be running a job (see the module docstring)."""
    if worker is None:
        return False
    if worker.host == this_host():
        return _process_exists(worker.pid)
    now = now or timezone.now()
    return worker.last_seen >= now - timedelta(seconds=settings.JOBS_LEASE_SECONDS)


class Heartbeat(threading.Thread):
    """Renews the worker's lease every JOBS_HEARTBEAT_SECONDS and runs `periodic` (the reaper) every
    JOBS_REAP_SECONDS, on its own database connection so it never joins the job's transaction.

    A failed write (SQLite is locked while an import commits a large file) is logged and tried again
    at the next beat: on one machine the lease does not depend on it."""

    def __init__(self, worker_id: str, periodic: Callable[[], object]) -> None:
        super().__init__(name=f"heartbeat-{worker_id}", daemon=True)
        self.worker_id = worker_id
        self.periodic = periodic
        self.stopping = threading.Event()

    def run(self) -> None:
        beats_per_reap = max(1, settings.JOBS_REAP_SECONDS // max(1, settings.JOBS_HEARTBEAT_SECONDS))
        beat = 0
        try:
            while not self.stopping.wait(settings.JOBS_HEARTBEAT_SECONDS):
                beat += 1
                try:
                    Worker.objects.filter(worker_id=self.worker_id).update(last_seen=timezone.now())
                    if beat % beats_per_reap == 0:
                        self.periodic()
                except DatabaseError as error:
                    log.warning("worker %s: heartbeat not written (%s); trying again", self.worker_id, error)
        finally:
            connections.close_all()

    def stop(self) -> None:
        self.stopping.set()
        self.join(timeout=30)
