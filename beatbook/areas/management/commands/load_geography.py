"""beatbook load_geography CONFIG.json LSOAS.csv: create or update a force's areas and LSOAs."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from beatbook.areas.actions import do_load_geography
from beatbook.areas.config import GeographyConfigError, read_config, read_lsoas


class Command(BaseCommand):
    help = (
        "Create or update a force's divisions, local policing units, neighbourhood teams, neighbourhoods and "
        "LSOAs from a JSON configuration and an LSOA CSV (formats in docs/data-sources.md). Run when the force "
        "changes its structure. Idempotent; all or nothing; deletes nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("config", type=Path, help="the force's geography configuration (JSON)")
        parser.add_argument("lsoas", type=Path, help="the LSOA list (CSV)")

    def handle(self, *args: object, **options: Path) -> None:
        try:
            config = read_config(options["config"])
            lsoas = read_lsoas(options["lsoas"])
        except GeographyConfigError as error:
            raise CommandError(f"{error}. Nothing was loaded.") from None
        summary = do_load_geography(config, lsoas, acting_user=None)
        self.stdout.write(
            f"{summary.force.name}: {summary.areas_created} areas created, {summary.areas_updated} updated; "
            f"{summary.lsoas_created} LSOAs created, {summary.lsoas_updated} updated, "
            f"{summary.lsoas_unassigned} without a neighbourhood."
        )
