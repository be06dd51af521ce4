"""Every change to accounts, memberships, tokens and sign-in records, each audited.

Actions taken by a person (`acting_user` not None) check the "may manage" rule of
`beatbook.accounts.access` themselves, so no caller can skip it; commands and the demo pass None.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F
from django.http import HttpRequest
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from beatbook.accounts import access, mfa
from beatbook.accounts.models import AccountArea, ApiToken, Membership, Role, User, hash_token
from beatbook.areas.models import Area
from beatbook.audit.models import Operation
from beatbook.audit.record import record_event


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


def end_sessions(user: User) -> None:
    """End every session of the account at its next request, for good (see User.session_generation)."""
    User.objects.filter(pk=user.pk).update(session_generation=F("session_generation") + 1)
    user.refresh_from_db(fields=["session_generation"])


@transaction.atomic
def do_set_user_active(user: User, active: bool, *, acting_user: User | None) -> None:
    """Disabling an account ends its sessions; enabling it again does not bring them back."""
    if acting_user is not None:
        access.require_manage_user(acting_user, user)
    user.is_active = active
    user.save(update_fields=["is_active"])
    end_sessions(user)
    event = "user.enabled" if active else "user.disabled"
    record_event(actor=acting_user, operation=Operation.ALTERATION, event=event, obj=user)


@transaction.atomic
def do_grant_membership(user: User, area: Area, role: Role, *, acting_user: User | None) -> Membership:
    """Give `user` a role in `area`. A person granting must manage both the account and the area, and
    may not change their own roles. A role that needs a second factor ends the account's sessions, so
    the next sign-in asks for it."""
    if acting_user is not None:
        access.require_grant(acting_user, user, area)
    membership, created = Membership.objects.get_or_create(user=user, area=area, role=role)
    AccountArea.objects.get_or_create(user=user, area=area)
    if created:
        if str(role) in settings.MFA_REQUIRED_ROLES and acting_user is not None:
            end_sessions(user)
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
    if acting_user is not None:
        access.require_grant(acting_user, user, area)
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
    record_event(
        actor=acting_user,
        operation=Operation.SECURITY,
        event="api_token.created",
        obj=token,
        detail={"expires_at": token.expires_at.isoformat()},
    )
    return token, raw


@transaction.atomic
def do_revoke_api_token(token: ApiToken, *, acting_user: User) -> None:
    """The token's owner, or an administrator who manages the owner, revokes it."""
    if acting_user.pk != token.user_id:
        access.require_manage_user(acting_user, token.user)
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    record_event(actor=acting_user, operation=Operation.SECURITY, event="api_token.revoked", obj=token)


@transaction.atomic
def do_record_login_failure(username: str, request: HttpRequest, *, locked: bool) -> None:
    """Audit a refused sign-in. The counting itself is django-axes's (see accounts/signin.py)."""
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
def do_unlock_sign_in(user: User, *, acting_user: User) -> int:
    """Clear the account's sign-in failures from every address (an administrator's early unlock).
    Returns how many address records were cleared."""
    from axes.handlers.proxy import AxesProxyHandler

    from beatbook.accounts.signin import axes_username

    access.require_manage_user(acting_user, user)
    cleared = AxesProxyHandler.reset_attempts(username=axes_username(None, {"username": user.username}))
    record_event(
        actor=acting_user,
        operation=Operation.SECURITY,
        event="user.sign_in_unlocked",
        obj=user,
        detail={"cleared": cleared},
    )
    return cleared


def do_record_mfa_failure(user: User, request: HttpRequest) -> None:
    record_event(actor=None, operation=Operation.SECURITY, event="user.mfa_failed", obj=user, request=request)


@transaction.atomic
def do_record_login(user: User, request: HttpRequest, *, second_factor: str = "") -> None:
    detail = {"second_factor": second_factor} if second_factor else {}
    record_event(
        actor=user, operation=Operation.SECURITY, event="user.logged_in", obj=user, request=request, detail=detail
    )


def do_record_logout(user: User, request: HttpRequest, *, reason: str) -> None:
    record_event(
        actor=user,
        operation=Operation.SECURITY,
        event="user.logged_out",
        obj=user,
        request=request,
        detail={"reason": reason},
    )


# --- Second factor (see accounts/mfa.py) ---------------------------------------------------------


@transaction.atomic
def do_start_totp_enrolment(user: User) -> TOTPDevice:
    """A new, unconfirmed authenticator secret for the user; it counts only once a code confirms it."""
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return TOTPDevice.objects.create(user=user, name=mfa.TOTP_NAME, confirmed=False)


