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


def test_a_bad_date_says_what_to_fix(client_as) -> None:
    response = client_as("hr").get(PAGE, {"on": "31/08/2023"})
    assert response.status_code == 200
    assert "Enter the date as year-month-day" in response.content.decode()
