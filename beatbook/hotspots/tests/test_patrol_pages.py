from __future__ import annotations

from datetime import date

from beatbook.areas.models import Area
from beatbook.hotspots.actions import do_designate_hotspot
from beatbook.hotspots.models import PatrolVisit
from beatbook.lib.dates import elapsed


def post_visit(client, hotspot, **fields: str):  # noqa: ANN001, ANN201
    data = {
        "date": "2026-03-29",
        "start": "00:30",
        "end": "03:30",
        "arrests": "0",
        "stop_searches": "1",
        "intelligence_submissions": "0",
        "engagements": "3",
    } | fields
    return client.post(f"/hotspots/{hotspot.uuid}/patrols/new/", data)


def test_a_pcso_logs_a_visit_and_its_length_is_real_time(client_as, hotspot, personas: dict) -> None:  # noqa: ANN001
    client = client_as("pcso")
    response = post_visit(client, hotspot, asb_powers=["dispersal"])
    assert response.status_code == 302
    visit = PatrolVisit.objects.get()
    assert elapsed(visit.started_at, visit.ended_at).total_seconds() == 2 * 3600  # the clocks went forward
    assert visit.officer == personas["pcso"] and visit.asb_powers == ["dispersal"] and visit.stop_searches == 1
    page = client.get(response["Location"])
    assert b"Patrol visit to Market Place logged" in page.content


def test_a_visit_past_midnight_ends_the_next_day(client_as, hotspot) -> None:  # noqa: ANN001
    post_visit(client_as("constable"), hotspot, date="2026-10-24", start="23:50", end="00:05")
    visit = PatrolVisit.objects.get()
    assert elapsed(visit.started_at, visit.ended_at).total_seconds() == 15 * 60


def test_bad_times_are_explained_and_nothing_is_saved(client_as, hotspot) -> None:  # noqa: ANN001
    skipped = post_visit(client_as("pcso"), hotspot, date="2026-03-29", start="01:15", end="02:30")
    assert b"does not exist in UK time" in skipped.content
    same = post_visit(client_as("pcso"), hotspot, start="10:00", end="10:00")
    assert b"between a minute and 12 hours" in same.content
    assert not PatrolVisit.objects.exists()


def test_roles_that_do_not_patrol_cannot_log(client_as, hotspot) -> None:  # noqa: ANN001
    assert post_visit(client_as("partner"), hotspot).status_code == 403
    assert post_visit(client_as("outsider"), hotspot).status_code == 404
    assert not PatrolVisit.objects.exists()


def test_the_hotspot_page_compares_before_and_after_with_the_rest_of_the_lpu(client_as, personas, tmp_path) -> None:  # noqa: ANN001
    from beatbook.crime.imports import do_import_source
    from beatbook.crime.sources import iter_sources
    from beatbook.crime.tests.conftest import SAMPLE

    path = tmp_path / "2018-07-derbyshire-street.csv"
    path.write_bytes(SAMPLE.read_bytes().replace(b"West Yorkshire Police", b"Derbyshire Constabulary"))
    do_import_source(next(iter_sources(path)), acting_user=None)
    designated = do_designate_hotspot(
        area=Area.objects.get(code="staveley"),
        name="Sample place",
        cells=[(442500, 374500)],
        cell_size=250,
        starts_on=date(2018, 7, 1),
        weekly_target_minutes=60,
        acting_user=personas["inspector"],
    )
    page = client_as("inspector").get(f"/hotspots/{designated.uuid}/")
    assert b"What changed" in page.content and b"Jun 2018" in page.content and b"Jul 2018" in page.content
    assert b"too few incidents to estimate" in page.content  # nothing was recorded before July in the sample
    rows = client_as("inspector").get(f"/hotspots/{designated.uuid}/?format=json&table=evaluation").json()["rows"]
    assert rows[1]["place"] == "Rest of Chesterfield (comparison)"


def test_the_patrol_log_names_officers_only_to_police_and_staff_and_each_read_is_audited(
    hotspot, personas: dict, client_as
) -> None:  # noqa: ANN001
    from datetime import timedelta

    from django.utils import timezone

    from beatbook.audit.models import AuditEvent

    recent = (timezone.localdate() - timedelta(days=2)).isoformat()
    assert post_visit(client_as("pcso"), hotspot, date=recent).status_code == 302
    officer = personas["pcso"].display_name
    inspector_page = client_as("inspector").get(f"/hotspots/{hotspot.uuid}/")
    assert officer in inspector_page.content.decode()
    event = AuditEvent.objects.get(event="patrol_log.viewed", actor=personas["inspector"])
    assert event.object_id == str(hotspot.pk) and event.area == hotspot.area
    partner_page = client_as("partner").get(f"/hotspots/{hotspot.uuid}/")
    assert partner_page.status_code == 200 and officer not in partner_page.content.decode()
    assert client_as("partner").get(f"/hotspots/{hotspot.uuid}/?format=csv&table=visits").status_code == 400
    assert not AuditEvent.objects.filter(event="patrol_log.viewed", actor=personas["partner"]).exists()
