"""The owner/app role set-up of docs/deployment.md, proved on a scratch PostgreSQL database: the app
role runs Beatbook (reads, writes, audit rows, verify_audit) but cannot change, delete or truncate
audit rows, nor disable, drop or replace the append-only trigger (issue 11 item 7)."""

from __future__ import annotations

import secrets
from pathlib import Path

import pytest

from beatbook.audit.roles import app_role_grants
from beatbook.audit.tests.scratch_db import admin_sql, on_postgresql, run_beatbook, scratch_database, url_for

REFUSED = [
    "UPDATE audit_auditevent SET event = 'test.rewritten'",
    "DELETE FROM audit_auditevent",
    "TRUNCATE audit_auditevent",
    "ALTER TABLE audit_auditevent DISABLE TRIGGER audit_auditevent_append_only",
    "DROP TRIGGER audit_auditevent_append_only ON audit_auditevent",
    "CREATE OR REPLACE FUNCTION audit_auditevent_refuse_change() RETURNS trigger AS $$ BEGIN RETURN NEW; END; $$"
    " LANGUAGE plpgsql",
    "ALTER TABLE audit_auditevent OWNER TO CURRENT_USER",
]


@pytest.fixture
def roles() -> tuple[str, str]:
    suffix = secrets.token_hex(3)
    owner, app = f"secacc_owner_{suffix}", f"secacc_app_{suffix}"
    admin_sql([f'CREATE ROLE "{owner}" LOGIN', f'CREATE ROLE "{app}" LOGIN'])
    yield owner, app
    admin_sql([f'DROP ROLE IF EXISTS "{app}"', f'DROP ROLE IF EXISTS "{owner}"'])


@pytest.mark.skipif(not on_postgresql(), reason="roles and triggers are PostgreSQL's")
def test_the_app_role_cannot_rewrite_history(roles: tuple[str, str], tmp_path: Path) -> None:
    import psycopg

    owner, app = roles
    with scratch_database("postgresql", tmp_path, owner=owner) as owner_url:
        database = owner_url.rsplit("/", 1)[1]
        admin_sql(app_role_grants(database, owner, app), database=database, user=owner)  # as the owner
        app_url = url_for(database, app)
        # Beatbook runs as the app role: it writes audit rows and checks the chain.
        code = (
            "from beatbook.audit.record import record_event; from beatbook.audit.models import Operation; "
            "[record_event(actor=None, operation=Operation.ALTERATION, event='test.as_app') for _ in range(3)]"
        )
        run_beatbook(app_url, "shell", "-c", code)
        assert "Audit chain intact: 3 rows" in run_beatbook(app_url, "verify_audit").stdout
        refused = []
        with psycopg.connect(app_url.replace("postgres://", "postgresql://"), autocommit=True) as conn:
            for sql in REFUSED:
                try:
                    conn.execute(sql)
                except psycopg.errors.InsufficientPrivilege:
                    refused.append(sql)
            # Ordinary tables stay writable.
            conn.execute("UPDATE accounts_user SET first_name = first_name")
            rows = conn.execute("SELECT count(*) FROM audit_auditevent").fetchone()[0]
        assert refused == REFUSED
        assert rows == 3
        assert "Audit chain intact: 3 rows" in run_beatbook(app_url, "verify_audit").stdout


def test_the_deployment_guide_gives_these_statements() -> None:
    guide = (Path(__file__).resolve().parents[3] / "docs" / "deployment.md").read_text()
    for statement in app_role_grants("beatbook", "beatbook_owner", "beatbook_app"):
        assert statement + ";" in guide, statement
