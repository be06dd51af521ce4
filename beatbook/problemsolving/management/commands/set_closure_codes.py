"""beatbook set_closure_codes: make a force's list of problem-solving plan closure codes."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from beatbook.areas.models import Area
from beatbook.problemsolving.actions import do_set_closure_codes


class Command(BaseCommand):
    help = (
        "Set a force's closure codes for problem-solving plans, in order, each as CODE=LABEL "
        "(e.g. 'displaced=Problem displaced elsewhere'). Codes left out are retired, not deleted: plans closed "
        "with them keep them. Idempotent."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("force", help="The force's code, e.g. derbyshire")
        parser.add_argument("codes", nargs="+", metavar="CODE=LABEL")

    def handle(self, *args: object, **options: object) -> None:
        force = Area.objects.forces().filter(code=options["force"]).first()
        if force is None:
            raise CommandError(f"No force with code {options['force']!r}")
        pairs = []
        for item in options["codes"]:
            code, _, label = item.partition("=")
            if not code.strip() or not label.strip():
                raise CommandError(f"{item!r}: write each code as CODE=LABEL")
            pairs.append((code.strip(), label.strip()))
        try:
            do_set_closure_codes(force=force, codes=pairs, acting_user=None)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        self.stdout.write(f"{len(pairs)} closure code(s) set for {force.name}.")
