"""The closure codes page: a force administrator views and changes the list, with checks and an audit row."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from beatbook.areas.models import Area
from beatbook.audit.models import AuditEvent
from beatbook.problemsolving import actions
from beatbook.problemsolving.models import ClosureCode

pytestmark = pytest.mark.django_db
URL = "/areas/derbyshire/problem-solving/closure-codes/"


@pytest.fixture
def force():
    force = Area.objects.get(code="derbyshire")
    actions.do_set_closure_codes(force=force, codes=actions.DEFAULT_CLOSURE_CODES, acting_user=None)
    return force


@pytest.fixture
def used_code(force, personas):
    """The first code, used to close a plan."""
    plan = actions.do_draft_plan(
        title="Off-road bikes on the rec",
        problem_type="vehicle",
        places=[Area.objects.get(code="staveley")],
        scan_from=date(2022, 1, 1),
        scan_to=date(2022, 12, 31),
        owner_area=Area.objects.get(code="staveley-snt"),
        acting_user=personas["sergeant"],
    )
    actions.do_approve_plan(plan=plan, approved_on=date(2023, 1, 10), acting_user=personas["inspector"])
    code = ClosureCode.objects.get(force=force, code=actions.DEFAULT_CLOSURE_CODES[0][0])
    actions.do_close_plan(plan=plan, closure_code=code, closed_on=date(2023, 6, 1), acting_user=personas["inspector"])
    return code


def _codes(force: Area) -> list[tuple[str, str, bool]]:
    return list(ClosureCode.objects.filter(force=force).values_list("code", "label", "active"))


def test_an_admin_sees_the_list_with_its_use_and_a_twin(force, used_code, client_as):
    client = client_as("admin")
    page = client.get(URL)
    assert page.status_code == 200 and b"Save closure codes" in page.content
    assert f"{used_code.code} = {used_code.label}" in page.content.decode()
    rows = client.get(URL + "?format=json&table=closure-codes").json()["rows"]
    assert [(r["code"], r["status"], r["plans_closed"]) for r in rows][0] == (used_code.code, "In use", 1)


def test_an_admin_relabels_reorders_adds_retires_and_deletes(force, used_code, client_as):
    _, second, third = actions.DEFAULT_CLOSURE_CODES
    response = client_as("admin").post(
        URL,
        {
            "active": f"displaced = Problem displaced elsewhere\n{third[0]} = Another agency owns it",
            "retired": f"{used_code.code} = {used_code.label}",
        },
    )
    assert response.status_code == 302
    assert _codes(force) == [
        ("displaced", "Problem displaced elsewhere", True),
        (third[0], "Another agency owns it", True),
        (used_code.code, used_code.label, False),
    ]  # the second, never used, is deleted
    event = AuditEvent.objects.filter(event="closure_codes.set").latest("pk")
    assert event.detail["deleted"] == [second[0]] and event.detail["retired"] == [used_code.code]
    assert len(event.detail["before"]) == 3


@pytest.mark.parametrize(
    ("active", "retired", "message"),
    [
        ("a = First\nb = ", "", "b: give it a label"),
        ("a = First\na = Again", "", "a is listed more than once"),
        ("a = First", "a = Old", "a is listed both in use and retired"),
        ("Bad Code! = First", "", "“Bad Code!” is not a valid code: use lower-case letters, digits and hyphens"),
        ("a = First\nb = first", "", "The label “First” is given to more than one code"),
        ("= First", "", "needs a code"),
        ("a First", "", "Line 1: write the code, then =, then the label"),
        ("", "a = Old", "This field is required"),
    ],
)
def test_bad_lists_are_refused_saying_what_to_fix(force, client_as, active, retired, message):
    before = _codes(force)
    page = client_as("admin").post(URL, {"active": active, "retired": retired})
    assert page.status_code == 200 and message in page.content.decode()
    assert _codes(force) == before


def test_a_code_plans_were_closed_with_can_be_retired_but_not_deleted(force, used_code, personas):
    with pytest.raises(ValidationError, match=r"closed 1 plan: retire it instead"):
        actions.do_edit_closure_codes(force=force, active=[("new", "New")], acting_user=personas["admin"])
    assert ClosureCode.objects.filter(pk=used_code.pk, active=True).exists()
    actions.do_edit_closure_codes(
        force=force, active=[("new", "New")], retired=[(used_code.code, used_code.label)], acting_user=personas["admin"]
    )
    assert not ClosureCode.objects.get(pk=used_code.pk).active


def test_only_a_force_administrator_changes_the_list(force, personas):
    with pytest.raises(PermissionDenied):
        actions.do_edit_closure_codes(force=force, active=[("a", "A")], acting_user=personas["chief_inspector"])
    with pytest.raises(ValidationError, match="whole force"):
        actions.do_edit_closure_codes(
            force=Area.objects.get(code="chesterfield"), active=[("a", "A")], acting_user=personas["admin"]
        )


def test_the_force_problem_solving_page_links_to_the_list_for_admins_only(force, client_as):
    assert URL.encode() in client_as("admin").get("/areas/derbyshire/problem-solving/").content
    assert URL.encode() not in client_as("analyst").get("/areas/derbyshire/problem-solving/").content
