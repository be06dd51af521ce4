"""beatbook refresh_public_places: rebuild the "your area" search table from public names."""

from django.core.management.base import BaseCommand

from beatbook.areas.models import Area, Level
from beatbook.public.places import do_refresh_place_names


class Command(BaseCommand):
    help = (
        "Rebuild the public search table (area and local-authority names, police.uk street names, postcode "
        "districts and sectors) for every force. Run after loading areas and after police.uk imports."
    )

    def handle(self, *args, **options) -> None:  # noqa: ANN002, ANN003
        for force in Area.objects.filter(level=Level.FORCE).order_by("name"):
            count = do_refresh_place_names(force)
            self.stdout.write(f"{force.name}: {count} searchable names")
