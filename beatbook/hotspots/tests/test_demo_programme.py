"""The demo's hotspot programme reproduces 003_*'s figures on the roll-up page's JSON twin."""

from __future__ import annotations

import random
from datetime import timedelta

import pytest
from django.test import Client

from beatbook.accounts.actions import do_create_api_token
from beatbook.areas.models import Area, Level
from beatbook.audit.models import AuditEvent
from beatbook.demo.build import do_load_demo_hotspot, do_load_demo_incidents
from beatbook.hotspots.demo import (
    COORDINATOR,
    ENDS_ON,
    FIRST_START,
    NAME_SUFFIX,
    PATROL_HOURS,
    do_load_demo_programme,
    plan_programme_patrols,
)
from beatbook.hotspots.models import DesignatedHotspot
from beatbook.lib.dates import LONDON

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

    # The dosage view reads the short visits: each programme hotspot's last four weeks has some of 10-15 minutes.
    designated = client_as("analyst").get("/areas/derbyshire/hotspots/?format=json&table=designated").json()["rows"]
    shares = [row["koper_share"] for row in designated if row["name"].endswith(NAME_SUFFIX)]
    assert len(shares) == 23 and all(share and share > 0 for share in shares), shares


def test_the_programme_patrols_are_mostly_short_visits_with_some_funded_shifts():
    hotspots = [
        DesignatedHotspot(pk=n, name=f"H{n}", starts_on=FIRST_START + timedelta(weeks=n % 4), ends_on=ENDS_ON)
        for n in range(1, 24)
    ]
    visits = plan_programme_patrols(hotspots, random.Random(20230703))
    minutes = [length for _, _, length in visits]
    assert sum(minutes) == PATROL_HOURS * 60
    short = sum(10 <= m <= 20 for m in minutes)  # noqa: PLR2004 - the short visits' range
    koper = sum(10 <= m <= 15 for m in minutes)  # noqa: PLR2004 - the Koper curve's range
    assert short / len(minutes) > 0.7 and koper / len(minutes) > 0.5  # noqa: PLR2004
    assert all(150 <= m <= 12 * 60 for m in minutes if m > 20)  # noqa: PLR2004 - funded shifts, under the limit
    assert len(visits) < 5000  # noqa: PLR2004 - the demo loads in seconds
    for hotspot in hotspots:
        mine = sorted((start, start + timedelta(minutes=m)) for h, start, m in visits if h is hotspot)
        # A whole number of tenths of an hour each, so the roll-up's rounded rows add up exactly.
        assert sum(int((end - start).total_seconds()) for start, end in mine) % 360 == 0
        assert all(end <= later for (_, end), (later, _) in zip(mine, mine[1:], strict=False))  # no overlaps
        assert all(hotspot.starts_on <= start.astimezone(LONDON).date() <= ENDS_ON for start, _ in mine)


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
