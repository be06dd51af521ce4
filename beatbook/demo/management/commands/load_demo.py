"""beatbook load_demo: build the Derbyshire demonstration data (safe to run again)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from beatbook.demo.build import DEMO_LOGINS, DEMO_PASSWORD, do_load_demo


class Command(BaseCommand):
    help = (
        "Load the Derbyshire demo: the geography from the seed papers (2 divisions, 10 LPUs, 23 neighbourhood "
        "teams, 94 neighbourhoods, 642 LSOAs), about 300 officers and staff, and one login per role. Idempotent: "
        "a second run changes nothing. Deletes nothing. Refuses to run with DEBUG off unless --allow-production, "
        "because the demo logins share a published password."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--allow-production", action="store_true", help="Load even when DEBUG is off")
        parser.add_argument("--quiet", action="store_true", help="Print nothing but errors")
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing when the database already has areas (used by `make run`)",
        )

    def handle(self, *args: object, **options: object) -> None:
        if not settings.DEBUG and not options["allow_production"]:
            raise CommandError(
                "DEBUG is off: the demo logins have a published password. "
                "Use --allow-production if this really is a demonstration server."
            )
        from beatbook.areas.models import Area

        if options["if_empty"] and Area.objects.exists():
            if not options["quiet"]:
                self.stdout.write("The database already has areas; demo not loaded.")
                self.print_logins()
            return
        summary = do_load_demo()
        if options["quiet"]:
            return
        self.stdout.write(
            f"Demo loaded for {summary.force.name}: {summary.areas_created} areas created, "
            f"{summary.areas_updated} updated; {summary.lsoas_created} LSOAs created, {summary.lsoas_updated} updated."
        )
        self.print_logins()

    def print_logins(self) -> None:
        self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD}):")
        for login in DEMO_LOGINS:
            self.stdout.write(f"  {login.username:<15} {login.role.label}, area '{login.area_code}'")
