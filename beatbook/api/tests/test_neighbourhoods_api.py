"""The neighbourhood apps over the API: the same rules, validation and audit rows as the pages."""

from __future__ import annotations

from datetime import timedelta

from django.test import Client
from django.utils import timezone

from beatbook.accounts.actions import do_create_api_token
from beatbook.audit.models import AuditEvent
from beatbook.neighbourhoods.models import Abstraction, Engagement, Priority
from beatbook.workforce.models import Officer


def api_client(user) -> Client:  # noqa: ANN001 - a User
    _, raw = do_create_api_token(user, "phone", acting_user=user)
    return Client(HTTP_AUTHORIZATION=f"Bearer {raw}")


def post(client: Client, path: str, body: dict):  # noqa: ANN201 - a response
    return client.post(f"/api/v1/{path}", body, content_type="application/json")


ENGAGEMENT = {
    "neighbourhood": "staveley",
    "started_at": "2026-03-29T00:30:00",
    "duration_minutes": 30,
    "location": "Market Place",
    "method": "street_surgery",
    "groups": ["young-people", "elderly"],
    "people_reached": 12,
    "issues_raised": "Parking near the school",
}


def test_a_pcso_phone_gets_its_options_and_records_an_engagement(personas: dict) -> None:
    phone = api_client(personas["pcso"])
    options = phone.get("/api/v1/recording-options").json()
    assert [n["code"] for n in options["neighbourhoods"]] == ["staveley"]
    assert {"young-people", "elderly"} <= {g["value"] for g in options["community_groups"]}
    assert [o["is_you"] for o in options["officers"]].count(True) == 1

    response = post(phone, "engagements", ENGAGEMENT)
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["started_at"] == "2026-03-29T00:30:00+00:00"  # before the clocks went forward: GMT
    assert body["face_to_face"] is True and sorted(body["groups"]) == ["elderly", "young-people"]
    assert "issues_raised" not in body  # the notes are read through the report, which is audited
    engagement = Engagement.objects.get(uuid=body["id"])
    assert AuditEvent.objects.filter(event="engagement.recorded", object_id=str(engagement.pk)).exists()


def test_bad_engagements_get_a_400_that_says_what_to_fix(personas: dict) -> None:
    phone = api_client(personas["pcso"])
    gap = post(phone, "engagements", ENGAGEMENT | {"started_at": "2026-03-29T01:30:00"})
    assert gap.status_code == 400 and "does not exist" in gap.json()["error"]
    foreign = post(phone, "engagements", ENGAGEMENT | {"groups": ["martians"]})
    assert foreign.status_code == 400 and "martians" in foreign.json()["error"]
    soon = (timezone.localdate() + timedelta(days=30)).isoformat()
    future = post(phone, "engagements", ENGAGEMENT | {"started_at": f"{soon}T10:00:00"})
    assert future.status_code == 400 and "before it happens" in future.json()["error"]
    absurd = post(phone, "engagements", ENGAGEMENT | {"started_at": "9999-12-31T10:00:00"})
    assert absurd.status_code == 400 and "started_at: Value error, must be between" in absurd.json()["error"]
    assert post(phone, "engagements", ENGAGEMENT | {"method": "carrier pigeon"}).status_code == 400
    assert post(phone, "engagements", ENGAGEMENT | {"neighbourhood": "derby-city-centre"}).status_code == 404
    assert not Engagement.objects.filter(location="Market Place").exists()


def test_only_the_inspector_reviews_and_reads_the_notes(personas: dict) -> None:
    engagement_id = post(api_client(personas["pcso"]), "engagements", ENGAGEMENT).json()["id"]
    assert post(api_client(personas["pcso"]), f"engagements/{engagement_id}/review", {}).status_code == 403
    inspector = api_client(personas["inspector"])
    reviewed = post(inspector, f"engagements/{engagement_id}/review", {})
    assert reviewed.status_code == 200 and reviewed.json()["reviewed"] is True
    report = inspector.get("/api/v1/areas/chesterfield/engagement", {"from": "2026-03-01", "to": "2026-03-31"})
    tables = {t["table"]: t for t in report.json()["tables"]}
    assert [row["issues"] for row in tables["entries"]["rows"]] == ["Parking near the school"]
    assert AuditEvent.objects.filter(event="engagement.notes_read", actor=personas["inspector"]).exists()
    partner = api_client(personas["partner"]).get("/api/v1/areas/chesterfield/engagement")
    if partner.status_code == 200:
        assert "entries" not in {t["table"] for t in partner.json()["tables"]}
    bad = inspector.get("/api/v1/areas/chesterfield/engagement", {"from": "2026-04-01", "to": "2026-03-01"})
    assert bad.status_code == 400


