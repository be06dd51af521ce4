"""The demo's weekly tasking meetings reach the week it is loaded, and no further."""

from __future__ import annotations

from datetime import date

import pytest

from beatbook.areas.models import Area, Level
from beatbook.problemsolving.demo import do_load_demo_plans
from beatbook.problemsolving.demo_tasking import WEEKS, do_load_demo_tasking_meetings
from beatbook.problemsolving.models import TaskingMeeting

pytestmark = pytest.mark.django_db
LOADED_ON = date(2026, 6, 16)  # a Tuesday: that day's meeting is not yet held


@pytest.fixture
def demo_meetings(db):
    force = Area.objects.get(code="derbyshire")
    do_load_demo_plans(force, today=LOADED_ON)
    return do_load_demo_tasking_meetings(force, today=LOADED_ON)


def test_every_lpu_and_team_meets_weekly_up_to_the_day_before_loading(demo_meetings):
    areas = Area.objects.within(Area.objects.get(code="derbyshire"))
    meeting = set(TaskingMeeting.objects.values_list("area__code", flat=True))
    assert meeting == set(areas.filter(level__in=[Level.LPU, Level.TEAM]).values_list("code", flat=True))
    assert demo_meetings == len(meeting) * WEEKS
    days = sorted(set(TaskingMeeting.objects.values_list("held_on", flat=True)))
    assert days[-1] == date(2026, 6, 9) and days[0] == date(2026, 4, 21)
    assert {day.weekday() for day in days} == {1}


def test_the_lpu_page_lists_its_meetings_with_the_plans_active_then(demo_meetings, client_as):
    url = "/areas/chesterfield/tasking-meetings/?format=json&table=tasking-meetings"
    rows = [row for row in client_as("inspector").get(url).json()["rows"] if row["area"] == "Chesterfield"]
    assert len(rows) == WEEKS and rows[0]["held_on"] == "2026-06-09"
    assert all(row["plans"] and row["actions"] and "Inspector (chair)" in row["attendees"] for row in rows)


@pytest.mark.parametrize("role", ["constable", "sergeant"])
def test_the_demo_teams_page_lists_its_own_weekly_meetings(demo_meetings, client_as, role):
    """The team's officers (demo logins at Staveley SNT) see their team's meetings, not an empty table."""
    url = "/areas/staveley-snt/tasking-meetings/?format=json&table=tasking-meetings"
    rows = client_as(role).get(url).json()["rows"]
    assert len(rows) == WEEKS and rows[0]["held_on"] == "2026-06-09"
    assert all(row["area"] == "Staveley SNT" and "SNT sergeant (chair)" in row["attendees"] for row in rows)


def test_the_meetings_load_once(demo_meetings):
    assert do_load_demo_tasking_meetings(Area.objects.get(code="derbyshire"), today=LOADED_ON) == 0
