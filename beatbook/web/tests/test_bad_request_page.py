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
