"""The plan pages of the scrutiny workspace: a plan, its priorities and sub-objectives written through forms."""

from __future__ import annotations

from datetime import date

import pytest

from beatbook.areas.models import Area
from beatbook.audit.models import AuditEvent
from beatbook.scrutiny import actions
from beatbook.scrutiny.models import Plan, PlanPriority, SubObjective


@pytest.fixture
def plan(personas):  # noqa: ANN001, ANN201
    return actions.do_create_plan(
        force=Area.objects.get(code="derbyshire"), title="Plan", starts_on=date(2021, 5, 1),
        ends_on=date(2025, 5, 1), acting_user=personas["scrutiny"],
    )  # fmt: skip


def test_a_scrutiny_officer_creates_a_plan_and_a_priority_through_the_pages(client_as) -> None:  # noqa: ANN001
    client = client_as("scrutiny")
    force = Area.objects.get(code="derbyshire")
    page = client.get("/scrutiny/manage/plans/new/")
    assert page.status_code == 200
    response = client.post(
        "/scrutiny/manage/plans/new/",
        {"force": force.pk, "title": "Police and Crime Plan 2021 to 2025", "starts_on": "2021-05-01", "ends_on": "2025-05-01"},
    )  # fmt: skip
    plan = Plan.objects.get(title="Police and Crime Plan 2021 to 2025")
    assert response.status_code == 302 and response["Location"] == f"/scrutiny/manage/plans/{plan.pk}/priorities/new/"
    assert (plan.force, plan.starts_on, plan.ends_on) == (force, date(2021, 5, 1), date(2025, 5, 1))
    client.post(f"/scrutiny/manage/plans/{plan.pk}/priorities/new/", {"number": 2, "title": "Neighbourhood crime"})
    priority = PlanPriority.objects.get(plan=plan, number=2)
    client.post(f"/scrutiny/manage/priorities/{priority.pk}/sub-objectives/new/", {"title": "Hot spots"})
    client.post(f"/scrutiny/manage/priorities/{priority.pk}/sub-objectives/new/", {"title": "Partners"})
    assert list(priority.sub_objectives.values_list("number", "title")) == [(1, "Hot spots"), (2, "Partners")]
    client.post(
        f"/scrutiny/manage/priorities/{priority.pk}/edit/",
        {"title": "Neighbourhood crime and ASB", "description": "Why"},
    )
    priority.refresh_from_db()
    assert (priority.number, priority.title, priority.description) == (2, "Neighbourhood crime and ASB", "Why")
    events = set(AuditEvent.objects.filter(event__startswith="scrutiny.").values_list("event", flat=True))
    assert {
        "scrutiny.plan.created",
        "scrutiny.priority.added",
        "scrutiny.sub_objective.added",
        "scrutiny.priority.edited",
    } <= events
    workspace = client.get("/scrutiny/manage/").content.decode()
    assert f"/scrutiny/manage/plans/{plan.pk}/priorities/new/" in workspace
    assert f"/scrutiny/manage/priorities/{priority.pk}/edit/" in workspace


def test_reversed_dates_and_bad_input_are_refused_and_nothing_is_written(client_as, plan) -> None:  # noqa: ANN001
    client = client_as("scrutiny")
    force = Area.objects.get(code="derbyshire")
    response = client.post(
        "/scrutiny/manage/plans/new/",
        {"force": force.pk, "title": "Backwards", "starts_on": "2025-05-01", "ends_on": "2021-05-01"},
    )
    assert response.status_code == 400
    assert "The period must end after it starts" in response.content.decode()
    assert not Plan.objects.filter(title="Backwards").exists()
    PlanPriority.objects.create(plan=plan, number=1, title="Existing")
    duplicate = client.post(f"/scrutiny/manage/plans/{plan.pk}/priorities/new/", {"number": 1, "title": "Again"})
    assert duplicate.status_code == 400 and "already has a priority 1" in duplicate.content.decode()
    empty = client.post(f"/scrutiny/manage/plans/{plan.pk}/priorities/new/", {"number": "two", "title": ""})
    assert empty.status_code == 400
    assert list(plan.priorities.values_list("title", flat=True)) == ["Existing"]
    priority = plan.priorities.get()
    assert (
        client.post(f"/scrutiny/manage/priorities/{priority.pk}/sub-objectives/new/", {"title": ""}).status_code == 400
    )
    assert client.post(f"/scrutiny/manage/priorities/{priority.pk}/edit/", {"title": ""}).status_code == 400
    priority.refresh_from_db()
    assert priority.title == "Existing" and not SubObjective.objects.filter(priority=priority).exists()
    with pytest.raises(actions.WorkflowError):
        actions.do_create_plan(
            force=force, title="X", starts_on=date(2025, 1, 1), ends_on=date(2024, 1, 1), acting_user=None
        )


@pytest.mark.parametrize("role", ["partner", "inspector"])
def test_a_partner_or_inspector_may_not_write_the_plan(client_as, plan, role) -> None:  # noqa: ANN001
    client = client_as(role)
    priority = PlanPriority.objects.create(plan=plan, number=1, title="Existing")
    force = Area.objects.get(code="derbyshire")
    posts = {
        "/scrutiny/manage/plans/new/": {"force": force.pk, "title": "Mine", "starts_on": "2021-05-01", "ends_on": "2025-05-01"},
        f"/scrutiny/manage/plans/{plan.pk}/priorities/new/": {"number": 3, "title": "Mine"},
        f"/scrutiny/manage/priorities/{priority.pk}/edit/": {"title": "Mine"},
        f"/scrutiny/manage/priorities/{priority.pk}/sub-objectives/new/": {"title": "Mine"},
    }  # fmt: skip
    for url, data in posts.items():
        assert client.get(url).status_code == 403, url
        assert client.post(url, data).status_code == 403, url
    assert not Plan.objects.filter(title="Mine").exists() and not plan.priorities.filter(number=3).exists()
    priority.refresh_from_db()
    assert priority.title == "Existing" and not priority.sub_objectives.exists()
