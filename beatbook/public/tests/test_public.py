"""The public pages and the police.uk-shaped feed: what they publish, small-number suppression, and a crawl
that finds none of the personal data seeded everywhere it could leak from."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import resolve
from django.utils import timezone

from beatbook.accounts.actions import do_create_user
from beatbook.areas.models import Area, Level
from beatbook.neighbourhoods.actions import (
    do_publish_priority,
    do_record_abstraction,
    do_record_engagement,
    do_record_priority_action,
    do_set_priority,
)
from beatbook.public import urls as public_urls

pytestmark = pytest.mark.django_db

SENTINEL = "ZQXSENTINEL"


def test_the_police_uk_feed_has_police_uk_shapes(client: Client) -> None:
    forces = client.get("/api/police-uk/forces").json()
    assert {"id": "derbyshire", "name": "Derbyshire Constabulary"} in forces
    neighbourhoods = client.get("/api/police-uk/derbyshire/neighbourhoods").json()
    assert {"id": "staveley", "name": "Staveley"} in neighbourhoods and len(neighbourhoods) == 94
    staveley = client.get("/api/police-uk/derbyshire/staveley").json()
    assert set(staveley) >= {"id", "name", "url_force", "population", "centre", "contact_details", "links"}
    assert isinstance(staveley["population"], str) and staveley["contact_details"]["telephone"] == "101"
    people = client.get("/api/police-uk/derbyshire/staveley/people").json()
    assert people[0] == {"name": "Priya Patel", "rank": "PCSO", "bio": None, "contact_details": {}}
    assert client.get("/api/police-uk/derbyshire/nowhere").status_code == 404
    assert client.get("/api/police-uk/nowhere/neighbourhoods").status_code == 404
    assert client.get("/api/police-uk/forces").headers["Access-Control-Allow-Origin"] == "*"


def test_the_public_find_a_neighbourhood_by_place(client: Client) -> None:
    page = client.get("/your-area/?q=stave").content.decode()
    assert 'href="/your-area/derbyshire/staveley/"' in page
    assert "Enter at least 2 letters" in client.get("/your-area/?q=s").content.decode()
    assert "No neighbourhoods found" in client.get("/your-area/?q=atlantis").content.decode()
    by_authority = client.get("/your-area/?q=Bolsover").content.decode()
    assert "neighbourhoods found" in by_authority


def _seed_personal_data(personas: dict) -> None:
    """Personal data in every place it is kept: the sentinel must never reach a public page or feed."""
    staveley = Area.objects.get(code="staveley")
    now = timezone.now()
    do_create_user(
        username=f"{SENTINEL.lower()}.user", password=None, first_name=SENTINEL, last_name=SENTINEL,
        email=f"{SENTINEL.lower()}@example.invalid", acting_user=None,
    )  # fmt: skip
    do_record_engagement(
        neighbourhood=staveley, started_at=now - timedelta(hours=2), duration_minutes=30,
        location=f"{SENTINEL} house", method="patrol_conversation", people_reached=1,
        issues_raised=f"{SENTINEL} reported her neighbour", follow_up=f"Call {SENTINEL} back",
        acting_user=personas["pcso"],
    )  # fmt: skip
    do_record_abstraction(
        officer=personas["pcso"].officer, started_at=now - timedelta(hours=5), ended_at=now - timedelta(hours=1),
        reason="other", details=f"Guarding {SENTINEL}", authorised_by=SENTINEL, authoriser_rank="inspector",
        acting_user=personas["pcso"],
    )  # fmt: skip
    do_set_priority(
        neighbourhood=staveley, issue=f"Unpublished: {SENTINEL}", planned_action=SENTINEL,
        evidence=["survey"], acting_user=personas["sergeant"],
    )  # fmt: skip
    published = do_set_priority(
        neighbourhood=staveley, issue="Parking at the school", planned_action="Patrols at pick-up time",
        evidence=["consultation"], acting_user=personas["sergeant"],
    )  # fmt: skip
    do_record_priority_action(priority=published, action_taken="Ten patrols held", acting_user=personas["sergeant"])
    do_publish_priority(priority=published, acting_user=personas["inspector"])


def _public_urls() -> list[str]:
    """Every public URL pattern, filled in for every force and neighbourhood."""
    # Searches for words beside the sentinel (searching for the sentinel itself echoes it back, rightly).
    urls = ["/your-area/", "/your-area/?q=Staveley", "/your-area/?q=house", "/your-area/?q=Guarding"]
    urls.append("/your-area/how-we-protect-figures/")
    urls.append("/api/police-uk/forces")
    for force in Area.objects.filter(level=Level.FORCE):
        urls += [f"/api/police-uk/forces/{force.code}", f"/api/police-uk/{force.code}/neighbourhoods"]
        for neighbourhood in Area.objects.within(force).filter(level=Level.NEIGHBOURHOOD):
            base = f"/{force.code}/{neighbourhood.code}"
            urls += [
                f"/your-area{base}/",
                f"/your-area{base}/?format=csv",
                f"/your-area{base}/?format=json",
                f"/api/police-uk{base}",
                f"/api/police-uk{base}/people",
                f"/api/police-uk{base}/priorities",
            ]
            if getattr(getattr(neighbourhood, "reference_shape", None), "geometry", None):  # outline known
                urls.append(f"/api/police-uk{base}/boundary")
    return urls


def test_no_public_page_or_feed_carries_personal_data(client: Client, personas: dict) -> None:
    _seed_personal_data(personas)
    urls = _public_urls()
    crawled = {resolve(url.split("?")[0]).url_name for url in urls}
    assert crawled == {pattern.name for pattern in public_urls.urlpatterns}  # every public page and feed
    assert len(urls) > 500
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert SENTINEL.lower() not in response.content.decode().lower(), url
    staveley = client.get("/your-area/derbyshire/staveley/").content.decode()
    assert "Parking at the school" in staveley and "Ten patrols held" in staveley  # published: shown
