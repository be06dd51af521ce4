"""beatbook import_police_uk PATH [PATH ...]: load police.uk archive files."""

from __future__ import annotations

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from beatbook.crime.imports import do_import_source
from beatbook.crime.models import ImportRun, ImportStatus
from beatbook.crime.sources import SourceError, list_sources


class Command(BaseCommand):
    help = (
        "Import police.uk street-level crime and ASB, outcomes, and stop-and-search CSVs: single files, archive "
        "folders (YYYY-MM/YYYY-MM-<force>-<kind>.csv) or the archive's zip. Run after each monthly release. "
        "Each file is all or nothing and is reported with rows read, inserted, updated, unchanged and rejected "
        "(with line numbers). Crimes are matched on Crime ID; ASB, outcome and stop-and-search rows replace "
        "their force-month (rows no longer in the file are removed). Re-importing a file changes nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("paths", nargs="+", type=Path, help="CSV files, archive folders or zips")
        parser.add_argument("--force", help="the force's code, where file names do not say (stop-and-search)")
        parser.add_argument(
            "--show-rejections",
            type=int,
            default=10,
            metavar="N",
            help="print the first N rejected lines of each file (default 10)",
        )
        parser.add_argument("--no-progress", action="store_true", help="no progress bar (for cron logs)")

    def handle(self, *args: object, **options: object) -> None:
        problems = 0
        try:
            listings = [list_sources(path) for path in options["paths"]]
        except SourceError as error:
            raise CommandError(f"{error}. Nothing was imported.") from None
        sources = [source for listing in listings for source in listing.sources]
        for skipped in (skipped for listing in listings for skipped in listing.skipped):
            self.stdout.write(f"{skipped.name}: skipped — {skipped.reason}")
        for source in sources:
            run = self._import(source, options)
            self._report(run, options["show_rejections"])
            problems += run.status != ImportStatus.DONE
        if problems:
            raise CommandError(f"{problems} of {len(sources)} file(s) were not imported; see above.")

    def _import(self, source, options: dict) -> ImportRun:  # noqa: ANN001
        with tqdm(
            total=max(1, source.size // 225),
            unit=" rows",
            desc=Path(source.name).name[-40:],
            disable=options["no_progress"],
            file=sys.stderr,
            leave=False,
        ) as bar:

            def progress(rows: int) -> None:
                bar.total = max(bar.total, rows)
                bar.update(rows - bar.n)

            try:
                return do_import_source(source, acting_user=None, force_code=options["force"], progress=progress)
            except Exception:  # noqa: BLE001 - reported from the run row, and the next file still runs
                return ImportRun.objects.filter(source_name=source.name[:255]).order_by("-id").first()

    def _report(self, run: ImportRun, show: int) -> None:
        if run.status == ImportStatus.DONE:
            self.stdout.write(
                f"{run.source_name}: {run.file_kind} for {run.force.name if run.force else 'no force'} "
                f"{', '.join(run.months)} — "
                f"{run.rows_read:,} rows read: {run.inserted:,} inserted, {run.updated:,} updated, "
                f"{run.unchanged:,} unchanged, {run.rejected:,} rejected"
                + (f"; {run.removed:,} removed" if run.removed else "")
                + (f"; {run.unlocated:,} kept without location" if run.unlocated else "")
                + (f"; {run.unassigned:,} in LSOAs not assigned to a neighbourhood" if run.unassigned else "")
            )
            if len(run.forces) > 1:
                self.stdout.write("  split by force: " + ", ".join(f"{c} {n:,}" for c, n in sorted(run.forces.items())))
            for warning in run.warnings:
                self.stdout.write(f"  warning: {warning}")
            for rejection in run.rejections[:show]:
                self.stdout.write(f"  line {rejection['line']}: {rejection['reason']}")
            if run.rejected > show:
                self.stdout.write(f"  … and {run.rejected - show:,} more rejected lines")
        else:
            self.stderr.write(
                f"{run.source_name}: {run.get_status_display().upper()}: {run.error}. "
                "Nothing from this file was written."
            )
