"""The stop-and-search scrutiny panel log written over the API: the page's action, rules and audit."""

from __future__ import annotations

import pytest
from django.test import Client

from beatbook.accounts.actions import do_create_api_token
from beatbook.audit.models import AuditEvent
from beatbook.neighbourhoods.record_edits import history
from beatbook.stopsearch.models import ScrutinyPanel

pytestmark = pytest.mark.django_db
URL = "/api/v1/areas/derbyshire/stop-and-search/scrutiny-panels"
PANEL = {
    "held_on": "2023-09-13",
    "panel": "External scrutiny panel (IAG and OPCC)",
    "search_references": ["SS-1", " SS-2 ", "SS-1"],
    "body_worn_video_reviewed": 2,
    "findings": "Grounds recorded well.",
    "actions": "Brief the night shift on recording the object.",
}


def api_client(user) -> Client:  # noqa: ANN001 - a User
    _, raw = do_create_api_token(user, "phone", acting_user=user)
    return Client(HTTP_AUTHORIZATION=f"Bearer {raw}")


def test_a_panel_is_logged_then_changed_and_a_stale_change_is_a_409(personas):
    client = api_client(personas["scrutiny"])
    created = client.post(URL, PANEL, content_type="application/json")
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["search_references"] == ["SS-1", "SS-2"] and body["version"] == 1
    assert AuditEvent.objects.filter(event="stopsearch.panel.recorded").count() == 1

    edited = client.post(
        f"{URL}/{body['id']}",
        {"version": 1, "findings": "Two searches lacked grounds."},
        content_type="application/json",
    )
    assert edited.status_code == 200, edited.content
    assert edited.json()["findings"] == "Two searches lacked grounds." and edited.json()["version"] == 2
    assert edited.json()["actions"] == PANEL["actions"]  # fields not sent stay
    event = AuditEvent.objects.get(event="stopsearch.panel.edited")
    assert event.detail == {"fields": ["findings"], "version": 2}
    (change,) = history(ScrutinyPanel.objects.get(uuid=body["id"]))
    assert change.changes["findings"][1] == "Two searches lacked grounds."

    stale = client.post(f"{URL}/{body['id']}", {"version": 1, "actions": "None."}, content_type="application/json")
    assert stale.status_code == 409 and "version 2" in stale.json()["error"]
    assert ScrutinyPanel.objects.get(uuid=body["id"]).actions == PANEL["actions"]
    assert client.get(f"{URL}/{body['id']}").json()["version"] == 2


def test_bad_panels_are_a_400_saying_what_to_fix(personas):
    client = api_client(personas["admin"])
    too_many = client.post(URL, PANEL | {"body_worn_video_reviewed": 5}, content_type="application/json")
    assert too_many.status_code == 400 and "More body-worn videos" in too_many.json()["error"]
    nameless = client.post(URL, PANEL | {"panel": "  "}, content_type="application/json")
    assert nameless.status_code == 400 and "panel's name" in nameless.json()["error"]
    long = client.post(URL, PANEL | {"search_references": ["X" * 61]}, content_type="application/json")
    assert long.status_code == 400 and "at most 60" in long.json()["error"]
    entry = client.post(URL, PANEL, content_type="application/json").json()
    fewer = client.post(
        f"{URL}/{entry['id']}", {"version": 1, "search_references": ["SS-1"]}, content_type="application/json"
    )
    assert fewer.status_code == 400 and "More body-worn videos" in fewer.json()["error"]
    assert not AuditEvent.objects.filter(event="stopsearch.panel.edited").exists()


def test_an_analyst_reads_the_panel_but_may_not_change_it(personas):
    entry = api_client(personas["scrutiny"]).post(URL, PANEL, content_type="application/json").json()
    analyst = api_client(personas["analyst"])
    assert analyst.get(f"{URL}/{entry['id']}").status_code == 200
    refused = analyst.post(f"{URL}/{entry['id']}", {"version": 1, "findings": "x"}, content_type="application/json")
    assert refused.status_code == 403
    assert api_client(personas["outsider"]).get(f"{URL}/{entry['id']}").status_code == 404


def test_create_and_edit_refuse_the_same_panels(personas):
    # QA 1 and 2: an edit once skipped the rules; videos with no references and a future date were kept.
    client = api_client(personas["admin"])
    future = client.post(URL, PANEL | {"held_on": "2099-01-01"}, content_type="application/json")
    assert future.status_code == 400 and "after today" in future.json()["error"]
    unreferenced = client.post(URL, PANEL | {"search_references": []}, content_type="application/json")
    assert unreferenced.status_code == 400 and "More body-worn videos" in unreferenced.json()["error"]
    entry = client.post(
        URL, PANEL | {"search_references": [], "body_worn_video_reviewed": 0}, content_type="application/json"
    ).json()
    for change, message in [
        ({"body_worn_video_reviewed": 7}, "More body-worn videos"),
        ({"held_on": "2100-05-05"}, "after today"),
    ]:
        refused = client.post(f"{URL}/{entry['id']}", {"version": 1} | change, content_type="application/json")
        assert refused.status_code == 400 and message in refused.json()["error"]
    assert ScrutinyPanel.objects.get(uuid=entry["id"]).version == 1
