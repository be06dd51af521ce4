"""Engagements, abstractions and priorities: recording them, the policy check, and the reports."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from beatbook.areas.models import Area
from beatbook.audit.models import AuditEvent
from beatbook.neighbourhoods.actions import (
    do_publish_priority,
    do_record_abstraction,
    do_record_engagement,
    do_set_priority,
    ensure_community_groups,
)
from beatbook.neighbourhoods.models import Abstraction, CommunityGroup, CommunityPresence, Engagement
from beatbook.workforce.models import Officer


def abstraction_form(officer: Officer, day: str, **changes: str) -> dict:
    return {
        "officer": officer.pk,
        "start_date": day,
        "start": "00:30",
        "end_date": day,
        "end": "03:30",
        "reason": "response_cover",
        "authorised_by": "C. Insp Wright",
        "authoriser_rank": "chief_inspector",
    } | changes


@pytest.mark.parametrize(("day", "hours"), [("2026-03-29", 2), ("2026-10-25", 4), ("2026-06-01", 3)])
def test_an_abstraction_across_a_clock_change_counts_the_hours_that_passed(client_as, personas, day, hours) -> None:  # noqa: ANN001
    officer = personas["pcso"].officer
    response = client_as("pcso").post("/abstractions/new/", abstraction_form(officer, day))
    assert response.status_code == 302, response.content.decode()[:2000]
    abstraction = Abstraction.objects.get(officer=officer)
    assert abstraction.hours == hours and abstraction.shift == "night" and not abstraction.breaches_policy


def test_a_start_the_clocks_skip_is_refused_with_a_reason(client_as, personas) -> None:  # noqa: ANN001
    form = abstraction_form(personas["pcso"].officer, "2026-03-29", start="01:30")
    page = client_as("pcso").post("/abstractions/new/", form).content.decode()
    assert "does not exist in UK time" in page and not Abstraction.objects.exists()


def test_the_policy_needs_a_chief_inspector_unless_life_is_at_risk(personas) -> None:  # noqa: ANN001
    officer = personas["constable"].officer
    start = datetime(2026, 5, 4, 14, tzinfo=UTC)

    recorded: list[Abstraction] = []

    def record(rank: str, emergency: bool) -> Abstraction:
        begins = start + timedelta(days=len(recorded))  # one officer is abstracted once at a time
        recorded.append(
            do_record_abstraction(
                officer=officer,
                started_at=begins,
                ended_at=begins + timedelta(hours=4),
                reason="major_incident",
                authorised_by="Someone",
                authoriser_rank=rank,
                emergency=emergency,
                acting_user=personas["sergeant"],
            )
        )
        return recorded[-1]

    assert record("inspector", False).breaches_policy
    assert not record("inspector", True).breaches_policy
    assert not record("superintendent", False).breaches_policy
    with pytest.raises(ValidationError, match="end after it starts"):
        do_record_abstraction(
            officer=officer, started_at=start, ended_at=start, reason="training", authorised_by="X",
            authoriser_rank="chief_inspector", acting_user=personas["sergeant"],
        )  # fmt: skip
    with pytest.raises(PermissionDenied):  # another team's officer, by someone outside it
        do_record_abstraction(
            officer=Officer.objects.exclude(team__code="staveley-snt").first(), started_at=start,
            ended_at=start + timedelta(hours=1), reason="training", authorised_by="X",
            authoriser_rank="chief_inspector", acting_user=personas["pcso"],
        )  # fmt: skip


def test_the_chief_inspector_sees_breaches_and_scrutiny_sees_only_figures(client_as, personas) -> None:  # noqa: ANN001
    start = timezone.now() - timedelta(days=3)
    do_record_abstraction(
        officer=personas["constable"].officer, started_at=start, ended_at=start + timedelta(hours=6),
        reason="public_order", authorised_by="Sgt Someone", authoriser_rank="sergeant",
        acting_user=personas["sergeant"],
    )  # fmt: skip
    chief = client_as("chief_inspector")
    breaches = chief.get("/areas/north-division/abstractions/?format=json&table=breaches").json()["rows"]
    assert len(breaches) == 1 and breaches[0]["officer"] == "Police constable Tom Jones"
    assert breaches[0]["hours"] == 6 and "Sergeant" in breaches[0]["authorised_by"]
    teams = chief.get("/areas/north-division/abstractions/?format=json&table=by-team").json()["rows"]
    staveley = next(row for row in teams if row["team"] == "Staveley SNT")
    assert staveley["abstractions"] == 1 and staveley["hours"] == 6 and staveley["share_lost"] > 0
    assert AuditEvent.objects.filter(event="abstraction.entries_read", actor=personas["chief_inspector"]).exists()
    by_lpu = chief.get("/areas/north-division/abstractions/?format=json&table=by-area-month").json()["rows"]
    chesterfield = next(row for row in by_lpu if row["area"] == "Chesterfield")
    assert chesterfield["total"] == 1 and chesterfield[f"{timezone.localtime(start):%Y-%m}"] == 1
    assert sum(row["total"] for row in by_lpu) == 1
    scrutiny = client_as("scrutiny")
    page = scrutiny.get("/areas/derbyshire/abstractions/").content.decode()
    assert "Abstractions by team" in page and "Tom Jones" not in page
    assert scrutiny.get("/areas/derbyshire/abstractions/?format=json&table=breaches").status_code == 400


def test_a_pcso_records_an_engagement_and_the_inspector_sees_it(client_as, personas) -> None:  # noqa: ANN001
    ensure_community_groups(Area.objects.get(code="derbyshire"))
    young = CommunityGroup.objects.get(slug="young-people")
    today = timezone.localdate()
    response = client_as("pcso").post(
        "/engagements/new/",
        {
            "neighbourhood": Area.objects.get(code="staveley").pk,
            "date": today.isoformat(),
            "start": "00:05",
            "duration_minutes": "45",
            "location": "Youth club",
            "method": "school_input",
            "groups": [young.pk],
            "people_reached": "30",
            "issues_raised": "Bikes on the rec",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    engagement = Engagement.objects.get()
    assert engagement.face_to_face and engagement.recorded_by == personas["pcso"]
    inspector = client_as("inspector")
    groups = inspector.get("/areas/chesterfield/engagement/?format=json&table=by-group").json()["rows"]
    assert groups[0] == {"group": "Young people", "engagements": 1}
    months = inspector.get("/areas/chesterfield/engagement/?format=json&table=by-month").json()["rows"]
    assert months[-1]["face_to_face"] == 1 and months[-1]["people"] == 30
    page = inspector.get("/areas/chesterfield/engagement/").content.decode()
    assert "Bikes on the rec" in page and "Mark as reviewed" in page
    assert AuditEvent.objects.filter(event="engagement.notes_read", actor=personas["inspector"]).exists()
    partner_page = client_as("partner").get("/areas/chesterfield/engagement/").content.decode()
    assert "Engagements by community group" in partner_page and "Bikes on the rec" not in partner_page
    review = inspector.post(f"/engagements/{engagement.uuid}/review/", {"area": "chesterfield"})
    assert review["Location"] == "/areas/chesterfield/engagement/"
    engagement.refresh_from_db()
    assert engagement.reviewed_by == personas["inspector"]


def test_gaps_list_quiet_neighbourhoods_and_groups_not_reached(client_as, personas) -> None:  # noqa: ANN001
    staveley = Area.objects.get(code="staveley")
    ensure_community_groups(Area.objects.get(code="derbyshire"))
    rural = CommunityGroup.objects.get(slug="rural")
    CommunityPresence.objects.create(area=staveley, group=rural, source="Neighbourhood profile")
    do_record_engagement(
        neighbourhood=staveley, started_at=timezone.now() - timedelta(days=40), duration_minutes=20,
        location="Market", method="street_surgery", people_reached=4, acting_user=personas["pcso"],
    )  # fmt: skip
    client = client_as("sergeant")
    gaps = client.get("/areas/staveley-snt/engagement/?format=json&table=gaps&days=28").json()["rows"]
    staveley_row = next(row for row in gaps if row["neighbourhood"] == "Staveley")
    assert staveley_row["days_since"] in (39, 40, 41)
    quiet = {
        r["neighbourhood"]
        for r in client.get("/areas/staveley-snt/engagement/?format=json&table=gaps&days=60").json()["rows"]
    }
    assert "Staveley" not in quiet
    missing = client.get("/areas/staveley-snt/engagement/?format=json&table=not-reached").json()["rows"]
    assert missing == [{"area": "Staveley", "group": "Rural", "source": "Neighbourhood profile"}]


def test_priorities_are_published_by_an_inspector_and_stale_ones_listed(client_as, personas) -> None:  # noqa: ANN001
    staveley = Area.objects.get(code="staveley")
    old = do_set_priority(
        neighbourhood=staveley, issue="Old issue", planned_action="x", evidence=["survey"],
        acting_user=personas["sergeant"], set_on=date.today() - timedelta(days=150),
    )  # fmt: skip
    stale = client_as("sergeant").get("/areas/staveley-snt/priorities/?format=json&table=stale").json()["rows"]
    assert "Staveley" in {row["neighbourhood"] for row in stale}
    response = client_as("sergeant").post(
        "/priorities/new/",
        {"neighbourhood": staveley.pk, "issue": "Speeding on Church Street", "planned_action": "Speed checks",
         "evidence": ["crime_data", "survey"]},
    )  # fmt: skip
    assert response.status_code == 302
    stale = client_as("sergeant").get("/areas/staveley-snt/priorities/?format=json&table=stale").json()["rows"]
    assert "Staveley" not in {row["neighbourhood"] for row in stale}
    with pytest.raises(PermissionDenied):
        do_publish_priority(priority=old, acting_user=personas["sergeant"])
    public = client_as("pcso").get("/your-area/derbyshire/staveley/").content.decode()
    assert "Speeding on Church Street" not in public  # not published yet
    from beatbook.neighbourhoods.models import Priority

    new = Priority.objects.get(issue="Speeding on Church Street")
    assert client_as("inspector").post(f"/priorities/{new.uuid}/publish/").status_code == 302
    assert "Speeding on Church Street" in client_as("pcso").get("/your-area/derbyshire/staveley/").content.decode()
    feed = client_as("pcso").get("/api/police-uk/derbyshire/staveley/priorities").json()
    assert feed[0]["issue"] == "<p>Speeding on Church Street</p>" and feed[0]["action-date"] is None
    assert feed[0]["issue-date"].endswith("T00:00:00")


def test_a_neighbourhood_abstraction_page_shows_its_team_figures(client_as, personas) -> None:  # noqa: ANN001
    start = timezone.now() - timedelta(days=2)
    do_record_abstraction(
        officer=personas["constable"].officer, started_at=start, ended_at=start + timedelta(hours=3),
        reason="training", authorised_by="C. Insp Wright", authoriser_rank="chief_inspector",
        acting_user=personas["sergeant"],
    )  # fmt: skip
    pcso = client_as("pcso")
    page = pcso.get("/areas/staveley/abstractions/").content.decode()
    assert "these figures are for Staveley SNT" in page
    months = pcso.get("/areas/staveley/abstractions/?format=json&table=by-month").json()["rows"]
    assert sum(row["abstractions"] for row in months) == 1
    form = pcso.get("/abstractions/new/").content.decode()
    assert 'href="/areas/staveley/abstractions/"' in form  # a way back from the form


def test_the_review_list_states_its_total_and_pages_to_the_rest(client_as, personas) -> None:  # noqa: ANN001
    """The home page counts every engagement waiting for review; the engagement page showed the oldest 20
    with no total and no way to the rest."""
    staveley = Area.objects.get(code="staveley")
    for number in range(25):
        do_record_engagement(
            neighbourhood=staveley, started_at=timezone.now() - timedelta(days=30, minutes=number), duration_minutes=20,
            location=f"Spot {number}", method="street_surgery", people_reached=1, acting_user=personas["pcso"],
        )  # fmt: skip
    waiting = Engagement.objects.filter(reviewed_at__isnull=True, withdrawn_at__isnull=True).count()
    inspector = client_as("inspector")
    first = inspector.get("/areas/chesterfield/engagement/").content.decode()
    assert f"Waiting for your review ({waiting})" in first and "this page shows 1 to 20" in first
    assert first.count("Mark as reviewed<") == 20
    second = inspector.get("/areas/chesterfield/engagement/?page=2").content.decode()
    assert second.count("Mark as reviewed<") == waiting - 20 and f"this page shows 21 to {waiting}" in second
