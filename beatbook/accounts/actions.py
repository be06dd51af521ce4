"""Every change to accounts, memberships, tokens and sign-in records, each audited."""

from __future__ import annotations

import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from beatbook.accounts.models import ApiToken, LoginFailure, Membership, Role, User, hash_token
from beatbook.areas.models import Area
from beatbook.audit.models import Operation
from beatbook.audit.record import client_ip, record_event


@transaction.atomic
def do_create_user(
    *,
    username: str,
    password: str | None,
    first_name: str = "",
    last_name: str = "",
    email: str = "",
    organisation: str = "",
    acting_user: User | None,
    validate: bool = True,
) -> User:
    user = User(username=username, first_name=first_name, last_name=last_name, email=email, organisation=organisation)
    if password is None:
        user.set_unusable_password()
    else:
        if validate:
            validate_password(password, user)
        user.set_password(password)
    user.save()
    record_event(actor=acting_user, operation=Operation.COLLECTION, event="user.created", obj=user)
    return user


@transaction.atomic
def do_set_password(user: User, password: str, *, acting_user: User | None, validate: bool = True) -> None:
    if validate:
        validate_password(password, user)
    user.set_password(password)
    user.save(update_fields=["password"])
    record_event(actor=acting_user, operation=Operation.ALTERATION, event="user.password_set", obj=user)


@transaction.atomic
def do_set_user_active(user: User, active: bool, *, acting_user: User | None) -> None:
    """Disabling an account ends its sessions at the next request (Django checks is_active each time)."""
    user.is_active = active
    user.save(update_fields=["is_active"])
    event = "user.enabled" if active else "user.disabled"
    record_event(actor=acting_user, operation=Operation.ALTERATION, event=event, obj=user)


@transaction.atomic
def do_grant_membership(user: User, area: Area, role: Role, *, acting_user: User | None) -> Membership:
    membership, created = Membership.objects.get_or_create(user=user, area=area, role=role)
    if created:
        record_event(
            actor=acting_user,
            operation=Operation.ALTERATION,
            event="membership.granted",
            obj=user,
            area=area,
            detail={"role": str(role), "area": area.code},
        )
    return membership


@transaction.atomic
def do_revoke_membership(membership: Membership, *, acting_user: User | None) -> None:
    user, area, role = membership.user, membership.area, membership.role
    membership.delete()
    record_event(
        actor=acting_user,
        operation=Operation.ALTERATION,
        event="membership.revoked",
        obj=user,
        area=area,
        detail={"role": role, "area": area.code},
    )


@transaction.atomic
def do_create_api_token(user: User, name: str, *, acting_user: User) -> tuple[ApiToken, str]:
    """Returns the token row and the raw token, which is shown once and never stored."""
    raw = "bb_" + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(user=user, name=name, prefix=raw[:8], token_hash=hash_token(raw))
    record_event(actor=acting_user, operation=Operation.SECURITY, event="api_token.created", obj=token)
    return token, raw


@transaction.atomic
def do_revoke_api_token(token: ApiToken, *, acting_user: User) -> None:
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    record_event(actor=acting_user, operation=Operation.SECURITY, event="api_token.revoked", obj=token)


def is_locked_out(username: str, request: HttpRequest) -> bool:
    since = timezone.now() - timedelta(minutes=settings.LOGIN_LOCKOUT_MINUTES)
    failures = LoginFailure.objects.filter(username__iexact=username, ip_address=client_ip(request), at__gte=since)
    return failures.count() >= settings.LOGIN_FAILURE_LIMIT


@transaction.atomic
def do_record_login_failure(username: str, request: HttpRequest, *, locked: bool) -> None:
    if not locked:
        LoginFailure.objects.create(username=username[:150], ip_address=client_ip(request))
    event = "user.login_refused_locked" if locked else "user.login_failed"
    # The attempted username is evidence, but may be anything typed: keep it short, never a password.
    known = User.objects.filter(username__iexact=username).first()
    record_event(
        actor=None,
        operation=Operation.SECURITY,
        event=event,
        request=request,
        obj=known,
        object_label=username[:150].replace("\r", " ").replace("\n", " "),
    )


@transaction.atomic
def do_record_login(user: User, request: HttpRequest) -> None:
    LoginFailure.objects.filter(username__iexact=user.username, ip_address=client_ip(request)).delete()
    record_event(actor=user, operation=Operation.SECURITY, event="user.logged_in", obj=user, request=request)


def do_record_logout(user: User, request: HttpRequest, *, reason: str) -> None:
    record_event(
        actor=user,
        operation=Operation.SECURITY,
        event="user.logged_out",
        obj=user,
        request=request,
        detail={"reason": reason},
    )
