"""The area crime pages, with a small share of the calibrated demo loaded once for this module."""

from __future__ import annotations

import pytest

from beatbook.crime.models import Incident


@pytest.fixture(scope="module")
def demo_incidents(django_db_setup, django_db_blocker, tmp_path_factory):  # noqa: ANN001, ANN201
    """A tenth of the demo's incidents, loaded for this module and removed after it."""
    from beatbook.demo.build import do_load_demo_incidents

    with django_db_blocker.unblock():
        from django_tasks_db.models import DBTaskResult

        jobs_before = set(DBTaskResult.objects.values_list("pk", flat=True))
        run = do_load_demo_incidents(tmp_path_factory.mktemp("demo"), scale=0.1)
        # The load commits (outside any test's transaction) and queues a warming job: drop it, or a later
        # module's "one job ran" counts it too.
        DBTaskResult.objects.exclude(pk__in=jobs_before).delete()
        yield run
        from beatbook.counts.refresh import rebuild_counts
        from beatbook.crime import loading

        loading.delete_ids(Incident, list(Incident.objects.filter(import_run=run).values_list("id", flat=True)))
        run.delete()
        rebuild_counts()  # incidents deleted other than by an import: recount


def test_the_force_page_has_the_seed_tables(demo_incidents, client_as) -> None:  # noqa: ANN001
    page = client_as("analyst").get("/areas/derbyshire/crime/?to=2022-12")
    assert page.status_code == 200
    html = page.content.decode()
    for text in [
        "ASB incidents by type, Derbyshire Constabulary",
        "Neighbourhood crime by type",
        "BURGLARY – RESIDENTIAL",
        "2018/19",
        "2021/22",
        "12 months to Dec 2022",
        "<svg",
        "Rates per 1,000",
        "Crimes and ASB incidents by local authority, Derbyshire Constabulary",
        "All of North",
    ]:
        assert text in html, text


def test_the_asb_twin_has_a_column_per_year_and_the_changes(demo_incidents, client_as) -> None:  # noqa: ANN001
    body = client_as("analyst").get("/areas/derbyshire/crime/?to=2022-12&format=json&table=asb-by-type").json()
    assert [c["key"] for c in body["columns"]] == [
        "label",
        "fy_2018_19",
        "fy_2019_20",
        "fy_2020_21",
        "fy_2021_22",
        "12m_to_2022_12",
        "change_on_last_year",
        "change_on_previous_12m",
    ]
    labels = [row["label"] for row in body["rows"]]
    assert labels == ["Environmental", "Nuisance", "Personal", "Total"]
    total = body["rows"][-1]
    assert total["fy_2018_19"] == sum(row["fy_2018_19"] for row in body["rows"][:-1])
    # A tenth of the seed's 37,405 (rounding per type and month allows a little either way).
    assert abs(total["fy_2018_19"] - 3_740) < 60


def test_a_neighbourhood_page_counts_only_its_lsoas(demo_incidents, client_as) -> None:  # noqa: ANN001
    from beatbook.areas.models import Area

    staveley = Area.objects.get(code="staveley")
    expected = Incident.objects.filter(lsoa__neighbourhood=staveley, month__year=2022).count()
    body = client_as("pcso").get("/areas/staveley/crime/?to=2022-12&format=json&table=monthly").json()
    assert sum(row["crime"] + row["asb"] for row in body["rows"][-12:]) == expected


def test_the_page_is_404_outside_reach(demo_incidents, client_as) -> None:  # noqa: ANN001
    assert client_as("pcso").get("/areas/chesterfield/crime/").status_code == 404
    assert client_as("outsider").get("/areas/derbyshire/crime/").status_code == 404


def test_a_force_without_data_says_so(client_as) -> None:  # noqa: ANN001
    page = client_as("outsider").get("/areas/northshire/crime/")
    assert page.status_code == 200 and b"no crime or ASB data" in page.content


