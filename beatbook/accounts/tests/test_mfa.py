"""Issue 11 item 10: TOTP at sign-in, required for administrators, analysts and scrutiny officers."""

from __future__ import annotations

from datetime import timedelta

import time_machine
from django.core import mail
from django.test import Client
from django.utils import timezone
from django_otp.oath import TOTP

from beatbook.accounts import mfa
from beatbook.accounts.demo import demo_code
from beatbook.audit.models import AuditEvent
from beatbook.demo.build import DEMO_PASSWORD


def sign_in(client: Client, username: str):
    return client.post("/sign-in/", {"username": username, "password": DEMO_PASSWORD})


def test_a_required_role_needs_the_code_as_well_as_the_password(personas: dict) -> None:
    client = Client()
    response = sign_in(client, "admin.moss")
    assert response["Location"] == "/sign-in/code/"
    assert client.get("/areas/").status_code == 302  # no session yet: the password alone signs nobody in
    assert client.post("/sign-in/code/", {"code": "000000"}).status_code == 200
    # django-otp throttles after a wrong code (1 s, then doubling), so the next try waits a moment.
    with time_machine.travel(timezone.now() + timedelta(seconds=3)):
        assert client.post("/sign-in/code/", {"code": demo_code()})["Location"] == "/"
        assert client.get("/areas/").status_code == 200
    event = AuditEvent.objects.filter(event="user.logged_in", actor=personas["admin"]).get()
    assert event.detail == {"second_factor": "totp"}
    assert AuditEvent.objects.filter(event="user.mfa_failed").count() == 1


def test_a_code_is_accepted_once(personas: dict) -> None:
    first, second = Client(), Client()
    sign_in(first, "analyst.li")
    sign_in(second, "analyst.li")
    code = demo_code()
    assert first.post("/sign-in/code/", {"code": code}).status_code == 302
    assert second.post("/sign-in/code/", {"code": code}).status_code == 200  # replay refused


def test_optional_roles_sign_in_with_a_password_alone(personas: dict) -> None:
    assert not mfa.required_for(personas["inspector"])
    assert sign_in(Client(), "insp.clarke")["Location"] == "/"


def test_an_officer_may_turn_it_on_and_then_needs_a_code(personas: dict, client_as) -> None:
    client = client_as("constable")
    client.get("/sign-in/set-up-code/")
    device = mfa.totp_device(personas["constable"], confirmed=False)
    code = f"{TOTP(device.bin_key).token():06d}"
    response = client.post("/sign-in/set-up-code/", {"code": code})
    codes = response.context["codes"]
    assert len(codes) == 10 and mfa.is_enrolled(personas["constable"])
    fresh = Client()
    assert sign_in(fresh, "pc.jones")["Location"] == "/sign-in/code/"
    # A recovery code works once.
    assert fresh.post("/sign-in/code/", {"code": codes[0]})["Location"] == "/"
    again = Client()
    sign_in(again, "pc.jones")
    assert again.post("/sign-in/code/", {"code": codes[0]}).status_code == 200


def test_a_required_role_without_an_authenticator_sets_one_up_before_any_session(personas: dict, client_as) -> None:
    client_as("admin").post(f"/users/{personas['scrutiny'].pk}/two-step/")
    client = Client()
    assert sign_in(client, "scrutiny.shah")["Location"] == "/sign-in/set-up-code/"
    page = client.get("/sign-in/set-up-code/")
    assert page.status_code == 200 and client.get("/areas/").status_code == 302
    device = mfa.totp_device(personas["scrutiny"], confirmed=False)
    client.post("/sign-in/set-up-code/", {"code": f"{TOTP(device.bin_key).token():06d}"})
    assert client.get("/areas/").status_code == 200


def test_the_pending_sign_in_expires(personas: dict) -> None:
    client = Client()
    sign_in(client, "admin.moss")
    with time_machine.travel(timezone.now() + timedelta(minutes=6)):
        assert client.post("/sign-in/code/", {"code": demo_code()})["Location"] == "/sign-in/"


def test_required_roles_cannot_turn_it_off(client_as) -> None:
    assert client_as("admin").post("/account/two-step/remove/").status_code == 403


def test_an_administrator_makes_an_account_and_the_person_sets_a_password(
    personas: dict, client_as, django_capture_on_commit_callbacks
) -> None:
    from beatbook.areas.models import Area

    area = Area.objects.get(code="staveley")
    with django_capture_on_commit_callbacks(execute=True):
        response = client_as("admin").post(
            "/users/new/",
            {
                "username": "pc.new",
                "first_name": "Nia",
                "last_name": "New",
                "email": "nia@example.invalid",
                "role": "constable",
                "area": area.pk,
            },
        )
    assert response.status_code == 302
    from beatbook.accounts.models import User

    user = User.objects.get(username="pc.new")
    assert not user.has_usable_password() and user.memberships.get().area == area
    assert len(mail.outbox) == 1
    link = next(line for line in mail.outbox[0].body.splitlines() if "/account/set-password/" in line)
    path = link[link.index("/account/") :]
    bad = Client().post(path, {"password": "short", "confirm": "short"})
    assert bad.status_code == 200 and b"govuk-error-message" in bad.content
    ok = Client().post(path, {"password": "a long enough passphrase", "confirm": "a long enough passphrase"})
    assert ok["Location"] == "/sign-in/"
    assert Client().get(path).status_code == 404  # used once
    login = Client().post("/sign-in/", {"username": "pc.new", "password": "a long enough passphrase"})
    assert login["Location"] == "/"


def test_an_administrator_resets_a_password(personas: dict, client_as, django_capture_on_commit_callbacks) -> None:
    victim = client_as("pcso")
    with django_capture_on_commit_callbacks(execute=True):
        client_as("admin").post(f"/users/{personas['pcso'].pk}/password/")
    assert victim.get("/areas/").status_code == 302  # every session ended
    assert sign_in(Client(), "pcso.patel").status_code == 200  # the old password no longer works
    assert "set-password" in mail.outbox[0].body
    assert AuditEvent.objects.filter(event="user.password_reset", actor=personas["admin"]).exists()


def test_a_password_alone_cannot_set_up_a_new_authenticator(personas: dict) -> None:
    client = Client()
    sign_in(client, "admin.moss")
    assert client.get("/sign-in/set-up-code/")["Location"] == "/sign-in/code/"
    assert client.post("/sign-in/set-up-code/", {"code": "123456"})["Location"] == "/sign-in/code/"
    assert client.get("/areas/").status_code == 302


def test_moving_to_a_new_authenticator_needs_a_code_from_the_current_one(personas: dict, client_as) -> None:
    client = client_as("analyst")
    client.get("/sign-in/set-up-code/")
    new = mfa.totp_device(personas["analyst"], confirmed=False)
    new_code = f"{TOTP(new.bin_key).token():06d}"
    refused = client.post("/sign-in/set-up-code/", {"current_code": "000000", "code": new_code})
    assert refused.status_code == 200 and mfa.totp_device(personas["analyst"]).key != new.key
    with time_machine.travel(timezone.now() + timedelta(seconds=3)):
        accepted = client.post("/sign-in/set-up-code/", {"current_code": demo_code(), "code": new_code})
    assert len(accepted.context["codes"]) == 10
    assert mfa.totp_device(personas["analyst"]).key == new.key
