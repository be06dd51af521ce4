"""Issue 11 item 1: nothing reaches the public unreviewed. After a priority is published, edits wait for an
inspector's approval; the public pages and the police.uk-shaped feed keep the approved text meanwhile."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client

from beatbook.areas.models import Area
from beatbook.audit.models import AuditEvent, Operation
from beatbook.neighbourhoods.actions import do_publish_priority, do_record_priority_action, do_set_priority
from beatbook.neighbourhoods.record_edits import StaleEdit
from beatbook.public import published
from beatbook.public.actions import do_approve_publication

pytestmark = pytest.mark.django_db


def _priority(personas: dict):  # noqa: ANN202
    return do_set_priority(
        neighbourhood=Area.objects.get(code="staveley"),
        issue="Speeding on Church Street",
        planned_action="Speed checks with the community speedwatch",
        evidence=["survey"],
        acting_user=personas["sergeant"],
    )


def _public_texts(client: Client) -> tuple[str, str]:
    page = client.get("/your-area/derbyshire/staveley/").content.decode()
    feed = client.get("/api/police-uk/derbyshire/staveley/priorities").content.decode()
    return page, feed


def test_an_edit_after_publication_waits_for_approval(personas: dict, client: Client, client_as) -> None:  # noqa: ANN001
    priority = _priority(personas)
    page, feed = _public_texts(client)
    assert "Speeding on Church Street" not in page and "Speeding" not in feed  # unpublished: nothing public

    do_publish_priority(priority=priority, acting_user=personas["inspector"])
    do_record_priority_action(priority=priority, action_taken="Forty drivers warned", acting_user=personas["sergeant"])
    page, feed = _public_texts(client)
    assert "Speed checks with the community speedwatch" in page and "community speedwatch" in feed
    assert "Forty drivers warned" not in page and "Forty drivers" not in feed  # the edit is not public yet
    assert set(published.pending_changes(priority)) == {"action_taken", "action_on"}
    staff_page = client_as("inspector").get(f"/priorities/{priority.uuid}/").content.decode()
    assert "wait for an inspector" in staff_page and "Approve the changes for the public pages" in staff_page

    client_as("inspector").post(f"/priorities/{priority.uuid}/publish/")
    page, feed = _public_texts(client)
    assert "Forty drivers warned" in page and "Forty drivers warned" in feed
    assert published.pending_changes(priority) == {}

    disclosures = AuditEvent.objects.filter(event="priority.published", object_id__in=[priority.pk, priority.uuid])
    assert disclosures.count() == 2
    assert {(e.operation, e.recipient) for e in disclosures} == {(Operation.DISCLOSURE, "the public")}


def test_withdrawing_takes_it_off_the_public_pages(personas: dict, client: Client) -> None:
    priority = _priority(personas)
    do_publish_priority(priority=priority, acting_user=personas["inspector"])
    do_publish_priority(priority=priority, acting_user=personas["inspector"], publish=False)
    page, feed = _public_texts(client)
    assert "Speeding on Church Street" not in page and "Speeding" not in feed
    assert published.approved_version(priority) is None


def test_only_an_inspector_approves(personas: dict) -> None:
    priority = _priority(personas)
    with pytest.raises(PermissionDenied):
        do_approve_publication(record=priority, acting_user=personas["sergeant"])
    assert published.approved_version(priority) is None


def test_approving_unchanged_text_publishes_nothing_new(personas: dict) -> None:
    priority = _priority(personas)
    first = do_approve_publication(record=priority, acting_user=personas["inspector"])
    assert first is not None and first.version == 1
    assert do_approve_publication(record=priority, acting_user=personas["chief_inspector"]) is None


def test_a_stale_edit_is_refused_and_history_kept(personas: dict, client_as) -> None:  # noqa: ANN001
    priority = _priority(personas)
    do_record_priority_action(
        priority=priority, action_taken="First", acting_user=personas["sergeant"], expected_version=1
    )
    with pytest.raises(StaleEdit, match="you began from version 1; it is now at version 2"):
        do_record_priority_action(
            priority=priority, action_taken="Second", acting_user=personas["inspector"], expected_version=1
        )
    priority.refresh_from_db()
    assert priority.action_taken == "First" and priority.version == 2
    page = (
        client_as("inspector")
        .post(f"/priorities/{priority.uuid}/", {"action_taken": "Third", "version": "1"})
        .content.decode()
    )
    assert "Someone changed this record after you opened it" in page
    response = client_as("inspector").post(
        f"/api/v1/priorities/{priority.uuid}/action", {"action_taken": "Third", "version": 1},
        content_type="application/json",
    )  # fmt: skip
    assert response.status_code == 409 and "not saved" in response.json()["error"]
    detail = client_as("inspector").get(f"/priorities/{priority.uuid}/").content.decode()
    assert "Changes" in detail and "First" in detail
