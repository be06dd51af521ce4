"""The scrutiny panel log and the object-of-search mapping: validated, permission-checked, audited."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from beatbook.areas.models import Area
from beatbook.audit.models import AuditEvent
from beatbook.stopsearch.actions import do_record_scrutiny_panel, do_set_object_mapping, parse_references
from beatbook.stopsearch.models import ObjectMapping, ScrutinyPanel

pytestmark = pytest.mark.django_db


def _panel(user, **changes):  # noqa: ANN001, ANN003
    values = {
        "force": Area.objects.get(code="derbyshire"),
        "held_on": date(2023, 9, 13),
        "panel": "External scrutiny panel (IAG and OPCC)",
        "search_references": ["SS-1", "SS-2"],
        "body_worn_video_reviewed": 2,
        "findings": "Grounds recorded well.",
        "actions": "None.",
        "acting_user": user,
    }
    return do_record_scrutiny_panel(**values | changes)


def test_a_panel_is_logged_and_audited(personas, client_as):
    panel = _panel(personas["scrutiny"])
    event = AuditEvent.objects.filter(event="stopsearch.panel.recorded").latest("id")
    assert event.actor_label == "scrutiny.shah" and event.detail["searches"] == 2
    rows = (
        client_as("partner")
        .get("/areas/chesterfield/stop-and-search/scrutiny-panels/?format=json&table=scrutiny-panels")
        .json()["rows"]
    )
    assert rows[0]["references"] == "SS-1 SS-2" and rows[0]["held_on"] == panel.held_on.isoformat()


def test_the_form_logs_a_panel(client_as):
    response = client_as("admin").post(
        "/areas/derbyshire/stop-and-search/scrutiny-panels/",
        {
            "held_on": "2023-09-13",
            "panel": "Youth scrutiny panel",
            "search_references": "SS-9\nSS-10, SS-9",
            "body_worn_video_reviewed": "1",
            "findings": "",
            "actions": "",
        },
    )
    assert response.status_code == 302
    assert ScrutinyPanel.objects.get(panel="Youth scrutiny panel").search_references == ["SS-9", "SS-10"]


@pytest.mark.parametrize(
    ("changes", "message"),
    [({"panel": " "}, "panel's name"), ({"body_worn_video_reviewed": 3}, "More body-worn videos")],
)
def test_bad_panels_are_refused_with_nothing_written(personas, changes, message):
    with pytest.raises(ValidationError, match=message):
        _panel(personas["admin"], **changes)
    assert not ScrutinyPanel.objects.exists()


def test_only_panel_roles_log_panels(personas):
    with pytest.raises(PermissionDenied):
        _panel(personas["analyst"])


def test_references_are_parsed_and_limited():
    assert parse_references("a, b\nc a") == ["a", "b", "c"]
    with pytest.raises(ValidationError):
        parse_references("x" * 61)


def test_the_mapping_is_audited_and_checked(personas):
    force = Area.objects.get(code="derbyshire")
    do_set_object_mapping(
        force=force, object_of_search="  Fireworks ", category="offensive_weapons", acting_user=personas["admin"]
    )
    assert ObjectMapping.objects.get(force=force).object_of_search == "fireworks"
    assert AuditEvent.objects.filter(event="stopsearch.mapping.set").exists()
    with pytest.raises(ValidationError):
        do_set_object_mapping(force=force, object_of_search="x", category="nonsense", acting_user=None)
    with pytest.raises(PermissionDenied):
        do_set_object_mapping(force=force, object_of_search="x", category="drugs", acting_user=personas["scrutiny"])


def test_a_logged_panel_is_changed_on_its_page_and_a_stale_change_refused(personas, client_as):
    entry = _panel(personas["scrutiny"])
    client = client_as("scrutiny")
    url = f"/areas/derbyshire/stop-and-search/scrutiny-panels/{entry.uuid}/"
    log = client.get("/areas/derbyshire/stop-and-search/scrutiny-panels/").content.decode()
    assert url in log  # the date links to the change page for those who log panels
    assert url not in client_as("analyst").get("/areas/derbyshire/stop-and-search/scrutiny-panels/").content.decode()
    form = {
        "held_on": "2023-09-13",
        "panel": "External scrutiny panel (IAG and OPCC)",
        "search_references": "SS-1\nSS-2\nSS-3",
        "body_worn_video_reviewed": "3",
        "findings": "Grounds recorded well.",
        "actions": "Youth panel to see the video.",
        "version": "1",
    }
    assert client.get(url).status_code == 200
    assert client.post(url, form).status_code == 302
    entry.refresh_from_db()
    assert (entry.search_references, entry.version) == (["SS-1", "SS-2", "SS-3"], 2)
    assert AuditEvent.objects.get(event="stopsearch.panel.edited").detail["fields"] == [
        "actions",
        "body_worn_video_reviewed",
        "search_references",
    ]
    stale = client.post(url, form | {"findings": "Overwritten?"})
    assert stale.status_code == 200 and "Someone changed this record" in stale.content.decode()
    entry.refresh_from_db()
    assert entry.findings == "Grounds recorded well."
    assert client_as("analyst").post(url, form | {"version": "2"}).status_code == 403


def test_the_edit_page_refuses_what_the_log_form_refuses(personas, client_as):
    # QA 1 and 2: the edit page saved 0 references with 9 videos, and a date in the future.
    entry = _panel(personas["scrutiny"])
    client = client_as("scrutiny")
    url = f"/areas/derbyshire/stop-and-search/scrutiny-panels/{entry.uuid}/"
    form = {"held_on": "2023-09-13", "panel": "Panel", "search_references": "", "body_worn_video_reviewed": "9"}
    for changes, message in [
        ({}, "More body-worn videos"),
        ({"held_on": "2031-02-03", "body_worn_video_reviewed": "0"}, "after today"),
    ]:
        response = client.post(url, form | changes | {"version": "1"})
        assert response.status_code == 200 and message in response.content.decode()
        created = client.post("/areas/derbyshire/stop-and-search/scrutiny-panels/", form | changes)
        assert created.status_code == 200 and message in created.content.decode()
    entry.refresh_from_db()
    assert entry.version == 1 and ScrutinyPanel.objects.count() == 1
