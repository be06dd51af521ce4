"""The demo's live hotspot is patrolled mostly on target: every whole week meets the weekly target but last
week and one earlier week, this week stands partway, and no visit lies outside the designation or after the
moment of loading."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from beatbook.demo.build import CURRENT_HOTSPOT_NAME, do_load_demo_hotspot, do_load_demo_incidents
from beatbook.hotspots.dosage import dosage
from beatbook.hotspots.models import DesignatedHotspot, PatrolVisit
from beatbook.lib.dates import LONDON

pytestmark = pytest.mark.django_db

LOADED_AT = [  # a Wednesday morning (as test_timeline), a Sunday night, a Monday just after midnight
    datetime(2026, 6, 17, 9, 41, tzinfo=UTC),
    datetime(2026, 11, 29, 22, 30, tzinfo=UTC),
    datetime(2026, 3, 30, 0, 5, tzinfo=UTC),
]


def test_the_live_hotspot_meets_its_target_in_most_weeks(tmp_path) -> None:  # noqa: ANN001
    do_load_demo_incidents(tmp_path, scale=0.02)
    for now in LOADED_AT:
        PatrolVisit.objects.filter(hotspot__area__code="staveley").delete()  # visits protect their hotspot
        DesignatedHotspot.objects.filter(area__code="staveley").delete()
        with time_machine.travel(now, tick=False):
            do_load_demo_hotspot(now=now)
        live = DesignatedHotspot.objects.get(name=CURRENT_HOTSPOT_NAME)
        today = now.astimezone(LONDON).date()
        visits = [(v.started_at, v.ended_at) for v in live.visits.all()]
        assert max(end for _, end in visits) <= now
        assert min(start for start, _ in visits).astimezone(LONDON).date() >= live.starts_on
        whole = dosage(visits, live.weekly_target_minutes, live.starts_on, today)
        assert whole.koper_share == 1.0  # every visit 10 to 15 minutes
        judged = [week for week in whole.weeks if week.whole]
        assert len(judged) >= 12 and whole.weeks_behind == 2, (now, [w.minutes for w in whole.weeks])
        monday = today - timedelta(days=today.weekday())
        (last_week,) = [week for week in whole.weeks if week.starts_on == monday - timedelta(weeks=1)]
        assert not last_week.met and last_week.minutes >= live.weekly_target_minutes / 3
        assert all(3 <= week.visits <= 12 for week in judged)  # about one an evening
        if now == LOADED_AT[0]:
            assert 0 < whole.weeks[-1].minutes < live.weekly_target_minutes  # Wednesday: this week stands partway
        four_weeks = dosage(visits, live.weekly_target_minutes, today - timedelta(days=27), today)
        assert four_weeks.weeks_behind == 1  # the briefing's "behind" table has this hotspot, a week behind
