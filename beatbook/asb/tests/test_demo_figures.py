"""The demo reproduces the seed papers' ASB figures through the pages' JSON twins."""

from __future__ import annotations

import pytest

from beatbook.areas.models import Area
from beatbook.asb.demo import do_load_demo_asb

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_asb(db):
    do_load_demo_asb(Area.objects.get(code="derbyshire"))


def test_it_reproduces_the_powers_used_in_2022_23(demo_asb, client_as):
    url = "/areas/derbyshire/asb-powers/?from=2022-04&to=2023-03&format=json&table=uses-by-power"
    rows = {row["power"]: row for row in client_as("scrutiny").get(url).json()["rows"]}
    assert {power: row["uses"] for power, row in rows.items()} == {
        "cbo": 4,
        "injunction": 14,
        "cpw": 409,
        "cpn": 87,
        "abc": 89,
        "pspo": 5,
        "pspo_penalty": 36,
        "closure_order": 7,
        "closure_breach": 2,
    }
    assert rows["injunction"]["interim"] == 6


def test_it_reproduces_the_case_reviews_of_2021_22(demo_asb, client_as):
    url = "/areas/derbyshire/case-reviews/?year=2021-22&format=json&table=by-local-authority"
    rows = {row["local_authority"]: row for row in client_as("analyst").get(url).json()["rows"]}
    figures = {
        name: (row["applications"], row["not_met"], row["reviews"], row["with_recommendations"], row["withdrawn"])
        for name, row in rows.items()
    }
    assert figures == {
        "Amber Valley": (2, 2, 0, 0, 0),
        "Bolsover": (2, 0, 2, 2, 0),
        "Chesterfield": (0, 0, 0, 0, 0),
        "Derby City": (0, 0, 0, 0, 0),
        "Derbyshire Dales": (0, 0, 0, 0, 0),
        "Erewash": (2, 1, 1, 1, 0),
        "High Peak": (3, 3, 0, 0, 0),
        "North East Derbyshire": (7, 4, 2, 2, 1),
        "South Derbyshire": (0, 0, 0, 0, 0),
    }


def test_powers_by_local_authority_add_up_to_the_force_total_and_group_into_north_south_and_city(demo_asb, client_as):
    url = "/areas/derbyshire/asb-powers/?from=2022-04&to=2023-03&format=json&table=uses-by-local-authority"
    rows = client_as("analyst").get(url).json()["rows"]
    authorities = [row for row in rows if not row["local_authority"].startswith("All of")]
    groups = {row["group"]: row["uses"] for row in rows if row["local_authority"].startswith("All of")}
    assert sum(row["uses"] for row in authorities) == 653
    assert set(groups) == {"City", "North", "South"} and sum(groups.values()) == 653
    assert {row["local_authority"]: row["group"] for row in authorities}["Derby City"] == "City"
