"""The public pages and the police.uk-shaped feed: what they publish, small-number suppression, and a crawl
that finds none of the personal data seeded everywhere it could leak from."""

from __future__ import annotations

from datetime import date, timedelta

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
    _seed_force_export(personas)


def _seed_force_export(personas: dict) -> None:
    """A police.uk crime and a search at a published point, and a force-export incident beside it carrying the
    sentinel in every internal field (police.uk's API must serve it snapped, without them)."""
    from beatbook.crime.models import Source  # noqa: PLC0415
    from beatbook.outcomes.models import CrimeDetail  # noqa: PLC0415
    from beatbook.public.policeuk.tests.builders import POINT, make_incident, make_outcome, make_search  # noqa: PLC0415

    make_outcome(make_incident(persistent=True))
    make_search()
    exported = make_incident(
        source=Source.FORCE_EXPORT, month=date(2025, 4, 1), reference=SENTINEL, location=f"1 {SENTINEL} Road",
        context=f"Victim {SENTINEL}", last_outcome=SENTINEL, latitude=POINT[0] + 0.0003, longitude=POINT[1],
    )  # fmt: skip
    CrimeDetail.objects.create(incident=exported, outcome_type="3")  # its outcome is served, nothing internal
    make_incident(source=Source.FORCE_EXPORT, month=date(2025, 4, 1), reference=f"{SENTINEL}-2", latitude=None)


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
    return urls + _police_uk_api_urls()


def _police_uk_api_urls() -> list[str]:
    """The police.uk API (beatbook.public.policeuk) for every force and neighbourhood, and at the seeded point
    in both months (March: police.uk's; April: the force export's)."""
    from beatbook.crime.models import Incident  # noqa: PLC0415
    from beatbook.public.policeuk.common import location_id  # noqa: PLC0415
    from beatbook.public.policeuk.tests.builders import POINT  # noqa: PLC0415

    api, here = "/api/police-uk", f"lat={POINT[0]}&lng={POINT[1]}"
    poly, at = "poly=53.26,-1.36:53.28,-1.36:53.28,-1.34:53.26,-1.34", f"location_id={location_id(*POINT)}"
    from beatbook.public.policeuk.force_export import persistent_id  # noqa: PLC0415

    crime = Incident.objects.exclude(crime_id=None).values_list("crime_id", flat=True).first()
    urls = [f"{api}/crime-categories", f"{api}/crime-last-updated", f"{api}/crimes-street-dates"]
    urls += [f"{api}/outcomes-for-crime/{crime}", f"{api}/locate-neighbourhood?q={POINT[0]},{POINT[1]}"]
    exported = Incident.objects.filter(source="force_export").values_list("pk", flat=True)
    urls += [f"{api}/outcomes-for-crime/{persistent_id(pk)}" for pk in exported]
    for month in ("2025-03", "2025-04"):
        for query in (here, poly):
            urls += [f"{api}/crimes-street/all-crime?{query}&date={month}", f"{api}/stops-street?{query}&date={month}"]
        urls += [f"{api}/outcomes-at-location?{query}&date={month}" for query in (here, poly, at)]
        urls += [f"{api}/crimes-at-location?{at}&date={month}", f"{api}/stops-at-location?{at}&date={month}"]
    for force in Area.objects.filter(level=Level.FORCE):
        for name in ("crimes-no-location", "stops-no-location", "stops-force"):
            urls += [f"{api}/{name}?force={force.code}&date=2025-03", f"{api}/{name}?force={force.code}&date=2025-04"]
        urls.append(f"{api}/forces/{force.code}/people")
        for neighbourhood in Area.objects.within(force).filter(level=Level.NEIGHBOURHOOD):
            urls += [f"{api}/{force.code}/{neighbourhood.code}/{name}" for name in ("events", "boundary")]
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
    # The force export's incidents are served (snapped; unplaced), so the crawl above read them.
    april = client.get("/api/police-uk/crimes-street/all-crime?lat=53.268201&lng=-1.349654&date=2025-04").json()
    assert [crime["location"]["street"]["name"] for crime in april] == ["On or near Market Street"]
    assert len(client.get("/api/police-uk/crimes-no-location?force=derbyshire&date=2025-04").json()) == 1
    outcomes = client.get("/api/police-uk/outcomes-at-location?lat=53.268201&lng=-1.349654&date=2025-04").json()
    assert [outcome["category"]["name"] for outcome in outcomes] == ["Offender given a caution"]


def test_a_public_download_is_named_with_its_area(client: Client) -> None:
    """As every signed-in download is (area, table, period): "staveley_crime_<period>.csv", not "crime_….csv"
    (with nothing published yet, the period is "no-period")."""
    for fmt in ("csv", "json"):
        response = client.get(f"/your-area/derbyshire/staveley/?format={fmt}")
        assert response["Content-Disposition"] == f'attachment; filename="staveley_crime_no-period.{fmt}"', fmt
