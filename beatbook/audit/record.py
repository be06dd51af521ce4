"""`record_event()`: the one way anything writes to the audit log."""

from __future__ import annotations

import ipaddress
from typing import Any

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.db import connection, models, transaction
from django.http import HttpRequest
from django.utils import timezone

from beatbook.areas.models import Area
from beatbook.audit.models import GENESIS_HASH, AuditEvent, Operation
from beatbook.web.middleware import current_correlation_id


def client_ip(request: HttpRequest | None) -> str | None:
    """The client's address: REMOTE_ADDR, or behind a trusted proxy the address that proxy saw.

    X-Forwarded-For is written by the client as much as by proxies, so it is read only when the
    connection comes from an address in settings.TRUSTED_PROXIES, and then from the right: the first
    address that is not itself a trusted proxy is the client (anything left of it was sent by the
    client and proves nothing). Used for lockout (django-axes) and for every audit row.
    """
    if request is None:
        return None
    remote = request.META.get("REMOTE_ADDR")
    trusted = settings.TRUSTED_PROXIES
    if not trusted or remote not in trusted:
        return remote
    hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
    for hop in reversed(hops):
        if hop in trusted:
            continue
        try:
            return str(ipaddress.ip_address(hop))
        except ValueError:
            return remote  # a malformed hop: fall back to the proxy's own address
    return remote


def _home_force(user: AbstractBaseUser | None) -> Area | None:
    """The force a user works in, so their sign-ins and account changes are read by that force only."""
    if user is None:
        return None
    membership = user.memberships.select_related("area").order_by("area__path").first()
    if membership is None:
        return None
    return Area.objects.get(pk=membership.area.force_id)


def record_event(
    *,
    actor: Any,
    operation: Operation,
    event: str,
    obj: models.Model | None = None,
    object_label: str | None = None,
    area: Any = None,
    recipient: str = "",
    request: HttpRequest | None = None,
    detail: dict | None = None,
) -> AuditEvent:
    """Append one audit row, chained to the last. `actor` is a user, None for the system, or anonymous.

    Writers take the chain lock in turn until their transaction commits: an action's audit row is
    best recorded near its end, so a long transaction does not hold up everyone else's.
    """
    user = actor if getattr(actor, "is_authenticated", False) else None
    if area is None:
        area = _home_force(obj if isinstance(obj, AbstractBaseUser) else user)
    if user is not None:
        label = user.get_username()
    elif actor is None:
        label = "system"
    else:
        label = "anonymous"
    with transaction.atomic():
        head = _lock_chain_head()
        row = AuditEvent(
            at=timezone.now(),  # taken inside the lock, so times never run backwards along the chain
            actor=user,
            actor_label=label,
            operation=operation,
            event=event,
            object_type=obj._meta.label_lower if obj is not None else "",
            object_id=str(obj.pk) if obj is not None else "",
            object_label=(object_label if object_label is not None else str(obj) if obj is not None else "")[:200],
            area=area,
            recipient=recipient,
            source_ip=_normalised_ip(client_ip(request)),
            correlation_id=current_correlation_id(),
            detail=detail or {},
            prev_hash=head,
        )
        row.row_hash = row.compute_hash()
        row.save(force_insert=True)
    return row


def record_events(events: list[dict[str, Any]], *, actor: Any) -> int:
    """Append many audit rows by one actor at once, chained in order, in one insert (a bulk import's one row
    per person changed). Each item holds record_event's keyword arguments other than `actor` and `request`;
    `area` is required (it decides who may read the row). Returns how many rows were written."""
    if not events:
        return 0
    user = actor if getattr(actor, "is_authenticated", False) else None
    label = user.get_username() if user is not None else ("system" if actor is None else "anonymous")
    correlation = current_correlation_id()
    with transaction.atomic():
        head = _lock_chain_head()
        rows = []
        at = timezone.now()
        for event in events:
            obj = event.get("obj")
            row = AuditEvent(
                at=at,
                actor=user,
                actor_label=label,
                operation=event["operation"],
                event=event["event"],
                object_type=obj._meta.label_lower if obj is not None else "",
                object_id=str(obj.pk) if obj is not None else "",
                object_label=(event.get("object_label") or (str(obj) if obj is not None else ""))[:200],
                area=event["area"],
                recipient=event.get("recipient", ""),
                source_ip=None,
                correlation_id=correlation,
                detail=event.get("detail") or {},
                prev_hash=head,
            )
            row.row_hash = head = row.compute_hash()
            rows.append(row)
        AuditEvent.objects.bulk_create(rows, batch_size=500)
    return len(rows)


# Any fixed 64-bit number: the PostgreSQL advisory lock that orders writers of the audit chain.
_CHAIN_LOCK = 0x6265617462306B


def _lock_chain_head() -> str:
    """Take the chain's write lock until the transaction ends, and return the last row's hash.

    PostgreSQL: a transaction-scoped advisory lock (no table privilege needed). SQLite: writers are
    already one at a time (transactions begin IMMEDIATE, see settings).
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_CHAIN_LOCK])
    last = AuditEvent.objects.order_by("-id").values_list("row_hash", flat=True).first()
    return last or GENESIS_HASH


def _normalised_ip(address: str | None) -> str | None:
    # Stored and hashed in one form (the database would compress an IPv6 address itself).
    try:
        return str(ipaddress.ip_address(address)) if address else None
    except ValueError:
        return None
