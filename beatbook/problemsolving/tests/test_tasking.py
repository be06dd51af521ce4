"""Tasking meetings and the repeat victim / location counts."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from beatbook.areas.models import Area, Lsoa
from beatbook.counts.refresh import refresh_counts
from beatbook.crime.models import Incident
from beatbook.problemsolving.tasking import do_record_tasking_meeting

pytestmark = pytest.mark.django_db


def test_a_sergeant_records_a_meeting_with_an_action_and_it_is_listed(personas, client_as):
    team = Area.objects.get(code="staveley-snt")
    do_record_tasking_meeting(
        area=team,
        held_on=date(2026, 11, 2),
        attendees=["Inspector (chair)", "SNT sergeant"],
        actions=[("High-visibility patrol at the market", "PCSO Patel", date(2026, 11, 9))],
        acting_user=personas["sergeant"],
    )
    rows = (
        client_as("inspector")
        .get("/areas/chesterfield/tasking-meetings/?format=json&table=tasking-meetings")
        .json()["rows"]
    )
    assert rows[0]["attendees"] == "Inspector (chair), SNT sergeant"
    assert "PCSO Patel" in rows[0]["actions"]


def test_a_meeting_needs_attendees_and_the_right_role(personas):
    team = Area.objects.get(code="staveley-snt")
    with pytest.raises(ValidationError):
        do_record_tasking_meeting(area=team, held_on=date(2026, 11, 2), attendees=[], acting_user=personas["sergeant"])
    with pytest.raises(PermissionDenied):
        do_record_tasking_meeting(
            area=team, held_on=date(2026, 11, 2), attendees=["PCSO"], acting_user=personas["pcso"]
        )


def test_repeat_victims_are_counted_by_neighbourhood_not_named(client_as):
    lsoa = Lsoa.objects.filter(neighbourhood__code="staveley").first()
    force = Area.objects.get(code="derbyshire")
    Incident.objects.bulk_create(
        Incident(
            force=force,
            source="force_export",
            kind="asb",
            month=date(2026, 11, 1),
            category="anti-social-behaviour",
            occurred_at=datetime(2026, 11, 10 + i, 12, tzinfo=UTC),
            lsoa=lsoa,
            lsoa_code=lsoa.code,
            location="Market Place",
            repeat_victim=True,
            repeat_location=i < 2,
            fingerprint=f"rv{i}",
        )
        for i in range(3)
    )
    url = "/areas/chesterfield/tasking-meetings/?date=2026-11-20&format=json&table="
    victims = client_as("inspector").get(url + "repeat-victims").json()["rows"]
    assert victims == [{"neighbourhood": "Staveley", "incidents": 3}]
    locations = client_as("inspector").get(url + "repeat-locations").json()["rows"]
    assert locations == [{"place": "Market Place", "incidents": 2}]


def test_the_repeats_default_to_the_28_days_to_the_last_day_with_incident_times(client_as):
    """QA 17: with data ending before today (a demo loaded today, monthly files), the default 28 days to
    today held no incidents and both repeat tables were empty; they end on the data's last day instead."""
    lsoa = Lsoa.objects.filter(neighbourhood__code="staveley").first()
    force = Area.objects.get(code="derbyshire")
    Incident.objects.create(
        force=force,
        source="force_export",
        kind="asb",
        month=date(2020, 3, 1),
        category="anti-social-behaviour",
        occurred_at=datetime(2020, 3, 20, 12, tzinfo=UTC),
        lsoa=lsoa,
        lsoa_code=lsoa.code,
        location="Market Place",
        repeat_victim=True,
        repeat_location=True,
        fingerprint="rv-default",
    )
    refresh_counts(force)  # bumps the data version, as an import does
    page = client_as("inspector").get("/areas/chesterfield/tasking-meetings/")
    assert page.context["as_of"] == date(2020, 3, 20)
    assert "Incidents with times run to 20 March 2020" in page.content.decode()
    victims = client_as("inspector").get("/areas/chesterfield/tasking-meetings/?format=json&table=repeat-victims")
    assert victims.json()["rows"] == [{"neighbourhood": "Staveley", "incidents": 1}]


def test_a_divisions_meetings_page_takes_the_same_queries_for_many_meetings_as_for_one(
    personas, client_as, django_assert_max_num_queries
):
    from beatbook.problemsolving.models import ProblemPlan

    def record(count: int) -> None:
        teams = list(Area.objects.filter(path__startswith=Area.objects.get(code="north-division").path, level="team"))
        plans = list(ProblemPlan.objects.all()[:3])
        for i in range(count):
            do_record_tasking_meeting(
                area=teams[i % len(teams)],
                held_on=date(2026, 11, 1 + i % 28),
                attendees=["Inspector (chair)", "Analyst"],
                plans=plans,
                actions=[
                    (f"Action {i}", "PS Okafor", date(2026, 12, 1)),
                    (f"Follow-up {i}", "PCSO", date(2026, 12, 8)),
                ],
                acting_user=None,
            )

    client = client_as("chief_inspector")
    url = "/areas/north-division/tasking-meetings/?date=2026-11-20"
    record(1)
    client.get(url)  # the session, caches and first-use queries
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as one:
        assert client.get(url).status_code == 200
    record(30)
    with django_assert_max_num_queries(len(one.captured_queries)):
        response = client.get(url)
    assert response.status_code == 200
    assert response.content.count(b"Follow-up") == 31
