from __future__ import annotations

from datetime import timedelta

import time_machine
from django.test import Client
from django.utils import timezone

from beatbook.accounts.actions import do_set_user_active
from beatbook.audit.models import AuditEvent
from beatbook.demo.build import DEMO_PASSWORD


def sign_in(client: Client, username: str, password: str, address: str = "10.0.0.1"):
    return client.post("/sign-in/", {"username": username, "password": password}, REMOTE_ADDR=address)


def test_it_signs_in_and_records_it(personas: dict) -> None:
    client = Client()
    response = sign_in(client, "insp.clarke", DEMO_PASSWORD)
    assert response.status_code == 302 and response["Location"] == "/"
    assert client.get("/areas/").status_code == 200
    assert AuditEvent.objects.filter(event="user.logged_in", actor=personas["inspector"]).exists()


def test_it_says_the_same_for_unknown_users_and_wrong_passwords(db) -> None:
    unknown = sign_in(Client(), "nobody.here", "whatever-password")
    wrong = sign_in(Client(), "insp.clarke", "wrong-password")
    assert unknown.status_code == wrong.status_code == 200
    assert b"Enter a correct username and password" in unknown.content
    assert b"Enter a correct username and password" in wrong.content


def test_it_locks_out_after_five_failures_for_that_username_and_address(db) -> None:
    client = Client()
    for _ in range(5):
        sign_in(client, "insp.clarke", "wrong-password")
    refused = sign_in(client, "insp.clarke", DEMO_PASSWORD)
    assert b"Too many failed attempts" in refused.content
    assert AuditEvent.objects.filter(event="user.login_refused_locked").count() == 1
    # The same user from another address, and another user from this one, are not locked out.
    assert sign_in(Client(), "insp.clarke", DEMO_PASSWORD, address="10.0.0.2").status_code == 302
    assert sign_in(Client(), "pc.jones", DEMO_PASSWORD).status_code == 302


def test_the_lockout_ends_after_fifteen_minutes(db) -> None:
    for _ in range(5):
        sign_in(Client(), "insp.clarke", "wrong-password")
    with time_machine.travel(timezone.now() + timedelta(minutes=16)):
        assert sign_in(Client(), "insp.clarke", DEMO_PASSWORD).status_code == 302


def test_it_does_not_redirect_off_site_after_sign_in(db) -> None:
    response = Client().post(
        "/sign-in/?next=https://evil.example/", {"username": "insp.clarke", "password": DEMO_PASSWORD}
    )
    assert response["Location"] == "/"


def test_a_session_ends_after_30_idle_minutes(db) -> None:
    client = Client()
    with time_machine.travel(timezone.now(), tick=False) as clock:
        sign_in(client, "insp.clarke", DEMO_PASSWORD)
        clock.shift(timedelta(minutes=29))
        assert client.get("/areas/").status_code == 200
        clock.shift(timedelta(minutes=29))
        assert client.get("/areas/").status_code == 200  # activity restarted the idle clock
        clock.shift(timedelta(minutes=31))
        assert client.get("/areas/").status_code == 302
    assert "30 minutes" in AuditEvent.objects.get(event="user.logged_out").detail["reason"]


def test_a_session_ends_after_12_hours_however_active(db) -> None:
    client = Client()
    with time_machine.travel(timezone.now(), tick=False) as clock:
        sign_in(client, "insp.clarke", DEMO_PASSWORD)
        for _ in range(28):  # 11 h 40 min of steady activity
            clock.shift(timedelta(minutes=25))
            assert client.get("/areas/").status_code == 200
        clock.shift(timedelta(minutes=25))  # 12 h 5 min after signing in
        assert client.get("/areas/").status_code == 302


def test_disabling_an_account_ends_its_session_at_the_next_request(personas: dict, client_as) -> None:
    client = client_as("constable")
    assert client.get("/areas/").status_code == 200
    do_set_user_active(personas["constable"], False, acting_user=personas["admin"])
    assert client.get("/areas/").status_code == 302


def test_sign_out_needs_post_and_ends_the_session(client_as) -> None:
    client = client_as("inspector")
    assert client.get("/sign-out/").status_code == 405
    assert client.post("/sign-out/").status_code == 302
    assert client.get("/areas/").status_code == 302


def test_signed_in_pages_are_not_cached(client_as) -> None:
    assert client_as("inspector").get("/").headers["Cache-Control"] == "no-store"


def test_an_administrator_unlocks_a_locked_account_and_it_is_audited(personas: dict, client_as) -> None:
    for _ in range(5):
        sign_in(Client(), "insp.clarke", "wrong-password")
    page = client_as("admin").get(f"/users/{personas['inspector'].pk}/")
    assert b"sign-in locked" in page.content
    assert client_as("admin").post(f"/users/{personas['inspector'].pk}/unlock/").status_code == 302
    assert sign_in(Client(), "insp.clarke", DEMO_PASSWORD).status_code == 302
    assert AuditEvent.objects.filter(event="user.sign_in_unlocked", actor=personas["admin"]).exists()


def test_a_busy_session_is_saved_once_a_minute_not_on_every_request(db) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def session_writes() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/areas/").status_code == 200
        return sum(1 for q in queries.captured_queries if "django_session" in q["sql"] and "SELECT" not in q["sql"])

    client = Client()
    with time_machine.travel(timezone.now(), tick=False) as clock:
        sign_in(client, "insp.clarke", DEMO_PASSWORD)
        clock.shift(timedelta(seconds=61))
        assert session_writes() == 1  # the last-seen time moved on
        clock.shift(timedelta(seconds=30))
        assert session_writes() == 0
        clock.shift(timedelta(seconds=31))
        assert session_writes() == 1
