"""beatbook load_community_presence --force SLUG FILE.csv: which community groups live or work where."""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from beatbook.areas.models import Area, Level
from beatbook.neighbourhoods.actions import do_set_community_presence
from beatbook.neighbourhoods.presence_csv import HEADER, parse_presence_csv


class Command(BaseCommand):
    help = (
        f"Replace a force's community presence (header {','.join(HEADER)}; area codes as in Beatbook, groups "
        "by name) so the engagement report can list groups present but not reached. All or nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="the presence CSV")
        parser.add_argument("--force", required=True, help="the force's area code, for example derbyshire")

    def handle(self, *args: object, **options: object) -> None:
        force = Area.objects.filter(level=Level.FORCE, code=options["force"]).first()
        if force is None:
            raise CommandError(f"No force with the code {options['force']!r}. Nothing was loaded.")
        try:
            rows = parse_presence_csv(Path(options["file"]).read_bytes())
            count = do_set_community_presence(force=force, rows=rows, acting_user=None)
        except OSError as error:
            raise CommandError(f"Cannot read {options['file']}: {error.strerror}. Nothing was loaded.") from None
        except ValidationError as error:
            raise CommandError("; ".join(error.messages) + ". Nothing was loaded.") from None
        self.stdout.write(f"{force.name}: {count} areas and groups recorded.")
