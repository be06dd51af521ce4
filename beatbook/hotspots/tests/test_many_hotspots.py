"""A page of many hotspots reads each LPU's incidents once and the cache once, with the same figures as one
hotspot at a time; its dosage table reads only the visits of the last four weeks."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pytest
from django.utils import timezone

from beatbook.areas.models import Area, Lsoa
from beatbook.crime.imports import do_import_source
from beatbook.crime.queries import incidents
from beatbook.crime.sources import iter_sources
from beatbook.hotspots.analysis import to_bng
from beatbook.hotspots.models import DesignatedHotspot, PatrolVisit
from beatbook.hotspots.points import before_and_after, before_and_after_many, hotspot_contains
from beatbook.hotspots.views import _designated_table

pytestmark = pytest.mark.django_db

INSIDE, OUTSIDE = "53.266913,-1.362379", "53.2351,-1.4213"  # in cell (442500, 374500), and not


@pytest.fixture
def hotspots(tmp_path, personas) -> list[DesignatedHotspot]:  # noqa: ANN001
    from beatbook.crime.tests.test_force_export import HEADER

    lsoa = Lsoa.objects.within(Area.objects.get(code="staveley")).first().code
    lines = [HEADER] + [
        f"INC-{i},{month}-10 20:00,asb,ASN,,On or near Somewhere,{where},{lsoa},no,no"
        for i, (month, where) in enumerate(
            [("2025-09", INSIDE)] * 7
            + [("2025-11", INSIDE)] * 5
            + [("2026-02", INSIDE)] * 3
            + [("2025-10", OUTSIDE)] * 4
            + [("2026-01", OUTSIDE)] * 6
        )
    ]
    path = tmp_path / "incidents.csv"
    path.write_text("\n".join(lines) + "\n")
    do_import_source(next(iter_sources(path)), acting_user=None, force_code="derbyshire")
    staveley = Area.objects.get(code="staveley")
    common = {"area": staveley, "weekly_target_minutes": 60, "designated_by": personas["inspector"]}
    return [
        DesignatedHotspot.objects.create(name="Cell", cells=[[442500, 374500]], starts_on=date(2025, 12, 1), **common),
        DesignatedHotspot.objects.create(
            name="Ended", cells=[[442500, 374500]], starts_on=date(2025, 10, 1), ends_on=date(2025, 11, 30), **common
        ),
        DesignatedHotspot.objects.create(
            name="Outline",
            polygon=[[-1.3636, 53.2676], [-1.3610, 53.2676], [-1.3610, 53.2660], [-1.3636, 53.2660]],
            starts_on=date(2026, 1, 1),
            **common,
        ),
        DesignatedHotspot.objects.create(name="No cells", starts_on=date(2026, 1, 1), **common),
    ]


def test_many_hotspots_at_once_give_each_hotspot_its_own_figures(hotspots) -> None:  # noqa: ANN001
    together = before_and_after_many(hotspots)
    assert together == {hotspot.pk: before_and_after(hotspot) for hotspot in hotspots}
    assert together[hotspots[0].pk].counts != (0, 0, 0, 0) and together[hotspots[3].pk] is None
    assert sum(together[hotspots[1].pk].counts) > 0


def _counted_from_every_point(hotspot) -> tuple[int, int, int, int] | None:  # noqa: ANN001
    """The hotspot's before/after counts from every located point of its LPU, tested one by one (the method
    the counts used before they read the LPU's monthly totals and only the points near the hotspot)."""
    windows = before_and_after(hotspot, count=False)
    if windows is None:
        return None
    rows = incidents(area=windows.lpu, first=windows.before[0], last=windows.after[1]).filter(longitude__isnull=False)
    found = list(rows.values_list("longitude", "latitude", "month"))
    x, y = to_bng(np.array([r[0] for r in found]), np.array([r[1] for r in found]))
    inside = hotspot_contains(hotspot, x, y)
    after = np.array([r[2] >= windows.after[0] for r in found])
    return (
        int((inside & ~after).sum()),
        int((inside & after).sum()),
        int((~inside & ~after).sum()),
        int((~inside & after).sum()),
    )


