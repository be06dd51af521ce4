"""beatbook worker: run jobs from the queue (django-tasks' database worker, with leases and a reaper)."""

from __future__ import annotations

import os
from argparse import ArgumentParser

from django.utils.crypto import get_random_string
from django_tasks_db.management.commands import db_worker

from beatbook.jobs import lease
from beatbook.jobs.reaper import reap_lost_jobs


class Command(db_worker.Command):
    help = (
        "Run queued jobs (web imports and other long work) until stopped. SIGTERM or Ctrl+C finishes the "
        "current job and exits; a second one stops at once (the job is then failed, and nothing of an "
        "unfinished import file is kept). At start and every JOBS_REAP_SECONDS it retries or fails the jobs "
        "of workers that died. Run one or more per machine; each takes one job at a time."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        super().add_arguments(parser)
        # Reloading would run jobs in a child process the lease does not name; and every worker id must
        # say where the worker runs, so a person reading the queue can find it.
        parser.set_defaults(
            reload=False,
            worker_id=f"{lease.this_host()[:40]}-{os.getpid()}-{get_random_string(8)}",
        )

    def handle(self, *args: object, **options: object) -> None:
        worker_id = str(options["worker_id"])
        lease.register(worker_id)
        for reaped in reap_lost_jobs():
            self.stdout.write(
                f"Job {reaped.job_id} ({reaped.task_path}) of lost worker {reaped.worker_id}: "
                + ("queued again" if reaped.retried else "failed")
            )
        heartbeat = lease.Heartbeat(worker_id, periodic=reap_lost_jobs)
        heartbeat.start()
        try:
            super().handle(*args, **options)
        finally:
            heartbeat.stop()
            lease.unregister(worker_id)
