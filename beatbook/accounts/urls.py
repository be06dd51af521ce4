from django.conf import settings
from django.urls import include, path

from beatbook.accounts import manage_views, views

app_name = "accounts"
urlpatterns = [
    path("sign-in/", views.login_view, name="login"),
    path("sign-out/", views.logout_view, name="logout"),
    path("account/", views.profile, name="profile"),
    path("account/tokens/", views.token_create, name="token_create"),
    path("account/tokens/<int:token_id>/revoke/", views.token_revoke, name="token_revoke"),
    path("users/", manage_views.user_list, name="user_list"),
    path("users/<int:user_id>/", manage_views.user_detail, name="user_detail"),
    path("users/<int:user_id>/status/", manage_views.user_set_active, name="user_set_active"),
    path(
        "users/<int:user_id>/memberships/<int:membership_id>/revoke/",
        manage_views.membership_revoke,
        name="membership_revoke",
    ),
    # Issue 11 (MFA, tokens) and issue 17 item 7 (accounts made and reset by administrators).
    path("sign-in/code/", views.mfa_verify, name="mfa_verify"),
    path("sign-in/set-up-code/", views.mfa_setup, name="mfa_setup"),
    path("account/recovery-codes/", views.mfa_recovery_codes, name="mfa_recovery_codes"),
    path("account/two-step/remove/", views.mfa_remove, name="mfa_remove"),
    path("account/set-password/<str:uidb64>/<str:token>/", views.set_password, name="set_password"),
    path("users/new/", manage_views.user_create, name="user_create"),
    path("users/<int:user_id>/password/", manage_views.user_reset_password, name="user_reset_password"),
    path("users/<int:user_id>/two-step/", manage_views.user_reset_mfa, name="user_reset_mfa"),
    path("users/<int:user_id>/unlock/", manage_views.user_unlock, name="user_unlock"),
    path("users/<int:user_id>/tokens/<int:token_id>/revoke/", manage_views.user_token_revoke, name="user_token_revoke"),
]

if settings.OIDC_ENABLED:  # sign-in through the force's identity provider (beatbook/accounts/oidc.py)
    urlpatterns += [path("sign-in/provider/", include("mozilla_django_oidc.urls"))]
