"""Issue 17 item 4: a download is named with its area, its table and the period the table shows, as the view
resolved it; never "as-of" the day it was made unless the table is a snapshot of how things stand now.

The guard walks every page of the permission matrix (as a role that may see it), asks each for its tables'
names (a twin of an unknown table answers with the list), and downloads every table's CSV twin."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from beatbook.crime.periods import add_months, file_label, financial_year_start, month_of, month_span
from tests.permission_matrix import MATRIX, Case

pytestmark = pytest.mark.django_db

# The tables that show how things stand now, with no period: their downloads are named "as-of" the day they
# were made (each declares Table.snapshot or render_with_twins(snapshot=True) where it is built).
SNAPSHOT_TABLES = {
    "accounts:user_list": {"users"},
    "areas:assign_lsoas": {"unassigned-lsoas"},
    "areas:detail": {"chesterfield-areas"},
    "areas:lsoas": {"chesterfield-lsoas"},
    "areas:officers": {"chesterfield-officers"},
    "audit:index": {"audit-log"},
    "contact:imports": {"contact-imports"},
    "crime:imports": {"imports"},
    "hotspots:area": {"all-hotspots", "map-layers"},  # every hotspot so far, each over its own months; geography
    "hotspots:designate": {"map-layers"},
    "hotspots:detail": {"map-layers"},
    "neighbourhoods:priorities": {"current", "stale"},
    "problemsolving:area": {"overdue-reviews", "plans"},
    "problemsolving:closure_codes": {"closure-codes"},
    "problemsolving:plan": {"responses"},
    "problemsolving:tasking_meetings": {"tasking-meetings"},
    "scrutiny:index": {"meetings"},
    "scrutiny:manage": {"open-questions", "overdue", "very-overdue", "papers"},
    "scrutiny:priority": {"measures", "questions"},
    "stopsearch:mapping": {"object-of-search-mapping"},
    "stopsearch:panels": {"scrutiny-panels"},
    "workforce:establishment": {"establishment"},
    "workforce:people": {"people"},
}
ORDER = ["chief_inspector", "analyst", "inspector", "admin", "hr", "scrutiny", "partner", "sergeant", "anonymous"]

# Tables that are the same table wherever they are shown, so the same name on each page is right.
SHOWN_ON_SEVERAL_PAGES = {"map-layers"}


def _kwargs(case: Case, personas: dict) -> dict:
    return case.kwargs(personas) if callable(case.kwargs) else case.kwargs


def _table_names(client, url: str) -> list[str]:  # noqa: ANN001
    """The tables a page has twins for ([] for a page without twins): an unknown table's twin lists them."""
    response = client.get(url, {"format": "csv", "table": "no-such-table"})
    found = re.match(rb"table must be one of: (.*)", response.content) if response.status_code == 400 else None
    return found[1].decode().split(", ") if found else []


def _crawl(personas: dict, client_as) -> dict[tuple[str, str], str]:  # noqa: ANN001
    """{(url name, table): the CSV twin's file name} for every table of every page in the matrix."""
    names = {}
    for case in MATRIX:
        if case.method != "GET" or case.name.startswith("api:"):
            continue
        role = next((r for r in ORDER if case.expected.get(r) == 200), None)
        if role is None:
            continue
        client = client_as(role)
        url = reverse(case.name, kwargs=_kwargs(case, personas))
        for table in _table_names(client, url):
            response = client.get(url, {"format": "csv", "table": table})
            assert response.status_code == 200, (url, table, response.content[:200])
            names[(case.name, table)] = response["Content-Disposition"]
    return names


def test_no_table_with_a_period_is_named_as_of_the_day_it_was_downloaded(personas, client_as) -> None:  # noqa: ANN001
    names = _crawl(personas, client_as)
    assert len(names) > 60  # the crawl reached the pages' tables
    as_of = {key for key, name in names.items() if "_as-of-" in name}
    undeclared = {(page, table) for page, table in as_of if table not in SNAPSHOT_TABLES.get(page, set())}
    assert not undeclared, f"tables named as of today, not for their period: {sorted(undeclared)}"
    for page, tables in SNAPSHOT_TABLES.items():  # the allow-list names only snapshots that still exist
        for table in tables:
            assert "_as-of-" in names.get((page, table), "_as-of-"), (page, table)
    # Two pages' different tables never share a file name (QA 17f: both tasking pages' "repeat-locations"); one
    # table shown on several pages (the map's layers) may.
    by_name: dict[str, set[tuple[str, str]]] = {}
    for key, name in names.items():
        by_name.setdefault(name, set()).add(key)
    shared = {
        name: keys
        for name, keys in by_name.items()
        if len({t for _, t in keys} - SHOWN_ON_SEVERAL_PAGES) and len(keys) > 1
    }
    assert not shared, f"different tables with one download name: {shared}"


