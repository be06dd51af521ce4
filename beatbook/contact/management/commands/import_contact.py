"""beatbook import_contact: import one call-handling or social media file for a force, all or nothing."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from beatbook.areas.models import Area, Level
from beatbook.contact.actions import do_import_contact_file
from beatbook.contact.imports import ImportRejected
from beatbook.contact.models import ImportKind


class Command(BaseCommand):
    help = (
        "Import a CSV file of KIND (calls: call-level telephony export; intervals: aggregates per line and day, "
        "month or period; home-office: the Home Office's 999 data for all forces; social: social media monthly "
        "figures) for FORCE, as at --as-at (default today). All rows or none: problems are listed by line. "
        "Formats: docs/data-sources.md."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("force", help="Force code, e.g. derbyshire")
        parser.add_argument("kind", choices=ImportKind.values)
        parser.add_argument("file", type=Path)
        parser.add_argument("--as-at", type=date.fromisoformat, default=None, help="YYYY-MM-DD")

    def handle(self, *args: object, **options: object) -> None:
        force = Area.objects.filter(code=options["force"], level=Level.FORCE).first()
        if force is None:
            raise CommandError(f"No force with code {options['force']!r}")
        try:
            text = options["file"].read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"Cannot read {options['file']}: {error}") from None
        try:
            batch = do_import_contact_file(
                force=force,
                kind=options["kind"],
                text=text,
                source_name=options["file"].name,
                as_at=options["as_at"] or date.today(),
                acting_user=None,
            )
        except ImportRejected as rejected:
            for error in rejected.errors:
                self.stderr.write(error)
            raise CommandError(f"Nothing imported: {len(rejected.errors)} problem(s)") from None
        self.stdout.write(f"Imported {batch.rows} row(s) from {batch.source_name} for {force.name}.")
