from __future__ import annotations

from datetime import date

import pytest

from beatbook.areas.models import Area
from beatbook.hotspots.actions import do_designate_hotspot
from beatbook.hotspots.models import DesignatedHotspot


@pytest.fixture
def hotspot(personas: dict) -> DesignatedHotspot:
    """A hotspot in Staveley designated by the Chesterfield inspector: 2 hours a week from 5 January 2026."""
    return do_designate_hotspot(
        area=Area.objects.get(code="staveley"),
        name="Market Place",
        cells=[(442500, 374500)],
        cell_size=250,
        starts_on=date(2026, 1, 5),
        weekly_target_minutes=120,
        acting_user=personas["inspector"],
    )
