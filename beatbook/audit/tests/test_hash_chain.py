"""Issue 11 item 7: the audit log is a hash chain, and verify_audit finds every kind of tampering.

Runs on whichever database the suite uses (SQLite, or PostgreSQL with DATABASE_URL). The tampering is
done with raw SQL as someone with the owner's rights would (on PostgreSQL the append-only trigger is
lifted inside the test's transaction first, as only the table's owner could).
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from beatbook.audit.chain import verify_chain
from beatbook.audit.models import AuditEvent, Operation, canonical_row, chain_hash
from beatbook.audit.record import record_event


@pytest.fixture
def rows(db) -> list[AuditEvent]:
    return [
        record_event(actor=None, operation=Operation.ALTERATION, event=f"test.row{i}", detail={"n": i, "z": [1, "a"]})
        for i in range(5)
    ]


def _raw(sql: str, params: list) -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # no deferred checks pending, so ALTER may run
            cursor.execute("ALTER TABLE audit_auditevent DISABLE TRIGGER audit_auditevent_append_only")
        cursor.execute(sql, params)


def test_each_row_carries_the_previous_rows_hash(rows: list[AuditEvent]) -> None:
    for before, after in zip(rows, rows[1:], strict=False):
        assert after.prev_hash == before.row_hash
    stored = AuditEvent.objects.get(pk=rows[2].pk)
    assert stored.compute_hash() == stored.row_hash  # what was hashed is what the database gives back
    assert verify_chain().intact


def test_a_rewrite_is_found(rows: list[AuditEvent]) -> None:
    _raw("UPDATE audit_auditevent SET event = 'test.innocent' WHERE id = %s", [rows[2].pk])
    report = verify_chain()
    assert report.problems == [f"#{rows[2].pk}: rewritten (its contents do not give its hash)"]


def test_a_rewrite_with_its_hash_recomputed_breaks_the_next_link(rows: list[AuditEvent]) -> None:
    row = AuditEvent.objects.get(pk=rows[2].pk)
    row.event = "test.innocent"
    forged = chain_hash(row.prev_hash, canonical_row(row))
    _raw("UPDATE audit_auditevent SET event = 'test.innocent', row_hash = %s WHERE id = %s", [forged, row.pk])
    assert verify_chain().problems == [f"#{rows[3].pk}: broken link (a row before it was deleted or rewritten)"]


def test_a_deletion_is_found(rows: list[AuditEvent]) -> None:
    _raw("DELETE FROM audit_auditevent WHERE id = %s", [rows[1].pk])
    assert verify_chain().problems == [f"#{rows[2].pk}: broken link (a row before it was deleted or rewritten)"]


def test_a_back_dated_insert_is_found(rows: list[AuditEvent]) -> None:
    # A well-formed row appended at the end, correctly chained, but dated a day earlier.
    forged = AuditEvent(
        at=rows[-1].at - timedelta(days=1),
        actor_label="system",
        operation=Operation.ALTERATION,
        event="test.backdated",
        prev_hash=rows[-1].row_hash,
        detail={},
    )
    forged.row_hash = forged.compute_hash()
    forged.save(force_insert=True)
    report = verify_chain()
    assert len(report.problems) == 1 and "back-dated" in report.problems[0]


def test_deleting_the_newest_rows_is_found_against_a_noted_head(rows: list[AuditEvent]) -> None:
    head = verify_chain()
    noted = {head.head_id: head.head_hash}
    _raw("DELETE FROM audit_auditevent WHERE id >= %s", [rows[3].pk])
    assert verify_chain().intact  # the chain alone cannot tell the end was cut off...
    assert verify_chain(expect=noted).problems == [f"#{rows[4].pk}: noted row is missing (deleted)"]  # ...the note can


def test_the_command_reports_and_fails(rows: list[AuditEvent], capsys) -> None:
    call_command("verify_audit")
    out = capsys.readouterr().out
    assert "Audit chain intact" in out and f"Head {rows[-1].pk}:{rows[-1].row_hash}" in out
    _raw("UPDATE audit_auditevent SET detail = %s WHERE id = %s", ['{"n": 99}', rows[0].pk])
    with pytest.raises(CommandError, match="BROKEN: 1 problem"):
        call_command("verify_audit")
    with pytest.raises(CommandError, match="ID:HASH"):
        call_command("verify_audit", "--expect", "nonsense")
