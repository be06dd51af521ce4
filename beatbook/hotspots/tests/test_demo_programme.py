"""The demo's hotspot programme reproduces 003_*'s figures on the roll-up page's JSON twin."""

from __future__ import annotations

import pytest
from django.test import Client

from beatbook.accounts.actions import do_create_api_token
from beatbook.areas.models import Area, Level
from beatbook.audit.models import AuditEvent
from beatbook.demo.build import do_load_demo_hotspot, do_load_demo_incidents
from beatbook.hotspots.demo import COORDINATOR, do_load_demo_programme

pytestmark = pytest.mark.django_db
URL = "/areas/derbyshire/hotspot-programme/?since=2023-07-01&to=2024-03-31&format=json&table=hotspot-programme"


def test_the_programme_gives_the_end_of_term_reports_figures(tmp_path, client_as, personas):
    do_load_demo_incidents(tmp_path, scale=0.1)
    do_load_demo_hotspot()  # the Staveley hotspots come first, as in load_demo, and are not in the programme
    force = Area.objects.get(code="derbyshire")
    hotspots = do_load_demo_programme(force)
    assert len(hotspots) == 23
    lpus = {next(a for a in h.area.ancestors() if a.level == Level.LPU).name for h in hotspots}
    assert len(lpus) == Area.objects.within(force).filter(level=Level.LPU).count()  # every district and the city

    rows = client_as("analyst").get(URL).json()["rows"]
    assert len(rows) == 23 + 2
    total = rows[-2]
    assert total["hotspot"] == "All hotspots"
    figures = ("patrol_hours", "arrests", "stop_searches", "intelligence", "asb_change")
    assert tuple(total[key] for key in figures) == (3024.0, 47, 69, 106, -44.0)
    assert all(row["patrol_hours"] > 0 and row["asb_before"] > 0 for row in rows[:-2])

    _, token = do_create_api_token(personas["analyst"], "test", acting_user=personas["analyst"])
    api = Client(HTTP_AUTHORIZATION=f"Bearer {token}").get(
        "/api/v1/areas/derbyshire/hotspot-programme?since=2023-07-01&to=2024-03-31"
    )
    assert api.json()["tables"][0]["rows"][-2] == total  # the API gives the page's figures

    events = AuditEvent.objects.filter(actor__username=COORDINATOR)
    assert events.filter(event="hotspot.designated").count() == 23
    batches = events.filter(event="patrol.returns_logged")
    assert batches.count() == 23
    assert sum(e.detail["visits"] for e in batches) == sum(h.visits.count() for h in hotspots)
    assert do_load_demo_programme(force) == []  # a second load adds nothing


def test_bulk_patrol_returns_make_every_check_and_write_all_or_nothing(personas):
    from datetime import UTC, date, datetime

    from django.core.exceptions import PermissionDenied, ValidationError

    from beatbook.hotspots.actions import do_designate_hotspot, do_log_demo_patrol_returns
    from beatbook.hotspots.models import PatrolVisit

    hotspot = do_designate_hotspot(
        area=Area.objects.get(code="staveley"),
        name="Returns",
        cells=[(437000, 374750)],
        cell_size=250,
        starts_on=date(2023, 7, 3),
        ends_on=date(2023, 9, 30),
        weekly_target_minutes=60,
        acting_user=personas["inspector"],
    )
    good = {"started_at": datetime(2023, 7, 4, 18, tzinfo=UTC), "ended_at": datetime(2023, 7, 4, 21, tzinfo=UTC)}
    late = {"started_at": datetime(2023, 10, 4, 18, tzinfo=UTC), "ended_at": datetime(2023, 10, 4, 19, tzinfo=UTC)}
    with pytest.raises(ValidationError, match="outside that"):
        do_log_demo_patrol_returns(hotspot=hotspot, visits=[good, late], acting_user=personas["pcso"], source="x")
    assert not PatrolVisit.objects.filter(hotspot=hotspot).exists()
    with pytest.raises(PermissionDenied):
        do_log_demo_patrol_returns(hotspot=hotspot, visits=[good], acting_user=personas["partner"], source="x")
    made = do_log_demo_patrol_returns(hotspot=hotspot, visits=[good], acting_user=personas["pcso"], source="returns")
    assert len(made) == 1
    event = AuditEvent.objects.filter(event="patrol.returns_logged").latest("pk")
    assert event.detail == {"visits": 1, "hours": 3.0, "source": "returns"}
