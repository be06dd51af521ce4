"""Signing a session's user in on each request with one query instead of two."""

from __future__ import annotations

from django.contrib.auth.backends import ModelBackend

from beatbook.accounts.models import Membership, User


class MembershipsModelBackend(ModelBackend):
    """Django's ModelBackend, but a signed-in user's memberships (beatbook.accounts.access.memberships) come
    with the user in one query (memberships joined to their user and area).

    Each request still reads both fresh from the database, so a disabled account or a removed role takes
    effect on the very next request (SECURITY.md T6). A user with no memberships is read as ModelBackend
    reads it.
    """

    def get_user(self, user_id: int) -> User | None:
        held = list(Membership.objects.filter(user_id=user_id).select_related("user", "area"))
        if not held:
            return super().get_user(user_id)
        user = held[0].user
        for membership in held:
            membership.user = user
        user._beatbook_memberships = held
        return user if self.user_can_authenticate(user) else None
