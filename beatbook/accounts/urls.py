from django.urls import path

from beatbook.accounts import views

app_name = "accounts"
urlpatterns = [
    path("sign-in/", views.login_view, name="login"),
    path("sign-out/", views.logout_view, name="logout"),
    path("account/", views.profile, name="profile"),
    path("account/tokens/", views.token_create, name="token_create"),
    path("account/tokens/<int:token_id>/revoke/", views.token_revoke, name="token_revoke"),
    path("users/", views.user_list, name="user_list"),
    path("users/<int:user_id>/", views.user_detail, name="user_detail"),
    path("users/<int:user_id>/status/", views.user_set_active, name="user_set_active"),
    path(
        "users/<int:user_id>/memberships/<int:membership_id>/revoke/", views.membership_revoke, name="membership_revoke"
    ),
]
