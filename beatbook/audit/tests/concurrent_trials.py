"""Concurrency trials run in a subprocess against a scratch database (see scratch_db.py).

`python -m beatbook.audit.tests.concurrent_trials` prints one JSON object:
- lockout: 20 threads post a wrong password for one account from one address at the same moment;
  how many passwords were actually checked, how many refused unread, and whether the right password
  is then refused from that address but accepted from another;
- chain: 20 threads each record 10 audit rows at once; whether the hash chain is still intact.
"""

from __future__ import annotations

import json
import threading

import django

THREADS = 20


def main() -> None:
    django.setup()
    from django.conf import settings
    from django.test.utils import setup_test_environment

    setup_test_environment()  # the test client's host; mail kept in memory
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    print(json.dumps({"lockout": lockout_trial(), "chain": chain_trial()}))


def _together(work) -> list:  # noqa: ANN001 - a callable taking the thread's number
    from django.db import connections

    barrier = threading.Barrier(THREADS)
    results: list = [None] * THREADS

    def run(i: int) -> None:
        try:
            barrier.wait()
            results[i] = work(i)
        except Exception as error:  # noqa: BLE001 - reported, not hidden
            results[i] = f"error: {error!r}"
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def lockout_trial() -> dict:
    from django.conf import settings
    from django.test import Client

    from beatbook.accounts.actions import do_create_user
    from beatbook.audit.models import AuditEvent

    do_create_user(username="target.user", password="the right password 1", acting_user=None)

    def attempt(_: int) -> int:
        response = Client().post(
            "/sign-in/", {"username": "target.user", "password": "a wrong password"}, REMOTE_ADDR="10.9.9.9"
        )
        return response.status_code

    statuses = _together(attempt)
    right = {"username": "target.user", "password": "the right password 1"}
    return {
        "limit": settings.AXES_FAILURE_LIMIT,
        "statuses": sorted({str(s) for s in statuses}),
        "passwords_checked": AuditEvent.objects.filter(event="user.login_failed").count(),
        "refused_unread": AuditEvent.objects.filter(event="user.login_refused_locked").count(),
        "right_password_same_address": Client().post("/sign-in/", right, REMOTE_ADDR="10.9.9.9").status_code,
        "right_password_other_address": Client().post("/sign-in/", right, REMOTE_ADDR="10.9.9.8").status_code,
    }


def chain_trial() -> dict:
    from beatbook.audit.chain import verify_chain
    from beatbook.audit.models import AuditEvent, Operation
    from beatbook.audit.record import record_event

    before = AuditEvent.objects.count()

    def write(i: int) -> int:
        for n in range(10):
            record_event(actor=None, operation=Operation.ALTERATION, event="test.parallel", detail={"t": i, "n": n})
        return 10

    results = _together(write)
    report = verify_chain()
    return {
        "written": sum(r for r in results if isinstance(r, int)),
        "errors": [r for r in results if not isinstance(r, int)],
        "rows_added": AuditEvent.objects.count() - before,
        "chain_problems": report.problems[:5],
    }


if __name__ == "__main__":
    import os

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "beatbook.settings")
    main()
