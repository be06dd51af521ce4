"""The contact and community API answers with the pages' tables, under the same access rules."""

from __future__ import annotations

import pytest
from django.test import Client

from beatbook.accounts.actions import do_create_api_token
from beatbook.areas.models import Area
from beatbook.community.demo import do_load_demo_community
from beatbook.contact.demo import do_load_demo_contact

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):
    force = Area.objects.get(code="derbyshire")
    do_load_demo_contact(force)
    do_load_demo_community(force)


@pytest.fixture
def api_as(personas):
    def make(role: str) -> Client:
        user = personas[role]
        _, raw = do_create_api_token(user, "phone", acting_user=user)
        return Client(HTTP_AUTHORIZATION=f"Bearer {raw}")

    return make


def _tables(response) -> dict:
    assert response.status_code == 200, response.content
    return {table["table"]: table["rows"] for table in response.json()["tables"]}


def test_contact_tables_match_the_page(demo, api_as):
    tables = _tables(api_as("analyst").get("/api/v1/areas/derbyshire/contact?line=999&from=2022-04&to=2023-03"))
    (row,) = tables["calls-by-financial-year"]
    assert (row["period"], row["offered"]) == ("2022-23", 166288)


def test_community_tables_match_the_page(demo, api_as):
    tables = _tables(api_as("scrutiny").get("/api/v1/areas/derbyshire/community?on=2023-03-31&from=2022-05&to=2022-05"))
    assert tables["alert-by-month"] == [
        {"month": "2022-05", "members": 34478, "messages": None, "surveys": 299, "responses": None}
    ]
    assert {r["area"]: r["schemes"] for r in tables["watch-schemes-by-area"]}["North total"] == 615


def test_bad_parameters_are_400(demo, api_as):
    client = api_as("analyst")
    assert client.get("/api/v1/areas/derbyshire/contact?line=112").status_code == 400
    assert client.get("/api/v1/areas/derbyshire/community?on=31/03/2023").status_code == 400
    assert client.get("/api/v1/areas/derbyshire/community?type=Cat%20Watch").status_code == 400


def test_social_media_and_message_category_tables_in_the_api(demo, api_as):
    contact = _tables(api_as("analyst").get("/api/v1/areas/derbyshire/contact?from=2022-07&to=2022-12"))
    main = {r["platform"]: r["posts"] for r in contact["social-media-main-accounts"]}
    assert main["Facebook"] == 790 and "service-level-by-month" in contact and "mean-wait-by-month" in contact
    community = _tables(api_as("analyst").get("/api/v1/areas/derbyshire/community?from=2022-12&to=2022-12"))
    assert community["messages-by-category-and-month"][0]["total"] == 525
    assert "watch-schemes-over-time" in community
