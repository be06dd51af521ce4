from __future__ import annotations

import pytest
from django.db import connection, transaction
from django.db.utils import DatabaseError

from beatbook.audit.models import AuditEvent, AuditLogIsAppendOnly, Operation
from beatbook.audit.record import record_event


@pytest.fixture
def event(personas: dict) -> AuditEvent:
    return record_event(
        actor=personas["inspector"], operation=Operation.CONSULTATION, event="test.viewed", object_label="something"
    )


def test_the_app_cannot_change_an_audit_row(event: AuditEvent) -> None:
    event.event = "test.rewritten"
    with pytest.raises(AuditLogIsAppendOnly):
        event.save()
    with pytest.raises(AuditLogIsAppendOnly):
        AuditEvent.objects.filter(pk=event.pk).update(event="test.rewritten")
    with pytest.raises(AuditLogIsAppendOnly):
        AuditEvent.objects.bulk_update([event], ["event"])
    assert AuditEvent.objects.get(pk=event.pk).event == "test.viewed"


def test_the_app_cannot_delete_an_audit_row(event: AuditEvent) -> None:
    with pytest.raises(AuditLogIsAppendOnly):
        event.delete()
    with pytest.raises(AuditLogIsAppendOnly):
        AuditEvent.objects.filter(pk=event.pk).delete()
    assert AuditEvent.objects.filter(pk=event.pk).exists()


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="the database-level trigger exists on PostgreSQL only; SQLite relies on the app guard",
)
@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE audit_auditevent SET event = 'test.rewritten' WHERE id = %s",
        "DELETE FROM audit_auditevent WHERE id = %s",
    ],
)
def test_postgresql_refuses_raw_sql_changes_as_the_app_user(event: AuditEvent, sql: str) -> None:
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, [event.pk])
    assert AuditEvent.objects.get(pk=event.pk).event == "test.viewed"


def test_a_row_records_actor_time_operation_and_object(event: AuditEvent, personas: dict) -> None:
    assert event.actor == personas["inspector"] and event.actor_label == "insp.clarke"
    assert event.at.utcoffset().total_seconds() == 0
    assert event.operation == Operation.CONSULTATION


def test_disclosures_record_the_recipient(client_as, personas: dict) -> None:
    client_as("analyst").get("/areas/chesterfield/lsoas/?format=csv")
    event = AuditEvent.objects.get(event="table.exported.csv")
    assert event.operation == Operation.DISCLOSURE and event.recipient == "analyst.li"
    assert event.area.code == "chesterfield"


def test_inspectors_read_only_their_areas_rows(client_as, personas: dict) -> None:
    from beatbook.areas.models import Area

    record_event(
        actor=None, operation=Operation.ALTERATION, event="test.in_chesterfield", area=Area.objects.get(code="staveley")
    )
    record_event(
        actor=None, operation=Operation.ALTERATION, event="test.in_derby", area=Area.objects.get(code="derby-east")
    )
    inspector_page = client_as("inspector").get("/audit/?format=json").json()
    events = {row["event"] for row in inspector_page["rows"]}
    assert "test.in_chesterfield" in events and "test.in_derby" not in events
    admin_page = client_as("admin").get("/audit/?format=json").json()
    assert {"test.in_chesterfield", "test.in_derby"} <= {row["event"] for row in admin_page["rows"]}


def test_reading_the_audit_log_is_itself_audited(client_as, personas: dict) -> None:
    client_as("inspector").get("/audit/")
    assert AuditEvent.objects.filter(event="audit.viewed", actor=personas["inspector"]).exists()


def test_another_forces_inspector_sees_none_of_derbyshires_rows(client_as) -> None:
    from beatbook.areas.models import Area

    client_as("inspector").get("/audit/")  # an event in Derbyshire
    northshire = set(Area.objects.within(Area.objects.get(code="northshire")).values_list("name", flat=True))
    rows = client_as("outsider").get("/audit/?format=json").json()["rows"]
    assert rows and all(row["area"] in northshire for row in rows)


def test_sign_ins_are_read_by_the_users_own_force(client_as, personas: dict) -> None:
    from django.test import Client

    Client().post("/sign-in/", {"username": "insp.clarke", "password": "wrong-password"})
    event = AuditEvent.objects.get(event="user.login_failed")
    assert event.area.code == "derbyshire"
    assert "user.login_failed" in {r["event"] for r in client_as("admin").get("/audit/?format=json").json()["rows"]}
    assert "user.login_failed" not in {
        r["event"] for r in client_as("outsider").get("/audit/?format=json").json()["rows"]
    }


def test_the_audit_logs_filter_searches_every_page_and_its_total_is_the_whole_log(client_as, personas: dict) -> None:
    """The log is paged in the database: the filter box must search all of it, not the 50 rows on screen,
    and the total must be the log's, not one page's."""
    from beatbook.areas.models import Area

    staveley = Area.objects.get(code="staveley")
    record_event(actor=None, operation=Operation.ALTERATION, event="test.needle", area=staveley)
    for _ in range(120):  # the needle is now far past the first page
        record_event(actor=None, operation=Operation.ALTERATION, event="test.hay", area=staveley)
    from beatbook.accounts import access

    admin = client_as("admin")
    everything = access.audit_events_visible_to(personas["admin"]).count()
    assert everything > 120
    page = admin.get("/audit/").content.decode()
    assert f"{everything:,} rows in all; this page shows 50" in page and "test.needle" not in page
    found = admin.get("/audit/?audit-log-q=needle").content.decode()
    assert "1 row match ‘needle’" in found and "test.needle" in found and "test.hay" not in found
    assert [r["event"] for r in admin.get("/audit/?audit-log-q=needle&format=json").json()["rows"]] == ["test.needle"]


def test_a_paged_lists_downloads_say_they_hold_the_page_shown(client_as) -> None:  # noqa: ANN001
    """QA 17s: the page said "6,304 rows in all" and its CSV held the 50 on screen, named as if it were the
    whole log."""
    for _ in range(60):
        record_event(actor=None, operation=Operation.ALTERATION, event="test.hay")
    admin = client_as("admin")
    assert "this page shows 50, and so do its downloads" in admin.get("/audit/").content.decode()
    second = admin.get("/audit/?page=2&format=csv")
    assert "audit-log_page-2_as-of-" in second["Content-Disposition"]
    assert "page-abc" not in admin.get("/audit/?page=abc&format=csv")["Content-Disposition"]  # the page shown
