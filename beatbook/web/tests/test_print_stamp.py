"""The printed line names the whole period a page was asked for (QA finding 10)."""

from __future__ import annotations

import pytest


@pytest.mark.django_db
def test_the_hotspot_programme_prints_its_start_and_end(client_as) -> None:
    page = client_as("analyst").get("/areas/derbyshire/hotspot-programme/?since=2023-07-01&to=2024-03-31")
    assert "Period: from 2023-07-01 to 2024-03-31." in page.content.decode()


@pytest.mark.django_db
def test_a_from_to_page_prints_both(client_as) -> None:
    page = client_as("analyst").get("/areas/derbyshire/contact/?from=2022-04&to=2023-03")
    assert "Period: from 2022-04 to 2023-03." in page.content.decode()
