"""beatbook load_demo: build the Derbyshire demonstration data (safe to run again)."""

import sys

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from beatbook.accounts.demo import demo_mfa_note, enrol_demo_second_factors
from beatbook.asb.demo import do_load_demo_asb
from beatbook.community.demo import do_load_demo_community
from beatbook.contact.demo import do_load_demo_contact
from beatbook.counts.refresh import rebuild_counts_where_stale
from beatbook.counts.warm import enqueue_warming, refresh_planner_statistics
from beatbook.demo.build import (
    DEMO_LOGINS,
    DEMO_PASSWORD,
    demo_incident_count,
    do_load_demo,
    do_load_demo_hotspot,
    do_load_demo_incidents,
)
from beatbook.hotspots.demo import do_load_demo_programme
from beatbook.neighbourhoods.demo import do_load_demo_activity
from beatbook.outcomes.demo import do_load_demo_other_outcomes, do_load_demo_outcomes
from beatbook.problemsolving.demo import do_load_demo_plans
from beatbook.problemsolving.demo_tasking import do_load_demo_tasking_meetings
from beatbook.public.demo import do_load_demo_public
from beatbook.scrutiny.demo import do_load_demo_scrutiny
from beatbook.stopsearch.demo import do_load_demo_stop_search
from beatbook.workforce.demo import demo_logins, do_load_demo_workforce


class Command(BaseCommand):
    help = (
        "Load the Derbyshire demo: the geography from the seed papers (2 divisions, 10 LPUs, 23 neighbourhood "
        "teams, 94 neighbourhoods, 642 LSOAs), the workforce (2,144 officers, 187 PCSOs, specials, volunteers and "
        "cadets, calibrated to 31 August 2023), one login per role, and crime and ASB "
        "from April 2018 to the month before it runs, calibrated to the seed papers and continuing their trends "
        "(about 85,000 incidents a year; under a minute), a designated hotspot then and now, and a year of "
        "engagements, five months of abstractions and two quarters of neighbourhood priorities to the moment it "
        "runs (nothing later). "
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
        incidents = 0 if options["without_incidents"] else demo_incident_count(options["incident_scale"])
        # One bar for the whole load, in estimated seconds of work, so it moves from the first second.
        weights = {"geography": 2.0, "written": 7e-6 * incidents, "loaded": 35e-6 * incidents}
        weights["hotspot"] = 0.0 if options["without_incidents"] else 2.0
        weights["activity"] = 0.0 if options["without_activity"] else 2.0
        with tqdm(
            total=sum(weights.values()),
            desc="Geography, officers and logins",
            bar_format="{desc}: {percentage:3.0f}%|{bar}| {elapsed}<{remaining}",
            disable=options["quiet"],
            file=sys.stderr,
            leave=False,
        ) as bar:
            done = dict.fromkeys(weights, 0.0)

            def step(stage: str, share: float, desc: str | None = None) -> None:
                done[stage] = weights[stage] * min(share, 1.0)
                if desc:
                    bar.set_description_str(desc)
                bar.update(sum(done.values()) - bar.n)

            run = None
            summary = do_load_demo(progress=lambda share: step("geography", share * 0.5))
            step("geography", 0.5, "The workforce")
            do_load_demo_workforce(summary.force, demo_logins(), acting_user=None)
            enrol_demo_second_factors([login.username for login in DEMO_LOGINS])
            step("geography", 1)
            if not options["without_incidents"]:
                step("written", 0, f"Writing {incidents:,} demo incidents")
                run = do_load_demo_incidents(
                    settings.DATA_DIR / "demo",
                    scale=options["incident_scale"],
                    written=lambda rows: step("written", rows / max(incidents, 1)),
                    progress=lambda rows: step("loaded", rows / max(incidents, 1), f"Loading {incidents:,} incidents"),
                )
                rebuild_counts_where_stale()  # the monthly counts pages read (a no-op when the import made them)
                refresh_planner_statistics()  # the steps below and the first pages query what was just loaded
                step("loaded", 1, "Designating the demo hotspots")
                do_load_demo_hotspot()
                do_load_demo_programme(summary.force)
                do_load_demo_stop_search(summary.force)
                do_load_demo_outcomes(summary.force)
                do_load_demo_other_outcomes(summary.force)  # after it: it clears the force's details first
                step("hotspot", 1)
            if not options["without_activity"]:
                step("activity", 0, "Engagements, abstractions and priorities")
                do_load_demo_activity(summary.force)
                step("activity", 0.5, "Problem-solving plans, tasking meetings, ASB powers and Case Reviews")
                do_load_demo_plans(summary.force)
                do_load_demo_tasking_meetings(summary.force)
                do_load_demo_asb(summary.force)
                step("activity", 0.8, "Call handling, community messaging and watch schemes")
                do_load_demo_contact(summary.force)
                do_load_demo_community(summary.force)
                step("activity", 1)
            if not options["without_incidents"]:
                do_load_demo_scrutiny(summary.force)  # its March 2023 paper freezes the crime tables
            do_load_demo_public()
            enqueue_warming(summary.force)  # a worker computes the force's pages before anyone asks
        if run is not None and not options["quiet"]:
            self.stdout.write(
                f"Demo incidents: {run.inserted:,} loaded ({', '.join(run.months[:1] + run.months[-1:])})."
            )
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
        self.stdout.write(demo_mfa_note())
