"""Account management for administrators: list, read, make, roles, status, passwords, tokens, MFA.

Reading the user list and a user's page is audited (a consultation of personal data). Every change
goes through an action that checks the one "may manage" rule (access.can_manage_user); nobody changes
their own roles or status.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from beatbook.accounts import access, actions, mfa, signin
from beatbook.accounts.access import Capability
from beatbook.accounts.forms import MembershipForm, NewUserForm
from beatbook.accounts.models import Membership, Role, User
from beatbook.areas.models import Area
from beatbook.audit.models import Operation
from beatbook.audit.record import record_event
from beatbook.web.tables import Column, Table, render_with_twins


def _manageable_areas(request: HttpRequest):  # noqa: ANN202 - an AreaQuerySet
    return Area.objects.within_any(access.scope_areas(request.user, Capability.MANAGE_USERS))


@login_required
def user_list(request: HttpRequest) -> HttpResponse:
    access.require_anywhere(request.user, Capability.MANAGE_USERS)
    users = access.users_visible_to(request.user).prefetch_related("memberships__area")
    record_event(actor=request.user, operation=Operation.CONSULTATION, event="users.listed", request=request)
    # Through a Table, as every list: a force has thousands of accounts, so the page needs the filter box,
    # the total and pages (issue 17 item 7), and the twins are the same list for an administrator's records.
    return render_with_twins(request, "accounts/user_list.html", {}, _user_table(users), snapshot=True)


def _user_table(users) -> Table:  # noqa: ANN001 - a User QuerySet
    """One row per account: name, username, roles ("Role, Area; …") and status, the name linking to its page."""
    table = Table(
        name="users",
        caption="Accounts with a role in your areas",
        columns=[
            Column("name", "User"),
            Column("username", "Username"),
            Column("roles", "Roles"),
            Column("status", "Status"),
        ],
    )
    for index, account in enumerate(users):
        roles = "; ".join(f"{m.get_role_display()}, {m.area.name}" for m in account.memberships.all())
        status = "Active" if account.is_active else "Disabled"
        table.rows.append(
            {"name": account.display_name, "username": account.username, "roles": roles, "status": status}
        )
        table.links[(index, "name")] = reverse("accounts:user_detail", args=[account.pk])
    return table


@login_required
def user_detail(request: HttpRequest, user_id: int) -> HttpResponse:
    access.require_anywhere(request.user, Capability.MANAGE_USERS)
    target = access.get_user_for_manager(request.user, user_id)
    form = MembershipForm(request.POST or None, areas=_manageable_areas(request))
    if request.method == "POST" and form.is_valid():
        area = form.cleaned_data["area"]
        access.require_grant(request.user, target, area)
        actions.do_grant_membership(target, area, Role(form.cleaned_data["role"]), acting_user=request.user)
        messages.success(request, f"Role granted to {target.display_name}.")
        return redirect("accounts:user_detail", user_id=target.pk)
    if request.method == "GET":
        record_event(
            actor=request.user, operation=Operation.CONSULTATION, event="user.viewed", obj=target, request=request
        )
    tokens, tokens_total = target.api_tokens.listed()
    context = {
        "target": target,
        "form": form,
        "memberships": target.memberships.select_related("area"),
        "can_manage": access.can_manage_user(request.user, target),
        "tokens": tokens,
        "tokens_total": tokens_total,
        "mfa_enrolled": mfa.is_enrolled(target),
        "mfa_required": mfa.required_for(target),
        "locked_out": signin.failures(target) >= settings.AXES_FAILURE_LIMIT,
        "error_title": bool(form.errors),
    }
    return render(request, "accounts/user_detail.html", context)


@login_required
def user_create(request: HttpRequest) -> HttpResponse:
    """Make an account with its first role; the person is emailed a link to set their password."""
    access.require_anywhere(request.user, Capability.MANAGE_USERS)
    form = NewUserForm(request.POST or None, areas=_manageable_areas(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        user = actions.do_invite_user(
            username=data["username"],
            first_name=data["first_name"],
            last_name=data["last_name"],
            email=data["email"],
            organisation=data["organisation"],
            area=data["area"],
            role=Role(data["role"]),
            link_base=request.build_absolute_uri("/"),
            acting_user=request.user,
        )
        messages.success(request, f"Account made. {user.email} has been sent a link to set a password.")
        return redirect("accounts:user_detail", user_id=user.pk)
    return render(request, "accounts/user_create.html", {"form": form, "error_title": bool(form.errors)})


def _managed_target(request: HttpRequest, user_id: int) -> User:
    access.require_anywhere(request.user, Capability.MANAGE_USERS)
    target = access.get_user_for_manager(request.user, user_id)
    access.require_manage_user(request.user, target)
    return target


@login_required
@require_POST
def membership_revoke(request: HttpRequest, user_id: int, membership_id: int) -> HttpResponse:
    access.require_anywhere(request.user, Capability.MANAGE_USERS)
    target = access.get_user_for_manager(request.user, user_id)
    membership = Membership.objects.filter(pk=membership_id, user=target).select_related("area").first()
    if membership is None or not access.can(request.user, Capability.MANAGE_USERS, membership.area):
        raise Http404("No such membership")
    access.require_grant(request.user, target, membership.area)
    actions.do_revoke_membership(membership, acting_user=request.user)
    messages.success(request, f"Role removed from {target.display_name}.")
    return redirect("accounts:user_detail", user_id=target.pk)


@login_required
@require_POST
def user_set_active(request: HttpRequest, user_id: int) -> HttpResponse:
    target = _managed_target(request, user_id)
    activate = request.POST.get("active") == "1"
    actions.do_set_user_active(target, activate, acting_user=request.user)
    messages.success(request, f"{target.display_name} is now {'enabled' if activate else 'disabled'}.")
    return redirect("accounts:user_detail", user_id=target.pk)


@login_required
@require_POST
def user_reset_password(request: HttpRequest, user_id: int) -> HttpResponse:
    target = _managed_target(request, user_id)
    if not target.email:
        raise PermissionDenied("This account has no email address to send a link to")
    actions.do_reset_password(target, link_base=request.build_absolute_uri("/"), acting_user=request.user)
    messages.success(request, f"Password reset. {target.email} has been sent a link to choose a new one.")
    return redirect("accounts:user_detail", user_id=target.pk)


@login_required
@require_POST
def user_reset_mfa(request: HttpRequest, user_id: int) -> HttpResponse:
    target = _managed_target(request, user_id)
    actions.do_remove_second_factor(target, acting_user=request.user)
    messages.success(request, f"{target.display_name} will set up two-step verification again at next sign-in.")
    return redirect("accounts:user_detail", user_id=target.pk)


@login_required
@require_POST
def user_token_revoke(request: HttpRequest, user_id: int, token_id: int) -> HttpResponse:
    target = _managed_target(request, user_id)
    token = target.api_tokens.filter(pk=token_id, revoked_at__isnull=True).first()
    if token is None:
        raise Http404("No such token")
    actions.do_revoke_api_token(token, acting_user=request.user)
    messages.success(request, f"Token ‘{token.name}’ of {target.display_name} has been revoked.")
    return redirect("accounts:user_detail", user_id=target.pk)


@login_required
@require_POST
def user_unlock(request: HttpRequest, user_id: int) -> HttpResponse:
    target = _managed_target(request, user_id)
    actions.do_unlock_sign_in(target, acting_user=request.user)
    messages.success(request, f"{target.display_name} can sign in again from every address.")
    return redirect("accounts:user_detail", user_id=target.pk)
