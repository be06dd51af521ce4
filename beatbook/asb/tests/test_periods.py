"""The ASB powers and Case Review pages, and their API, refuse reversed or absurd periods with a message
(issue 17 item 7)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("from=2023-05&to=2022-01", "to must be the same month as from or later"),
        ("from=1066-01&to=2024-01", "Enter a date between 1 January 2000"),
        ("from=2024-01&to=2999-01", "Enter a date between 1 January 2000"),
    ],
)
def test_asb_powers_refuse_a_reversed_or_absurd_period(client_as, query, message) -> None:  # noqa: ANN001
    client = client_as("inspector")
    page = client.get(f"/areas/chesterfield/asb-powers/?{query}")
    assert page.status_code == 400 and message in page.content.decode()
    api = client.get(f"/api/v1/areas/chesterfield/asb-powers?{query}")
    assert api.status_code == 400 and message in api.json()["error"]
    assert client.get("/areas/chesterfield/asb-powers/?from=2022-04&to=2023-03").status_code == 200


def test_case_reviews_refuse_an_absurd_year(client_as) -> None:  # noqa: ANN001
    client = client_as("inspector")
    page = client.get("/areas/chesterfield/case-reviews/?year=1066-67")
    assert page.status_code == 400 and "Enter a date between 1 January 2000" in page.content.decode()
    assert client.get("/api/v1/areas/chesterfield/case-reviews?year=1066-67").status_code == 400
    assert client.get("/areas/chesterfield/case-reviews/?year=2022-23").status_code == 200
