"""API authentication: personal bearer tokens (unrevoked, unexpired), or the browser session (with CSRF)."""

from __future__ import annotations

from datetime import timedelta

from django.http import HttpRequest
from django.utils import timezone
from ninja.security import HttpBearer, django_auth

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


API_AUTH = [BearerToken(), django_auth]
