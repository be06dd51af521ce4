"""A form sent twice is saved once.

A double tap on a phone, or the browser sending a form again after a slow answer, posts the very same
form twice: QA 17s found two priorities, two plans, two patrol visits and two Case Review applications made
that way. A form post claims a fingerprint of itself (the person, the path and every field, the form's CSRF
token among them, so only the same rendered form matches) in the cache every server process shares, before
it runs; when it is saved (its answer is a redirect without an error message, as every Beatbook form's is)
the claim holds where it led. The same post again within REPEAT_SECONDS is not run: it is sent where the
first went, with a message saying it was saved once, after waiting for the first if that is still running.
A post refused (errors shown, or a redirect with an error) drops its claim, so sending it again checks it
again.

Posts with files (imports) and the API are left alone: an upload is idempotent by its own checks, and an API
client sends its own requests. The actions keep their own checks too (overlapping patrol visits and
abstractions, an identical engagement), which also hold for the API and for a form opened twice."""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render

REPEAT_KEY = "beatbook_recent_posts"
REPEAT_SECONDS = 120
PASSED_BY = ("/api/", "/sign-in/", "/account/set-password/")


class RepeatPostMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        fingerprint = _fingerprint(request)
        if fingerprint is None:
            return self.get_response(request)
        # The claim is taken before the view runs, in the cache every server process shares: a double tap, or a
        # form sent again while the first answer is slow, arrives while the first post is still being saved, when
        # nothing in the session says so yet (QA 17f found two priorities made by two posts 10 ms apart).
        claim = f"{REPEAT_KEY}:{_sender(request)}:{fingerprint}"
        if not cache.add(claim, IN_FLIGHT, REPEAT_SECONDS):
            first_went_to = _first_answer(claim)
            if first_went_to == IN_FLIGHT:
                # The site's own error page (layout, a way home), not bare text: a person sees it on a phone.
                context = {"title": "That form is still being saved", "message": STILL_SAVING}
                return render(request, "web/error.html", context, status=409)
            if first_went_to is not None:
                messages.info(request, "That form was sent twice: it was saved once.")
                return HttpResponseRedirect(first_went_to)
            cache.add(claim, IN_FLIGHT, REPEAT_SECONDS)  # the first was refused: this one is checked afresh
        try:
            response = self.get_response(request)
        except BaseException:
            cache.delete(claim)
            raise
        if _saved(request, response):
            cache.set(claim, response["Location"], REPEAT_SECONDS)
        else:
            cache.delete(claim)  # refused or re-shown with errors: the same form sent again is checked again
        return response


IN_FLIGHT = "in-flight"
STILL_SAVING = "That form is still being saved. Wait a moment, then check whether it was saved before sending it again."
WAIT_SECONDS = 20.0


def _first_answer(claim: str) -> str | None:
    """Where the first post of this form led, IN_FLIGHT if it is still running after WAIT_SECONDS, or None if
    it was refused (its claim is gone)."""
    deadline = time.monotonic() + WAIT_SECONDS
    while True:
        went_to = cache.get(claim)
        if went_to != IN_FLIGHT or time.monotonic() > deadline:
            return went_to
        time.sleep(0.1)


def _saved(request: HttpRequest, response: HttpResponse) -> bool:
    """Whether the post was saved: its answer is a redirect, and not one carrying an error (several views send
    a refused action back to the record's page with an error message, QA 17f), which would make the same
    form sent again say it was saved."""
    if response.status_code not in (301, 302, 303) or not response.get("Location"):
        return False
    queued = getattr(getattr(request, "_messages", None), "_queued_messages", [])
    return not any(message.level >= messages.ERROR for message in queued)


def _sender(request: HttpRequest) -> str:
    """Who sent the post: the person signed in, or else the browser (its CSRF cookie), so one member of the
    public's form never answers for another's, even from a page served to both from the cache."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return f"user-{user.pk}"
    return "browser-" + hashlib.sha256(request.COOKIES.get(settings.CSRF_COOKIE_NAME, "").encode()).hexdigest()[:16]


def _fingerprint(request: HttpRequest) -> str | None:
    """The post's fingerprint, or None for what is not a form post of a page."""
    if request.method != "POST" or request.path.startswith(PASSED_BY):
        return None
    if not request.content_type.startswith("application/x-www-form-urlencoded") or request.FILES:
        return None
    fields = sorted((key, value) for key, values in request.POST.lists() for value in values)
    return hashlib.sha256(repr((request.get_full_path(), fields)).encode()).hexdigest()
