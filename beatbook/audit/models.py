"""The append-only audit log (Data Protection Act 2018 s.62 logging).

Every write in Beatbook goes through a `do_*` action that records an AuditEvent, and every read of
personal data records a consultation. Rows cannot be changed or deleted through the app: the model
and its queryset refuse, and on PostgreSQL a trigger refuses too (migration 0002), so not even raw
SQL as the app's database user can alter history.

Rows also form a hash chain (issue 11 item 7): each row stores the SHA-256 of the row before it and
its own SHA-256 over that and its contents, so rewriting, deleting or inserting a row anywhere but
the end breaks the chain, and a row dated before its predecessor is a back-dated insert.
`beatbook verify_audit` checks all three, on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC

from django.conf import settings
from django.db import models
from django.utils import timezone


class AuditLogIsAppendOnly(Exception):
    """Raised on any attempt to change or delete an audit row."""


class Operation(models.TextChoices):
    # The six processing operations DPA 2018 s.62 requires logs of, plus security events.
    COLLECTION = "collection", "Collection"
    ALTERATION = "alteration", "Alteration"
    CONSULTATION = "consultation", "Consultation"
    DISCLOSURE = "disclosure", "Disclosure"
    COMBINATION = "combination", "Combination"
    ERASURE = "erasure", "Erasure"
    SECURITY = "security", "Security event"


class AuditEventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AuditLogIsAppendOnly("Audit rows cannot be updated.")

    def delete(self):
        raise AuditLogIsAppendOnly("Audit rows cannot be deleted.")

    def bulk_update(self, *args, **kwargs):
        raise AuditLogIsAppendOnly("Audit rows cannot be updated.")

    def in_areas(self, area_paths: list[str]) -> AuditEventQuerySet:
        condition = models.Q(pk__in=[])
        for path in area_paths:
            condition |= models.Q(area__path__startswith=path)
        return self.filter(condition)


class AuditEvent(models.Model):
    at = models.DateTimeField(default=timezone.now, db_index=True, help_text="UTC")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # The actor's username at the time, kept so the row reads the same if the account is renamed.
    actor_label = models.CharField(max_length=150)
    operation = models.CharField(max_length=20, choices=Operation.choices)
    event = models.CharField(max_length=60, help_text="What happened, e.g. area.created, user.login_failed")
    object_type = models.CharField(max_length=60, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    # A short identifying label (an area name, a username); never the content of personal data.
    object_label = models.CharField(max_length=200, blank=True)
    area = models.ForeignKey(
        "areas.Area",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The area the object belongs to; decides who may read this row",
    )
    recipient = models.CharField(max_length=200, blank=True, help_text="Who received a disclosure")
    source_ip = models.GenericIPAddressField(null=True, blank=True)
    correlation_id = models.CharField(max_length=36, blank=True)
    detail = models.JSONField(default=dict, blank=True)
    prev_hash = models.CharField(max_length=64, blank=True, help_text="row_hash of the row before this one")
    row_hash = models.CharField(max_length=64, blank=True, help_text="SHA-256 of prev_hash and this row")

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M:%S} {self.actor_label} {self.event}"

    def save(self, *args, **kwargs) -> None:
        if not self._state.adding:
            raise AuditLogIsAppendOnly("Audit rows cannot be changed once written.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AuditLogIsAppendOnly("Audit rows cannot be deleted.")

    def compute_hash(self) -> str:
        """SHA-256 (hex) of the previous row's hash and this row's canonical JSON."""
        return chain_hash(self.prev_hash, canonical_row(self))


GENESIS_HASH = "0" * 64
HASHED_FIELDS = [
    "at",
    "actor_id",
    "actor_label",
    "operation",
    "event",
    "object_type",
    "object_id",
    "object_label",
    "area_id",
    "recipient",
    "source_ip",
    "correlation_id",
    "detail",
]


def canonical_row(row: object) -> str:
    """The row's hashed fields as sorted, compact JSON (times as UTC ISO 8601 with microseconds)."""
    values = {name: getattr(row, name) for name in HASHED_FIELDS}
    values["at"] = values["at"].astimezone(UTC).isoformat(timespec="microseconds")
    return json.dumps(values, sort_keys=True, separators=(",", ":"), default=str, ensure_ascii=False)


def chain_hash(prev_hash: str, canonical: str) -> str:
    return hashlib.sha256(f"{prev_hash}\n{canonical}".encode()).hexdigest()
