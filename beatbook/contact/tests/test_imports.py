"""The call-handling import formats: strict, all-or-nothing, audited."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from hypothesis import given
from hypothesis import strategies as st

from beatbook.areas.models import Area
from beatbook.audit.models import AuditEvent
from beatbook.contact.actions import do_import_contact_file
from beatbook.contact.imports import ImportRejected, parse_intervals
from beatbook.contact.models import CallRecord, ContactImport, HomeOfficeMonth, IntervalFigure, SocialMonth
from beatbook.contact.periods import financial_years, parse_period
from beatbook.contact.reports import _disagreement

FIXTURES = Path(__file__).parent / "fixtures"
LINES = {"999", "101-triage", "101-controlworks", "switchboard"}


@pytest.fixture
def force(db) -> Area:
    return Area.objects.get(code="derbyshire")


def _import(force: Area, kind: str, text: str) -> ContactImport:
    return do_import_contact_file(
        force=force, kind=kind, text=text, source_name="test.csv", as_at=date(2023, 12, 1), acting_user=None
    )


@pytest.mark.parametrize(
    ("kind", "name", "model", "rows"),
    [
        ("calls", "calls.csv", CallRecord, 4),
        ("intervals", "intervals.csv", IntervalFigure, 5),
        ("home-office", "home_office.csv", HomeOfficeMonth, 4),
        ("social", "social.csv", SocialMonth, 2),
    ],
)
def test_each_format_imports_its_fixture_with_an_audit_row(force, kind, name, model, rows):
    batch = _import(force, kind, (FIXTURES / name).read_text())
    assert batch.rows == rows and model.objects.count() == rows
    assert AuditEvent.objects.filter(event=f"contact.imported.{kind}").count() == 1


def test_intervals_read_days_months_financial_years_and_runs_of_months():
    rows = parse_intervals((FIXTURES / "intervals.csv").read_text(), LINES)
    assert [(r.start, r.end) for r in rows] == [
        (date(2017, 4, 1), date(2018, 3, 31)),
        (date(2022, 11, 1), date(2022, 11, 30)),
        (date(2022, 11, 1), date(2022, 11, 30)),
        (date(2023, 4, 1), date(2023, 10, 31)),
        (date(2023, 1, 5), date(2023, 1, 5)),
    ]
    assert rows[0].reported_abandoned_pct == Decimal("1.16") and rows[1].offered == 14000
    assert rows[2].offered is None and rows[2].coverage_note.startswith("About")


def test_one_bad_row_imports_nothing_and_says_which_line(force):
    text = (FIXTURES / "calls.csv").read_text() + (
        "C1,112,2023-11-01T10:00:00Z,answered,2023-11-01T10:00:05Z,5\n"
        "C2,999,2023-11-01T10:00:00Z,answered,2023-11-01T10:00:09Z,5\n"
    )
    with pytest.raises(ImportRejected) as rejected:
        _import(force, "calls", text)
    assert rejected.value.errors[0].startswith("Line 6: line '112' is not configured")
    assert rejected.value.errors[1] == "Line 7: wait_seconds does not match ended_at minus offered_at"
    assert CallRecord.objects.count() == 0 and ContactImport.objects.count() == 0


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("line,period\n999,2022-04\n", "missing column"),
        ("line,period,offered,answered_within,abandoned,mean_wait_seconds,extra\n", "unknown column"),
        ("line,period,offered,answered_within,abandoned,mean_wait_seconds\n", "no rows"),
        ("line,period,offered,answered_within,abandoned,mean_wait_seconds\n999,2022-04,10,11,0,5\n", "more than"),
        ("line,period,offered,answered_within,abandoned,mean_wait_seconds\n999,2022-4,10,1,0,5\n", "not a period"),
        ("line,period,offered,answered_within,abandoned,mean_wait_seconds\n999,2022-04,-1,1,0,5\n", "whole number"),
    ],
)
def test_bad_interval_files_are_rejected_with_a_reason(text, message):
    with pytest.raises(ImportRejected) as rejected:
        parse_intervals(text, LINES)
    assert message in " ".join(rejected.value.errors)


def test_home_office_shares_must_add_up(force):
    text = "month,force,total_calls,mean_answer_seconds,under_10_pct,from_10_to_60_pct,over_60_pct\n"
    with pytest.raises(ImportRejected, match="add up to 90"):
        _import(force, "home-office", text + "2022-04,Kent,100,5,80,5,5\n")


def test_calls_already_held_are_not_imported_twice(force):
    _import(force, "calls", (FIXTURES / "calls.csv").read_text())
    with pytest.raises(ImportRejected, match="already imported"):
        _import(force, "calls", (FIXTURES / "calls.csv").read_text())
    assert CallRecord.objects.count() == 4


def test_the_command_imports_or_lists_the_problems(force, tmp_path):
    out = StringIO()
    call_command("import_contact", "derbyshire", "intervals", str(FIXTURES / "intervals.csv"), stdout=out)
    assert "Imported 5 row(s)" in out.getvalue()
    bad = tmp_path / "bad.csv"
    bad.write_text("line,period,offered,answered_within,abandoned,mean_wait_seconds\n999,x,1,1,1,1\n")
    with pytest.raises(CommandError, match="Nothing imported"):
        call_command("import_contact", "derbyshire", "intervals", str(bad), stderr=StringIO())


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 12, 31)), st.integers(0, 2000))
def test_financial_years_tile_the_range_exactly(first, length):
    last = first + timedelta(days=length)
    years = financial_years(first, last)
    assert years[0][1] == first and years[-1][2] == last
    for (_, _, end), (_, start, _) in zip(years, years[1:], strict=False):
        assert start == end + timedelta(days=1) and start.month == 4 and start.day == 1


@given(st.integers(2013, 2090))
def test_a_financial_year_period_runs_april_to_march(year):
    assert parse_period(f"{year}-{(year + 1) % 100:02d}") == (date(year, 4, 1), date(year + 1, 3, 31))


@given(st.integers(1, 10**6), st.data())
def test_a_percentage_printed_from_its_counts_is_never_flagged(whole, data):
    part = data.draw(st.integers(0, whole))
    places = data.draw(st.integers(0, 2))
    printed = round(Decimal(100 * part) / Decimal(whole), places)
    assert _disagreement("x", printed, part, whole) is None


def test_a_percentage_far_from_its_counts_is_flagged():
    assert "1.67%" in _disagreement("the abandonment rate", Decimal("1.16"), 2196, 131113)


def test_a_service_level_is_configuration(force):
    out = StringIO()
    call_command(
        "set_contact_line",
        "derbyshire",
        "101-triage",
        "--name",
        "101 triage",
        "--group",
        "101",
        "--service-level",
        "30",
        stdout=out,
    )
    assert "service level 30 s" in out.getvalue()
    _import(force, "calls", (FIXTURES / "calls.csv").read_text())
    from beatbook.contact.lines import lines_for
    from beatbook.contact.reports import calls_in_period

    (row,) = calls_in_period(lines_for(force, "101-triage"), date(2023, 11, 1), date(2023, 11, 30)).rows
    assert (row["offered"], row["answered_within"]) == (1, 0)  # 70 s: within 60 s, not within 30 s
    with pytest.raises(CommandError):
        call_command("set_contact_line", "derbyshire", "112", "--name", "x", "--group", "999", "--service-level", "0")


def test_a_new_line_can_be_added(force):
    from beatbook.contact.actions import do_set_contact_line

    line = do_set_contact_line(
        force=force, code="101-online", name="101 web chat", group="101", service_level_seconds=120, acting_user=None
    )
    assert (line.key, line.order) == ("101_online", 4)
    assert AuditEvent.objects.filter(event="contact.line.created").count() == 1
