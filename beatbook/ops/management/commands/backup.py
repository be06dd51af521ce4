"""beatbook backup DEST: a consistent copy of the database with a checksum manifest."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connections

from beatbook.ops.backup import BackupError, make_backup


class Command(BaseCommand):
    help = (
        "Back the database up into the new folder DEST: SQLite through its online backup API, PostgreSQL "
        "through pg_dump (custom format), with manifest.json giving each file's SHA-256, every table's rows "
        "and the latest migration of each app. Safe while Beatbook runs."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("dest", type=Path, help="a new or empty folder")
        parser.add_argument("--database", default="default", help="the database alias (default: default)")

    def handle(self, *args: object, dest: Path, database: str, **options: object) -> None:
        try:
            manifest = make_backup(dest, database=connections[database].settings_dict)
        except BackupError as error:
            raise CommandError(str(error)) from None
        rows = sum(manifest.tables.values())
        self.stdout.write(
            f"Backed up {len(manifest.tables)} tables ({rows:,} rows) of the {manifest.engine} database to {dest}"
        )
