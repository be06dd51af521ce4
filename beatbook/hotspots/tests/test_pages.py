from __future__ import annotations

from datetime import date, timedelta

from django.utils import timezone

from beatbook.areas.models import Area
from beatbook.crime.imports import do_import_source
from beatbook.crime.sources import iter_sources
from beatbook.crime.tests.conftest import SAMPLE
from beatbook.hotspots.actions import do_designate_hotspot, do_log_patrol_visit


def test_the_page_lists_the_top_cells_with_place_names(client_as, tmp_path) -> None:  # noqa: ANN001
    path = tmp_path / "2018-07-derbyshire-street.csv"
    path.write_bytes(SAMPLE.read_bytes())
    do_import_source(next(iter_sources(path)), acting_user=None)
    body = client_as("analyst").get("/areas/derbyshire/hotspots/?from=2018-07&to=2018-07&format=json&table=top-cells")
    rows = body.json()["rows"]
    assert len(rows) == 20 and rows[0]["rank"] == 1 and rows[0]["place"].startswith("On or near")
    assert rows[0]["score"] >= rows[-1]["score"] and rows[0]["cell_x"] % 250 == 0
    page = client_as("analyst").get("/areas/derbyshire/hotspots/?from=2018-07&to=2018-07")
    assert b'id="hotspot-map"' in page.content and b"Top 20 cells" in page.content


def test_designated_hotspots_show_their_dosage(client_as, personas: dict) -> None:  # noqa: ANN001
    hotspot = do_designate_hotspot(
        area=Area.objects.get(code="staveley"),
        name="Market Place",
        cells=[(442500, 374500)],
        cell_size=250,
        starts_on=date(2020, 1, 1),
        weekly_target_minutes=120,
        acting_user=personas["inspector"],
    )
    start = timezone.now() - timedelta(hours=2)
    do_log_patrol_visit(
        hotspot=hotspot, started_at=start, ended_at=start + timedelta(minutes=12), acting_user=personas["pcso"]
    )
    rows = client_as("pcso").get("/areas/staveley/hotspots/?format=json&table=designated").json()["rows"]
    assert rows[0]["name"] == "Market Place" and rows[0]["visits_4_weeks"] == 1 and rows[0]["koper_share"] == 100
    assert client_as("outsider").get("/areas/staveley/hotspots/").status_code == 404


def test_an_inspector_designates_a_hotspot_from_the_top_cells(client_as, personas, tmp_path) -> None:  # noqa: ANN001
    from beatbook.accounts.actions import do_grant_membership
    from beatbook.accounts.models import Role
    from beatbook.hotspots.models import DesignatedHotspot

    # The sample's places are in West Yorkshire LSOAs, which count for the force only: give the inspector
    # force-wide reach for this test.
    do_grant_membership(personas["inspector"], Area.objects.get(code="derbyshire"), Role.INSPECTOR, acting_user=None)
    path = tmp_path / "2018-07-derbyshire-street.csv"
    path.write_bytes(SAMPLE.read_bytes())
    do_import_source(next(iter_sources(path)), acting_user=None)
    client = client_as("inspector")
    form_page = client.get("/areas/derbyshire/hotspots/designate/")
    choices = form_page.context["form"].fields["cells"].choices
    assert choices and "incidents" in choices[0][1]
    response = client.post(
        "/areas/derbyshire/hotspots/designate/",
        {
            "name": "Town centre",
            "cells": [choices[0][0], choices[1][0]],
            "starts_on": "2018-07-02",
            "weekly_target_minutes": "90",
        },
    )
    hotspot = DesignatedHotspot.objects.get(name="Town centre")
    assert response["Location"] == f"/hotspots/{hotspot.uuid}/" and len(hotspot.cells) == 2
    assert hotspot.area.code == "derbyshire" and hotspot.weekly_target_minutes == 90
    missing = client.post(
        "/areas/derbyshire/hotspots/designate/", {"name": "", "starts_on": "2018-07-02", "weekly_target_minutes": "5"}
    )
    assert b"There is a problem" in missing.content and DesignatedHotspot.objects.count() == 1


def test_the_tasking_briefing_lists_recent_places(client_as, tmp_path) -> None:  # noqa: ANN001
    from beatbook.crime.tests.test_force_export import HEADER

    lines = [HEADER] + [
        f"INC-{i},2023-03-{day:02d} 20:00,asb,ASN,,On or near High Street,53.2351,-1.4213,E01019484,no,no"
        for i, day in enumerate([1, 2, 3, 25, 26, 27, 28, 29, 30, 31])
    ]
    path = tmp_path / "incidents.csv"
    path.write_text("\n".join(lines) + "\n")
    do_import_source(next(iter_sources(path)), acting_user=None, force_code="derbyshire")
    client = client_as("analyst")
    page = client.get("/areas/derbyshire/tasking/")
    assert page.context["as_of"] == date(2023, 3, 31) and b"Daily tasking briefing" in page.content
    week = client.get("/areas/derbyshire/tasking/?format=json&table=last-7-days").json()["rows"]
    month = client.get("/areas/derbyshire/tasking/?format=json&table=last-28-days").json()["rows"]
    repeats = client.get("/areas/derbyshire/tasking/?format=json&table=repeat-locations").json()["rows"]
    assert week[0]["incidents"] == 7 and month[0]["incidents"] == 7  # 25–31 March; the 1st–3rd are older
    assert repeats == [{"place": "On or near High Street", "incidents": 7}]


def test_all_hotspots_together_are_evaluated_on_the_area_page(client_as, hotspot) -> None:  # noqa: ANN001
    rows = client_as("inspector").get("/areas/chesterfield/hotspots/?format=json&table=all-hotspots").json()["rows"]
    assert rows[0]["measure"] == "Incidents in the hotspots before / after" and len(rows) == 5
    assert rows[2]["value"] is None  # no incidents in the test database: no estimate, rather than a wrong one
