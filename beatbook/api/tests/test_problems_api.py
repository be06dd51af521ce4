"""Problem-solving plans, ASB powers and Case Review figures over the API."""

from __future__ import annotations

import pytest
from django.test import Client

from beatbook.accounts.actions import do_create_api_token
from beatbook.areas.models import Area
from beatbook.asb.demo import do_load_demo_asb

pytestmark = pytest.mark.django_db


def api_client(user) -> Client:  # noqa: ANN001 - a User
    _, raw = do_create_api_token(user, "phone", acting_user=user)
    return Client(HTTP_AUTHORIZATION=f"Bearer {raw}")


PLAN = {
    "title": "Bikes on the rec",
    "problem_type": "vehicle",
    "owner_area": "staveley-snt",
    "places": ["staveley"],
    "scan_from": "2025-01-01",
    "scan_to": "2025-12-31",
}


def test_a_sergeant_drafts_and_an_inspector_approves_over_the_api(personas):
    drafted = api_client(personas["sergeant"]).post(
        "/api/v1/problem-solving/plans", PLAN, content_type="application/json"
    )
    assert drafted.status_code == 201, drafted.content
    plan = drafted.json()
    assert (plan["status"], plan["owner"], plan["places"]) == ("draft", "Staveley SNT", ["staveley"])
    approved = api_client(personas["inspector"]).post(
        f"/api/v1/problem-solving/plans/{plan['uuid']}/approve",
        {"approved_on": "2026-01-05"},
        content_type="application/json",
    )
    assert approved.json()["status"] == "active"
    assert approved.json()["next_review_on"] == "2026-02-02"


def test_bad_input_is_a_400_saying_what_to_fix(personas):
    body = PLAN | {"scan_to": "2024-01-01"}
    response = api_client(personas["sergeant"]).post(
        "/api/v1/problem-solving/plans", body, content_type="application/json"
    )
    assert response.status_code == 400
    assert "scanning period" in response.json()["error"]


@pytest.mark.parametrize(
    ("path", "wanted"),
    [
        ("problem-solving?on=9999-12-31", "must be between"),
        ("problem-solving?closed_from=2026-10-01&closed_to=2026-01-01", "closed_to must be on or after closed_from"),
        ("hotspot-programme?since=0001-01-01", "must be between"),
    ],
)
def test_absurd_or_reversed_days_are_refused_as_the_pages_refuse_them(personas, path, wanted):
    """QA 17: the API answered these with tables ("active on 31 December 9999") where the page says 400."""
    response = api_client(personas["inspector"]).get(f"/api/v1/areas/chesterfield/{path}")
    assert response.status_code == 400 and wanted in response.json()["error"]


def test_the_api_gives_the_pages_figures(personas):
    do_load_demo_asb(Area.objects.get(code="derbyshire"))
    client = api_client(personas["scrutiny"])
    powers = client.get("/api/v1/areas/derbyshire/asb-powers?from=2022-04&to=2023-03").json()["tables"][0]
    assert {row["power"]: row["uses"] for row in powers["rows"]}["cpw"] == 409
    reviews = client.get("/api/v1/areas/derbyshire/case-reviews?year=2021-22").json()["tables"][0]
    assert {row["local_authority"]: row["applications"] for row in reviews["rows"]}["North East Derbyshire"] == 7
    assert client.get("/api/v1/areas/derbyshire/case-reviews?year=21-22").status_code == 400


def test_a_cpn_without_a_warning_is_refused_over_the_api(personas):
    body = {
        "area": "staveley",
        "power": "cpn",
        "subject_kind": "person",
        "subject": "A Person",
        "subject_age": 30,
        "agency": "Police",
        "issued_on": "2025-06-01",
    }
    response = api_client(personas["pcso"]).post("/api/v1/asb-powers", body, content_type="application/json")
    assert response.status_code == 400
    assert "written warning" in response.json()["error"]


def test_a_use_before_the_2014_act_commenced_is_refused_over_the_api(personas):
    body = {"area": "staveley", "power": "cpw", "subject_kind": "person", "subject": "A Person", "agency": "Police"}
    response = api_client(personas["pcso"]).post(
        "/api/v1/asb-powers", body | {"issued_on": "2013-05-01"}, content_type="application/json"
    )
    assert response.status_code == 400
    assert "the powers commenced on 20 October 2014" in response.json()["error"]


def test_an_asb_power_s_age_and_duration_have_the_form_s_limits(personas):
    """A negative age or duration was a server error; an age of 1,000 was saved."""
    body = {"area": "staveley", "power": "dispersal", "subject_kind": "person", "subject": "A Person"}
    body |= {"agency": "Police", "issued_on": "2025-06-01", "duration_hours": 24, "subject_age": 30}
    client = api_client(personas["pcso"])
    for field, value in (("subject_age", -1), ("subject_age", 1000), ("duration_hours", -5), ("duration_hours", 0)):
        response = client.post("/api/v1/asb-powers", body | {field: value}, content_type="application/json")
        assert response.status_code == 400, (field, value)
        assert field in response.json()["error"]
