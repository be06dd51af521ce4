"""A page refusing a query value says what to fix on the 400 page in production too (QA finding 3)."""

from __future__ import annotations

import pytest
from django.core.exceptions import SuspiciousOperation
from django.test import RequestFactory, override_settings

from beatbook.web.views import GENERAL_BAD_REQUEST, bad_request

AREA = "/areas/derbyshire"
CASES = [
    (f"{AREA}/hotspot-programme/?since=abc", "since must be a date written YYYY-MM-DD"),
    (f"{AREA}/hotspot-programme/?to=abc", "to must be a date written YYYY-MM-DD"),
    (f"{AREA}/hotspot-programme/?since=2024-03-01&to=2023-07-01", "to must be on or after since"),
    (f"{AREA}/asb-powers/?on=abc", "on must be a date written YYYY-MM-DD"),
    (f"{AREA}/community/?on=abc", "on must be a date written YYYY-MM-DD"),
    (f"{AREA}/community/?from=abc", "from"),
    (f"{AREA}/community/?to=2021-13", "to"),
    (f"{AREA}/community/?from=2022-12&to=2021-12", "to must be the same month as from or later"),
    (f"{AREA}/contact/?from=abc", "from"),
    (f"{AREA}/contact/?to=abc", "to"),
    (f"{AREA}/contact/?from=2022-12&to=2021-12", "to must be the same month as from or later"),
    (f"{AREA}/contact/?line=nope", "line must be one of: "),
    # Absurd dates and reversed periods, on every page that takes dates (issue 17 item 7)
    (f"{AREA}/contact/?from=1066-01&to=2021-12", "Enter a date between 1 January 2000"),
    (f"{AREA}/community/?from=2021-01&to=2999-12", "Enter a date between 1 January 2000"),
    (f"{AREA}/contact/?from=2001-01&to=2021-12", "Choose a period of at most 10 years"),
    (f"{AREA}/hotspot-programme/?since=1066-01-01", "since: Enter a date between 1 January 2000"),
    (f"{AREA}/tasking-meetings/?date=2999-01-01", "date: Enter a date between 1 January 2000"),
    (f"{AREA}/problem-solving/?on=1066-01-01", "on: Enter a date between 1 January 2000"),
    (f"{AREA}/problem-solving/?closed_from=2023-05-01&closed_to=2022-01-01", "closed_to must be on or after"),
    (f"{AREA}/asb-powers/?on=2999-01-01", "on: Enter a date between 1 January 2000"),
    (f"{AREA}/asb-powers/?from=2023-05&to=2022-01", "to must be the same month as from or later"),
    (f"{AREA}/case-reviews/?year=1066-67", "Enter a date between 1 January 2000"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("url", "message"), CASES)
@override_settings(DEBUG=False)
def test_a_bad_query_value_names_what_to_fix(client_as, url: str, message: str) -> None:
    response = client_as("analyst").get(url)
    page = response.content.decode()
    assert response.status_code == 400
    assert message in page and GENERAL_BAD_REQUEST not in page


@override_settings(DEBUG=False)
def test_djangos_own_refusals_keep_the_general_sentence() -> None:
    request = RequestFactory().get("/")
    page = bad_request(request, SuspiciousOperation("Invalid HTTP_HOST header: 'internal.host'")).content.decode()
    assert GENERAL_BAD_REQUEST in page and "internal.host" not in page