def test_counts_equal_testing_every_point_of_the_lpu(hotspots) -> None:  # noqa: ANN001
    # The LPU's other incidents (Staveley's demo rows and the fixture's outside points) are counted from the
    # monthly totals, the hotspot's own from the points inside its box: the same figures as testing all.
    together = before_and_after_many(hotspots)
    for hotspot in hotspots:
        expected = _counted_from_every_point(hotspot)
        assert (None if together[hotspot.pk] is None else together[hotspot.pk].counts) == expected, hotspot.name
        assert (before_and_after(hotspot) or together[hotspot.pk]) == together[hotspot.pk]
    assert together[hotspots[2].pk].counts[2] + together[hotspots[2].pk].counts[3] > 0  # the outline's LPU rest


def test_the_area_page_reads_the_lpu_once_and_sums_every_hotspot(
    hotspots, client_as, django_assert_max_num_queries
) -> None:  # noqa: ANN001
    totals = [sum(c) for c in zip(*(before_and_after(h).counts for h in hotspots if before_and_after(h)), strict=True)]
    client = client_as("inspector")
    page = client.get("/areas/staveley/hotspots/?format=json&table=all-hotspots").json()
    assert page["rows"][0]["value"] == f"{totals[0]:,} / {totals[1]:,}"
    with django_assert_max_num_queries(40):  # cached: no query per hotspot
        client.get("/areas/staveley/hotspots/?format=json&table=all-hotspots")


def test_dosage_counts_the_same_visits_reading_only_recent_ones(hotspots, personas) -> None:  # noqa: ANN001
    now = timezone.now().replace(microsecond=0)
    for days_ago in (0, 3, 26, 27, 28, 40, 400):
        started = now - timedelta(days=days_ago)
        PatrolVisit.objects.create(
            hotspot=hotspots[0], officer=personas["pcso"], started_at=started, ended_at=started + timedelta(minutes=12)
        )
    rows = {row["name"]: row for row in _designated_table(Area.objects.get(code="staveley")).rows}
    four_weeks_ago = timezone.localdate() - timedelta(days=27)
    expected = sum(
        1 for days_ago in (0, 3, 26, 27, 28, 40, 400) if (now - timedelta(days=days_ago)).date() >= four_weeks_ago
    )
    assert rows["Cell"]["visits_4_weeks"] == expected >= 3
    assert rows["Ended"]["visits_4_weeks"] == 0


def test_an_ended_hotspot_does_not_make_the_page_read_the_others_old_visits(hotspots, personas) -> None:  # noqa: ANN001
    """Each hotspot's visits are read from its own four-week window: "Ended" (to 30 November 2025) once made
    the page read every visit to "Cell" since November 2025."""
    from beatbook.hotspots.views import _recent_visits  # noqa: PLC0415

    now = timezone.now().replace(microsecond=0)
    for days_ago in (0, 40, 300):
        started = now - timedelta(days=days_ago)
        PatrolVisit.objects.create(
            hotspot=hotspots[0], officer=personas["pcso"], started_at=started, ended_at=started + timedelta(minutes=12)
        )
    assert [started for started, _ in _recent_visits(hotspots)[hotspots[0].pk]] == [now]


def test_the_designated_download_names_the_days_its_figures_come_from(hotspots, client_as) -> None:  # noqa: ANN001
    """QA 17f: "Ended" shows its own last four weeks of 2025, but the download was named the four weeks to today."""
    ended = next(h for h in hotspots if h.name == "Ended")
    today = timezone.localdate()
    ended_from = max(ended.last_day(today) - timedelta(days=27), ended.starts_on)
    client = client_as("inspector")
    named = client.get("/areas/staveley/hotspots/?format=csv&table=designated")["Content-Disposition"]
    assert f'staveley_designated_{ended_from:%Y-%m-%d}_to_{today:%Y-%m-%d}.csv"' in named
    # The tasking page's hotspots behind on patrols are current ones only: the four weeks to today.
    behind = client.get("/areas/staveley/tasking/?format=csv&table=behind")["Content-Disposition"]
    assert f"staveley_behind_{today - timedelta(days=27):%Y-%m-%d}_to_{today:%Y-%m-%d}.csv" in behind


def test_each_tasking_briefing_download_names_its_own_window(hotspots, client_as) -> None:  # noqa: ANN001
    """QA 17f: the 7-day, 28-day and 16-week briefing tables were all named for the briefing's day alone."""
    client = client_as("inspector")
    day = date(2026, 2, 10)
    expected = {"last-7-days": "2026-02-04", "last-28-days": "2026-01-14", "emerging": "2025-10-22"}
    for table, first in expected.items():
        named = client.get(f"/areas/staveley/tasking/?date={day}&format=csv&table={table}")["Content-Disposition"]
        assert f"staveley_{table}_{first}_to_2026-02-10.csv" in named, named
