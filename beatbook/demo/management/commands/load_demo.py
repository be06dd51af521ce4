"""beatbook load_demo: build the Derbyshire demonstration data (safe to run again)."""

import sys

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from beatbook.accounts.demo import demo_mfa_note, enrol_demo_second_factors
from beatbook.asb.demo import do_load_demo_asb
from beatbook.demo.build import DEMO_LOGINS, DEMO_PASSWORD, do_load_demo, do_load_demo_hotspot, do_load_demo_incidents
from beatbook.neighbourhoods.demo import do_load_demo_activity
from beatbook.outcomes.demo import do_load_demo_outcomes
from beatbook.problemsolving.demo import do_load_demo_plans
from beatbook.stopsearch.demo import do_load_demo_stop_search
from beatbook.workforce.demo import demo_logins, do_load_demo_workforce


class Command(BaseCommand):
    help = (
        "Load the Derbyshire demo: the geography from the seed papers (2 divisions, 10 LPUs, 23 neighbourhood "
        "teams, 94 neighbourhoods, 642 LSOAs), the workforce (2,144 officers, 187 PCSOs, specials, volunteers and "
        "cadets, calibrated to 31 August 2023), one login per role, and five years of "
        "crime and ASB calibrated to the seed papers (about 450,000 incidents; a minute or so), and a year of "
        "engagements, five months of abstractions and two quarters of neighbourhood priorities to the day it runs. "
        "Idempotent: "
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
        parser.add_argument("--without-incidents", action="store_true", help="Skip the crime and ASB incidents")
        parser.add_argument(
            "--without-activity",
            action="store_true",
            help="Skip the year of engagements, the abstractions and the priorities",
        )
        parser.add_argument(
            "--incident-scale",
            type=float,
            default=1.0,
            metavar="FRACTION",
            help="Generate this fraction of the calibrated incident volume (default 1)",
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
        do_load_demo_workforce(summary.force, demo_logins(), acting_user=None)
        enrol_demo_second_factors([login.username for login in DEMO_LOGINS])
        if not options["without_incidents"]:
            self.load_incidents(options)
            do_load_demo_hotspot()
            do_load_demo_stop_search(summary.force)
            do_load_demo_outcomes(summary.force)
        if not options["without_activity"]:
            do_load_demo_activity(summary.force)
            do_load_demo_plans(summary.force)
            do_load_demo_asb(summary.force)
        if options["quiet"]:
            return
        self.stdout.write(
            f"Demo loaded for {summary.force.name}: {summary.areas_created} areas created, "
            f"{summary.areas_updated} updated; {summary.lsoas_created} LSOAs created, {summary.lsoas_updated} updated."
        )
        self.print_logins()

    def load_incidents(self, options: dict) -> None:
        with tqdm(
            total=450_000 * options["incident_scale"],
            unit=" incidents",
            desc="demo incidents",
            disable=options["quiet"],
            file=sys.stderr,
            leave=False,
        ) as bar:
            run = do_load_demo_incidents(
                settings.DATA_DIR / "demo",
                scale=options["incident_scale"],
                progress=lambda rows: bar.update(rows - bar.n),
            )
        if run is not None and not options["quiet"]:
            self.stdout.write(
                f"Demo incidents: {run.inserted:,} loaded ({', '.join(run.months[:1] + run.months[-1:])})."
            )

    def print_logins(self) -> None:
        self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD}):")
        for login in DEMO_LOGINS:
            self.stdout.write(f"  {login.username:<15} {login.role.label}, area '{login.area_code}'")
        self.stdout.write(demo_mfa_note())
