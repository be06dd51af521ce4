"""Optional sign-in through the force's identity provider: it picks existing accounts only, and a role
that needs a second factor needs the provider to have used one."""

from __future__ import annotations

from unittest import mock

import pytest
from django.core.exceptions import SuspiciousOperation
from django.test import RequestFactory, override_settings

from beatbook.accounts.oidc import ForceIdentityBackend, second_factor_asserted
from beatbook.audit.models import AuditEvent

PROVIDER = {
    "OIDC_RP_CLIENT_ID": "beatbook",
    "OIDC_RP_CLIENT_SECRET": "secret",
    "OIDC_OP_TOKEN_ENDPOINT": "https://idp.example/token",
    "OIDC_OP_USER_ENDPOINT": "https://idp.example/userinfo",
    "OIDC_OP_JWKS_ENDPOINT": "https://idp.example/jwks",
    "OIDC_RP_SIGN_ALGO": "RS256",
}


def sign_in(claims: dict, id_token: dict) -> object:
    backend = ForceIdentityBackend()
    backend.request = RequestFactory().get("/sign-in/provider/callback/")
    with mock.patch.object(ForceIdentityBackend, "get_userinfo", return_value=claims):
        return backend.get_or_create_user("access", "id", id_token)


@override_settings(**PROVIDER)
def test_the_verified_email_picks_the_account(personas: dict) -> None:
    email = personas["inspector"].email
    assert sign_in({"email": email.upper(), "email_verified": True}, {"amr": ["pwd"]}) == personas["inspector"]


@override_settings(**PROVIDER)
def test_it_never_creates_accounts_nor_trusts_unverified_addresses(personas: dict) -> None:
    with pytest.raises(SuspiciousOperation, match="administrator must add"):
        sign_in({"email": "stranger@example.invalid"}, {})
    with pytest.raises(SuspiciousOperation):
        sign_in({"email": personas["inspector"].email, "email_verified": False}, {})


@override_settings(**PROVIDER)
def test_a_role_needing_a_second_factor_needs_the_provider_to_have_used_one(personas: dict) -> None:
    email = personas["admin"].email
    with pytest.raises(SuspiciousOperation, match="second factor"):
        sign_in({"email": email, "email_verified": True}, {"amr": ["pwd"]})
    assert AuditEvent.objects.filter(event="user.mfa_failed", object_id=str(personas["admin"].pk)).exists()
    assert sign_in({"email": email, "email_verified": True}, {"amr": ["pwd", "mfa"]}) == personas["admin"]


def test_amr_values() -> None:
    assert second_factor_asserted({"amr": ["pwd", "otp"]})
    assert not second_factor_asserted({"amr": ["pwd"]}) and not second_factor_asserted({})


def test_when_configured_the_sign_in_sends_people_to_the_provider_with_pkce(tmp_path) -> None:  # noqa: ANN001
    import os
    import subprocess
    import sys

    env = os.environ | {
        "DEBUG": "true",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'oidc.sqlite3'}",
        "BEATBOOK_OIDC_CLIENT_ID": "beatbook",
        "BEATBOOK_OIDC_CLIENT_SECRET": "secret",
        "BEATBOOK_OIDC_AUTHORIZATION_ENDPOINT": "https://idp.example/authorize",
        "BEATBOOK_OIDC_TOKEN_ENDPOINT": "https://idp.example/token",
        "BEATBOOK_OIDC_USERINFO_ENDPOINT": "https://idp.example/userinfo",
        "BEATBOOK_OIDC_JWKS_ENDPOINT": "https://idp.example/jwks",
    }
    code = (
        "from django.test.utils import setup_test_environment; setup_test_environment(); "
        "from django.test import Client; c = Client(); "
        "print(c.get('/sign-in/provider/authenticate/')['Location'])"
    )
    subprocess.run([sys.executable, "-m", "beatbook", "migrate", "-v0"], env=env, check=True)  # noqa: S603
    out = (
        subprocess.run(  # noqa: S603
            [sys.executable, "-m", "beatbook", "shell", "-c", code], env=env, check=True, capture_output=True, text=True
        )
        .stdout.strip()
        .splitlines()[-1]
    )
    assert out.startswith("https://idp.example/authorize?")
    assert "code_challenge_method=S256" in out and "nonce=" in out and "scope=openid+email" in out
    assert "redirect_uri=http%3A%2F%2Ftestserver%2Fsign-in%2Fprovider%2Fcallback%2F" in out
