"""Drug offences by calendar year (000_* 6.1) on the crime page, and the periods trend tables accept."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from beatbook.areas.models import Area
from beatbook.counts.refresh import refresh_counts
from beatbook.crime.models import Incident, Kind, Source
from beatbook.crime.offences import offence_groups
from beatbook.crime.periods import add_months
from beatbook.demo.incidents import drug_plan
from beatbook.outcomes.periods import PeriodError, requested_periods, year_ending

POSSESSION = {2019: 1713, 2020: 1806, 2021: 1626, 2022: 1546}
TRAFFICKING = {2019: 637, 2020: 814, 2021: 900, 2022: 725}


def test_the_demo_plan_has_000_6_1s_calendar_years():
    groups = offence_groups()
    totals: dict[tuple[str, int], int] = defaultdict(int)
    for _, _, code, month, n in drug_plan(date(2026, 10, 1)):
        slug = "possession" if code in groups["drugs-possession"].codes else "trafficking"
        totals[(slug, month.year)] += n
    assert {y: totals[("possession", y)] for y in POSSESSION} == POSSESSION
    assert {y: totals[("trafficking", y)] for y in TRAFFICKING} == TRAFFICKING


def test_offence_groups_come_from_the_home_office_list():
    groups = offence_groups()
    assert groups["drugs-trafficking"].codes == {"92A"}
    assert groups["drugs-possession"].codes == {"92C", "92D", "92E"}
    assert {"28E", "28F", "29A"} <= groups["burglary-residential"].codes
    assert {"30C", "30D"} <= groups["burglary-business"].codes


@pytest.mark.django_db
def test_the_crime_page_counts_drug_offences_by_calendar_year(client_as):
    force = Area.objects.get(code="derbyshire")
    rows = [
        Incident(
            force=force,
            source=Source.FORCE_EXPORT,
            kind=Kind.CRIME,
            reference=f"T-{n}",
            month=month,
            category="drugs",
            offence_code=code,
            fingerprint=str(n),
        )
        for n, (code, month) in enumerate(
            [
                ("92E", date(2019, 1, 1)),
                ("92D", date(2019, 12, 1)),
                ("92A", date(2020, 6, 1)),
                ("92A", date(2018, 12, 1)),
            ]
        )
    ]
    Incident.objects.bulk_create(rows)
    refresh_counts(force)  # the monthly counts the crime page reads, as an import keeps them
    response = client_as("scrutiny").get(
        "/areas/derbyshire/crime/?calendar_years=2019-2020&format=json&table=drug-offences"
    )
    assert response.status_code == 200
    by_label = {row["label"]: row for row in response.json()["rows"]}
    assert by_label["Possession of drugs"] == {"label": "Possession of drugs", "2019-12": 2, "2020-12": 0}
    assert by_label["Trafficking of drugs"]["2020-12"] == 1
    bad = client_as("scrutiny").get("/areas/derbyshire/crime/?calendar_years=x&format=json&table=drug-offences")
    assert bad.status_code == 400 and b"calendar_years must" in bad.content  # QA finding 8: not the default years


@given(st.dates(date(2000, 1, 1), date(2100, 12, 1)), st.integers(1, 10))
def test_years_ending_any_month_are_consecutive_twelve_months(day, count):
    periods = year_ending(day.replace(day=1), count)
    assert len(periods) == count and periods[-1].last == day.replace(day=1)
    for period, following in zip(periods, periods[1:], strict=False):
        assert len(period.months) == 12 and following.first == add_months(period.last, 1)


@pytest.mark.parametrize(
    "params",
    [
        {"calendar_years": "2022-2019"},
        {"calendar_years": "2000-2020"},
        {"years": "0"},
        {"year_ending": "May 2023"},
        {"year_ending": "1066-01"},  # absurd
        {"year_ending": "2999-01"},  # every year after the data: refused, not shown as empty rows
        {"calendar_years": "2030-2031"},
    ],
)
def test_bad_period_parameters_say_what_to_write(params):
    with pytest.raises(PeriodError):
        requested_periods(params, date(2023, 3, 1))


def test_years_that_reach_into_the_data_are_kept():
    assert len(requested_periods({"year_ending": "2024-01", "years": "2"}, date(2023, 3, 1))[1]) == 2
    assert requested_periods({"calendar_years": "2023"}, date(2023, 3, 1))[1][0].label == "2023"


def test_financial_and_calendar_years():
    kind, periods = requested_periods({"financial_years": "2021-2022"}, None)
    assert kind == "financial" and [p.label for p in periods] == ["2021/22", "2022/23"]
    kind, periods = requested_periods({"calendar_years": "2021"}, None)
    assert (periods[0].first, periods[0].last) == (date(2021, 1, 1), date(2021, 12, 1))
