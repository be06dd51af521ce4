"""beatbook build_postcode_sectors --code-point FILE… --msoas FILE --out FILE: postcode sectors of a force area."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from beatbook.maps.layers import read_boundaries
from beatbook.public.postcode_sectors import build_sectors, read_code_point, write_sectors


class Command(BaseCommand):
    help = (
        "Write the postcode sectors of a force area (CSV: sector, postcodes, msoas as CODE:units|…) from "
        "Ordnance Survey Code-Point Open CSV files (plain or .gz, Open Government Licence) and the force's MSOA "
        "outlines (GeoJSON, as for load_reference_layers): each unit's point counted in the MSOA it lies in. "
        "Run when Code-Point Open or the MSOAs change; the result ships as beatbook/public/data/"
        "postcode_sectors.csv and the public search reads it (refresh_public_places). Overwrites --out."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--code-point", nargs="+", required=True, type=Path, metavar="FILE")
        parser.add_argument("--msoas", required=True, type=Path, metavar="FILE")
        parser.add_argument("--out", required=True, type=Path, metavar="FILE")

    def handle(self, *args: object, **options: object) -> None:
        missing = [str(p) for p in options["code_point"] if not p.exists()]
        if missing:
            raise CommandError(f"No such Code-Point Open file: {', '.join(missing)}")
        try:
            msoas = read_boundaries(options["msoas"], tolerance_metres=0)
        except ValueError as error:
            raise CommandError(str(error)) from None
        sectors = build_sectors(read_code_point(options["code_point"]), msoas)
        write_sectors(sectors, options["out"])
        units = sum(s.postcodes for s in sectors)
        self.stdout.write(f"{len(sectors)} sectors ({units} postcode units) in {len(msoas)} MSOAs → {options['out']}")
