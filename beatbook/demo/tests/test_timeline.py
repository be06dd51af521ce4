"""The demo runs on one timeline: April 2018 to the month before it is loaded, nothing later than the moment
it was loaded, and every signed-in page for its latest month has data."""

from __future__ import annotations

from datetime import UTC, date, datetime

import time_machine
from django.apps import apps
from django.core.management import call_command
from django.db import models
from django.db.models import Count, Max, Min, Sum

from beatbook.asb.models import CaseReview, PowerUse
from beatbook.contact.tests.test_social_reports import SOCIAL_TABLES
from beatbook.counts.models import LsoaKindMonthCount, LsoaMonthCount
from beatbook.crime.models import Incident, StopSearch
from beatbook.demo.incidents import demo_last_month, demo_plan, monthly_counts
from beatbook.problemsolving.models import ProblemPlan

LOADED_AT = datetime(2026, 6, 17, 9, 41, tzinfo=UTC)  # a Wednesday morning, 10:41 in London
LATEST_MONTH = date(2026, 5, 1)
# Dates planned ahead (a plan's next review, an action's due date, an order's expiry) lie in the future by
# design: they record no event, so they are not held to the moment of loading.
# Named field by field so an event's date (a review held, an engagement reviewed, a Case Review received) is
# still held to the moment of loading.
PLANNED = (
    "due",
    "expir",
    "deadline",
    "next_",
    "ends_on",
    "Meeting.starts_at",
    "acknowledge_by",
    "decide_by",
    "meet_by",
)


PAGES = [  # (role, page, tables that must have rows: the page's first when none are named)
    ("pcso", "/areas/staveley/crime/?to=2026-05", ["monthly"]),
    ("inspector", "/areas/chesterfield/hotspots/?to=2026-05", ["top-cells", "designated"]),
    ("inspector", "/areas/chesterfield/tasking/", ["last-7-days", "last-28-days", "repeat-locations", "behind"]),
    ("inspector", "/areas/chesterfield/engagement/?from=2026-05-01&to=2026-05-31", []),
    ("inspector", "/areas/chesterfield/abstractions/?from=2026-05-01&to=2026-05-31", []),
    ("inspector", "/areas/chesterfield/priorities/", []),
    ("analyst", "/areas/derbyshire/stop-and-search/?year_ending=2026-05&years=1", ["by-month", "by-outcome"]),
    ("inspector", "/areas/chesterfield/asb-powers/?from=2026-05&to=2026-05", ["uses-by-power"]),
    ("analyst", "/areas/derbyshire/case-reviews/?year=2026-27", ["by-local-authority"]),
    ("inspector", "/areas/chesterfield/problem-solving/", ["active-plans-by-area", "plans"]),
    ("inspector", "/areas/chesterfield/tasking-meetings/", ["repeat-victims", "repeat-locations", "tasking-meetings"]),
    ("inspector", "/areas/chesterfield/hotspot-programme/", []),
    (
        "inspector",
        "/areas/chesterfield/contact/?from=2026-05&to=2026-05",
        ["calls-by-month", "wait-by-month", "service-level-by-month", "home-office-rank"],
    ),
    ("inspector", "/areas/chesterfield/contact/?from=2026-05&to=2026-05&line=101", ["calls-by-month"]),
    # Social media (the same contact page): the accounts held, their activity and audience in the latest month.
    ("analyst", "/areas/derbyshire/contact/?from=2026-05&to=2026-05", SOCIAL_TABLES),
    (
        "analyst",
        "/areas/derbyshire/community/?from=2026-05&to=2026-05",
        ["alert-by-month", "messages-by-category", "messages-by-category-and-month"],
    ),
    ("hr", "/areas/derbyshire/workforce/?on=2026-05-31", ["officers-by-month", "joiners-and-leavers"]),
    ("hr", "/areas/derbyshire/workforce/citizens/?on=2026-05-31", ["specials-hours-by-month", "hours-this-year"]),
    ("hr", "/areas/derbyshire/workforce/skills/?on=2026-05-31", ["taser", "deployable"]),
    ("hr", "/areas/derbyshire/workforce/home-office/", []),
    ("scrutiny", "/scrutiny/measures/calls-999-answered-10s/", []),
    ("scrutiny", "/scrutiny/measures/abstractions-per-month/", []),
    ("scrutiny", "/scrutiny/measures/all-crime-rolling-12-months/", []),
    ("analyst", "/areas/derbyshire/outcomes/?year_ending=2026-05&years=1", ["positive-outcomes", "burglary"]),
]
# (role, page, table, row, column): that row (-1: the latest month's) has a value above zero, where a table
# has its rows whether or not the period has data.
LATEST_ROWS = [
    ("hr", "/areas/derbyshire/workforce/?on=2026-05-31", "officers-by-month", -1, "leavers"),
    ("hr", "/areas/derbyshire/workforce/citizens/?on=2026-05-31", "specials-hours-by-month", -1, "hours"),
    ("hr", "/areas/derbyshire/workforce/skills/?on=2026-05-31", "taser", 0, "trained"),
    ("analyst", "/areas/derbyshire/community/?from=2026-05&to=2026-05", "alert-by-month", -1, "messages"),
    ("analyst", "/areas/derbyshire/contact/?from=2026-05&to=2026-05", "social-media-audience", -1, "change_pct"),
    # Residential burglary (the groups' third row): crimes of the year to the latest month have outcomes.
    ("analyst", "/areas/derbyshire/outcomes/?year_ending=2026-05&years=1", "positive-outcomes", 2, "positive"),
    ("analyst", "/areas/derbyshire/outcomes/?year_ending=2026-05&years=1", "burglary", -1, "positive_rate"),
]


