from __future__ import annotations

from beatbook.accounts.models import Membership, Role
from beatbook.areas.models import Area
from beatbook.audit.models import AuditEvent


def test_an_administrator_grants_a_role_and_it_is_audited(personas: dict, client_as) -> None:
    constable = personas["constable"]
    area = Area.objects.get(code="chesterfield")
    response = client_as("admin").post(f"/users/{constable.pk}/", {"role": Role.CONSTABLE, "area": area.pk})
    assert response.status_code == 302
    assert Membership.objects.filter(user=constable, area=area, role=Role.CONSTABLE).exists()
    event = AuditEvent.objects.get(event="membership.granted", object_id=str(constable.pk), actor=personas["admin"])
    assert event.actor == personas["admin"] and event.area == area


def test_it_rejects_an_area_outside_the_administrators_force(personas: dict, client_as) -> None:
    constable = personas["constable"]
    other = Area.objects.get(code="northshire")
    response = client_as("admin").post(f"/users/{constable.pk}/", {"role": Role.ADMIN, "area": other.pk})
    assert response.status_code == 200 and b"Select a valid choice" in response.content
    assert not Membership.objects.filter(user=constable, area=other).exists()


def test_it_ignores_fields_it_does_not_expect(personas: dict, client_as) -> None:
    constable = personas["constable"]
    area = Area.objects.get(code="staveley")
    client_as("admin").post(
        f"/users/{constable.pk}/", {"role": Role.PCSO, "area": area.pk, "is_superuser": "on", "is_staff": "on"}
    )
    constable.refresh_from_db()
    assert not constable.is_superuser and not constable.is_staff


def test_an_administrator_cannot_see_another_forces_users(personas: dict, client_as) -> None:
    assert client_as("admin").get(f"/users/{personas['outsider'].pk}/").status_code == 404
    assert b"outsider.insp" not in client_as("admin").get("/users/").content


def test_a_token_is_shown_once_and_stored_only_as_a_hash(personas: dict, client_as) -> None:
    response = client_as("pcso").post("/account/tokens/", {"name": "my phone"})
    raw = response.context["raw_token"]
    token = personas["pcso"].api_tokens.get()
    assert raw.startswith("bb_") and raw not in token.token_hash and token.prefix == raw[:8]
    assert raw not in client_as("pcso").get("/account/").content.decode()


def test_a_token_name_is_required(client_as) -> None:
    response = client_as("pcso").post("/account/tokens/", {"name": ""})
    assert response.status_code == 400
    assert b"There is a problem" in response.content and b"govuk-error-message" in response.content


def test_the_user_list_has_a_filter_a_total_and_pages(personas: dict, client_as) -> None:
    """A force has thousands of accounts: the list is filtered, totalled and paged like every other list."""
    from beatbook.accounts.actions import do_create_user, do_grant_membership

    staveley = Area.objects.get(code="staveley")
    for number in range(60):
        user = do_create_user(
            username=f"pcso.extra{number:02d}",
            password="x" * 20,
            first_name="Extra",
            last_name=f"P{number}",
            acting_user=None,
        )
        do_grant_membership(user, staveley, Role.PCSO, acting_user=None)
    admin = client_as("admin")
    first = admin.get("/users/").content.decode()
    assert "pcso.extra00" in first and "pcso.extra59" not in first  # the first page only
    assert "Page 1 of 2" in first and "rows in all" in first
    assert "pcso.extra59" in admin.get("/users/?users-page=2").content.decode()
    filtered = admin.get("/users/?users-q=extra5").content.decode()
    assert "10 of " in filtered and "pcso.extra51" in filtered and "pcso.extra41" not in filtered
    assert "outsider.insp" not in admin.get("/users/?format=csv").content.decode()


def test_every_token_in_use_is_listed_and_can_be_revoked(personas: dict, client_as) -> None:
    """QA 17f: the account pages listed the newest 50 tokens, so a 51st still in use was hidden and unrevocable."""
    from datetime import timedelta

    from django.utils import timezone

    from beatbook.accounts.models import ApiToken

    pcso, long_ago = personas["pcso"], timezone.now() - timedelta(days=30)
    old = ApiToken.objects.create(
        user=pcso, name="old script", prefix="bb_old00", token_hash="0" * 64, created_at=long_ago
    )
    ApiToken.objects.bulk_create(
        ApiToken(user=pcso, name=f"ended {n}", prefix=f"bb_{n:05d}", token_hash=f"{n:064x}", revoked_at=timezone.now())
        for n in range(1, 61)
    )
    for page in (client_as("pcso").get("/account/"), client_as("admin").get(f"/users/{pcso.pk}/")):
        html = page.content.decode()
        assert "old script" in html and f"tokens/{old.pk}/revoke/" in html
        assert "51 of 61 tokens listed: every one in use, and the newest revoked or expired." in html
