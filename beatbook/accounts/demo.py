"""The demo's second factor: one published authenticator key for the demo logins whose role needs one.

Like the demo password, the key is public: the demo shows the real sign-in (password, then a code)
without anyone needing a phone. `beatbook demo_code` prints the code for now, or add the key to any
authenticator app. Browser tests compute the code from the same key (tests/browser/helpers.py).
"""

from __future__ import annotations

from base64 import b32encode
from binascii import unhexlify

from django.conf import settings
from django.db import transaction
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from beatbook.accounts import mfa
from beatbook.accounts.models import User

# 20 bytes, hex as django-otp stores it. Published: never use it outside the demo.
DEMO_TOTP_KEY = "6265617462306f6b2d64656d6f2d746f74702121"


def demo_totp_base32() -> str:
    return b32encode(unhexlify(DEMO_TOTP_KEY)).decode().rstrip("=")


def demo_code(step_offset: int = 0) -> str:
    """The demo key's 6-digit code for the current 30-second step (plus `step_offset` steps)."""
    totp = TOTP(unhexlify(DEMO_TOTP_KEY))
    totp.time = totp.time + step_offset * totp.step
    return f"{totp.token():06d}"


@transaction.atomic
def enrol_demo_second_factors(usernames: list[str]) -> list[str]:
    """Give each named demo login whose role needs a second factor the demo key. Returns those enrolled."""
    enrolled = []
    for user in User.objects.filter(username__in=usernames).order_by("username"):
        if mfa.required_for(user) and not mfa.is_enrolled(user):
            TOTPDevice.objects.create(user=user, name=mfa.TOTP_NAME, key=DEMO_TOTP_KEY, confirmed=True)
            enrolled.append(user.username)
    return enrolled


def demo_mfa_note() -> str:
    roles = ", ".join(sorted(settings.MFA_REQUIRED_ROLES))
    return (
        f"Roles needing a second factor ({roles}) use the demo authenticator key {mfa.grouped(demo_totp_base32())}:"
        " add it to an authenticator app, or run `beatbook demo_code` for the current code."
    )
