"""The demo's incidents lie where their LSOA is: inside its MSOA's real outline, so a neighbourhood's hotspots
sit inside its own outline on the map, and police.uk's `locate-neighbourhood` and `…/boundary` agree with
them. They were laid out around each team's centre, wherever the LSOA really is: 2 of 94 neighbourhoods had
most of their incidents inside their own outline, and Ashbourne's lay 10 km away, by Matlock."""

from __future__ import annotations

import numpy as np
import pytest
import shapely

from beatbook.areas.models import Area, Lsoa
from beatbook.crime.models import Incident
from beatbook.demo.build import do_load_demo_incidents
from beatbook.demo.incidents import _points_inside, msoa_outlines

pytestmark = pytest.mark.django_db


def test_every_demo_incident_lies_inside_its_lsoa_s_msoa(tmp_path) -> None:  # noqa: ANN001
    do_load_demo_incidents(tmp_path, scale=0.02)
    outlines = msoa_outlines()
    msoa_of = dict(Lsoa.objects.values_list("pk", "msoa_code"))
    rows = list(Incident.objects.filter(latitude__isnull=False).values_list("lsoa_id", "longitude", "latitude"))
    assert len(rows) > 1000
    outside = [row for row in rows if not shapely.contains_xy(outlines[msoa_of[row[0]]], row[1], row[2])]
    assert outside == []
    ashbourne = Incident.objects.filter(lsoa__neighbourhood=Area.objects.get(code="ashbourne"))
    assert all(52.99 < lat < 53.04 for lat in ashbourne.values_list("latitude", flat=True))  # not by Matlock


def test_a_cluster_that_would_spill_out_of_the_outline_is_kept_inside() -> None:
    square = shapely.box(-1.5, 53.0, -1.49, 53.01)  # about 670 m by 1.1 km
    shapely.prepare(square)
    points = _points_inside(square, np.full((20, 2), 5.0), np.random.default_rng(1))  # 5 km offsets
    assert len(points) == 20
    assert all(shapely.contains_xy(square, lon, lat) for lat, lon in points)
