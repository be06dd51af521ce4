"""beatbook stop_search_counts: counts of police.uk stop-and-search rows, grouped as asked, as CSV or JSON."""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError, CommandParser

from beatbook.areas.lookup import area_from_option
from beatbook.crime.periods import parse_month
from beatbook.crime.search_counts import GROUP_FIELDS, search_counts
from beatbook.lib.csvsafe import csv_text


class Command(BaseCommand):
    help = (
        "Print counts of stop and search (police.uk files) for analysts and scripts, shaped like incident_counts. "
        "Filters: --force, --area, --from, --to (months, inclusive; a search's month is its UK local month). "
        f"--group-by takes any of {', '.join(GROUP_FIELDS)}; year_ending groups by the 12 months ending in the "
        "month --year-ends gives (1-12, default 3: financial years), each named by its last month. "
        "CSV has a header of the group-by fields then "
        "'count'. A search is placed in an area through the street crimes police.uk snapped to the same map "
        "point; one at a point no crime of the force shares is 'unassigned', one without a point has empty "
        "area fields. Reads only."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--force", metavar="SLUG", help="a force's code, e.g. derbyshire")
        parser.add_argument("--area", metavar="CODE", help="an area's code: only searches placed inside it")
        parser.add_argument("--from", dest="first", metavar="YYYY-MM", help="first month")
        parser.add_argument("--to", dest="last", metavar="YYYY-MM", help="last month")
        parser.add_argument("--group-by", default="force", metavar="FIELD[,FIELD...]")
        parser.add_argument("--year-ends", type=int, default=3, metavar="MONTH", help="1-12, for year_ending")
        parser.add_argument("--format", choices=["csv", "json"], default="csv")

    def handle(self, *args: object, **options: object) -> None:
        fields = [field.strip() for field in options["group_by"].split(",") if field.strip()]
        try:
            first = parse_month(options["first"]) if options["first"] else None
            last = parse_month(options["last"]) if options["last"] else None
        except ValueError as error:
            raise CommandError(str(error)) from None
        if first and last and first > last:
            raise CommandError(f"--from {options['first']} is after --to {options['last']}")
        if not 1 <= options["year_ends"] <= 12:
            raise CommandError(f"--year-ends must be a month from 1 to 12, not {options['year_ends']}")
        force = area_from_option(options["force"], "--force", force=True)
        area = area_from_option(options["area"], "--area")
        try:
            totals = search_counts(
                fields, force=force, area=area, first=first, last=last, year_ends=options["year_ends"]
            )
        except ValueError as error:
            raise CommandError(f"--group-by: {error}") from None
        ordered = sorted(totals.items())
        if options["format"] == "json":
            self.stdout.write(
                json.dumps([dict(zip(fields, key, strict=True)) | {"count": n} for key, n in ordered], indent=1)
            )
        else:
            self.stdout.write(csv_text([*fields, "count"], ([*key, n] for key, n in ordered)), ending="")
