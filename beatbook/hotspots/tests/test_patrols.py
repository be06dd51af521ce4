from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from beatbook.areas.models import Area
from beatbook.audit.models import AuditEvent
from beatbook.hotspots.actions import do_designate_hotspot, do_log_patrol_visit
from beatbook.hotspots.dosage import dosage
from beatbook.lib.dates import LONDON, parse_timestamp


def test_an_inspector_designates_and_officers_log_visits(hotspot, personas: dict) -> None:  # noqa: ANN001
    visit = do_log_patrol_visit(
        hotspot=hotspot,
        started_at=parse_timestamp("2026-03-02 18:00"),
        ended_at=parse_timestamp("2026-03-02 18:12"),
        arrests=1,
        asb_powers=["dispersal"],
        acting_user=personas["pcso"],
    )
    assert visit.officer == personas["pcso"] and visit.asb_powers == ["dispersal"]
    assert AuditEvent.objects.filter(event="patrol.logged", actor=personas["pcso"]).exists()
    assert AuditEvent.objects.get(event="hotspot.designated").area.code == "staveley"


def test_only_inspectors_in_the_area_designate_and_only_police_in_reach_patrol(hotspot, personas: dict) -> None:  # noqa: ANN001
    with pytest.raises(PermissionDenied):
        do_designate_hotspot(
            area=Area.objects.get(code="staveley"),
            name="X",
            cells=[(0, 0)],
            cell_size=250,
            starts_on=date(2026, 3, 1),
            weekly_target_minutes=60,
            acting_user=personas["sergeant"],
        )
    start = parse_timestamp("2026-03-02 18:00")
    for role in ("partner", "analyst", "outsider"):
        with pytest.raises(PermissionDenied):
            do_log_patrol_visit(
                hotspot=hotspot, started_at=start, ended_at=start + timedelta(minutes=10), acting_user=personas[role]
            )


def test_bad_visits_are_refused(hotspot, personas: dict) -> None:  # noqa: ANN001
    start = parse_timestamp("2026-03-02 18:00")
    with pytest.raises(ValidationError, match="end after it starts"):
        do_log_patrol_visit(hotspot=hotspot, started_at=start, ended_at=start, acting_user=personas["pcso"])
    with pytest.raises(ValidationError, match="longer than 12 hours"):
        do_log_patrol_visit(
            hotspot=hotspot, started_at=start, ended_at=start + timedelta(hours=13), acting_user=personas["pcso"]
        )
    with pytest.raises(ValidationError, match="Unknown ASB power"):
        do_log_patrol_visit(
            hotspot=hotspot,
            started_at=start,
            ended_at=start + timedelta(minutes=5),
            asb_powers=["taser"],
            acting_user=personas["pcso"],
        )


def visit(start: str, end: str) -> tuple[datetime, datetime]:
    return parse_timestamp(start), parse_timestamp(end)


def test_dosage_counts_real_time_across_clock_changes() -> None:
    visits = [
        visit("2026-03-29 00:30", "2026-03-29 03:30"),  # clocks go forward: 2 hours
        visit("2026-10-25 00:30", "2026-10-25 03:30"),
    ]  # clocks go back: 4 hours
    result = dosage(visits, target_minutes=120, first=date(2026, 3, 23), last=date(2026, 10, 25))
    assert result.minutes == 6 * 60 and result.visits == 2
    by_week = {week.starts_on: week for week in result.weeks}
    assert by_week[date(2026, 3, 23)].minutes == 120 and by_week[date(2026, 3, 23)].met
    assert by_week[date(2026, 10, 19)].minutes == 240


def test_dosage_reports_the_share_of_visits_of_10_to_15_minutes() -> None:
    visits = [visit("2026-06-01 10:00", f"2026-06-01 10:{m:02d}") for m in (5, 10, 12, 15, 20)]
    result = dosage(visits, target_minutes=60, first=date(2026, 6, 1), last=date(2026, 6, 7))
    assert result.koper_share == pytest.approx(3 / 5) and result.weeks_behind == 0
    assert dosage([], 60, date(2026, 6, 1), date(2026, 6, 14)).weeks_behind == 2


def test_visits_outside_the_designation_are_refused(hotspot, personas: dict) -> None:  # noqa: ANN001
    hotspot.ends_on = date(2026, 3, 31)
    hotspot.save()
    for when in ("2026-01-04 18:00", "2026-04-01 09:00"):  # the day before it starts, the day after it ends
        start = parse_timestamp(when)
        with pytest.raises(ValidationError, match="outside that"):
            do_log_patrol_visit(
                hotspot=hotspot, started_at=start, ended_at=start + timedelta(minutes=10), acting_user=personas["pcso"]
            )
    assert not hotspot.visits.exists()


