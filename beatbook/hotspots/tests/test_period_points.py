"""The hotspot page's cells from one read of the area's incidents, and place names read from the top cells'
LSOAs alone, equal those the page computed before (tests/reference_views.py), on the demo's incidents, at
force, LPU and neighbourhood, for every method."""

from __future__ import annotations

import pytest

from beatbook.areas.models import Area, Level
from beatbook.crime.models import Incident
from beatbook.crime.periods import add_months
from beatbook.crime.queries import latest_month
from beatbook.demo.build import do_load_demo_incidents
from beatbook.hotspots.period_points import read_period_points
from beatbook.hotspots.tests.reference_views import old_scored_cells
from beatbook.hotspots.views import METHODS, _scored_cells

pytestmark = pytest.mark.django_db


def _add_unlocated_and_unassigned(force: Area, month) -> None:  # noqa: ANN001 - a date
    """Copies of demo incidents with no position, and with a position but no LSOA: both kinds the demo may
    lack, and each counted apart (unlocated; cells but no LSOA rate)."""
    for number, incident in enumerate(Incident.objects.filter(force=force, month=month).exclude(longitude=None)[:6]):
        incident.pk, incident.crime_id, incident.reference = None, None, f"COPY-{number}"
        if number % 2:
            incident.longitude = incident.latitude = None
        else:
            incident.lsoa = None
        incident.save()


def test_one_read_gives_the_same_cells_and_places(tmp_path) -> None:  # noqa: ANN001
    do_load_demo_incidents(tmp_path, scale=0.1)
    force = Area.objects.get(code="derbyshire")
    latest = latest_month(Incident.objects.filter(force=force))
    _add_unlocated_and_unassigned(force, latest)
    lpu = Area.objects.within(force).filter(level=Level.LPU).order_by("code").first()
    neighbourhood = Area.objects.get(code="staveley")
    periods = [(add_months(latest, -2), latest), (add_months(latest, -23), latest)]
    compared = 0
    for area in (force, lpu, neighbourhood):
        for first, last in periods:
            points = read_period_points(area, first, last)
            for method in METHODS:
                new_cells, new_top, new_unlocated = _scored_cells(area, first, last, method, points)
                old_cells, old_top, old_unlocated = old_scored_cells(area, first, last, method)
                assert new_top.rows == old_top.rows, (area.code, first, method)
                assert new_cells.rows == old_cells.rows, (area.code, first, method)
                assert new_unlocated == old_unlocated
                assert [c.key for c in new_top.columns] == [c.key for c in old_top.columns]
                assert new_top.name == old_top.name and new_top.caption == old_top.caption
                compared += len(new_top.rows)
    assert compared > 100  # real tables were compared, not empty ones
    points = read_period_points(force, *periods[0])
    assert points.unlocated() == 3 and (points.n[(points.lsoa < 0) & points.located].sum()) >= 3
