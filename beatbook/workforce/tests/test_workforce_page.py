"""The contract tables of issue 12, reproduced by the demo through their JSON twins (002_* 3.4-3.6, 4.1-4.2, 4.7)."""

from __future__ import annotations

import pytest

from beatbook.workforce.strength import month_ends

pytestmark = pytest.mark.django_db
PAGE = "/areas/derbyshire/workforce/"


def rows(client, table: str, on: str = "2023-08-31", page: str = PAGE) -> list[dict]:
    response = client.get(page, {"on": on, "format": "json", "table": table})
    assert response.status_code == 200, response.content[:200]
    return response.json()["rows"]


def test_officers_by_ethnicity_reproduces_002_4_7(client_as) -> None:
    table = {row["ethnicity"]: row for row in rows(client_as("hr"), "officers-by-ethnicity")}
    assert {k: v["officers"] for k, v in table.items()} == {
        "Asian": 35,
        "Black": 9,
        "Mixed": 23,
        "Other": 1,
        "Not stated": 4,
        "Unknown": 21,
        "White": 2003,
        "Total": 2096,
    }
    assert (table["Asian"]["percent"], table["Asian"]["census_percent"]) == (1.67, 5.0)
    assert (table["White"]["percent"], table["White"]["census_percent"]) == (95.56, 90.7)


def test_strength_against_establishment_reproduces_002_3_and_4(client_as) -> None:
    table = {row["group"]: row for row in rows(client_as("scrutiny"), "strength-against-establishment")}
    assert (table["Police officers"]["strength"], table["Police officers"]["establishment"]) == (2144, 2110)
    assert table["Police officers"]["in_post"] == 2096  # less career breaks and secondments (4.7)
    assert (table["PCSOs"]["strength"], table["PCSOs"]["establishment"]) == (187, 200)
    team = table["Neighbourhood team officers"]
    assert (team["strength"], team["establishment"]) == (145, 161)


def test_projection_with_candidates_in_pre_employment(client_as) -> None:
    projection = rows(client_as("analyst"), "representation-projection")
    assert [round(row["percent"], 1) for row in projection] == [3.2, 3.6]


def test_months_end_with_the_month_of_the_date() -> None:
    from datetime import date

    assert month_ends(date(2023, 8, 31), 3) == [date(2023, 6, 30), date(2023, 7, 31), date(2023, 8, 31)]


def test_joiners_and_leavers_by_month_against_forecast(client_as) -> None:
    months = rows(client_as("hr"), "officers-by-month")
    assert months[-1]["month"] == "2023-08"
    assert sum(m["leavers"] for m in months) == 130  # 10.8 a month (4.17)
    assert all(m["forecast_leavers"] == 10.8 for m in months)


def test_small_numbers_are_suppressed_below_the_force(client_as) -> None:
    from beatbook.areas.models import Area
    from beatbook.workforce.models import Ethnicity, Officer

    team = Area.objects.get(code="staveley-snt")
    Officer.objects.filter(team=team, rank="constable").update(ethnicity=Ethnicity.WHITE)
    Officer.objects.filter(team=team, rank="sergeant").update(ethnicity=Ethnicity.BLACK)
    table = {
        row["ethnicity"]: row
        for row in rows(client_as("hr"), "officers-by-ethnicity", page="/areas/staveley-snt/workforce/")
    }
    assert table["Black"]["officers"] is None
    assert table["White"]["officers"] is None  # the one other count, so the total cannot reveal it
    page = "/areas/staveley-snt/workforce/"
    projection = rows(client_as("hr"), "representation-projection", page=page)
    assert projection[0]["minority_ethnic"] is None and projection[0]["percent"] is None


def test_a_bad_date_says_what_to_fix(client_as) -> None:
    response = client_as("hr").get(PAGE, {"on": "31/08/2023"})
    assert response.status_code == 200
    assert "Enter the date as year-month-day" in response.content.decode()


