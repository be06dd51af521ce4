"""beatbook asb_reminders: list ASB orders due for review or expiring soon, per area."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from beatbook.areas.models import Area
from beatbook.asb.reports import due_soon


class Command(BaseCommand):
    help = (
        "Print the ASB orders (CPNs, PSPOs, injunctions, closure orders…) whose review date or expiry falls in "
        "the next --days days (default 30), for a force or area. Run daily from cron; changes and deletes nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("area", help="Area code, e.g. derbyshire")
        parser.add_argument("--days", type=int, default=30)

    def handle(self, *args: object, **options: object) -> None:
        area = Area.objects.filter(code=options["area"]).first()
        if area is None:
            self.stderr.write(f"No area with code {options['area']!r}")
            raise SystemExit(1)
        table = due_soon(area, timezone.localdate(), options["days"])
        for row in table.rows:
            review, expiry = row["review_on"] or "-", row["expires_on"] or "-"
            self.stdout.write(f"{row['power']} in {row['area']}: review {review}, expires {expiry}")
        self.stdout.write(f"{len(table.rows)} order(s) due in the next {options['days']} days in {area.name}.")