def test_a_visit_in_the_future_is_refused(hotspot, personas: dict) -> None:  # noqa: ANN001
    from django.utils import timezone

    start = timezone.now() + timedelta(hours=2)
    with pytest.raises(ValidationError, match="in the future"):
        do_log_patrol_visit(
            hotspot=hotspot, started_at=start, ended_at=start + timedelta(minutes=10), acting_user=personas["pcso"]
        )


def test_a_visit_that_has_not_ended_yet_is_refused(hotspot, personas: dict) -> None:  # noqa: ANN001
    """QA 17: a visit begun an hour ago and "ending" in eleven hours was stored; it is refused until it ends."""
    from django.utils import timezone

    start = timezone.now() - timedelta(hours=1)
    # The fixture's hotspot starts today; just past midnight, an hour ago was yesterday.
    hotspot.starts_on = min(hotspot.starts_on, start.astimezone(LONDON).date())
    hotspot.save(update_fields=["starts_on"])
    with pytest.raises(ValidationError, match="ends in the future"):
        do_log_patrol_visit(
            hotspot=hotspot, started_at=start, ended_at=start + timedelta(hours=12), acting_user=personas["pcso"]
        )
    assert not hotspot.visits.exists()


def test_dosage_counts_only_visits_inside_the_window() -> None:
    visits = [visit("2026-05-31 10:00", "2026-05-31 11:00"), visit("2026-06-02 10:00", "2026-06-02 10:30")]
    result = dosage(visits, target_minutes=60, first=date(2026, 6, 1), last=date(2026, 6, 7))
    assert result.visits == 1 and result.minutes == 30 and result.weeks_behind == 1


def test_weeks_behind_counts_only_whole_weeks_inside_the_window() -> None:
    # Wednesday 3 June to Wednesday 17 June: the week of 8 June is whole; those of 1 and 15 June are cut.
    result = dosage([], 60, date(2026, 6, 3), date(2026, 6, 17))
    assert [week.whole for week in result.weeks] == [False, True, False]
    assert result.weeks_behind == 1


def test_a_week_ending_today_is_not_yet_whole() -> None:
    # Sunday 14 June 2026: the week of 8 June ends today, so its evening patrols may still come.
    on_sunday = dosage([], 60, date(2026, 6, 1), date(2026, 6, 14), today=date(2026, 6, 14))
    assert [week.whole for week in on_sunday.weeks] == [True, False] and on_sunday.weeks_behind == 1
    on_monday = dosage([], 60, date(2026, 6, 1), date(2026, 6, 14), today=date(2026, 6, 15))
    assert on_monday.weeks_behind == 2


def test_an_ended_designation_says_so_beside_its_dosage(hotspot, client_as) -> None:  # noqa: ANN001
    """QA 17s: a hotspot whose designation ended showed its last four weeks of patrols under "last 4 weeks"
    with only its start date, so it read as behind on patrols today."""
    hotspot.ends_on = date(2026, 3, 31)
    hotspot.save()
    client = client_as("pcso")
    rows = client.get("/areas/staveley/hotspots/?format=json&table=designated").json()["rows"]
    [row] = [r for r in rows if r["name"] == "Market Place"]
    assert row["since"] == "2026-01-05" and row["until"] == "2026-03-31"
    page = client.get(f"/hotspots/{hotspot.uuid}/").content.decode()
    assert "Last 12 weeks of the designation" in page
    assert "Log a visit made by 31 March 2026, when its designation ended" in page
    form = client.get(f"/hotspots/{hotspot.uuid}/patrols/new/").content.decode()
    assert "only a visit made then can be logged" in form and 'value="2026-03-31"' in form


def test_the_same_visit_sent_twice_is_saved_once(hotspot, personas: dict, client_as) -> None:  # noqa: ANN001
    """QA 17s: a second tap on "Save visit" logged the same patrol twice, doubling its dosage."""
    day = (timezone.localdate() - timedelta(days=1)).isoformat()
    form = {"date": day, "start": "09:00", "end": "09:12", "arrests": "0", "stop_searches": "0",
            "intelligence_submissions": "0", "engagements": "0"}  # fmt: skip
    pcso = client_as("pcso")
    assert pcso.post(f"/hotspots/{hotspot.uuid}/patrols/new/", form).status_code == 302
    again = pcso.post(f"/hotspots/{hotspot.uuid}/patrols/new/", form | {"start": "09:05", "end": "09:20"})
    assert "You have already logged a visit to Market Place" in again.content.decode()
    assert hotspot.visits.count() == 1
    assert client_as("constable").post(f"/hotspots/{hotspot.uuid}/patrols/new/", form).status_code == 302  # another
    assert (
        pcso.post(f"/hotspots/{hotspot.uuid}/patrols/new/", form | {"start": "09:12", "end": "09:25"}).status_code
        == 302
    )
    assert hotspot.visits.count() == 3