def _dated_models() -> list[tuple[type[models.Model], list[str]]]:
    return [
        (model, [f.name for f in model._meta.concrete_fields if isinstance(f, models.DateField)])
        for model in apps.get_models()
        if model.__module__.startswith("beatbook.") and isinstance(model._meta.pk, models.AutoField)
    ]


def _latest_values(since: dict[str, int]) -> dict[str, object]:
    """The latest value of every date and time field of every Beatbook model (DateTimeField is a DateField),
    over the rows added after `since` (the largest primary key of each model before)."""
    latest = {}
    for model, fields in _dated_models():
        rows = model.objects.filter(pk__gt=since.get(model.__name__, 0))
        for name in fields:
            value = rows.aggregate(latest=Max(name))["latest"]
            if value is not None:
                latest[f"{model.__name__}.{name}"] = value
    return latest


def test_the_demo_ends_when_it_was_loaded_and_its_latest_month_has_data(db, settings, tmp_path, client_as) -> None:  # noqa: ANN001
    settings.DATA_DIR = tmp_path
    # The test database already holds the demo's geography and logins, made at the real time.
    before = {model.__name__: model.objects.aggregate(last=Max("pk"))["last"] or 0 for model, _ in _dated_models()}
    with time_machine.travel(LOADED_AT, tick=False):
        call_command("load_demo", "--quiet", "--allow-production", "--incident-scale", "0.05")
        latest = _latest_values(before)
        assert {"Incident.occurred_at", "Engagement.started_at", "Abstraction.ended_at", "PatrolVisit.ended_at"} <= set(
            latest
        )
        for name, value in latest.items():
            if any(word in name for word in PLANNED):
                continue
            limit = LOADED_AT if isinstance(value, datetime) else LOADED_AT.date()
            assert value <= limit, f"{name} is {value}, after the demo was loaded"
        months = Incident.objects.aggregate(first=Min("month"), last=Max("month"))
        assert months == {"first": date(2018, 4, 1), "last": LATEST_MONTH}
        # Every page below the force reads the LSOA counts: after the demo's last step that moves incidents
        # (burglaries moved between LSOAs to match a seed table) they still equal a direct count.
        assert _lsoa_counts(LsoaMonthCount.objects) == _lsoa_counts(Incident.objects, "id")
        assert _lsoa_counts(LsoaKindMonthCount.objects) == _lsoa_counts(Incident.objects, "id")
        # Records the pages above count by month reach the latest month (a table of zeros would still have rows).
        assert StopSearch.objects.aggregate(last=Max("month"))["last"] == LATEST_MONTH
        for model, field in [(PowerUse, "issued_on"), (ProblemPlan, "approved_on"), (ProblemPlan, "closed_on")]:
            assert model.objects.filter(**{f"{field}__gte": LATEST_MONTH}).exists(), f"{model.__name__}.{field}"
        assert CaseReview.objects.filter(received_on__gte=date(2026, 4, 1)).exists()
        for role, path, tables in PAGES:
            client = client_as(role)
            assert client.get(path).status_code == 200, path
            separator = "&" if "?" in path else "?"
            names = client.get(f"{path}{separator}format=json&table=-").content.decode().split(": ")[1].split(", ")
            for name in tables or names[:1]:
                body = client.get(f"{path}{separator}format=json&table={name}").json()
                assert body["rows"], f"{path} table {name} is empty"
        for role, path, name, index, column in LATEST_ROWS:
            row = client_as(role).get(f"{path}&format=json&table={name}").json()["rows"][index]
            assert row[column], f"{path} table {name}: {column} is {row[column]} in {row}"


def _lsoa_counts(rows, counted: str = "") -> dict:  # noqa: ANN001 - a manager
    """{(lsoa id, month, kind): n}, summing stored counts (`n`) or counting rows (`counted`)."""
    total = Count(counted) if counted else Sum("n")
    grouped = rows.order_by().values_list("lsoa_id", "month", "kind").annotate(total=total)
    return {(lsoa, month, kind): n for lsoa, month, kind, n in grouped if n}


def test_the_seed_periods_are_exact_and_later_months_continue_them() -> None:
    asb_nuisance = [20_829, 17_187, 39_741, 21_475, 18_211]  # paper 000, table 5.2
    seed = monthly_counts(asb_nuisance, 0.2)
    extended = monthly_counts(asb_nuisance, 0.2, date(2026, 10, 1))
    assert all(extended[month] == count for month, count in seed.items())
    assert sum(extended[date(2018 + (m < 4), m, 1)] for m in [*range(4, 13), 1, 2, 3]) == 20_829
    # The later years stay within a few percent a year of the last seed year.
    year_2025 = sum(n for month, n in extended.items() if date(2025, 4, 1) <= month <= date(2026, 3, 1))
    assert 0.8 * 18_211 < year_2025 < 1.2 * 18_211
    assert demo_last_month(date(2026, 1, 1)) == date(2025, 12, 1)
    assert max(item[3] for item in demo_plan(date(2024, 7, 1))) == date(2024, 7, 1)
