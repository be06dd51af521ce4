"""A database lock per force-month of one kind, held until the import's transaction ends.

Two analysts uploading the same file at once must not both insert its rows: each import takes the lock
of every force-month it replaces before reading what is stored. On PostgreSQL that is a transaction-level
advisory lock (`pg_advisory_xact_lock`), released at commit or rollback, so it holds across processes and
machines. SQLite allows one writer at a time and Beatbook opens its transactions IMMEDIATE (settings.py),
so the import's write transaction is itself the lock there.
"""

from __future__ import annotations

from datetime import date

from django.db import connection

KINDS = ["street", "outcomes", "stop-and-search", "force-incidents"]


def lock_key(force_id: int, month: date, kind: str) -> tuple[int, int]:
    """Two 32-bit keys: the force, then the month and kind (months since year 0 × 4 + kind)."""
    return force_id, (month.year * 12 + month.month - 1) * len(KINDS) + KINDS.index(kind)


def lock_force_month(force_id: int, month: date, kind: str) -> None:
    """Wait for, then hold until the transaction ends, the lock of one force-month of one kind."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", lock_key(force_id, month, kind))