def _name(response) -> str:  # noqa: ANN001
    assert response.status_code == 200, response.content[:300]
    return response["Content-Disposition"].removeprefix('attachment; filename="').removesuffix('"')


def test_period_labels_name_what_the_table_covers() -> None:
    from beatbook.crime.periods import Days, Period, complete_financial_years, financial_year_period, rolling_12
    from beatbook.outcomes.periods import year_ending

    assert file_label(month_span(date(2025, 4, 9), date(2026, 3, 31))) == "fy-2025-26"
    assert file_label(month_span(date(2025, 5, 1), date(2026, 3, 31))) == "2025-05_to_2026-03"
    assert file_label(month_span(date(2026, 3, 1), date(2026, 3, 31))) == "2026-03"
    assert file_label(financial_year_period(2022)) == "fy-2022-23"
    assert file_label(Days(date(2026, 3, 2), date(2026, 3, 8))) == "2026-03-02_to_2026-03-08"
    assert file_label(Days(date(2026, 3, 31), date(2026, 3, 31))) == "2026-03-31"
    assert file_label(Days(date(2023, 4, 1), None)) == "since-2023-04-01"
    calendar = [Period(str(year), date(year, 1, 1), date(year, 12, 1)) for year in (2021, 2022)]
    assert file_label(calendar) == "calendar-years-2021-2022"
    assert file_label(year_ending(date(2023, 8, 1), 5)) == "year-ending-2023-08_years-5"
    years_and_rolling = [*complete_financial_years(date(2023, 5, 1), 4), rolling_12(date(2023, 5, 1))]
    assert file_label(years_and_rolling) == "financial-years-2019-2022_and_2022-06_to_2023-05"
    # Different periods never share a name: two calendar years and the rolling year, or four.
    fewer = [*calendar, rolling_12(date(2023, 3, 1))]
    more = [Period(str(y), date(y, 1, 1), date(y, 12, 1)) for y in range(2019, 2023)] + [rolling_12(date(2023, 3, 1))]
    assert file_label(fewer) != file_label(more)
    assert file_label([]) == "no-period"


def test_default_period_downloads_name_the_period_shown(client_as) -> None:  # noqa: ANN001
    """Each page's default period, as the view resolved it, names its CSV: never "as-of" the day."""
    from beatbook.areas.models import Area
    from beatbook.contact.views import latest_contact_day

    today = timezone.localdate()
    four_weeks = f"{today - timedelta(days=27):%Y-%m-%d}_to_{today:%Y-%m-%d}"
    engagement_from = add_months(month_of(today), -2)
    abstraction_from = add_months(month_of(today), -5)
    contact_last = latest_contact_day(Area.objects.get(code="derbyshire")) or today
    contact_first = date(financial_year_start(contact_last), 4, 1)
    contact = file_label(month_span(contact_first, contact_last))
    expected = {
        "/areas/chesterfield/engagement/?table=by-area": f"chesterfield_by-area_{engagement_from}_to_{today}.csv",
        "/areas/chesterfield/abstractions/?table=by-team": f"chesterfield_by-team_{abstraction_from}_to_{today}.csv",
        "/areas/chesterfield/workforce/?table=uplift": f"chesterfield_uplift_{today}.csv",
        "/areas/chesterfield/contact/?table=calls-by-month": f"chesterfield_calls-by-month_{contact}.csv",
        "/areas/chesterfield/tasking/?table=behind": f"chesterfield_behind_{four_weeks}.csv",
        "/areas/chesterfield/hotspot-programme/?table=hotspot-programme": (
            f"chesterfield_hotspot-programme_since-{today.year - 1}-04-01.csv"
        ),
    }
    for url, name in expected.items():
        assert _name(client_as("analyst").get(f"{url}&format=csv")) == name, url


def test_stop_and_search_names_its_five_years(client_as) -> None:  # noqa: ANN001
    from beatbook.areas.models import Area
    from beatbook.crime.models import StopSearch
    from beatbook.stopsearch.demo import do_load_demo_stop_search

    do_load_demo_stop_search(Area.objects.get(code="derbyshire"))
    latest = StopSearch.objects.order_by("-month").values_list("month", flat=True).first()
    response = client_as("analyst").get("/areas/derbyshire/stop-and-search/?format=csv&table=by-month")
    assert _name(response) == f"derbyshire_by-month_year-ending-{latest:%Y-%m}_years-5.csv"
    url = f"/areas/derbyshire/stop-and-search/?year_ending={latest:%Y-%m}&years=5&format=csv&table=by-month"
    assert _name(client_as("analyst").get(url)) == _name(response)  # the default and the same period by name


