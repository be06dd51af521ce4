"""Checking a password with lockout that holds under parallel attempts.

django-axes counts failures per (username, client address) and refuses a locked pair before the
password is looked at. Its check and its count are separate queries, so on their own 20 parallel
guesses would all pass the check before any was counted. Here every attempt on one account holds a
lock on that account's row for check, password and count, so attempts are counted one after another
and no more than AXES_FAILURE_LIMIT passwords are ever tried per lockout window. Attempts for unknown
usernames lock nothing (there is no account to guess into) but are still counted by Axes.
"""

from __future__ import annotations

from dataclasses import dataclass

from axes.handlers.proxy import AxesProxyHandler
from django.contrib.auth import authenticate
from django.db import transaction
from django.http import HttpRequest

from beatbook.accounts.models import User


def axes_username(request: HttpRequest | None, credentials: dict | None) -> str | None:
    """The username Axes counts under: case-folded, as usernames are matched case-insensitively."""
    username = (credentials or {}).get("username") or (request.POST.get("username") if request else None)
    return username.strip().lower()[:150] if username else None


@dataclass(frozen=True)
class PasswordCheck:
    user: User | None
    locked_out: bool  # the pair is locked now (by this failure or before it)
    refused_unchecked: bool  # it was locked before: the password was never looked at


def check_password(request: HttpRequest, username: str, password: str) -> PasswordCheck:
    """Authenticate through Axes, serialised per account. Never logs the user in."""
    with transaction.atomic():
        # Holding the account's row makes a second attempt on it wait for this one's count.
        list(User.objects.select_for_update().filter(username__iexact=username).values_list("pk"))
        AxesProxyHandler.update_request(request)
        if not AxesProxyHandler.is_allowed(request, {"username": username}):
            return PasswordCheck(user=None, locked_out=True, refused_unchecked=True)
        user = authenticate(request, username=username, password=password)
    locked = bool(getattr(request, "axes_locked_out", False))
    return PasswordCheck(user=user, locked_out=locked, refused_unchecked=False)


def failures(user: User) -> int:
    """The most failures counted for the account from any one address (lockout at AXES_FAILURE_LIMIT)."""
    from axes.models import AccessAttempt
    from django.db.models import Max

    rows = AccessAttempt.objects.filter(username=axes_username(None, {"username": user.username}))
    return rows.aggregate(most=Max("failures_since_start"))["most"] or 0
