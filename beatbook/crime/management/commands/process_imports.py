"""beatbook process_imports: run web uploads that are waiting."""

from django.core.management.base import BaseCommand

from beatbook.crime.models import ImportRun, ImportStatus
from beatbook.crime.uploads import process_upload


class Command(BaseCommand):
    help = (
        "Import every web upload still queued. Needed only where BEATBOOK_IMPORTS_IN_BACKGROUND is false (run it "
        "every minute from cron or as a worker loop), or after a restart interrupted queued uploads. Safe to run "
        "in parallel: each upload is taken once. Deletes each upload's stored file when done."
    )

    def handle(self, *args: object, **options: object) -> None:
        queued = list(
            ImportRun.objects.filter(status=ImportStatus.QUEUED, upload_path__gt="").values_list("pk", flat=True)
        )
        for run_id in queued:
            for run in process_upload(run_id):
                self.stdout.write(
                    f"{run.source_name}: {run.get_status_display()} — {run.rows_read:,} rows read, "
                    f"{run.inserted:,} inserted, {run.rejected:,} rejected"
                )
        if not queued:
            self.stdout.write("No uploads are waiting.")
