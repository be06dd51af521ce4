"""Sign in and out, your account and API tokens, and account management for administrators."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import authenticate, login, logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from beatbook.accounts import access, actions
from beatbook.accounts.access import Capability
from beatbook.accounts.forms import ApiTokenForm, LoginForm, MembershipForm
from beatbook.accounts.middleware import stamp_new_session
from beatbook.accounts.models import Membership, Role
from beatbook.areas.models import Area


def login_view(request: HttpRequest) -> HttpResponse:
    form = LoginForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        username = form.cleaned_data["username"]
        if actions.is_locked_out(username, request):
            actions.do_record_login_failure(username, request, locked=True)
            form.add_error(None, f"Too many failed attempts. Try again in {settings.LOGIN_LOCKOUT_MINUTES} minutes.")
        else:
            user = authenticate(request, username=username, password=form.cleaned_data["password"])
            if user is None:
                actions.do_record_login_failure(username, request, locked=False)
                form.add_error(None, "Enter a correct username and password.")
            else:
                login(request, user)
                stamp_new_session(request)
                actions.do_record_login(user, request)
                return redirect(_safe_next(request))
    return render(request, "accounts/login.html", {"form": form, "error_title": bool(form.errors)})


def _safe_next(request: HttpRequest) -> str:
    target = request.GET.get("next", "")
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return resolve_url(settings.LOGIN_REDIRECT_URL)


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        actions.do_record_logout(request.user, request, reason="signed out")
    logout(request)
    messages.success(request, "You have signed out.")
    return redirect("accounts:login")


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    form = ApiTokenForm()
    context = {
        "memberships": access.memberships(request.user),
        "tokens": request.user.api_tokens.filter(revoked_at__isnull=True),
        "form": form,
    }
    return render(request, "accounts/profile.html", context)


@login_required
@require_POST
def token_create(request: HttpRequest) -> HttpResponse:
    form = ApiTokenForm(request.POST)
    if not form.is_valid():
        context = {
            "memberships": access.memberships(request.user),
            "form": form,
            "error_title": True,
            "tokens": request.user.api_tokens.filter(revoked_at__isnull=True),
        }
        return render(request, "accounts/profile.html", context, status=400)
    token, raw = actions.do_create_api_token(request.user, form.cleaned_data["name"], acting_user=request.user)
    return render(request, "accounts/token_created.html", {"token": token, "raw_token": raw})


@login_required
@require_POST
def token_revoke(request: HttpRequest, token_id: int) -> HttpResponse:
    token = request.user.api_tokens.filter(pk=token_id, revoked_at__isnull=True).first()
    if token is None:
        raise Http404("No such token")
    actions.do_revoke_api_token(token, acting_user=request.user)
    messages.success(request, f"Token ‘{token.name}’ has been revoked.")
    return redirect("accounts:profile")


@login_required
def user_list(request: HttpRequest) -> HttpResponse:
    access.require_anywhere(request.user, Capability.MANAGE_USERS)
    users = access.users_visible_to(request.user).prefetch_related("memberships__area")
    return render(request, "accounts/user_list.html", {"users": users})


@login_required
def user_detail(request: HttpRequest, user_id: int) -> HttpResponse:
    access.require_anywhere(request.user, Capability.MANAGE_USERS)
    target = access.get_user_for_manager(request.user, user_id)
    manageable_areas = Area.objects.within_any(access.scope_areas(request.user, Capability.MANAGE_USERS))
    form = MembershipForm(request.POST or None, areas=manageable_areas)
    if request.method == "POST" and form.is_valid():
        actions.do_grant_membership(
            target, form.cleaned_data["area"], Role(form.cleaned_data["role"]), acting_user=request.user
        )
        messages.success(request, f"Role granted to {target.display_name}.")
        return redirect("accounts:user_detail", user_id=target.pk)
    context = {
        "target": target,
        "form": form,
        "memberships": target.memberships.select_related("area"),
        "can_manage": access.can_manage_user(request.user, target),
        "error_title": bool(form.errors),
    }
    return render(request, "accounts/user_detail.html", context)


@login_required
@require_POST
def membership_revoke(request: HttpRequest, user_id: int, membership_id: int) -> HttpResponse:
    access.require_anywhere(request.user, Capability.MANAGE_USERS)
    target = access.get_user_for_manager(request.user, user_id)
    membership = Membership.objects.filter(pk=membership_id, user=target).select_related("area").first()
    if membership is None or not access.can(request.user, Capability.MANAGE_USERS, membership.area):
        raise Http404("No such membership")
    actions.do_revoke_membership(membership, acting_user=request.user)
    messages.success(request, f"Role removed from {target.display_name}.")
    return redirect("accounts:user_detail", user_id=target.pk)


@login_required
@require_POST
def user_set_active(request: HttpRequest, user_id: int) -> HttpResponse:
    access.require_anywhere(request.user, Capability.MANAGE_USERS)
    target = access.get_user_for_manager(request.user, user_id)
    if not access.can_manage_user(request.user, target) or target == request.user:
        raise PermissionDenied("You cannot change this account's status")
    activate = request.POST.get("active") == "1"
    actions.do_set_user_active(target, activate, acting_user=request.user)
    messages.success(request, f"{target.display_name} is now {'enabled' if activate else 'disabled'}.")
    return redirect("accounts:user_detail", user_id=target.pk)
