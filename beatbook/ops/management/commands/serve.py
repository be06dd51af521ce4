"""beatbook serve: run Beatbook under gunicorn, the production WSGI server."""

from __future__ import annotations

import os
import sys

from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = (
        "Serve Beatbook with gunicorn (settings in beatbook/ops/gunicorn_conf.py). Put it behind a TLS proxy "
        "and run `beatbook worker` beside it; see docs/deployment.md."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--bind", help="address:port to listen on (default $BEATBOOK_BIND or 127.0.0.1:8000)")
        parser.add_argument("--workers", type=int, help="worker processes (default $WEB_CONCURRENCY or one per CPU)")

    def handle(self, *args: object, bind: str | None, workers: int | None, **options: object) -> None:
        command = [sys.executable, "-m", "gunicorn", "--config", "python:beatbook.ops.gunicorn_conf"]
        command += ["--bind", bind] if bind else []
        command += ["--workers", str(workers)] if workers else []
        sys.stdout.flush()
        # gunicorn takes this process's place, so a service manager's signals reach it directly.
        os.execv(sys.executable, [*command, "beatbook.wsgi:application"])  # noqa: S606
