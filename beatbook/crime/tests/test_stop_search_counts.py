"""beatbook stop_search_counts (issue 10, item 11)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from beatbook.crime.tests.builders import load, search_row, street_row, write
from beatbook.crime.tests.test_unassigned import DERBYSHIRE, staveley_lsoa

POINT, ELSEWHERE = ("-1.350000", "53.260000"), ("-1.400000", "53.200000")


def counts(*options: str) -> list[dict]:
    out = io.StringIO()
    call_command("stop_search_counts", *options, stdout=out)
    return list(csv.DictReader(io.StringIO(out.getvalue())))


@pytest.fixture
def searches(db, tmp_path: Path) -> None:  # noqa: ANN001
    lsoa = staveley_lsoa()
    load(
        write(
            tmp_path,
            "2019-07-derbyshire-street.csv",
            [street_row("a", force=DERBYSHIRE, place=POINT, lsoa=(lsoa.code, lsoa.name))],
        )
    )
    rows = [
        search_row("2019-07-01T00:30:00+01:00", Latitude=POINT[1], Longitude=POINT[0]),
        search_row("2019-07-02T10:00:00+00:00", Latitude=POINT[1], Longitude=POINT[0], Gender="Female"),
        search_row("2019-07-03T10:00:00+00:00", Latitude=ELSEWHERE[1], Longitude=ELSEWHERE[0], Type="Vehicle search"),
        search_row("2019-07-04T10:00:00+00:00", Latitude="", Longitude="", Outcome="Arrest"),
    ]
    load(write(tmp_path, "2019-07-derbyshire-stop-and-search.csv", rows, kind="stop-and-search"))
    load(
        write(
            tmp_path,
            "2019-08-derbyshire-stop-and-search.csv",
            [search_row("2019-08-05T10:00:00+00:00")],
            kind="stop-and-search",
        )
    )


def test_counts_by_area_place_searches_through_crimes_at_the_same_point(searches) -> None:  # noqa: ANN001
    assert counts("--force", "derbyshire", "--group-by", "neighbourhood", "--to", "2019-07") == [
        {"neighbourhood": "", "count": "1"},
        {"neighbourhood": "staveley", "count": "2"},
        {"neighbourhood": "unassigned", "count": "1"},
    ]
    assert counts("--area", "staveley", "--group-by", "force,lpu") == [
        {"force": "derbyshire", "lpu": "chesterfield", "count": "2"}
    ]


def test_counts_by_month_and_published_columns(searches) -> None:  # noqa: ANN001
    assert counts("--group-by", "month") == [{"month": "2019-07", "count": "4"}, {"month": "2019-08", "count": "1"}]
    assert counts("--from", "2019-07", "--to", "2019-07", "--group-by", "type,gender") == [
        {"type": "Person search", "gender": "Female", "count": "1"},
        {"type": "Person search", "gender": "Male", "count": "2"},
        {"type": "Vehicle search", "gender": "Male", "count": "1"},
    ]
    out = io.StringIO()
    call_command("stop_search_counts", "--group-by", "financial_year,outcome", "--format", "json", stdout=out)
    assert json.loads(out.getvalue()) == [
        {"financial_year": "2019/20", "outcome": "A no further action disposal", "count": 4},
        {"financial_year": "2019/20", "outcome": "Arrest", "count": 1},
    ]
    assert counts("--group-by", "calendar_year") == [{"calendar_year": "2019", "count": "5"}]
    assert counts("--group-by", "year_ending", "--year-ends", "7") == [
        {"year_ending": "2019-07", "count": "4"},
        {"year_ending": "2020-07", "count": "1"},
    ]
    every_field = "object_of_search,legislation,officer_defined_ethnicity,self_defined_ethnicity,age_range,division"
    assert sum(int(row["count"]) for row in counts("--group-by", every_field)) == 5


def test_bad_options_are_refused_with_what_to_fix(db) -> None:  # noqa: ANN001
    with pytest.raises(CommandError, match="--year-ends must be a month from 1 to 12"):
        call_command("stop_search_counts", "--group-by", "year_ending", "--year-ends", "13")
    with pytest.raises(CommandError, match="cannot group by colour"):
        call_command("stop_search_counts", "--group-by", "colour")
    with pytest.raises(CommandError, match="no such force"):
        call_command("stop_search_counts", "--force", "narnia")
    with pytest.raises(CommandError, match="is after"):
        call_command("stop_search_counts", "--from", "2020-01", "--to", "2019-01")
