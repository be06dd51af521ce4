"""API authentication: personal bearer tokens (unrevoked, unexpired), or the browser session (with CSRF)."""

from __future__ import annotations

from datetime import timedelta

from django.http import HttpRequest
from django.utils import timezone
from ninja.security import HttpBearer, SessionAuth

from beatbook.accounts.models import ApiToken, User, hash_token

# Recording every use would make each API read a write; once a minute is enough to see activity.
LAST_USED_RESOLUTION = timedelta(minutes=1)


class BearerToken(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        row = (
            ApiToken.objects.usable()
            .filter(token_hash=hash_token(token), user__is_active=True)
            .select_related("user")
            .first()
        )
        if row is None:
            return None
        now = timezone.now()
        if row.last_used_at is None or now - row.last_used_at > LAST_USED_RESOLUTION:
            ApiToken.objects.filter(pk=row.pk).update(last_used_at=now)
        request.user = row.user
        return row.user


class SignedInSession(SessionAuth):
    """The browser session, CSRF-checked only when someone is signed in: a request with no session has
    nothing to forge, so it gets the 401 every unauthenticated call gets (QA 14), not ninja's 403
    "CSRF check Failed". A signed-in browser's writes still need the CSRF token."""

    def _get_key(self, request: HttpRequest) -> str | None:
        if not request.user.is_authenticated:
            return None
        return super()._get_key(request)


API_AUTH = [BearerToken(), SignedInSession()]
