"""beatbook erase_asker_emails: apply the retention rule for askers' email addresses (scrutiny/askers.py)."""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand

from beatbook.scrutiny.askers import do_erase_asker_emails


class Command(BaseCommand):
    help = (
        "Erase the email addresses of public askers whose answer was published more than "
        "BEATBOOK_SCRUTINY_ASKER_EMAIL_RETENTION_DAYS days ago (or whose meeting was, if never published). "
        "Each erasure is audited. Run it daily."
    )

    def handle(self, *args: object, **options: object) -> None:
        count = do_erase_asker_emails()
        days = settings.SCRUTINY_ASKER_EMAIL_RETENTION_DAYS
        self.stdout.write(f"Erased {count} asker email address{'es' if count != 1 else ''} (kept {days} days)")
