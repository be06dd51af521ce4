"""Issue 17 item 7: officers correct and withdraw their own records within a window, with history; a
policy-breaching abstraction is saved with a warning, not a success banner; reversed or absurd periods
are refused with a message."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from beatbook.areas.models import Area
from beatbook.audit.models import AuditEvent
from beatbook.neighbourhoods.actions import do_record_engagement
from beatbook.neighbourhoods.engagement_reports import engagements_in
from beatbook.neighbourhoods.models import Engagement
from beatbook.neighbourhoods.record_edits import history

pytestmark = pytest.mark.django_db


def _engagement(personas: dict) -> Engagement:
    return do_record_engagement(
        neighbourhood=Area.objects.get(code="staveley"), started_at=timezone.now() - timedelta(hours=3),
        duration_minutes=30, location="Library", method="street_surgery", people_reached=5,
        acting_user=personas["pcso"],
    )  # fmt: skip


def _edit_form(engagement: Engagement, **changes: str) -> dict:
    start = timezone.localtime(engagement.started_at)
    form = {
        "date": start.date().isoformat(), "start": start.strftime("%H:%M"), "duration_minutes": "30",
        "location": "Library", "method": "street_surgery", "people_reached": "5", "version": str(engagement.version),
    }  # fmt: skip
    return form | changes


def test_an_officer_corrects_her_engagement_and_the_change_is_kept(personas: dict, client_as) -> None:  # noqa: ANN001
    engagement = _engagement(personas)
    pcso = client_as("pcso")
    assert "Correct or withdraw" in pcso.get("/my-records/").content.decode()
    response = pcso.post(f"/engagements/{engagement.uuid}/edit/", _edit_form(engagement, people_reached="9"))
    assert response.status_code == 302
    engagement.refresh_from_db()
    assert engagement.people_reached == 9 and engagement.version == 2
    [change] = history(engagement)
    assert change.changed_by == personas["pcso"] and change.changes == {"people_reached": ["5", "9"]}
    assert AuditEvent.objects.filter(event="engagement.edited", object_id=str(engagement.pk)).exists()
    page = pcso.get(f"/engagements/{engagement.uuid}/edit/").content.decode()
    assert "People reached: “5” → “9”" in page  # the history is on the record, as an officer reads it
    stale = pcso.post(f"/engagements/{engagement.uuid}/edit/", _edit_form(engagement, people_reached="12", version="1"))
    assert "Someone changed this record after you opened it" in stale.content.decode()
    engagement.refresh_from_db()
    assert engagement.people_reached == 9


def test_only_the_recorder_and_only_within_the_window(personas: dict, client_as, settings) -> None:  # noqa: ANN001
    engagement = _engagement(personas)
    assert client_as("sergeant").get(f"/engagements/{engagement.uuid}/edit/").status_code == 403
    settings.RECORD_EDIT_WINDOW_HOURS = 24
    Engagement.objects.filter(pk=engagement.pk).update(created_at=timezone.now() - timedelta(hours=25))
    page = client_as("pcso").get(f"/engagements/{engagement.uuid}/edit/").content.decode()
    assert "within 24 hours of recording it" in page and "Save the correction" not in page
    response = client_as("pcso").post(f"/engagements/{engagement.uuid}/edit/", _edit_form(engagement, location="X"))
    assert "within 24 hours" in response.content.decode()
    engagement.refresh_from_db()
    assert engagement.location == "Library"


def test_a_withdrawn_engagement_is_kept_but_not_counted(personas: dict, client_as) -> None:  # noqa: ANN001
    engagement = _engagement(personas)
    today = timezone.localdate()
    staveley = Area.objects.get(code="staveley")
    assert engagements_in(staveley, today - timedelta(days=1), today).filter(pk=engagement.pk).exists()
    client_as("pcso").post(f"/engagements/{engagement.uuid}/withdraw/", {"version": "1"})
    engagement.refresh_from_db()
    assert engagement.withdrawn_at is not None and history(engagement)[-1].withdrawn
    assert not engagements_in(staveley, today - timedelta(days=1), today).filter(pk=engagement.pk).exists()


def test_a_policy_breach_is_saved_with_a_warning_not_a_success(personas: dict, client_as) -> None:  # noqa: ANN001
    today = timezone.localdate().isoformat()
    form = {
        "officer": personas["pcso"].officer.pk, "start_date": today, "start": "00:10", "end_date": today,
        "end": "00:40", "reason": "training", "authorised_by": "Sgt Okafor", "authoriser_rank": "sergeant",
    }  # fmt: skip
    page = client_as("pcso").post("/abstractions/new/", form, follow=True).content.decode()
    assert "It breaches the abstraction policy" in page
    assert "govuk-notification-banner--success" not in page and "Important" in page
    fine = form | {"authoriser_rank": "chief_inspector", "start": "01:10", "end": "01:40"}
    page = client_as("pcso").post("/abstractions/new/", fine, follow=True).content.decode()
    assert "govuk-notification-banner--success" in page and "breaches" not in page


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"from": "2026-03-01", "to": "2026-01-01"}, "is before the start"),
        ({"from": "0001-01-01"}, "Enter a date between 1 January 2000"),
        ({"to": "9999-12-31"}, "Enter a date between"),
        ({"days": "-4"}, "days:"),
        ({"from": "2001-01-01", "to": "2025-01-01"}, "at most 10 years"),
    ],
)
def test_reversed_or_absurd_periods_are_refused_with_a_message(client_as, query: dict, message: str) -> None:  # noqa: ANN001
    for page in ("/areas/chesterfield/engagement/", "/areas/chesterfield/abstractions/"):
        if "days" in query and "abstractions" in page:
            continue
        response = client_as("inspector").get(page, query)
        assert response.status_code == 400 and message in response.content.decode(), (page, query)
    api = client_as("inspector").get("/api/v1/areas/chesterfield/engagement", query)
    assert api.status_code in (400, 401)


def test_an_abstraction_ending_before_it_starts_is_refused(personas: dict, client_as) -> None:  # noqa: ANN001
    day = date.today().isoformat()
    form = {
        "officer": personas["pcso"].officer.pk, "start_date": day, "start": "10:00", "end_date": day, "end": "09:00",
        "reason": "training", "authorised_by": "Wright", "authoriser_rank": "chief_inspector",
    }  # fmt: skip
    page = client_as("pcso").post("/abstractions/new/", form).content.decode()
    assert "The end must be after the start" in page


def test_an_engagement_that_has_not_ended_is_refused_when_recorded_or_edited(personas: dict) -> None:
    """QA 17: one begun ten minutes ago and lasting ten hours was stored, ending that evening."""
    from django.core.exceptions import ValidationError

    from beatbook.neighbourhoods.own_records import do_edit_engagement

    with pytest.raises(ValidationError, match="has not ended yet"):
        do_record_engagement(
            neighbourhood=Area.objects.get(code="staveley"), started_at=timezone.now() - timedelta(minutes=10),
            duration_minutes=600, location="Library", method="street_surgery", people_reached=5,
            acting_user=personas["pcso"],
        )  # fmt: skip
    engagement = _engagement(personas)  # three hours ago, 30 minutes
    with pytest.raises(ValidationError, match="has not ended yet"):
        do_edit_engagement(
            engagement=engagement, values={"duration_minutes": 600}, expected_version=engagement.version,
            acting_user=personas["pcso"],
        )  # fmt: skip
    engagement.refresh_from_db()
    assert engagement.duration_minutes == 30


def test_the_history_reads_as_the_officer_entered_it(personas: dict, client_as) -> None:  # noqa: ANN001
    """QA 17s: the history showed stored names and values ("authoriser_rank: “chief_inspector” → “sergeant”",
    moments as UTC ISO text an hour out in summer); now labels, choice names and UK times."""
    from datetime import UTC, datetime

    from beatbook.neighbourhoods.actions import do_record_abstraction
    from beatbook.neighbourhoods.own_records import do_edit_abstraction

    year = timezone.localdate().year - (timezone.localdate().month <= 7)  # the last July that has passed
    start = datetime(year, 7, 1, 7, tzinfo=UTC)  # 08:00 in UK summer time
    abstraction = do_record_abstraction(
        officer=personas["constable"].officer, started_at=start, ended_at=start + timedelta(hours=2),
        reason="training", authorised_by="CI Wright", authoriser_rank="chief_inspector",
        acting_user=personas["constable"],
    )  # fmt: skip
    do_edit_abstraction(
        abstraction=abstraction, values={"authoriser_rank": "sergeant", "started_at": start + timedelta(hours=1)},
        expected_version=1, acting_user=personas["constable"],
    )  # fmt: skip
    page = client_as("constable").get(f"/abstractions/{abstraction.uuid}/edit/").content.decode()
    assert "Authoriser rank: “Chief inspector” → “Sergeant”" in page
    assert f"Started at: “1 Jul {year} 08:00” → “1 Jul {year} 09:00”" in page
    assert "chief_inspector" not in page.split("Changes")[-1] and "+00:00" not in page
    assert str(abstraction).endswith(f"{year}-07-01 09:00")  # the record's name in UK time too


def test_a_record_sent_twice_is_saved_once(personas: dict, client_as) -> None:  # noqa: ANN001
    """QA 17s: the engagement and abstraction forms sent twice (a double tap) saved two records, counting the
    engagement twice and the officer's lost hours twice."""
    from beatbook.neighbourhoods.models import Abstraction

    day = (timezone.localdate() - timedelta(days=1)).isoformat()
    staveley = Area.objects.get(code="staveley")
    engagement = {"neighbourhood": staveley.pk, "date": day, "start": "09:00", "duration_minutes": "30",
                  "location": "Library", "method": "street_surgery", "people_reached": "5"}  # fmt: skip
    pcso = client_as("pcso")
    assert pcso.post("/engagements/new/", engagement).status_code == 302
    again = pcso.post("/engagements/new/", engagement).content.decode()
    assert "You have already recorded this engagement" in again
    assert Engagement.objects.filter(location="Library", recorded_by=personas["pcso"]).count() == 1
    officer = personas["constable"].officer
    abstraction = {"officer": officer.pk, "start_date": day, "start": "08:00", "end_date": day, "end": "10:00",
                   "reason": "training", "authorised_by": "CI Wright", "authoriser_rank": "chief_inspector"}  # fmt: skip
    constable = client_as("constable")
    assert constable.post("/abstractions/new/", abstraction).status_code == 302
    overlapping = constable.post("/abstractions/new/", abstraction | {"start": "09:00", "end": "11:00"})
    assert "is already recorded as abstracted from" in overlapping.content.decode()
    assert Abstraction.objects.filter(officer=officer).count() == 1
    assert constable.post("/abstractions/new/", abstraction | {"start": "10:00", "end": "11:00"}).status_code == 302