def test_the_api_gives_the_same_tables(demo_incidents, client_as, personas: dict) -> None:  # noqa: ANN001
    from django.test import Client

    from beatbook.accounts.actions import do_create_api_token

    _, raw = do_create_api_token(personas["inspector"], "script", acting_user=personas["inspector"])
    body = Client().get("/api/v1/areas/chesterfield/crime?to=2022-12", HTTP_AUTHORIZATION=f"Bearer {raw}").json()
    page = client_as("inspector").get("/areas/chesterfield/crime/?to=2022-12&format=json&table=asb-by-type").json()
    assert body["to"] == "2022-12" and body["tables"][1]["rows"] == page["rows"]
    bad = Client().get("/api/v1/areas/chesterfield/crime?to=December", HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert bad.status_code == 400 and "YYYY-MM" in bad.json()["error"]


def test_the_summary_compares_each_period_with_its_own(demo_incidents, client_as) -> None:  # noqa: ANN001
    rows = client_as("analyst").get("/areas/derbyshire/crime/?to=2022-12&format=json&table=summary").json()["rows"]
    assert [row["period"].split(":")[0] for row in rows] == [
        "Month",
        "Quarter",
        "Financial year to date",
        "Rolling 12 months",
        "Rolling 12 months against the baseline",
    ]
    assert rows[1]["period"].endswith("2022/23 Q3") and rows[2]["compared_with"] == "the same months a year before"
    assert rows[4]["compared_with"] == "2018/19"
    for row in rows:
        if row["crimes_then"]:
            assert row["crimes_change"] == round(100 * (row["crimes"] - row["crimes_then"]) / row["crimes_then"], 1)


def test_trend_tables_take_calendar_years_and_years_ending_any_month(demo_incidents, client_as) -> None:  # noqa: ANN001
    from datetime import date

    client = client_as("analyst")
    url = "/areas/derbyshire/crime/?to=2022-12&format=json&table=asb-by-type"
    calendar = client.get(f"{url}&calendar_years=2019-2022").json()
    # Calendar 2022 is the rolling year to December 2022: shown once, as the rolling year.
    assert [c["key"] for c in calendar["columns"]][1:5] == ["cy_2019", "cy_2020", "cy_2021", "12m_to_2022_12"]
    ending = client.get(f"{url}&year_ending=2022-08&years=2").json()
    assert [c["label"] for c in ending["columns"]][1:3] == ["Year ending Aug 2021", "Year ending Aug 2022"]
    total = ending["rows"][-1]["ye_2022_08"]
    expected = Incident.objects.filter(
        force__code="derbyshire", kind="asb", month__gte=date(2021, 9, 1), month__lte=date(2022, 8, 1)
    ).count()
    assert total == expected
    financial = client.get(f"{url}&financial_years=2019-2020").json()
    assert [c["key"] for c in financial["columns"]][1:3] == ["fy_2019_20", "fy_2020_21"]
    bad = client.get("/areas/derbyshire/crime/?to=2022-12&calendar_years=2022-2019")
    assert "calendar_years must" in bad.content.decode() and "2018/19" in bad.content.decode()
    api = client.get("/api/v1/areas/derbyshire/crime?to=2022-12&calendar_years=2021")
    assert api.status_code == 200 and "cy_2021" in str(api.json()["tables"][1]["columns"])
    assert client.get("/api/v1/areas/derbyshire/crime?calendar_years=abc").status_code == 400


def _authority_rows(client, path: str) -> tuple[list[dict], list[dict], list[str]]:  # noqa: ANN001
    body = client.get(path + "&format=json&table=crime-by-local-authority").json()
    keys = [c["key"] for c in body["columns"][2:]]
    authorities = [row for row in body["rows"] if not row["local_authority"].startswith(("All of ", "Total, "))]
    groups = [row for row in body["rows"] if row["local_authority"].startswith("All of ")]
    return authorities, groups, keys


def test_crime_by_local_authority_has_a_total_row_equal_to_the_pages_total(demo_incidents, client_as) -> None:  # noqa: ANN001
    """QA #9: a "Total" row, before the "All of <group>" rows, equal to the area's total on the same page."""
    client = client_as("analyst")
    for code, name in [("derbyshire", "Derbyshire Constabulary"), ("chesterfield", None)]:
        path = f"/areas/{code}/crime/?to=2022-12"
        rows = client.get(path + "&format=json&table=crime-by-local-authority").json()["rows"]
        labels = [row["local_authority"] for row in rows]
        (index,) = [i for i, label in enumerate(labels) if label.startswith("Total, ")]
        assert all(label.startswith("All of ") for label in labels[index + 1 :])
        assert not any(label.startswith("All of ") for label in labels[:index])
        total = rows[index]
        if name:
            assert total["local_authority"] == f"Total, {name}"
        summary = client.get(path + "&format=json&table=summary").json()["rows"]
        rolling = next(row for row in summary if row["period"].startswith("Rolling 12 months:"))
        assert (total["12m_to_2022_12_crimes"], total["12m_to_2022_12_asb"]) == (rolling["crimes"], rolling["asb"])
        asb = client.get(path + "&format=json&table=asb-by-type").json()["rows"][-1]
        assert asb["label"] == "Total" and total["fy_2019_20_asb"] == asb["fy_2019_20"]
        for key in total:
            if key not in ("local_authority", "group"):
                assert total[key] == sum(row[key] for row in rows[:index]), key
    assert "Total, Derbyshire Constabulary" in client.get("/areas/derbyshire/crime/?to=2022-12").content.decode()


def test_crime_by_local_authority_adds_up_to_the_force(demo_incidents, client_as) -> None:  # noqa: ANN001
    """Issue 13 item 4: every incident of the force is in one authority row or an unplaced row."""
    from datetime import date

    authorities, _, keys = _authority_rows(client_as("analyst"), "/areas/derbyshire/crime/?to=2022-12")
    assert keys[:2] == ["fy_2018_19_crimes", "fy_2018_19_asb"] and keys[-1] == "12m_to_2022_12_asb"
    force = Incident.objects.filter(force__code="derbyshire")
    rolling = force.filter(month__gte=date(2022, 1, 1), month__lte=date(2022, 12, 1))
    assert sum(row["12m_to_2022_12_crimes"] for row in authorities) == rolling.filter(kind="crime").count()
    assert sum(row["12m_to_2022_12_asb"] for row in authorities) == rolling.filter(kind="asb").count()
    first_year = force.filter(month__gte=date(2018, 4, 1), month__lte=date(2019, 3, 1), kind="crime").count()
    assert sum(row["fy_2018_19_crimes"] for row in authorities) == first_year
    names = [row["local_authority"] for row in authorities]
    assert "Derby City" in names and "Chesterfield" in names
    if rolling.filter(lsoa__isnull=True).exists():
        assert "Without a location" in names


def test_crime_by_group_of_authorities_sums_its_authorities(demo_incidents, client_as) -> None:  # noqa: ANN001
    """The demo's North / South / City (beatbook/demo/data/local-authority-groups.json) are sums of their
    authorities' rows, for every period."""
    authorities, groups, keys = _authority_rows(client_as("analyst"), "/areas/derbyshire/crime/?to=2022-12")
    assert [row["group"] for row in groups] == ["City", "North", "South"]
    for group in groups:
        members = [row for row in authorities if row["group"] == group["group"]]
        assert members
        for key in keys:
            assert group[key] == sum(row[key] for row in members), (group["group"], key)
    assert groups[0][keys[-2]] > 0  # Derby has crime


def test_crime_by_local_authority_below_the_force(demo_incidents, client_as) -> None:  # noqa: ANN001
    authorities, _, _ = _authority_rows(client_as("analyst"), "/areas/chesterfield/crime/?to=2022-12")
    expected = Incident.objects.filter(lsoa__neighbourhood__path__startswith=_path("chesterfield"), month__year=2022)
    assert sum(row["12m_to_2022_12_crimes"] + row["12m_to_2022_12_asb"] for row in authorities) == expected.count()
    assert [row["local_authority"] for row in authorities if row["12m_to_2022_12_crimes"]] == ["Chesterfield"]


def _path(code: str) -> str:
    from beatbook.areas.models import Area

    return Area.objects.get(code=code).path


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("to=abc", "to must be a month written YYYY-MM"),
        ("to=2099-01", "to: January 2099 is in the future"),
        ("to=2010-01", "to: there are no figures for January 2010; the data run from "),
        ("year_ending=2030-01&years=2", "year_ending: the years asked for are wholly outside the data; the data run"),
        ("calendar_years=abc", "calendar_years must be a year or a range of years"),
    ],
)
def test_a_bad_period_is_refused_on_the_page_its_twins_and_the_api(demo_incidents, client_as, query, message) -> None:  # noqa: ANN001
    """QA finding 8: the page says what to fix in its error summary; a twin or the API never quietly answers
    with the default figures."""
    client = client_as("analyst")
    page = client.get(f"/areas/derbyshire/crime/?{query}")
    assert page.status_code == 200
    summary = page.content.decode().split("govuk-error-summary__list", 1)[1].split("</ul>", 1)[0]
    assert message in summary
    for fmt in ("json", "csv"):
        twin = client.get(f"/areas/derbyshire/crime/?{query}&format={fmt}&table=asb-by-type")
        assert twin.status_code == 400 and message in twin.content.decode()
    api = client.get(f"/api/v1/areas/derbyshire/crime?{query}")
    assert api.status_code == 400 and message in api.json()["error"]


