"""Issue 11 item 4: no privilege escalation through roles, status or tokens."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.utils import timezone

from beatbook.accounts import access
from beatbook.accounts.actions import (
    do_create_api_token,
    do_create_user,
    do_grant_membership,
    do_revoke_api_token,
    do_revoke_membership,
    do_set_user_active,
)
from beatbook.accounts.models import Membership, Role
from beatbook.areas.models import Area
from beatbook.audit.models import AuditEvent


def test_an_administrator_cannot_give_himself_an_inspectors_role(personas: dict, client_as) -> None:
    admin = personas["admin"]
    area = Area.objects.get(code="chesterfield")
    response = client_as("admin").post(f"/users/{admin.pk}/", {"role": Role.INSPECTOR, "area": area.pk})
    assert response.status_code == 403
    assert not Membership.objects.filter(user=admin, role=Role.INSPECTOR).exists()
    with pytest.raises(PermissionDenied):
        do_grant_membership(admin, area, Role.INSPECTOR, acting_user=admin)
    # Nor remove his own roles, nor disable himself.
    own = admin.memberships.first()
    assert client_as("admin").post(f"/users/{admin.pk}/memberships/{own.pk}/revoke/").status_code == 403
    assert client_as("admin").post(f"/users/{admin.pk}/status/", {"active": "0"}).status_code == 403


def test_another_administrator_grants_it_and_it_is_audited(personas: dict) -> None:
    force = Area.objects.get(code="derbyshire")
    second = do_create_user(username="admin.two", password=None, acting_user=None)
    do_grant_membership(second, force, Role.ADMIN, acting_user=None)
    area = Area.objects.get(code="chesterfield")
    do_grant_membership(personas["admin"], area, Role.INSPECTOR, acting_user=second)
    event = AuditEvent.objects.get(event="membership.granted", actor=second, object_id=str(personas["admin"].pk))
    assert event.detail == {"role": "inspector", "area": "chesterfield"}


@pytest.fixture
def division_admin(personas: dict):
    """An administrator for North Division only."""
    user = do_create_user(username="admin.north", password=None, acting_user=None)
    do_grant_membership(user, Area.objects.get(code="north-division"), Role.ADMIN, acting_user=None)
    return user


def test_no_granting_in_an_area_one_may_not_manage(personas: dict, division_admin) -> None:
    derby = Area.objects.get(code="derby-east")
    with pytest.raises(PermissionDenied):
        do_grant_membership(personas["constable"], derby, Role.ADMIN, acting_user=division_admin)
    assert not Membership.objects.filter(user=personas["constable"], area=derby).exists()


def test_no_granting_to_a_user_one_may_not_manage(personas: dict, division_admin) -> None:
    # The force-wide analyst has a role outside North Division, so its administrator may not touch it.
    analyst = personas["analyst"]
    staveley = Area.objects.get(code="staveley")
    assert not access.can_manage_user(division_admin, analyst)
    with pytest.raises(PermissionDenied):
        do_grant_membership(analyst, staveley, Role.INSPECTOR, acting_user=division_admin)
    with pytest.raises(PermissionDenied):
        do_set_user_active(analyst, False, acting_user=division_admin)
    client = Client()
    client.force_login(division_admin)
    # Out of reach altogether: 404. Visible (a role in the division) but also outside it: 403.
    assert client.post(f"/users/{analyst.pk}/", {"role": Role.INSPECTOR, "area": staveley.pk}).status_code == 404
    both = do_create_user(username="pc.both", password=None, acting_user=None)
    do_grant_membership(both, staveley, Role.CONSTABLE, acting_user=None)
    do_grant_membership(both, Area.objects.get(code="derby-east"), Role.CONSTABLE, acting_user=None)
    assert client.post(f"/users/{both.pk}/", {"role": Role.INSPECTOR, "area": staveley.pk}).status_code == 403
    assert client.post(f"/users/{both.pk}/status/", {"active": "0"}).status_code == 403
    assert not Membership.objects.filter(user=both, role=Role.INSPECTOR).exists()


def test_a_user_with_no_role_left_stays_manageable(personas: dict, division_admin) -> None:
    constable = personas["constable"]
    for membership in list(constable.memberships.all()):
        do_revoke_membership(membership, acting_user=division_admin)
    assert not constable.memberships.exists()
    assert access.can_manage_user(division_admin, constable)
    assert constable in access.users_visible_to(division_admin)
    token, _ = do_create_api_token(constable, "phone", acting_user=constable)
    do_revoke_api_token(token, acting_user=division_admin)
    do_set_user_active(constable, False, acting_user=division_admin)
    # Another force's administrators still cannot.
    assert constable not in access.users_visible_to(personas["outsider"])


def test_re_enabling_does_not_revive_old_sessions(personas: dict, client_as) -> None:
    client = client_as("constable")
    assert client.get("/areas/").status_code == 200
    do_set_user_active(personas["constable"], False, acting_user=personas["admin"])
    do_set_user_active(personas["constable"], True, acting_user=personas["admin"])
    assert client.get("/areas/").status_code == 302


def test_tokens_expire_after_90_days(personas: dict) -> None:
    token, raw = do_create_api_token(personas["inspector"], "phone", acting_user=personas["inspector"])
    assert timedelta(days=89) < token.expires_at - timezone.now() <= timedelta(days=90)
    headers = {"Authorization": f"Bearer {raw}"}
    assert Client().get("/api/v1/areas/", headers=headers).status_code == 200
    with time_machine.travel(timezone.now() + timedelta(days=91)):
        assert Client().get("/api/v1/areas/", headers=headers).status_code == 401


def test_administrators_list_and_revoke_a_users_tokens(personas: dict, client_as) -> None:
    pcso = personas["pcso"]
    token, raw = do_create_api_token(pcso, "phone", acting_user=pcso)
    page = client_as("admin").get(f"/users/{pcso.pk}/")
    assert token.prefix in page.content.decode()
    assert client_as("admin").post(f"/users/{pcso.pk}/tokens/{token.pk}/revoke/").status_code == 302
    assert Client().get("/api/v1/areas/", headers={"Authorization": f"Bearer {raw}"}).status_code == 401
    assert AuditEvent.objects.filter(event="api_token.revoked", actor=personas["admin"]).exists()
    # Another force's administrator cannot see the user at all.
    assert client_as("outsider").post(f"/users/{pcso.pk}/tokens/{token.pk}/revoke/").status_code == 403


def test_the_user_list_and_user_pages_are_audited(personas: dict, client_as) -> None:
    client_as("admin").get("/users/")
    client_as("admin").get(f"/users/{personas['pcso'].pk}/")
    assert AuditEvent.objects.filter(event="users.listed", actor=personas["admin"]).exists()
    event = AuditEvent.objects.get(event="user.viewed", actor=personas["admin"])
    assert event.object_id == str(personas["pcso"].pk)
