"""Second factor at sign-in: TOTP (django-otp) with one-time recovery codes.

Required for the roles in settings.MFA_REQUIRED_ROLES (default administrators, analysts and scrutiny
officers: ASVS 5.0 6.3.3 asks for it on every non-public role, so a force may add the rest), optional
for everyone else. A correct password alone never makes a session: it is held in the anonymous
session as "pending" for MFA_PENDING_SECONDS while the code is asked for (or, for a required role with
no authenticator yet, while one is set up), and only then is the user logged in. Codes are 6 digits,
30-second steps, ±1 step, each usable once (django-otp's TOTPDevice; ASVS 6.5.1, 6.5.5).
"""

from __future__ import annotations

import time
from base64 import b32encode
from binascii import unhexlify

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from beatbook.accounts.models import Membership, User

PENDING_USER = "beatbook_mfa_user"
PENDING_AT = "beatbook_mfa_at"
PENDING_BACKEND = "beatbook_mfa_backend"
TOTP_NAME = "Authenticator app"
RECOVERY_NAME = "Recovery codes"


def required_for(user: User) -> bool:
    """Whether any of the user's roles needs a second factor (settings.MFA_REQUIRED_ROLES)."""
    return Membership.objects.filter(user=user, role__in=settings.MFA_REQUIRED_ROLES).exists()


def totp_device(user: User, *, confirmed: bool = True) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=confirmed).first()


def is_enrolled(user: User) -> bool:
    return totp_device(user) is not None


def recovery_codes_left(user: User) -> int:
    device = StaticDevice.objects.filter(user=user, name=RECOVERY_NAME).first()
    return device.token_set.count() if device else 0


def base32_key(device: TOTPDevice) -> str:
    """The secret as authenticator apps take it when typed in (RFC 4648 base32, no padding)."""
    return b32encode(unhexlify(device.key)).decode().rstrip("=")


def grouped(key: str) -> str:
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


def verify_code(user: User, code: str) -> str:
    """Check a code against the user's authenticator, then their recovery codes.

    Returns "totp" or "recovery" for the factor that accepted it, or "" if none did. Each device
    throttles wrong codes (django-otp's exponential back-off) and a TOTP step is accepted only once.
    """
    code = "".join(code.split()).lower()
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().filter(user=user, confirmed=True).first()
        if device is not None and code.isdigit() and device.verify_token(code):
            return "totp"
        recovery = StaticDevice.objects.select_for_update().filter(user=user, name=RECOVERY_NAME).first()
        if recovery is not None and not code.isdigit() and recovery.verify_token(code):
            return "recovery"
    return ""


def start_pending(request: HttpRequest, user: User) -> None:
    """Hold a password-checked user until the second factor is given (a new session key, no login)."""
    request.session.cycle_key()
    request.session[PENDING_USER] = user.pk
    request.session[PENDING_BACKEND] = user.backend
    request.session[PENDING_AT] = int(time.time())


def pending_user(request: HttpRequest) -> User | None:
    user_id = request.session.get(PENDING_USER)
    started = request.session.get(PENDING_AT, 0)
    if user_id is None or time.time() - started > settings.MFA_PENDING_SECONDS:
        return None
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is not None:
        user.backend = request.session.get(PENDING_BACKEND)
    return user


def clear_pending(request: HttpRequest) -> None:
    for key in (PENDING_USER, PENDING_AT, PENDING_BACKEND):
        request.session.pop(key, None)
