"""The PostgreSQL grants for running Beatbook as an app role that cannot rewrite the audit log.

Two roles (docs/deployment.md, "Database roles"): the **owner** owns the schema, runs migrations and
owns the audit table and its append-only trigger; the **app** role, which the web and worker processes
use, may read and write the application's tables but may not UPDATE, DELETE or TRUNCATE audit rows,
and, not being the owner, may not disable, drop or replace the trigger. The statements below are run
as the owner after every `beatbook migrate`; they are idempotent. Tested by
beatbook/audit/tests/test_database_roles.py against a scratch database.
"""

from __future__ import annotations


def app_role_grants(database: str, owner: str, app: str) -> list[str]:
    return [
        f'GRANT CONNECT ON DATABASE "{database}" TO "{app}"',
        f'GRANT USAGE ON SCHEMA public TO "{app}"',
        f'GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO "{app}"',
        f'GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO "{app}"',
        f'ALTER DEFAULT PRIVILEGES FOR ROLE "{owner}" IN SCHEMA public '
        f'GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO "{app}"',
        f'ALTER DEFAULT PRIVILEGES FOR ROLE "{owner}" IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO "{app}"',
        # The audit log: read and append only.
        f'REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON audit_auditevent FROM "{app}"',
    ]
