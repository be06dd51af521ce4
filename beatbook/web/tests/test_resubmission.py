"""QA 17s: a form sent twice (a double tap, or sent again after a slow answer) is saved once."""

from __future__ import annotations

import threading
from urllib.parse import urlencode

import pytest
from django.conf import settings
from django.contrib import messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.cache import SessionStore
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.test import RequestFactory

from beatbook.areas.models import Area
from beatbook.neighbourhoods.models import Priority
from beatbook.web import resubmission

pytestmark = pytest.mark.django_db
FORM = "application/x-www-form-urlencoded"  # as a browser sends a form


def test_the_same_form_sent_twice_is_saved_once(client_as) -> None:  # noqa: ANN001
    sergeant = client_as("sergeant")
    staveley = Area.objects.get(code="staveley")
    form = {"neighbourhood": staveley.pk, "issue": "Speeding on Church Street", "planned_action": "Checks",
            "evidence": "survey", "csrfmiddlewaretoken": "the-same-rendered-form"}  # fmt: skip
    first = sergeant.post("/priorities/new/", urlencode(form), content_type=FORM)
    again = sergeant.post("/priorities/new/", urlencode(form), content_type=FORM, follow=True)
    assert first.status_code == 302 and again.redirect_chain[0][0] == first["Location"]
    assert "That form was sent twice: it was saved once." in again.content.decode()
    assert Priority.objects.filter(issue="Speeding on Church Street").count() == 1
    # A different entry, or the same form rendered afresh (a new token), is another record.
    other = sergeant.post("/priorities/new/", urlencode(form | {"issue": "Parking"}), content_type=FORM)
    assert other.status_code == 302 and Priority.objects.filter(issue="Parking").count() == 1


def test_a_refused_form_is_checked_again_when_sent_again(client_as) -> None:  # noqa: ANN001
    sergeant = client_as("sergeant")
    form = urlencode({"issue": "", "csrfmiddlewaretoken": "x"})
    assert sergeant.post("/priorities/new/", form, content_type=FORM).status_code == 200
    assert sergeant.post("/priorities/new/", form, content_type=FORM).status_code == 200  # errors again, not skipped


def _posted(user, fields: dict) -> HttpRequest:  # noqa: ANN001
    """A form post as the middleware sees it, signed in as `user`."""
    request = RequestFactory().post("/priorities/new/", urlencode(fields), content_type=FORM)
    request.user, request.session = user, SessionStore()
    request._messages = FallbackStorage(request)
    return request


def test_a_form_sent_again_while_the_first_is_saving_goes_where_the_first_went(personas) -> None:  # noqa: ANN001
    """QA 17f: two posts of one form 10 ms apart both ran (nothing in the session said so yet): two priorities."""
    runs: list[str] = []
    middleware = resubmission.RepeatPostMiddleware(lambda request: runs.append("ran") or redirect("/saved/"))
    form = {"issue": "Parking", "csrfmiddlewaretoken": "one-rendered-form"}
    second = _posted(personas["sergeant"], form)
    claim = f"{resubmission.REPEAT_KEY}:user-{personas['sergeant'].pk}:{resubmission._fingerprint(second)}"
    cache.add(claim, resubmission.IN_FLIGHT, 60)  # the first post has claimed the form and is in its view
    threading.Timer(0.3, lambda: cache.set(claim, "/priorities/first/", 60)).start()  # ... and is saved
    answer = middleware(second)
    assert (answer.status_code, answer["Location"], runs) == (302, "/priorities/first/", [])


def test_a_form_still_saving_after_the_wait_is_not_run_again(personas, monkeypatch) -> None:  # noqa: ANN001
    runs: list[str] = []
    middleware = resubmission.RepeatPostMiddleware(lambda request: runs.append("ran") or redirect("/saved/"))
    second = _posted(personas["sergeant"], {"issue": "Parking", "csrfmiddlewaretoken": "one-rendered-form"})
    claim = f"{resubmission.REPEAT_KEY}:user-{personas['sergeant'].pk}:{resubmission._fingerprint(second)}"
    cache.add(claim, resubmission.IN_FLIGHT, 60)
    monkeypatch.setattr(resubmission, "WAIT_SECONDS", 0.2)
    answer = middleware(second)
    assert answer.status_code == 409 and "still being saved" in answer.content.decode() and runs == []


def test_a_refused_action_sent_again_is_checked_again_not_said_saved(personas) -> None:  # noqa: ANN001
    """QA 17f: a plan, Case Review, withdrawal or scrutiny action refused with an error message and a redirect
    back was remembered as saved, so the same form sent again said 'it was saved once' and ran nothing."""
    runs: list[str] = []

    def refuses(request: HttpRequest) -> HttpResponse:
        runs.append("ran")
        messages.error(request, "A review needs a note")
        return redirect("/problem-solving/plans/x/")

    middleware = resubmission.RepeatPostMiddleware(refuses)
    form = {"note": "", "csrfmiddlewaretoken": "one-rendered-form"}
    middleware(_posted(personas["sergeant"], form))
    again = _posted(personas["sergeant"], form)
    middleware(again)
    assert runs == ["ran", "ran"]
    assert [str(m) for m in again._messages._queued_messages] == ["A review needs a note"]


def test_two_browsers_sending_the_same_cached_form_are_two_posts(personas) -> None:  # noqa: ANN001
    """A public page served from the cache gives every browser the same form: one visitor's post of it is not
    another's repeat."""
    from django.contrib.auth.models import AnonymousUser

    runs: list[str] = []
    middleware = resubmission.RepeatPostMiddleware(lambda request: runs.append("ran") or redirect("/asked/"))
    for browser in ("csrf-secret-of-one-browser", "csrf-secret-of-another"):
        request = _posted(AnonymousUser(), {"question": "Why?", "csrfmiddlewaretoken": "cached-page-token"})
        request.COOKIES[settings.CSRF_COOKIE_NAME] = browser
        assert middleware(request).status_code == 302
    assert runs == ["ran", "ran"]
