"""beatbook load_reference_layers FORCE --local-authorities FILE --msoas FILE: a force's map outlines."""

from django.core.management.base import BaseCommand, CommandError, CommandParser

from beatbook.areas.models import Area
from beatbook.maps.actions import do_load_reference_layers
from beatbook.maps.layers import DEFAULT_TOLERANCE_METRES


class Command(BaseCommand):
    help = (
        "Load a force's reference layers for maps drawn without a basemap: local authority and MSOA outlines "
        "(GeoJSON FeatureCollections in WGS84 with `code` and `name` on each feature, e.g. ONS boundaries), "
        "simplified for drawing; each area's outline is derived from the MSOAs of its LSOAs (exact where they "
        "are whole MSOAs, approximate where MSOAs are shared: split by their LSOAs' hectares). Replaces the "
        "force's previous layers."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("force", help="The force's area code, e.g. derbyshire")
        parser.add_argument("--local-authorities", required=True, metavar="FILE")
        parser.add_argument("--msoas", required=True, metavar="FILE")
        parser.add_argument(
            "--tolerance",
            type=float,
            default=DEFAULT_TOLERANCE_METRES,
            metavar="METRES",
            help=f"Simplify outlines to within this many metres (default {DEFAULT_TOLERANCE_METRES}; 0 keeps them)",
        )

    def handle(self, *args: object, **options: object) -> None:
        force = Area.objects.forces().filter(code=options["force"]).first()
        if force is None:
            raise CommandError(f"There is no force with code {options['force']!r}")
        try:
            counts = do_load_reference_layers(
                force,
                local_authorities=options["local_authorities"],
                msoas=options["msoas"],
                tolerance_metres=options["tolerance"],
                acting_user=None,
            )
        except ValueError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            f"{force.name}: {counts['local_authority']} local authorities, {counts['msoa']} MSOAs, "
            f"{counts['area']} areas with outlines ({counts['areas_approximate']} approximate: they share MSOAs)."
        )
