"""Twenty requests at once on one object (issue 11 item 5). Run by test_concurrency.py in a fresh test
database of its own (these tests commit, so they cannot share the suite's rolled-back one); not collected
on their own. Each trial prints one `TRIAL name trials=N lost=N` line for the report's figures."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone

from beatbook.accounts.models import User
from beatbook.areas.models import Area
from beatbook.audit.models import AuditEvent
from beatbook.neighbourhoods.actions import (
    do_publish_priority,
    do_record_engagement,
    do_record_priority_action,
    do_review_engagement,
    do_set_priority,
)
from beatbook.neighbourhoods.models import Priority
from beatbook.neighbourhoods.record_edits import StaleEdit, history
from beatbook.public.models import PublishedVersion

pytestmark = pytest.mark.django_db(transaction=True)
THREADS = 20


def _at_once(work: Callable[[int], object]) -> list[object]:
    """Run work(0..19) on 20 threads, each with its own database connection; results or exceptions."""

    def run(n: int) -> object:
        try:
            return work(n)
        except (ValidationError, StaleEdit) as error:
            return error
        finally:
            connection.close()

    with ThreadPoolExecutor(THREADS) as pool:
        return list(pool.map(run, range(THREADS)))


def _users() -> dict[str, User]:
    return {u.username: u for u in User.objects.filter(username__in=["insp.clarke", "ps.okafor"])}


def _priority(users: dict) -> Priority:
    return do_set_priority(
        neighbourhood=Area.objects.get(code="staveley"),
        issue="Parking outside the school",
        planned_action="Joint patrols with the council",
        evidence=["survey"],
        acting_user=users["ps.okafor"],
    )


def trial_twenty_publications_make_one() -> None:
    users = _users()
    priority = _priority(users)
    _at_once(
        lambda n: do_publish_priority(priority=Priority.objects.get(pk=priority.pk), acting_user=users["insp.clarke"])
    )
    assert PublishedVersion.objects.filter(object_id=priority.pk).count() == 1
    assert (
        AuditEvent.objects.filter(event="priority.published", object_id__in=[priority.pk, priority.uuid]).count() == 1
    )
    # Then an edit and twenty approvals of it: one new approved version, one more disclosure.
    do_record_priority_action(priority=priority, action_taken="Done", acting_user=users["ps.okafor"])
    _at_once(
        lambda n: do_publish_priority(priority=Priority.objects.get(pk=priority.pk), acting_user=users["insp.clarke"])
    )
    assert PublishedVersion.objects.get(object_id=priority.pk).version == 2
    assert (
        AuditEvent.objects.filter(event="priority.published", object_id__in=[priority.pk, priority.uuid]).count() == 2
    )
    print(f"TRIAL publish trials={2 * THREADS} lost=0 duplicates=0")


def trial_twenty_reviews_make_one() -> None:
    users = _users()
    engagement = do_record_engagement(
        neighbourhood=Area.objects.get(code="staveley"), started_at=timezone.now() - timedelta(hours=1),
        duration_minutes=30, location="Library", method="street_surgery", people_reached=5,
        acting_user=users["ps.okafor"],
    )  # fmt: skip
    results = _at_once(lambda n: do_review_engagement(engagement=engagement, acting_user=users["insp.clarke"]))
    refused = [r for r in results if isinstance(r, ValidationError)]
    assert len(refused) == THREADS - 1 and "already been reviewed" in str(refused[0])
    assert (
        AuditEvent.objects.filter(event="engagement.reviewed", object_id__in=[engagement.pk, engagement.uuid]).count()
        == 1
    )
    print(f"TRIAL review trials={THREADS} lost=0 duplicates=0")


def trial_twenty_edits_from_one_version_apply_once() -> None:
    users = _users()
    priority = _priority(users)
    results = _at_once(
        lambda n: do_record_priority_action(
            priority=Priority.objects.get(pk=priority.pk),
            action_taken=f"Edit {n}",
            acting_user=users["ps.okafor"],
            expected_version=1,
        )  # fmt: skip
    )
    stale = [r for r in results if isinstance(r, StaleEdit)]
    applied = [r for r in results if isinstance(r, Priority)]
    assert len(applied) == 1 and len(stale) == THREADS - 1
    priority.refresh_from_db()
    assert priority.version == 2 and len(history(priority)) == 1
    assert priority.action_taken == history(priority)[0].changes["action_taken"][1]  # the one applied is kept
    print(f"TRIAL stale-edit trials={THREADS} lost=0 refused={len(stale)}")


def trial_twenty_editors_who_retry_all_land_in_order() -> None:
    users = _users()
    priority = _priority(users)

    def edit(n: int) -> int:
        attempts = 0
        while True:
            attempts += 1
            current = Priority.objects.get(pk=priority.pk)
            try:
                do_record_priority_action(
                    priority=current, action_taken=f"Edit {n}", acting_user=users["ps.okafor"],
                    expected_version=current.version,
                )  # fmt: skip
                return attempts
            except StaleEdit:
                continue

    _at_once(edit)
    priority.refresh_from_db()
    changes = history(priority)
    assert priority.version == THREADS + 1 and len(changes) == THREADS
    assert sorted(c.changes["action_taken"][1] for c in changes) == sorted(f"Edit {n}" for n in range(THREADS))
    # In order: each change starts from the text the previous one left.
    for before, after in zip(changes, changes[1:], strict=False):
        assert after.changes["action_taken"][0] == before.changes["action_taken"][1]
    print(f"TRIAL retried-edits trials={THREADS} lost=0")


def test_all_trials() -> None:
    """One test: a transactional test empties the database (and the demo with it) when it ends."""
    trial_twenty_publications_make_one()
    trial_twenty_reviews_make_one()
    trial_twenty_edits_from_one_version_apply_once()
    trial_twenty_editors_who_retry_all_land_in_order()
