"""beatbook set_contact_line: add a telephone line or change its service level."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError, CommandParser

from beatbook.areas.models import Area, Level
from beatbook.contact.actions import do_set_contact_line


class Command(BaseCommand):
    help = (
        "Add a telephone line for FORCE, or change one: CODE as in import files (e.g. 101-triage), --name, "
        "--group (999 or 101: lines reported together) and --service-level SECONDS (answered within it meets "
        "the service level). The defaults are 999 at 10 s and the 101 queues at 60 s."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("force")
        parser.add_argument("code")
        parser.add_argument("--name", required=True)
        parser.add_argument("--group", required=True, choices=["999", "101"])
        parser.add_argument("--service-level", type=int, required=True, dest="seconds")

    def handle(self, *args: object, **options: object) -> None:
        force = Area.objects.filter(code=options["force"], level=Level.FORCE).first()
        if force is None:
            raise CommandError(f"No force with code {options['force']!r}")
        try:
            line = do_set_contact_line(
                force=force,
                code=options["code"],
                name=options["name"],
                group=options["group"],
                service_level_seconds=options["seconds"],
                acting_user=None,
            )
        except ValueError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"{line.name} ({line.code}): service level {line.service_level_seconds} s.")