@transaction.atomic
def do_confirm_totp(user: User, code: str, *, acting_user: User | None) -> list[str] | None:
    """Confirm the pending authenticator with a code from it. Returns new recovery codes, shown once,
    or None if the code is wrong. Replaces any earlier authenticator and recovery codes."""
    device = TOTPDevice.objects.select_for_update().filter(user=user, confirmed=False).first()
    code = "".join(code.split())
    if device is None or not code.isdigit() or not device.verify_token(code):
        return None
    TOTPDevice.objects.filter(user=user, confirmed=True).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    record_event(actor=acting_user, operation=Operation.SECURITY, event="user.mfa_enrolled", obj=user)
    return _new_recovery_codes(user)


@transaction.atomic
def do_new_recovery_codes(user: User, *, acting_user: User) -> list[str]:
    """Replace the user's recovery codes (the old ones stop working). Shown once."""
    codes = _new_recovery_codes(user)
    record_event(actor=acting_user, operation=Operation.SECURITY, event="user.mfa_recovery_codes_replaced", obj=user)
    return codes


def _new_recovery_codes(user: User) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=mfa.RECOVERY_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(settings.MFA_RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


@transaction.atomic
def do_remove_second_factor(user: User, *, acting_user: User) -> None:
    """Remove the authenticator and recovery codes: by the user (only where their roles do not need a
    second factor) or by an administrator who manages them (a lost phone). A required role then sets a
    new one up at the next sign-in; the account's sessions end."""
    if acting_user.pk == user.pk:
        if mfa.required_for(user):
            raise PermissionDenied("Your role needs two-step verification: it cannot be turned off")
    else:
        access.require_manage_user(acting_user, user)
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    end_sessions(user)
    record_event(actor=acting_user, operation=Operation.SECURITY, event="user.mfa_removed", obj=user)


# --- Accounts made and reset by administrators (issue 17 item 7) ---------------------------------


@transaction.atomic
def do_invite_user(
    *,
    username: str,
    first_name: str,
    last_name: str,
    email: str,
    organisation: str,
    area: Area,
    role: Role,
    link_base: str,
    acting_user: User,
) -> User:
    """An administrator makes an account with its first role (in an area they manage) and no
    password; the person gets an emailed link to set one. `link_base` is the site's address
    (scheme and host) the link starts with."""
    access.require(acting_user, access.Capability.MANAGE_USERS, area)
    user = do_create_user(
        username=username,
        password=None,
        first_name=first_name,
        last_name=last_name,
        email=email,
        organisation=organisation,
        acting_user=acting_user,
    )
    AccountArea.objects.create(user=user, area=area)  # so its creator may grant the first role
    do_grant_membership(user, area, role, acting_user=acting_user)
    _send_password_link(user, link_base, welcome=True)
    return user


@transaction.atomic
def do_reset_password(user: User, *, link_base: str, acting_user: User) -> None:
    """An administrator resets a password: the old one stops working at once, every session ends and
    the person is emailed a link to choose a new one. The second factor is untouched (ASVS 6.4.3)."""
    access.require_manage_user(acting_user, user)
    user.set_unusable_password()
    user.save(update_fields=["password"])
    end_sessions(user)
    _send_password_link(user, link_base, welcome=False)
    record_event(actor=acting_user, operation=Operation.SECURITY, event="user.password_reset", obj=user)


def _send_password_link(user: User, link_base: str, *, welcome: bool) -> None:
    """Email a one-use set-password link (Django's token: it stops working once the password changes,
    and after settings.PASSWORD_RESET_TIMEOUT). Sent when the transaction commits."""
    from django.contrib.auth.tokens import default_token_generator
    from django.core.mail import send_mail
    from django.template.loader import render_to_string
    from django.urls import reverse
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    if not user.email:
        raise ValueError("The account has no email address to send the link to")
    path = reverse(
        "accounts:set_password",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    context = {
        "user": user,
        "link": link_base.rstrip("/") + path,
        "welcome": welcome,
        "service_name": settings.SERVICE_NAME,
        "hours": settings.PASSWORD_RESET_TIMEOUT // 3600,
    }
    subject = render_to_string("emails/set_password-subject.txt", context).strip()
    body = render_to_string("emails/set_password-body.txt", context)
    transaction.on_commit(lambda: send_mail(subject, body, None, [user.email]))


@transaction.atomic
def do_set_password_from_link(user: User, password: str) -> None:
    """The person sets their own password from an emailed link; they then sign in as usual (with
    their second factor), so the link never signs anyone in by itself."""
    do_set_password(user, password, acting_user=user)
    end_sessions(user)
