"""Sign-in through a force's identity provider (OpenID Connect), where one is configured.

Optional: on only when BEATBOOK_OIDC_CLIENT_ID is set (docs/deployment.md). Built on
mozilla-django-oidc (authorisation code flow with PKCE and nonce, signatures checked against the
provider's keys). Beatbook's own rules stay in charge:

- The provider never creates accounts: an administrator makes them (with roles), and the provider's
  verified email address picks the one active account with that address, or nobody.
- Where the account's role needs a second factor, the provider must say it used one: the ID token's
  `amr` claim (RFC 8176) must name one of settings.OIDC_MFA_AMR_VALUES. Otherwise the sign-in is refused
  rather than falling back to Beatbook's own codes (the user can use the password sign-in instead).
- Every sign-in through the provider, and every refusal, is audited like the password sign-in.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import SuspiciousOperation
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView

from beatbook.accounts import actions, mfa
from beatbook.accounts.middleware import stamp_new_session
from beatbook.accounts.models import User


class ForceIdentityBackend(OIDCAuthenticationBackend):
    def verify_claims(self, claims: dict) -> bool:
        # An address the provider has not verified could be anybody's.
        return bool(claims.get("email")) and claims.get("email_verified") is not False

    def filter_users_by_claims(self, claims: dict):  # noqa: ANN201 - a QuerySet of User
        return User.objects.filter(email__iexact=claims.get("email", ""), is_active=True)

    def create_user(self, claims: dict) -> User:
        raise SuspiciousOperation("No Beatbook account has this email address: an administrator must add one")

    def get_or_create_user(self, access_token: str, id_token: str, payload: dict) -> User | None:
        user = super().get_or_create_user(access_token, id_token, payload)
        if user is not None and mfa.required_for(user) and not second_factor_asserted(payload):
            actions.do_record_mfa_failure(user, self.request)
            raise SuspiciousOperation("The identity provider did not use a second factor for a role that needs one")
        return user


def second_factor_asserted(id_token_claims: dict) -> bool:
    """Whether the ID token's `amr` (authentication methods references) names a second factor."""
    methods = id_token_claims.get("amr") or []
    return bool(set(methods) & set(settings.OIDC_MFA_AMR_VALUES))


class ForceIdentityCallbackView(OIDCAuthenticationCallbackView):
    def login_success(self):  # noqa: ANN201 - an HttpResponseRedirect
        response = super().login_success()
        stamp_new_session(self.request)
        actions.do_record_login(self.user, self.request, second_factor="identity provider")
        return response
