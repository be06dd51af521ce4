"""beatbook rebuild_counts: recount the monthly incident counts from the incidents."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandParser

from beatbook.areas.lookup import area_from_option
from beatbook.counts.refresh import rebuild_counts


class Command(BaseCommand):
    help = (
        "Recount the monthly counts per LSOA and category (and per force) that pages read, from the incidents. "
        "Imports keep them up to date; run this after changing incidents by other means. --force limits it to "
        "one force. Safe to run at any time: each force is recounted in one transaction."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--force", metavar="SLUG", help="a force's code, e.g. derbyshire")

    def handle(self, *args: object, **options: object) -> None:
        force = area_from_option(options["force"], "--force", force=True)
        done = rebuild_counts(force)
        if options["verbosity"]:
            self.stdout.write(f"Counts rebuilt for {done} force(s).")
