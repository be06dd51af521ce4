"""The demo reproduces the seed papers' problem-solving figures through the page's JSON twins."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from beatbook.areas.models import Area, Level
from beatbook.problemsolving.demo import do_load_demo_plans

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_plans(db):
    do_load_demo_plans(Area.objects.get(code="derbyshire"))


def _rows(client, url: str, table: str) -> list[dict]:
    response = client.get(url + ("&" if "?" in url else "?") + f"format=json&table={table}")
    assert response.status_code == 200
    return response.json()["rows"]


def test_it_reproduces_the_active_plans_at_31_march_2023(demo_plans, client_as):
    rows = _rows(client_as("analyst"), "/areas/derbyshire/problem-solving/?on=2023-03-31", "active-plans-by-area")
    assert {row["area"]: row["active"] for row in rows} == {
        "Amber Valley": 6,
        "Chesterfield": 8,
        "Derbyshire Dales": 2,
        "Derby East": 5,
        "Derby North": 5,
        "Derby South": 2,  # the South Derbyshire LPU's report_name
        "Derby West": 5,
        "Erewash": 1,
        "High Peak": 1,
        "North East": 4,
        "Rural Crime Team": 1,
    }


def test_it_reproduces_the_closures_by_code_since_february_2023(demo_plans, client_as):
    url = "/areas/derbyshire/problem-solving/?closed_from=2023-02-01&closed_to=2023-09-30"
    rows = _rows(client_as("scrutiny"), url, "closures-by-code")
    assert [row["closed"] for row in rows] == [38, 3, 1]


def test_a_force_wide_unit_is_not_counted_in_an_lpu(demo_plans, client_as):
    rows = _rows(client_as("inspector"), "/areas/chesterfield/problem-solving/?on=2023-03-31", "active-plans-by-area")
    assert {row["area"]: row["active"] for row in rows} == {"Chesterfield": 8}


def test_a_bad_date_is_a_clear_400(client_as):
    response = client_as("analyst").get("/areas/derbyshire/problem-solving/?on=31/03/2023")
    assert response.status_code == 400


def test_active_plans_by_local_authority_add_up_to_40(demo_plans, client_as):
    url = "/areas/derbyshire/problem-solving/?on=2023-03-31&format=json&table=active-plans-by-local-authority"
    rows = client_as("analyst").get(url).json()["rows"]
    assert sum(row["active"] for row in rows if not row["local_authority"].startswith("All of")) == 40
    assert sum(row["active"] for row in rows if row["local_authority"].startswith("All of")) == 40


@pytest.mark.parametrize("loaded_on", [date(2026, 6, 17), date(2026, 11, 30)])
def test_every_lpu_has_active_plans_whenever_the_demo_is_loaded(db, client_as, loaded_on):
    """The later plans take the LPUs in turn, so no LPU's page is empty in the demo's latest month."""
    force = Area.objects.get(code="derbyshire")
    do_load_demo_plans(force, today=loaded_on)
    month_end = loaded_on - timedelta(days=loaded_on.day)  # the last day of the demo's latest month
    rows = _rows(client_as("analyst"), f"/areas/derbyshire/problem-solving/?on={month_end}", "active-plans-by-area")
    active = {row["area"]: row["active"] for row in rows}
    lpus = Area.objects.within(force).filter(level=Level.LPU)
    assert all(active.get(lpu.reporting_name, 0) >= 2 for lpu in lpus), active


def test_the_demo_pcsos_neighbourhood_has_the_live_hotspots_plan(db, client_as, personas):
    from beatbook.demo.build import CURRENT_HOTSPOT_NAME  # noqa: PLC0415
    from beatbook.hotspots.actions import do_designate_hotspot  # noqa: PLC0415

    do_designate_hotspot(
        area=Area.objects.get(code="staveley"),
        name=CURRENT_HOTSPOT_NAME,
        cells=[(442500, 374500)],
        cell_size=250,
        starts_on=date.today() - timedelta(days=60),
        weekly_target_minutes=90,
        acting_user=personas["inspector"],
    )
    do_load_demo_plans(Area.objects.get(code="derbyshire"))
    rows = client_as("pcso").get("/areas/staveley/problem-solving/?format=json&table=plans").json()["rows"]
    assert [row["title"] for row in rows] == ["Evening anti-social behaviour in Staveley town centre"]
    assert rows[0]["status"].startswith("Active")