def test_citizens_in_policing_reproduce_002_section_5(client_as) -> None:
    page = "/areas/derbyshire/workforce/citizens/"
    groups = {row["group"]: row for row in rows(client_as("scrutiny"), "citizens-in-policing", page=page)}
    specials = groups["Special constables"]
    assert (specials["headcount"], specials["active"], specials["on_leave"]) == (68, 59, 9)
    assert (groups["Police support volunteers"]["headcount"], groups["Police support volunteers"]["active"]) == (72, 61)
    assert (groups["Police cadets"]["headcount"], groups["Joint police and fire cadets"]["headcount"]) == (53, 13)
    hours = {row["group"]: row for row in rows(client_as("hr"), "hours-this-year", on="2023-07-31", page=page)}
    assert (hours["Special constables"]["this_year"], hours["Special constables"]["year_before"]) == (11771, 19117)
    assert (hours["Police support volunteers"]["this_year"], hours["Police support volunteers"]["year_before"]) == (
        6395,
        4145,
    )
    months = {
        row["month"]: row["hours"] for row in rows(client_as("hr"), "specials-hours-by-month", "2023-07-31", page)
    }
    assert (months["2023-02"], months["2023-06"]) == (810, 1206)


def test_skills_reproduce_002_section_6_and_11_6(client_as) -> None:
    page = "/areas/derbyshire/workforce/skills/"
    taser = rows(client_as("hr"), "taser", on="2023-09-30", page=page)[0]
    assert (taser["trained"], taser["target"]) == (499, 575)
    deployable = rows(client_as("hr"), "deployable", on="2023-09-30", page=page)
    assert deployable[1]["percent"] == 14.0
    modules = [row["completed"] for row in rows(client_as("hr"), "modules-completed", on="2023-09-30", page=page)]
    assert modules[:4] == [1345, 1155, 1271, 1072]
    forecast = rows(client_as("hr"), "expiry-forecast", on="2023-09-30", page=page)
    assert forecast[0]["month"] == "2023-10" and forecast[0]["places"] > 0


def test_taser_lapses_twelve_months_after_training() -> None:
    from datetime import date, timedelta

    from beatbook.workforce.skills import SKILL_TYPES, is_valid

    trained = date(2023, 1, 10)
    expires = trained + timedelta(days=SKILL_TYPES["taser"]["valid_days"])
    assert is_valid(expires, date(2024, 1, 9)) and not is_valid(expires, date(2024, 1, 10))
    assert is_valid(None, date(2099, 1, 1))  # modules never lapse


def test_home_office_shape_at_30_september(client_as) -> None:
    page = "/areas/derbyshire/workforce/home-office/"
    table = {row["rank"]: row for row in rows(client_as("hr"), "home-office-workforce", on="2023-09-30", page=page)}
    others = ("PCSO", "Police staff", "Special constable", "Police support volunteer")
    officers = sum(row["headcount"] for rank, row in table.items() if rank not in others)
    assert officers == 2096  # in post: the demo has no joiners or leavers after August 2023
    assert table["Special constable"]["fte_total"] is None and table["Special constable"]["headcount"] == 68
    other = client_as("hr").get(page, {"on": "2023-08-31"})
    assert "31 March or 30 September" in other.content.decode()


def test_the_period_of_the_monthly_tables_can_be_chosen(client_as) -> None:
    response = client_as("hr").get(
        PAGE, {"on": "2023-08-31", "months": "24", "format": "json", "table": "officers-by-month"}
    )
    months = response.json()["rows"]
    assert (len(months), months[0]["month"]) == (24, "2021-09")
    assert sum(m["leavers"] for m in months[:12]) == 162  # 13.5 a month the year before (4.5)


def test_an_absurd_number_of_months_is_refused_with_a_message(client_as) -> None:
    """?months=999 used to give 12 months in silence: the page says what to fix, and a twin refuses it."""
    client = client_as("hr")
    for months in ("999", "0", "abc"):
        page = client.get(f"/areas/derbyshire/workforce/?months={months}").content.decode()
        assert "months must be a whole number from 1 to 60" in page, months
        assert client.get(f"/areas/derbyshire/workforce/?months={months}&format=csv").status_code == 400
    assert "months must be" not in client.get("/areas/derbyshire/workforce/?months=24").content.decode()
