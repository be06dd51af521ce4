from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from beatbook.accounts import access
from beatbook.accounts.access import Capability
from beatbook.accounts.actions import do_grant_membership, do_revoke_membership
from beatbook.accounts.models import Role
from beatbook.areas.models import Area, Level


def test_a_membership_reaches_its_area_and_everything_below(personas: dict) -> None:
    inspector = personas["inspector"]
    chesterfield = Area.objects.get(code="chesterfield")
    visible = set(access.areas_visible_to(inspector).values_list("code", flat=True))
    assert visible == set(Area.objects.within(chesterfield).values_list("code", flat=True))
    assert "staveley" in visible and "north-division" not in visible and "derbyshire" not in visible


def test_a_pcso_sees_only_their_neighbourhood(personas: dict) -> None:
    assert list(access.areas_visible_to(personas["pcso"]).values_list("code", flat=True)) == ["staveley"]


def test_it_hides_other_forces_areas_as_missing(personas: dict) -> None:
    with pytest.raises(Http404):
        access.get_area_for_user(personas["outsider"], "derbyshire")
    with pytest.raises(Http404):
        access.get_area_for_user(personas["admin"], "northshire")


def test_it_gives_403_where_the_area_is_visible_but_the_role_does_not_allow(personas: dict) -> None:
    with pytest.raises(PermissionDenied):
        access.get_area_for_user(personas["partner"], "chesterfield", Capability.VIEW_ESTABLISHMENT)
    assert access.get_area_for_user(personas["inspector"], "chesterfield", Capability.VIEW_ESTABLISHMENT)


def test_a_new_role_takes_effect_on_the_next_request(personas: dict, client_as) -> None:
    client = client_as("pcso")
    assert client.get("/areas/chesterfield/").status_code == 404
    do_grant_membership(personas["pcso"], Area.objects.get(code="chesterfield"), Role.PCSO, acting_user=None)
    assert client.get("/areas/chesterfield/").status_code == 200


def test_a_removed_role_takes_effect_on_the_next_request(personas: dict, client_as) -> None:
    client = client_as("inspector")
    assert client.get("/areas/chesterfield/").status_code == 200
    for membership in personas["inspector"].memberships.all():
        do_revoke_membership(membership, acting_user=personas["admin"])
    assert client.get("/areas/chesterfield/").status_code == 404


def test_audit_reach_is_the_role_area(personas: dict) -> None:
    tops = access.scope_areas(personas["inspector"], Capability.VIEW_AUDIT)
    assert [a.code for a in tops] == ["chesterfield"]
    assert access.scope_areas(personas["analyst"], Capability.VIEW_AUDIT) == []


def test_nested_memberships_collapse_to_the_widest(personas: dict) -> None:
    inspector = personas["inspector"]
    do_grant_membership(inspector, Area.objects.get(code="staveley"), Role.INSPECTOR, acting_user=None)
    inspector._beatbook_memberships = None
    assert [a.code for a in access.scope_areas(inspector)] == ["chesterfield"]


def test_every_role_has_a_demo_persona_with_the_right_level(personas: dict) -> None:
    expected_levels = {
        "pcso": Level.NEIGHBOURHOOD,
        "constable": Level.TEAM,
        "inspector": Level.LPU,
        "chief_inspector": Level.DIVISION,
        "admin": Level.FORCE,
    }
    for role, level in expected_levels.items():
        assert access.memberships(personas[role])[0].area.level == level
    assert {m.role for p in personas.values() for m in access.memberships(p)} == set(Role.values)
