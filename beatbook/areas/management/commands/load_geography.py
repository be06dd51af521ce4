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
from beatbook.areas.placement import loaded_msoa_centroids, read_msoa_centroids


class Command(BaseCommand):
    help = (
        "Create or update a force's divisions, local policing units, neighbourhood teams, neighbourhoods and "
        "LSOAs from a JSON configuration and an LSOA CSV (formats in docs/data-sources.md). Run when the force "
        "changes its structure. Idempotent; all or nothing; deletes nothing. --assignments gives the force's own "
        "LSOA → neighbourhood assignments; the configuration's lsoa_2021_lookup (ONS LSOA 2011 → 2021 lookup) "
        "gives each 2021 LSOA its predecessors' neighbourhood. A configuration with neighbourhood_centres assigns "
        "whole MSOAs to the nearest neighbourhood, by the centroids of --msoas (MSOA outlines, GeoJSON) or of the "
        "force's MSOA outlines already loaded by load_reference_layers."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("config", type=Path, help="the force's geography configuration (JSON)")
        parser.add_argument("lsoas", type=Path, help="the LSOA list (CSV)")
        parser.add_argument(
            "--assignments", type=Path, help="CSV with the header lsoa_code,neighbourhood (a code or name)"
        )
        parser.add_argument(
            "--msoas", type=Path, help="MSOA outlines (GeoJSON, a code on each feature) for neighbourhood_centres"
        )

    def handle(self, *args: object, **options: Path) -> None:
        try:
            config = read_config(options["config"])
            lsoas = read_lsoas(options["lsoas"])
            lookup_file = lookup_path(config, options["config"])
            lookup = read_lsoa_lookup(lookup_file) if lookup_file else None
            assignments = read_assignments(options["assignments"]) if options.get("assignments") else None
            centroids = None
            if "neighbourhood_centres" in config:
                msoas = options.get("msoas")
                centroids = read_msoa_centroids(msoas) if msoas else loaded_msoa_centroids(config["force"]["code"])
            summary = do_load_geography(
                config,
                lsoas,
                acting_user=None,
                lsoa_lookup=lookup,
                assignments=assignments,
                msoa_centroids=centroids,
            )
        except (GeographyConfigError, ValueError) as error:
            raise CommandError(f"{error}. Nothing was loaded.") from None
        self.stdout.write(
            f"{summary.force.name}: {summary.areas_created} areas created, {summary.areas_updated} updated; "
            f"{summary.lsoas_created} LSOAs created, {summary.lsoas_updated} updated, "
            f"{summary.lsoas_inherited} 2021 LSOAs given their 2011 neighbourhood, "
            f"{summary.lsoas_unassigned} without a neighbourhood."
            + (
                f" LSOAs placed by location, whole MSOAs except {summary.msoas_split} split between neighbourhoods."
                if summary.assigned_by_location
                else ""
            )
        )
