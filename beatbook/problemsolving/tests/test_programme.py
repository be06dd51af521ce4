"""The hotspot programme roll-up: patrol outputs and ASB before/after for hotspots designated since a date."""

from __future__ import annotations

from datetime import UTC, date, datetime

import numpy as np
import pytest

from beatbook.areas.models import Area, Lsoa
from beatbook.crime.models import Incident
from beatbook.hotspots.actions import do_designate_hotspot, do_log_patrol_visit
from beatbook.hotspots.analysis import to_bng

pytestmark = pytest.mark.django_db
LON, LAT = -1.3519, 53.2667  # central Staveley


def _asb(month: date, lon: float, n: int, tag: str) -> list[Incident]:
    lsoa = Lsoa.objects.filter(neighbourhood__code="staveley").first()
    force = Area.objects.get(code="derbyshire")
    return [
        Incident(
            force=force,
            source="police_uk",
            kind="asb",
            month=month,
            category="anti-social-behaviour",
            lsoa=lsoa,
            lsoa_code=lsoa.code,
            longitude=lon,
            latitude=LAT,
            fingerprint=f"{tag}{i}",
        )
        for i in range(n)
    ]


def test_the_roll_up_sums_patrols_and_compares_asb_before_and_after(personas, client_as):
    x, y = to_bng(np.array([LON]), np.array([LAT]))
    cell = (int(x[0] // 250 * 250), int(y[0] // 250 * 250))
    hotspot = do_designate_hotspot(
        area=Area.objects.get(code="staveley"),
        name="Roll-up hotspot",
        cells=[cell],
        cell_size=250,
        starts_on=date(2023, 1, 2),
        ends_on=date(2023, 2, 28),
        weekly_target_minutes=60,
        acting_user=personas["inspector"],
    )
    do_log_patrol_visit(
        hotspot=hotspot,
        started_at=datetime(2023, 1, 5, 10, tzinfo=UTC),
        ended_at=datetime(2023, 1, 5, 12, tzinfo=UTC),
        arrests=2,
        stop_searches=3,
        intelligence_submissions=4,
        asb_powers=["dispersal"],
        acting_user=personas["pcso"],
    )
    far = LON - 0.05  # elsewhere in the LPU (same LSOA link, other coordinates)
    Incident.objects.bulk_create(
        _asb(date(2022, 12, 1), LON, 10, "hb")
        + _asb(date(2023, 1, 1), LON, 4, "ha")
        + _asb(date(2022, 12, 1), far, 20, "cb")
        + _asb(date(2023, 1, 1), far, 20, "ca")
    )
    url = "/areas/chesterfield/hotspot-programme/?since=2023-01-01&format=json&table=hotspot-programme"
    rows = client_as("inspector").get(url).json()["rows"]
    mine = rows[0]
    assert (mine["patrol_hours"], mine["arrests"], mine["stop_searches"], mine["intelligence"], mine["asb_powers"]) == (
        2.0,
        2,
        3,
        4,
        1,
    )
    assert (mine["asb_before"], mine["asb_after"], mine["asb_change"]) == (10, 4, -60.0)
    assert rows[-1]["asb_change"] == -60.0  # the rest of the LPU did not change


def test_the_roll_up_is_computed_once_and_again_only_when_its_inputs_change(personas, client_as, monkeypatch):
    """The page and its twins are served from one cached computation (per data version and state of the
    hotspots and their visits); a new patrol visit is seen at once."""
    from beatbook.counts.refresh import bump_data_version
    from beatbook.problemsolving import programme

    computed = []
    original = programme.programme_table
    monkeypatch.setattr(programme, "programme_table", lambda *args: computed.append(args) or original(*args))
    x, y = to_bng(np.array([LON]), np.array([LAT]))
    hotspot = do_designate_hotspot(
        area=Area.objects.get(code="staveley"),
        name="Cached hotspot",
        cells=[(int(x[0] // 250 * 250), int(y[0] // 250 * 250))],
        cell_size=250,
        starts_on=date(2023, 1, 2),
        weekly_target_minutes=60,
        acting_user=personas["inspector"],
    )
    client = client_as("inspector")
    url = "/areas/chesterfield/hotspot-programme/?since=2023-01-01"
    assert client.get(url).status_code == 200
    twin = client.get(url + "&format=json&table=hotspot-programme").json()
    assert client.get(url + "&format=csv&table=hotspot-programme").status_code == 200
    assert len(computed) == 1 and twin["rows"][0]["patrol_hours"] == 0
    do_log_patrol_visit(
        hotspot=hotspot,
        started_at=datetime(2023, 1, 5, 10, tzinfo=UTC),
        ended_at=datetime(2023, 1, 5, 11, tzinfo=UTC),
        acting_user=personas["pcso"],
    )
    assert client.get(url + "&format=json&table=hotspot-programme").json()["rows"][0]["patrol_hours"] == 1.0
    assert len(computed) == 2
    bump_data_version()  # an import or a geography change
    client.get(url + "&format=json&table=hotspot-programme")
    assert len(computed) == 3
