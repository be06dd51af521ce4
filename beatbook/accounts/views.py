"""Sign in (password, then the second factor where needed) and out, your account and API tokens."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.tokens import default_token_generator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.utils.encoding import force_str
from django.utils.http import url_has_allowed_host_and_scheme, urlsafe_base64_decode
from django.views.decorators.http import require_POST

from beatbook.accounts import access, actions, mfa, signin
from beatbook.accounts.forms import ApiTokenForm, CodeForm, LoginForm, ReplaceAuthenticatorForm, SetPasswordForm
from beatbook.accounts.middleware import stamp_new_session
from beatbook.accounts.models import User

NEXT = "beatbook_mfa_next"


def login_view(request: HttpRequest) -> HttpResponse:
    form = LoginForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        username = form.cleaned_data["username"]
        result = signin.check_password(request, username, form.cleaned_data["password"])
        if result.user is None:
            actions.do_record_login_failure(username, request, locked=result.refused_unchecked)
            if result.locked_out:
                form.add_error(
                    None, f"Too many failed attempts. Try again in {settings.LOGIN_LOCKOUT_MINUTES} minutes."
                )
            else:
                form.add_error(None, "Enter a correct username and password.")
        elif mfa.is_enrolled(result.user) or mfa.required_for(result.user):
            mfa.start_pending(request, result.user)
            request.session[NEXT] = _safe_next(request)
            return redirect("accounts:mfa_verify" if mfa.is_enrolled(result.user) else "accounts:mfa_setup")
        else:
            return _complete_sign_in(request, result.user, _safe_next(request), second_factor="")
    context = {
        "form": form,
        "error_title": bool(form.errors),
        "oidc_enabled": settings.OIDC_ENABLED,
        "oidc_provider": settings.OIDC_PROVIDER_NAME,
    }
    return render(request, "accounts/login.html", context)


def _complete_sign_in(request: HttpRequest, user: User, target: str, *, second_factor: str) -> HttpResponse:
    login(request, user)  # a new session key (ASVS 7.2.4); Axes clears the pair's failures
    stamp_new_session(request)
    actions.do_record_login(user, request, second_factor=second_factor)
    return redirect(target)


def _safe_next(request: HttpRequest) -> str:
    target = request.GET.get("next", "")
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return resolve_url(settings.LOGIN_REDIRECT_URL)


def mfa_verify(request: HttpRequest) -> HttpResponse:
    """The second step of signing in: a code from the authenticator app, or a recovery code."""
    user = mfa.pending_user(request)
    if user is None or not mfa.is_enrolled(user):
        return _restart_sign_in(request)
    form = CodeForm(request.POST or None, recovery=True)
    if request.method == "POST" and form.is_valid():
        factor = mfa.verify_code(user, form.cleaned_data["code"])
        if factor:
            target = request.session.pop(NEXT, "") or resolve_url(settings.LOGIN_REDIRECT_URL)
            mfa.clear_pending(request)
            response = _complete_sign_in(request, user, target, second_factor=factor)
            if factor == "recovery":
                left = mfa.recovery_codes_left(user)
                messages.warning(request, f"You used a recovery code; {left} left. Make new ones on your account page.")
            return response
        actions.do_record_mfa_failure(user, request)
        form.add_error("code", "Enter the 6-digit code your authenticator app shows now, or a recovery code")
    return render(request, "accounts/mfa_verify.html", {"form": form, "error_title": bool(form.errors)})


def mfa_setup(request: HttpRequest) -> HttpResponse:
    """Set up an authenticator app: while signing in (a role that needs one) or from your account."""
    signed_in = request.user.is_authenticated
    user = request.user if signed_in else mfa.pending_user(request)
    if user is None:
        return _restart_sign_in(request)
    if not signed_in and mfa.is_enrolled(user):
        # A password alone never replaces an authenticator: that needs a session made with it.
        return redirect("accounts:mfa_verify")
    device = mfa.totp_device(user, confirmed=False)
    if request.method != "POST" or device is None:
        device = actions.do_start_totp_enrolment(user)
    replacing = signed_in and mfa.is_enrolled(user)
    form = (ReplaceAuthenticatorForm if replacing else CodeForm)(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if replacing and not mfa.verify_code(user, form.cleaned_data["current_code"]):
            actions.do_record_mfa_failure(user, request)
            form.add_error("current_code", "Enter the code your current authenticator app shows now")
            codes = None
        else:
            codes = actions.do_confirm_totp(user, form.cleaned_data["code"], acting_user=user)
        if codes is not None:
            target = resolve_url("accounts:profile")
            if not signed_in:
                target = request.session.pop(NEXT, "") or resolve_url(settings.LOGIN_REDIRECT_URL)
                mfa.clear_pending(request)
                _complete_sign_in(request, user, target, second_factor="totp")
            return render(request, "accounts/recovery_codes.html", {"codes": codes, "continue_to": target})
        if not form.errors:
            form.add_error("code", "Enter the 6-digit code your authenticator app shows now")
    context = {
        "form": form,
        "key": mfa.grouped(mfa.base32_key(device)),
        "uri": device.config_url,
        "required": mfa.required_for(user),
        "error_title": bool(form.errors),
    }
    return render(request, "accounts/mfa_setup.html", context)


def _restart_sign_in(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect(settings.LOGIN_REDIRECT_URL)
    mfa.clear_pending(request)
    messages.info(request, "Sign in again to continue.")
    return redirect("accounts:login")


@login_required
@require_POST
def mfa_recovery_codes(request: HttpRequest) -> HttpResponse:
    if not mfa.is_enrolled(request.user):
        raise Http404("No authenticator set up")
    codes = actions.do_new_recovery_codes(request.user, acting_user=request.user)
    context = {"codes": codes, "continue_to": resolve_url("accounts:profile")}
    return render(request, "accounts/recovery_codes.html", context)


@login_required
@require_POST
def mfa_remove(request: HttpRequest) -> HttpResponse:
    actions.do_remove_second_factor(request.user, acting_user=request.user)
    messages.success(request, "Two-step verification is off. Sign in again.")
    return redirect("accounts:login")


def set_password(request: HttpRequest, uidb64: str, token: str) -> HttpResponse:
    """Choose a password from an emailed link; then sign in as usual."""
    try:
        user = User.objects.filter(pk=int(force_str(urlsafe_base64_decode(uidb64))), is_active=True).first()
    except (ValueError, TypeError, OverflowError):
        user = None
    if user is None or not default_token_generator.check_token(user, token):
        return render(request, "accounts/set_password_invalid.html", status=404)
    form = SetPasswordForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        actions.do_set_password_from_link(user, form.cleaned_data["password"])
        messages.success(request, "Your password is set. Sign in with it.")
        return redirect("accounts:login")
    return render(request, "accounts/set_password.html", {"form": form, "error_title": bool(form.errors)})


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        actions.do_record_logout(request.user, request, reason="signed out")
    logout(request)
    messages.success(request, "You have signed out.")
    return redirect("accounts:login")


def _profile_context(request: HttpRequest, form: ApiTokenForm) -> dict:
    user = request.user
    tokens, tokens_total = user.api_tokens.listed()
    return {
        "memberships": access.memberships(user),
        "tokens": tokens,
        "tokens_total": tokens_total,
        "form": form,
        "mfa_enrolled": mfa.is_enrolled(user),
        "mfa_required": mfa.required_for(user),
        "recovery_left": mfa.recovery_codes_left(user),
        "token_days": settings.API_TOKEN_LIFETIME_DAYS,
    }


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/profile.html", _profile_context(request, ApiTokenForm()))


@login_required
@require_POST
def token_create(request: HttpRequest) -> HttpResponse:
    form = ApiTokenForm(request.POST)
    if not form.is_valid():
        context = _profile_context(request, form) | {"error_title": True}
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
