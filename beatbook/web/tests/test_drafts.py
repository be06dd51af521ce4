"""A half-filled form survives a lapsed session, for the same user only."""

from __future__ import annotations

from django.test import Client

from beatbook.neighbourhoods.models import Engagement

HALF_FILLED = {"location": "Staveley market", "issues_raised": "Bikes on the green", "people_reached": "7"}


def _lapsed_client(personas: dict, role: str) -> Client:
    """A browser where `role` signed in, then the session ran out (the session cookie is gone)."""
    client = Client()
    client.force_login(personas[role])
    client.get("/")  # sets the signed "last user" cookie
    client.cookies.pop("sessionid", None)
    client.cookies.pop("__Host-sessionid", None)
    return client


def test_the_same_user_signing_in_again_gets_their_entries_back(personas) -> None:  # noqa: ANN001
    client = _lapsed_client(personas, "pcso")
    response = client.post("/engagements/new/", HALF_FILLED)
    assert response.status_code == 302 and response["Location"].startswith("/sign-in/")
    client.force_login(personas["pcso"])
    page = client.get("/engagements/new/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "What you entered has been kept" in html
    assert 'value="Staveley market"' in html and "Bikes on the green" in html
    assert "There is a problem" in html  # half-filled: the form says what is missing
    assert not Engagement.objects.filter(location="Staveley market").exists()
    assert "Staveley market" not in client.get("/engagements/new/").content.decode()  # replayed once only


def test_someone_else_signing_in_sees_nothing_of_it(personas) -> None:  # noqa: ANN001
    client = _lapsed_client(personas, "pcso")
    client.post("/engagements/new/", HALF_FILLED)
    client.force_login(personas["constable"])
    html = client.get("/engagements/new/").content.decode()
    assert "Staveley market" not in html and "has been kept" not in html
