"""`beatbook worker` with a trap for the kill test: once an import has written rows inside its
(uncommitted) transaction (more incidents than $STALL_ABOVE), it writes how many to $STALL_MARKER and stalls, so the test can SIGKILL the
worker mid-import. Any other statement runs as usual."""

from __future__ import annotations

import os
import time
from pathlib import Path


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "beatbook.settings")
    import django

    django.setup()
    from django.core.management import execute_from_command_line
    from django.db.backends.signals import connection_created

    marker = Path(os.environ["STALL_MARKER"])
    above = int(os.environ.get("STALL_ABOVE", "0"))
    checking = []

    def stall_mid_import(execute, sql, params, many, context):  # noqa: ANN001, ANN202 - Django's wrapper API
        result = execute(sql, params, many, context)
        connection = context["connection"]
        if connection.in_atomic_block and not checking:
            checking.append(True)
            with connection.cursor() as cursor:
                cursor.execute("SELECT COUNT(*) FROM crime_incident")
                written = cursor.fetchone()[0]
            checking.clear()
            if written > above:
                marker.write_text(str(written - above))
                time.sleep(600)
        return result

    def install(sender, connection, **kwargs) -> None:  # noqa: ANN001
        connection.execute_wrappers.append(stall_mid_import)

    connection_created.connect(install, weak=False)
    execute_from_command_line(["beatbook", "worker", "--no-startup-delay", "--interval", "0.2"])


if __name__ == "__main__":
    main()
