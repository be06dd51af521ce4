"""Keeping people and teams: adding, naming, leaving, contact details; audited, and HR fields read audited."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from beatbook.areas.models import Area
from beatbook.audit.models import AuditEvent
from beatbook.workforce import actions
from beatbook.workforce.models import NamedOfficer, Officer, Rank, today

pytestmark = pytest.mark.django_db


def test_hr_adds_a_pcso_names_her_and_the_public_page_shows_her(client_as) -> None:
    client = client_as("hr")
    team = Area.objects.get(code="staveley-snt")
    response = client.post(
        "/areas/staveley-snt/people/new/",
        {
            "team": team.pk,
            "rank": "pcso",
            "first_name": "Mabel",
            "last_name": "Quinn",
            "collar_number": "7788",
            "staff_number": "HR-1",
            "started_on": "2024-01-08",
            "fte": "1.00",
            "sex": "female",
            "ethnicity": "white",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    person = Officer.objects.get(staff_number="HR-1")
    assert client.post("/areas/staveley/named-officer/", {"officer": person.pk}).status_code == 302
    page = client_as("anonymous").get("/your-area/derbyshire/staveley/").content.decode()
    assert "Mabel Quinn" in page
    assert AuditEvent.objects.filter(event="workforce.person.added", object_id=str(person.pk)).exists()

    response = client.post(
        f"/people/{person.pk}/leave/", {"left_on": today().isoformat(), "leave_reason": "resignation"}
    )
    assert response.status_code == 302
    assert "Mabel Quinn" not in client_as("anonymous").get("/your-area/derbyshire/staveley/").content.decode()
    assert not NamedOfficer.objects.filter(officer=person).exists()


def test_reading_a_record_is_audited_and_personal_values_stay_out_of_the_log(client_as, personas) -> None:
    person = personas["pcso"].officer
    assert client_as("hr").get(f"/people/{person.pk}/").status_code == 200
    assert AuditEvent.objects.filter(event="workforce.person.viewed", object_id=str(person.pk)).exists()
    actions.do_change_person(person, {"ethnicity": "asian", "fte": person.fte}, acting_user=personas["hr"])
    event = AuditEvent.objects.filter(event="workforce.person.changed", object_id=str(person.pk)).latest("at")
    assert event.detail == {"ethnicity": ["(changed)", "(changed)"]}
    assert "Asian" not in client_as("inspector").get("/areas/staveley-snt/officers/").content.decode()


def test_a_move_ends_named_officer_duties_outside_the_new_team(personas) -> None:
    person = personas["pcso"].officer
    assert NamedOfficer.objects.filter(officer=person).exists()
    actions.do_change_person(person, {"team": Area.objects.get(code="derbyshire")}, acting_user=personas["hr"])
    assert not NamedOfficer.objects.filter(officer=person).exists()
    assert AuditEvent.objects.filter(event="workforce.person.moved", object_id=str(person.pk)).exists()


def test_bad_input_names_the_field_and_writes_nothing(personas) -> None:
    team = Area.objects.get(code="staveley-snt")
    before = Officer.objects.count()
    with pytest.raises(ValidationError) as error:
        actions.do_add_person(
            team=team, rank=Rank.PCSO, first_name="A", last_name="B", fte="1.5", acting_user=personas["hr"]
        )
    assert "fte" in error.value.message_dict
    with pytest.raises(ValidationError):
        actions.do_add_person(
            team=Area.objects.get(code="staveley"), rank=Rank.PCSO, first_name="A", last_name="B", acting_user=None
        )
    assert Officer.objects.count() == before


def test_a_named_officer_must_serve_in_the_team(personas) -> None:
    outsider = Officer.objects.filter(team__code="derbyshire", rank=Rank.CONSTABLE).first()
    with pytest.raises(ValidationError):
        actions.do_name_officer_for_neighbourhood(Area.objects.get(code="staveley"), outsider, acting_user=None)


def test_a_future_leaving_date_keeps_them_serving_until_then(personas) -> None:
    person = personas["constable"].officer
    actions.do_record_leaving(person, left_on=today() + timedelta(days=10), reason="retirement", acting_user=None)
    assert Officer.objects.serving().filter(pk=person.pk).exists()
    assert not Officer.objects.serving(today() + timedelta(days=10)).filter(pk=person.pk).exists()


def test_team_contact_details_reach_the_page_and_the_feed(client_as, personas) -> None:
    response = client_as("hr").post(
        "/areas/staveley-snt/team-contact/",
        {
            "public_email": "staveley.snt@example.police.uk",
            "public_phone": "101",
            "facebook": "https://facebook.com/staveleysnt",
            "meetings": "Staveley Hall | Second Monday, 7pm",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    page = client_as("anonymous").get("/your-area/derbyshire/staveley/").content.decode()
    assert "Second Monday, 7pm" in page and "https://facebook.com/staveleysnt" in page
    feed = client_as("anonymous").get("/api/police-uk/derbyshire/staveley").json()
    assert feed["contact_details"]["facebook"] == "https://facebook.com/staveleysnt"
    assert feed["locations"][0]["description"] == "Second Monday, 7pm"


def test_a_bad_meeting_line_says_what_to_fix(client_as) -> None:
    response = client_as("hr").post("/areas/staveley-snt/team-contact/", {"meetings": "no bar here"})
    assert response.status_code == 200
    assert "a vertical bar" in response.content.decode()


def test_dated_establishment_applies_from_its_date(personas) -> None:
    team = Area.objects.get(code="staveley-snt")
    actions.do_set_establishment(team, Rank.PCSO, 9, starts_on=date(2030, 1, 1), acting_user=personas["hr"])
    from beatbook.workforce.models import staffing_rows

    now = {r["rank"]: r["establishment"] for r in staffing_rows(team)}
    later = {r["rank"]: r["establishment"] for r in staffing_rows(team, date(2030, 1, 2))}
    assert later["PCSO"] == 9 and now["PCSO"] != 9


def test_training_hours_establishment_and_configuration_pages(client_as, personas) -> None:
    client = client_as("hr")
    person = personas["pcso"].officer
    from beatbook.workforce.models import Certification, DutyHours, PopulationShare, SkillType

    skill = SkillType.objects.get(code="first-aid")
    assert (
        client.post(f"/people/{person.pk}/training/", {"skill": skill.pk, "completed_on": "2026-01-05"}).status_code
        == 302
    )
    certificate = Certification.objects.get(person=person, skill=skill, completed_on=date(2026, 1, 5))
    assert certificate.expires_on == date(2027, 1, 5)
    assert client.post(f"/people/{person.pk}/hours/", {"month": "2026-01-05", "hours": "10"}).status_code == 200
    special = Officer.objects.filter(rank=Rank.SPECIAL).first()
    assert client.post(f"/people/{special.pk}/hours/", {"month": "2026-01-05", "hours": "10"}).status_code == 302
    assert DutyHours.objects.get(person=special, month=date(2026, 1, 1)).hours == 10
    response = client.post(
        "/areas/staveley-snt/workforce/establishment/",
        {"team": Area.objects.get(code="staveley-snt").pk, "rank": "pcso", "posts": "12", "starts_on": "2026-02-01"},
    )
    assert response.status_code == 302
    shares = {f"share_{g}": "10" for g in ("asian", "black", "mixed", "other", "not_stated", "unknown", "white")}
    bad = client.post("/areas/derbyshire/workforce/configuration/", shares)
    assert "add up to 70" in bad.content.decode()
    shares["share_white"] = "40"
    assert client.post("/areas/derbyshire/workforce/configuration/", shares).status_code == 302
    assert PopulationShare.objects.get(force__code="derbyshire", ethnicity="white").percent == 40


def test_the_forecast_is_set_from_a_page(client_as) -> None:
    from beatbook.workforce.models import Forecast

    client = client_as("hr")
    assert "Line 1" in client.post("/areas/derbyshire/workforce/forecast/", {"lines": "January, 3, 4"}).content.decode()
    response = client.post("/areas/derbyshire/workforce/forecast/", {"lines": "2027-01, 30, 11.5\n2027-02, 0, 11"})
    assert response.status_code == 302
    assert Forecast.objects.get(force__code="derbyshire", month=date(2027, 1, 1)).leavers == Decimal("11.5")
