"""Print the current code of the demo's published authenticator key (see beatbook/accounts/demo.py)."""

from django.core.management.base import BaseCommand

from beatbook.accounts.demo import demo_code


class Command(BaseCommand):
    help = "Print the current 6-digit code for the demo logins that need a second factor."

    def handle(self, *args: object, **options: object) -> None:
        self.stdout.write(demo_code())
