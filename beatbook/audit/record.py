"""`record_event()`: the one way anything writes to the audit log."""

from __future__ import annotations

import ipaddress
from typing import Any

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.db import models
from django.http import HttpRequest

from beatbook.areas.models import Area
from beatbook.audit.models import AuditEvent, Operation
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
    """Append one audit row. `actor` is a user, None for the system, or an anonymous user."""
    user = actor if getattr(actor, "is_authenticated", False) else None
    if area is None:
        area = _home_force(obj if isinstance(obj, AbstractBaseUser) else user)
    if user is not None:
        label = user.get_username()
    elif actor is None:
        label = "system"
    else:
        label = "anonymous"
    return AuditEvent.objects.create(
        actor=user,
        actor_label=label,
        operation=operation,
        event=event,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        object_label=(object_label if object_label is not None else str(obj) if obj is not None else "")[:200],
        area=area,
        recipient=recipient,
        source_ip=client_ip(request),
        correlation_id=current_correlation_id(),
        detail=detail or {},
    )
