"""beatbook incident_counts: counts of crime and ASB incidents, grouped as asked, as CSV or JSON."""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError, CommandParser

from beatbook.areas.lookup import area_from_option
from beatbook.crime.categories import Category
from beatbook.crime.periods import parse_month
from beatbook.crime.queries import counts_grouped_by
from beatbook.crime.statistics import GROUP_FIELDS
from beatbook.lib.csvsafe import csv_text


class Command(BaseCommand):
    help = (
        "Print counts of crime and ASB incidents for analysts and scripts. Filters: --force, --area, --from, --to "
        "(months, inclusive), --category (police.uk slugs). --group-by takes any of "
        f"{', '.join(GROUP_FIELDS)}. CSV has a header of the group-by fields then 'count'; incidents without an "
        "LSOA group under an empty lsoa (and empty division, lpu and neighbourhood); incidents in LSOAs not "
        "assigned to one of their force's neighbourhoods group under 'unassigned' for division, lpu and "
        "neighbourhood, so area totals add up to the force's. Reads only."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--force", metavar="SLUG", help="a force's code, e.g. derbyshire")
        parser.add_argument("--area", metavar="CODE", help="an area's code: only incidents inside it")
        parser.add_argument("--from", dest="first", metavar="YYYY-MM", help="first month")
        parser.add_argument("--to", dest="last", metavar="YYYY-MM", help="last month")
        parser.add_argument(
            "--category",
            nargs="+",
            default=[],
            metavar="SLUG",
            help=f"police.uk categories: {', '.join(Category.values)}",
        )
        parser.add_argument("--group-by", default="category", metavar="FIELD[,FIELD...]")
        parser.add_argument("--format", choices=["csv", "json"], default="csv")

    def handle(self, *args: object, **options: object) -> None:
        fields = [field.strip() for field in options["group_by"].split(",") if field.strip()]
        bad = [f for f in fields if f not in GROUP_FIELDS]
        if bad or not fields:
            raise CommandError(
                f"--group-by: {', '.join(bad) or 'nothing given'} is not a field; choose from {', '.join(GROUP_FIELDS)}"
            )
        unknown = [c for c in options["category"] if c not in Category.values]
        if unknown:
            raise CommandError(f"--category: {', '.join(unknown)} unknown; use {', '.join(Category.values)}")
        try:
            first = parse_month(options["first"]) if options["first"] else None
            last = parse_month(options["last"]) if options["last"] else None
        except ValueError as error:
            raise CommandError(str(error)) from None
        force = area_from_option(options["force"], "--force", force=True)
        area = area_from_option(options["area"], "--area")
        # From the monthly counts, grouped only by what was asked for (beatbook.counts).
        totals = counts_grouped_by(
            fields, force=force, area=area, first=first, last=last, categories=options["category"]
        )
        ordered = sorted(totals.items())
        if options["format"] == "json":
            self.stdout.write(
                json.dumps([dict(zip(fields, key, strict=True)) | {"count": n} for key, n in ordered], indent=1)
            )
        else:
            self.stdout.write(csv_text([*fields, "count"], ([*key, n] for key, n in ordered)), ending="")
