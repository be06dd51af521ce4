"""beatbook load_geography CONFIG.json LSOAS.csv: create or update a force's areas and LSOAs."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from beatbook.areas.actions import do_load_geography
from beatbook.areas.config import (
    GeographyConfigError,
    lookup_path,
    read_assignments,
    read_config,
    read_lsoa_lookup,
    read_lsoas,
)


class Command(BaseCommand):
    help = (
        "Create or update a force's divisions, local policing units, neighbourhood teams, neighbourhoods and "
        "LSOAs from a JSON configuration and an LSOA CSV (formats in docs/data-sources.md). Run when the force "
        "changes its structure. Idempotent; all or nothing; deletes nothing. --assignments gives the force's own "
        "LSOA → neighbourhood assignments; the configuration's lsoa_2021_lookup (ONS LSOA 2011 → 2021 lookup) "
        "gives each 2021 LSOA its predecessors' neighbourhood."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("config", type=Path, help="the force's geography configuration (JSON)")
        parser.add_argument("lsoas", type=Path, help="the LSOA list (CSV)")
        parser.add_argument(
            "--assignments", type=Path, help="CSV with the header lsoa_code,neighbourhood (a code or name)"
        )

    def handle(self, *args: object, **options: Path) -> None:
        try:
            config = read_config(options["config"])
            lsoas = read_lsoas(options["lsoas"])
            lookup_file = lookup_path(config, options["config"])
            lookup = read_lsoa_lookup(lookup_file) if lookup_file else None
            assignments = read_assignments(options["assignments"]) if options.get("assignments") else None
            summary = do_load_geography(config, lsoas, acting_user=None, lsoa_lookup=lookup, assignments=assignments)
        except (GeographyConfigError, ValueError) as error:
            raise CommandError(f"{error}. Nothing was loaded.") from None
        self.stdout.write(
            f"{summary.force.name}: {summary.areas_created} areas created, {summary.areas_updated} updated; "
            f"{summary.lsoas_created} LSOAs created, {summary.lsoas_updated} updated, "
            f"{summary.lsoas_inherited} 2021 LSOAs given their 2011 neighbourhood, "
            f"{summary.lsoas_unassigned} without a neighbourhood."
        )