def test_an_explicit_period_has_the_same_name_whatever_the_day(client_as) -> None:  # noqa: ANN001
    urls = [
        "/areas/chesterfield/engagement/?from=2026-01-01&to=2026-03-31&table=by-group",
        "/areas/chesterfield/abstractions/?from=2026-01-01&to=2026-03-31&table=by-reason",
        "/areas/chesterfield/community/?from=2026-01&to=2026-03&on=2026-03-31&table=messages-by-category",
        "/areas/chesterfield/contact/?from=2026-01&to=2026-03&table=calls-by-month",
        "/areas/chesterfield/workforce/?on=2026-03-31&months=6&table=officers-by-month",
        "/areas/chesterfield/hotspot-programme/?since=2025-04-01&to=2026-03-31&table=hotspot-programme",
        "/areas/chesterfield/asb-powers/?from=2026-01&to=2026-03&table=uses-by-power",
        "/areas/chesterfield/case-reviews/?year=2025-26&table=by-local-authority",
        "/areas/chesterfield/tasking-meetings/?date=2026-03-31&table=repeat-victims",
    ]
    names = {}
    for day in (date(2026, 11, 30), date(2027, 6, 15)):
        with time_machine.travel(datetime(day.year, day.month, day.day, 12, tzinfo=UTC), tick=False):
            for url in urls:
                names.setdefault(url, set()).add(_name(client_as("analyst").get(f"{url}&format=csv")))
    for url, found in names.items():
        assert len(found) == 1 and "as-of" not in next(iter(found)), (url, found)
    assert names[urls[0]] == {"chesterfield_by-group_2026-01-01_to_2026-03-31.csv"}
    assert names[urls[3]] == {"chesterfield_calls-by-month_2026-01_to_2026-03.csv"}
    assert names[urls[4]] == {"chesterfield_officers-by-month_2025-10_to_2026-03.csv"}
    assert names[urls[5]] == {"chesterfield_hotspot-programme_2025-04-01_to_2026-03-31.csv"}
    assert names[urls[7]] == {"chesterfield_by-local-authority_fy-2025-26.csv"}


def test_a_filtered_download_is_named_for_its_filter(client_as) -> None:  # noqa: ANN001
    """QA 17f: `?users-q=jones` downloaded one user as `users_as-of-<day>.csv`, the whole list's name; the audit
    log's filtered page 1 had the unfiltered page 1's name."""
    admin = client_as("admin")
    whole = admin.get("/users/?format=csv")["Content-Disposition"]
    jones = admin.get("/users/?format=csv&users-q=Jones")["Content-Disposition"]
    assert "filtered" not in whole and re.search(r'filename="users_as-of-[\d-]+_filtered-jones\.csv"', jones)
    assert admin.get("/users/?format=json&users-q=jones")["Content-Disposition"] == jones.replace(".csv", ".json")
    audit = admin.get("/audit/?format=csv&audit-log-q=user.logged")["Content-Disposition"]
    assert re.search(r"audit-log_page-1_as-of-[\d-]+_filtered-user-logged-[0-9a-f]{8}\.csv", audit)
    other = admin.get("/audit/?format=csv&audit-log-q=user-logged")["Content-Disposition"]
    assert "_filtered-user-logged.csv" in other  # spelt exactly: no digest; a different filter, another name


def test_the_two_tasking_pages_repeat_locations_have_different_names() -> None:
    """QA 17f: the tasking meetings' repeat locations (flagged in the records) and the tasking briefing's (places
    with three incidents) were both `staveley_repeat-locations_2026-10-04_to_2026-10-31.csv` in the demo."""
    from beatbook.areas.models import Area
    from beatbook.hotspots.tasking import briefing_tables
    from beatbook.problemsolving.tasking import repeat_tables
    from beatbook.web.tables import download_name

    staveley, day = Area.objects.get(code="staveley"), date(2026, 10, 31)
    flagged = next(t for t in repeat_tables(staveley, day) if t.name == "repeat-locations")
    briefing = next(t for t in briefing_tables(staveley, day) if t.name == "repeat-locations")
    briefing.period = flagged.period  # the same 28 days, as the tasking page names them
    assert download_name(flagged, staveley, "csv") == "staveley_repeat-locations-flagged_2026-10-04_to_2026-10-31.csv"
    assert download_name(briefing, staveley, "csv") == "staveley_repeat-locations_2026-10-04_to_2026-10-31.csv"
