"""The workforce API: the same actions, checks and audit rows as the pages."""

from __future__ import annotations

import pytest

from beatbook.audit.models import AuditEvent
from beatbook.workforce.models import NamedOfficer, Officer

pytestmark = pytest.mark.django_db


def test_add_change_name_and_leave_over_the_api(client_as) -> None:
    client = client_as("hr")
    body = {"team": "staveley-snt", "rank": "pcso", "first_name": "Api", "last_name": "Person", "staff_number": "API-1"}
    created = client.post("/api/v1/workforce/people", body, content_type="application/json")
    assert created.status_code == 201, created.content
    person_id = created.json()["id"]
    changed = client.post(
        f"/api/v1/workforce/people/{person_id}/changes", {"fte": "0.6"}, content_type="application/json"
    )
    assert float(changed.json()["fte"]) == 0.6
    named = client.post(
        "/api/v1/workforce/neighbourhoods/staveley/named-officer",
        {"officer_id": person_id},
        content_type="application/json",
    )
    assert named.json()["named_for"] == ["staveley"]
    left = client.post(
        f"/api/v1/workforce/people/{person_id}/leaving",
        {"left_on": "2026-01-31", "leave_reason": "resignation"},
        content_type="application/json",
    )
    assert left.status_code == 200
    assert not NamedOfficer.objects.filter(officer_id=person_id).exists()
    assert client.get(f"/api/v1/workforce/people/{person_id}").json()["left_on"] == "2026-01-31"
    assert AuditEvent.objects.filter(event="workforce.person.viewed", object_id=str(person_id)).exists()


def test_bad_input_is_a_400_naming_the_problem(client_as) -> None:
    body = {"team": "staveley-snt", "rank": "pcso", "first_name": "A", "last_name": "B", "fte": "3"}
    response = client_as("admin").post("/api/v1/workforce/people", body, content_type="application/json")
    assert response.status_code == 400
    assert "between 0 and 1" in response.json()["error"]
    assert not Officer.objects.filter(first_name="A", last_name="B").exists()


def test_strength_tables_over_the_api(client_as) -> None:
    tables = client_as("analyst").get("/api/v1/workforce/areas/derbyshire/strength?on=2023-08-31").json()
    officers = next(t for t in tables if t["table"] == "strength-against-establishment")["rows"][0]
    assert (officers["strength"], officers["establishment"]) == (2144, 2110)


def test_an_absurd_date_is_refused_with_a_message(client_as) -> None:  # noqa: ANN001
    client = client_as("analyst")
    page = client.get("/areas/derbyshire/workforce/?on=1066-01-01").content.decode()
    assert "Enter a date between 1 January 2000" in page
    twin = client.get("/areas/derbyshire/workforce/?on=1066-01-01&format=json&table=uplift")
    assert twin.status_code == 400 and "Enter a date between" in twin.content.decode()
    report = client.get("/areas/derbyshire/workforce/home-office/?on=2999-01-01&format=csv&table=home-office-workforce")
    assert report.status_code == 400 and "Enter a date between" in report.content.decode()
    api = client.get("/api/v1/workforce/areas/derbyshire/strength?on=1066-01-01")
    assert api.status_code == 400 and "on: Enter a date between" in api.json()["error"]