ABSTRACTION = {
    "started_at": "2026-10-25T00:30:00",
    "ended_at": "2026-10-25T03:30:00",
    "reason": "response_cover",
    "authorised_by": "Insp Clarke",
    "authoriser_rank": "inspector",
}


def test_an_abstraction_over_the_api_counts_real_hours_and_flags_the_breach(personas: dict) -> None:
    phone = api_client(personas["pcso"])
    response = post(phone, "abstractions", ABSTRACTION)
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["hours"] == 4 and body["breaches_policy"] is True
    assert body["officer"] == personas["pcso"].officer.public_name
    spring = post(
        phone, "abstractions", ABSTRACTION | {"started_at": "2026-03-29T00:30", "ended_at": "2026-03-29T03:30"}
    )
    assert spring.json()["hours"] == 2
    # The day before, not overlapping the first (an officer's overlapping abstractions are refused).
    emergency = post(
        phone,
        "abstractions",
        ABSTRACTION | {"emergency": True, "started_at": "2026-10-24T00:30:00", "ended_at": "2026-10-24T03:30:00"},
    )
    assert emergency.json()["breaches_policy"] is False
    overlapping = post(phone, "abstractions", ABSTRACTION | {"started_at": "2026-10-25T01:00:00"})
    assert overlapping.status_code == 400, overlapping.content
    backwards = post(phone, "abstractions", ABSTRACTION | {"ended_at": "2026-10-24T23:00:00"})
    assert backwards.status_code == 400 and "after it starts" in backwards.json()["error"]

    chief = api_client(personas["chief_inspector"])
    report = chief.get("/api/v1/areas/chesterfield/abstractions", {"from": "2026-03-01", "to": "2026-10-31"}).json()
    assert report["total"] == 3 and report["policy_breaches"] == 2
    breaches = next(t for t in report["tables"] if t["table"] == "breaches")
    assert {row["start"] for row in breaches["rows"]} == {"2026-10-25 00:30", "2026-03-29 00:30"}
    assert AuditEvent.objects.filter(event="abstraction.entries_read", actor=personas["chief_inspector"]).exists()


def test_an_officer_outside_reach_cannot_be_abstracted(personas: dict) -> None:
    elsewhere = Officer.objects.exclude(team__path__startswith=personas["pcso"].officer.team.path).first()
    response = post(api_client(personas["pcso"]), "abstractions", ABSTRACTION | {"officer_id": elsewhere.pk})
    assert response.status_code == 404 and not Abstraction.objects.filter(officer=elsewhere).exists()
    assert post(api_client(personas["scrutiny"]), "abstractions", ABSTRACTION).status_code == 403


def test_priorities_are_set_done_and_published_by_the_right_roles(personas: dict) -> None:
    pcso = api_client(personas["pcso"])
    created = post(
        pcso,
        "priorities",
        {
            "neighbourhood": "staveley",
            "issue": "Speeding on Church Street",
            "planned_action": "Speed checks",
            "evidence": ["consultation"],
        },
    )
    assert created.status_code == 201, created.content
    priority_id = created.json()["id"]
    assert post(pcso, f"priorities/{priority_id}/publish", {}).status_code == 403
    done = post(pcso, f"priorities/{priority_id}/action", {"action_taken": "Twelve speed checks"})
    assert done.json()["action_taken"] == "Twelve speed checks"
    published = post(api_client(personas["inspector"]), f"priorities/{priority_id}/publish", {})
    assert published.status_code == 200 and published.json()["published"] is True
    listed = pcso.get("/api/v1/areas/staveley/priorities").json()
    assert priority_id in {p["id"] for p in listed["priorities"]}
    assert Priority.objects.get(uuid=priority_id).published_by == personas["inspector"]
    bad = post(pcso, "priorities", {"neighbourhood": "staveley", "issue": "", "planned_action": "x", "evidence": []})
    assert bad.status_code == 400


def test_the_openapi_schema_lists_the_neighbourhood_endpoints(db) -> None:
    paths = set(Client().get("/api/v1/openapi.json").json()["paths"])
    assert {
        "/api/v1/engagements",
        "/api/v1/abstractions",
        "/api/v1/priorities",
        "/api/v1/areas/{code}/engagement",
        "/api/v1/areas/{code}/abstractions",
        "/api/v1/areas/{code}/priorities",
    } <= paths
