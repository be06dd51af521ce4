"""beatbook restore SRC: put a backup made by `beatbook backup` back, after checking its manifest."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connections

from beatbook.ops.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = (
        "Restore the backup in SRC into the database. Checks the manifest first (each file's SHA-256, the "
        "database engine, migrations this Beatbook knows) and refuses any mismatch; refuses to replace a "
        "database holding Beatbook data unless --force; then checks every table's rows against the manifest. "
        "Stop the web and worker processes first. On PostgreSQL run it as the database owner."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("src", type=Path, help="a folder made by `beatbook backup`")
        parser.add_argument("--force", action="store_true", help="replace a database that holds data")
        parser.add_argument("--database", default="default", help="the database alias (default: default)")

    def handle(self, *args: object, src: Path, force: bool, database: str, **options: object) -> None:
        settings_dict = connections[database].settings_dict
        connections[database].close()
        try:
            manifest = restore_backup(src, database=settings_dict, force=force)
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            f"Restored {len(manifest.tables)} tables ({sum(manifest.tables.values()):,} rows) from the backup of "
            f"{manifest.created_at}; every table's rows match the manifest. Run `beatbook migrate` if this "
            "Beatbook is newer than the backup."
        )
