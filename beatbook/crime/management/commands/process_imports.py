"""beatbook process_imports: run web uploads that are waiting, and close runs a dead process left running."""

from datetime import timedelta

from django.core.management.base import BaseCommand, CommandParser

from beatbook.crime.models import ImportRun, ImportStatus
from beatbook.crime.uploads import mark_stale_runs, process_upload


class Command(BaseCommand):
    help = (
        "Import every web upload still queued. Needed only where BEATBOOK_IMPORTS_IN_BACKGROUND is false (run it "
        "every minute from cron or as a worker loop), or after a restart interrupted queued uploads. Safe to run "
        "in parallel: each upload is taken once. Deletes each upload's stored file when done. First, an import "
        "left 'running' for longer than --stale-minutes (its process was killed) is marked failed and its stored "
        "upload deleted, as are stored uploads no run will read."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--stale-minutes",
            type=int,
            default=120,
            help="a run still 'running' this long after it started is taken as dead (default 120)",
        )

    def handle(self, *args: object, **options: object) -> None:
        for run in mark_stale_runs(timedelta(minutes=options["stale_minutes"])):
            self.stdout.write(f"{run.source_name}: marked failed — {run.error}")
        queued = list(
            ImportRun.objects.filter(status=ImportStatus.QUEUED, upload_path__gt="").values_list("pk", flat=True)
        )
        for run_id in queued:
            for run in process_upload(run_id):
                self.stdout.write(
                    f"{run.source_name}: {run.get_status_display()} — {run.rows_read:,} rows read, "
                    f"{run.inserted:,} inserted, {run.rejected:,} rejected"
                    + (f" ({run.error})" if run.status == ImportStatus.SKIPPED else "")
                )
        if not queued:
            self.stdout.write("No uploads are waiting.")