def test_a_good_period_has_no_error_summary(demo_incidents, client_as) -> None:  # noqa: ANN001
    page = client_as("analyst").get("/areas/derbyshire/crime/?to=2022-12&year_ending=2022-08&years=2")
    assert page.status_code == 200 and "There is a problem" not in page.content.decode()


def test_downloads_name_the_period_each_table_shows(demo_incidents, client_as) -> None:  # noqa: ANN001
    """Issue 17 item 4: the default period, as the crime, hotspot and outcome pages resolve it, names each CSV;
    never "as-of" the day it was made (tests/test_download_names.py walks every page)."""
    from beatbook.areas.models import Area
    from beatbook.crime import queries
    from beatbook.crime.periods import add_months, complete_financial_years, file_label, month_span, rolling_12

    latest = queries.latest_month_of(Area.objects.get(code="derbyshire"))
    client = client_as("analyst")

    def name(url: str) -> str:
        response = client.get(url)
        assert response.status_code == 200, (url, response.content[:200])
        return response["Content-Disposition"].removeprefix('attachment; filename="').removesuffix('"')

    trend = file_label([*complete_financial_years(latest, 4), rolling_12(latest)])
    assert trend.startswith("financial-years-")
    expected = {
        "/areas/derbyshire/crime/?format=csv&table=asb-by-type": f"derbyshire_asb-by-type_{trend}.csv",
        "/areas/derbyshire/crime/?format=csv&table=lsoa-rates": f"derbyshire_lsoa-rates_{file_label(rolling_12(latest))}.csv",
        "/areas/derbyshire/hotspots/?format=csv&table=top-cells": (
            f"derbyshire_top-cells-gistar_{file_label(month_span(add_months(latest, -2), latest))}.csv"
        ),
        "/areas/derbyshire/outcomes/?format=csv&table=burglary": f"derbyshire_burglary_year-ending-{latest:%Y-%m}_years-5.csv",
    }
    for url, wanted in expected.items():
        assert name(url) == wanted, url
    # The same period asked for explicitly gives the same name; a `to` past the data names the months read.
    assert name(f"/areas/derbyshire/crime/?to={latest:%Y-%m}&format=csv&table=lsoa-rates") == name(
        "/areas/derbyshire/crime/?format=csv&table=lsoa-rates"
    )
    first = add_months(latest, -5)
    asked = name(f"/areas/derbyshire/hotspots/?from={first:%Y-%m}&to={latest:%Y-%m}&format=csv&table=top-cells")
    assert asked == f"derbyshire_top-cells-gistar_{first:%Y-%m}_to_{latest:%Y-%m}.csv"
    # Another method scores the same months differently: another file (the designate page's counts and the
    # hotspots page's Gi* shared one name).
    density = name(
        f"/areas/derbyshire/hotspots/?from={first:%Y-%m}&to={latest:%Y-%m}&method=kde&format=csv&table=top-cells"
    )
    assert density == f"derbyshire_top-cells-kde_{first:%Y-%m}_to_{latest:%Y-%m}.csv"
    calendar = name("/areas/derbyshire/crime/?calendar_years=2020-2021&format=csv&table=asb-by-type")
    assert f"calendar-years-2020-2021_and_{file_label(rolling_12(latest))}" in calendar
