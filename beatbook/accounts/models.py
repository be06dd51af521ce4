"""Users, their role-and-area memberships, the areas they have belonged to, and API tokens."""

from __future__ import annotations

import hashlib
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from django.utils.crypto import salted_hmac


class Role(models.TextChoices):
    PCSO = "pcso", "PCSO"
    CONSTABLE = "constable", "Constable"
    SERGEANT = "sergeant", "Sergeant"
    INSPECTOR = "inspector", "Inspector"
    CHIEF_INSPECTOR = "chief_inspector", "Chief inspector and above"
    ANALYST = "analyst", "Analyst"
    SCRUTINY = "scrutiny", "Scrutiny officer (Commissioner's office)"
    PARTNER = "partner", "Partner agency"
    ADMIN = "admin", "Administrator"
    HR_ADMIN = "hr_admin", "HR administrator"


class User(AbstractUser):
    """A person who signs in. What they may see and do comes only from their memberships."""

    organisation = models.CharField(
        max_length=200, blank=True, help_text="For partner agency users: the organisation they work for"
    )

    # Raised whenever every session of the account must end (disabled, password reset, a role that needs
    # a second factor): the session hash includes it, so old sessions fail on their next request and
    # re-enabling the account does not bring them back.
    session_generation = models.PositiveIntegerField(default=0, editable=False)

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.username

    def _get_session_auth_hash(self, secret: str | None = None) -> str:
        # Django checks this on every request (and SECRET_KEY_FALLBACKS through the same method).
        key_salt = "beatbook.accounts.User.get_session_auth_hash"
        value = f"{self.password}:{self.session_generation}"
        return salted_hmac(key_salt, value, secret=secret, algorithm="sha256").hexdigest()


class Membership(models.Model):
    """One role held in one area. Access reaches the area and everything below it."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    area = models.ForeignKey("areas.Area", on_delete=models.PROTECT, related_name="memberships")
    role = models.CharField(max_length=20, choices=Role.choices)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["user__username", "area__path"]
        constraints = [models.UniqueConstraint(fields=["user", "area", "role"], name="membership_unique")]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()}, {self.area.name}"


class AccountArea(models.Model):
    """Every area an account has held a role in, kept when the role is revoked.

    An account whose last role was revoked stays manageable (disable, revoke tokens, grant a new role)
    by the administrators of the areas it had, instead of falling out of everyone's reach.
    """

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="account_areas")
    area = models.ForeignKey("areas.Area", on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "area"], name="account_area_unique")]

    def __str__(self) -> str:
        return f"{self.user} — {self.area}"


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def default_token_expiry() -> timezone.datetime:
    return timezone.now() + timedelta(days=settings.API_TOKEN_LIFETIME_DAYS)


class ApiTokenQuerySet(models.QuerySet):
    def usable(self) -> ApiTokenQuerySet:
        """Tokens neither revoked nor expired."""
        return self.filter(revoked_at__isnull=True, expires_at__gt=timezone.now())

    def listed(self, others: int = 50) -> tuple[list, int]:
        """(the tokens a page lists, how many there are in all): every usable one, which the page lets its
        reader revoke, newest first, then the newest `others` revoked or expired. Only the newest 50 of all were
        listed: a 51st token still in use could be neither seen nor revoked (QA 17f)."""
        usable = list(self.usable())
        ended = list(self.exclude(pk__in=[t.pk for t in usable]).order_by("-created_at")[:others])
        return usable + ended, self.count()


class ApiToken(models.Model):
    """A bearer token for API clients. Only its SHA-256 is stored; the token is shown once.

    Tokens expire after API_TOKEN_LIFETIME_DAYS (default 90) and can be revoked by their owner or by an
    administrator who manages the owner.
    """

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100, help_text="What the token is for, e.g. 'my phone'")
    prefix = models.CharField(max_length=8, help_text="First characters, to tell tokens apart")
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(default=default_token_expiry)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def status(self) -> str:
        if self.revoked_at is not None:
            return "Revoked"
        return "Expired" if self.expires_at <= timezone.now() else "Active"
