"""A form sent twice is saved once.

A double tap on a phone, or the browser sending a form again after a slow answer, posts the very same
form twice: QA 17s found two priorities, two plans, two patrol visits and two Case Review applications made
that way. When a form post succeeds (its answer is a redirect, as every Beatbook form's is) the middleware
remembers, in the session, a fingerprint of it (the path and every field, the form's CSRF token among them,
so only the same rendered form matches) and where it led. The same post again within REPEAT_SECONDS is not
run: it is sent where the first went, with a message saying it was saved once.

Posts with files (imports) and the API are left alone: an upload is idempotent by its own checks, and an API
client sends its own requests. The actions keep their own checks too (overlapping patrol visits and
abstractions, an identical engagement), which also hold for the API and for a form opened twice."""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect

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
        now = time.time()
        recent = {
            key: seen for key, seen in request.session.get(REPEAT_KEY, {}).items() if now - seen[1] < REPEAT_SECONDS
        }
        if fingerprint in recent:
            messages.info(request, "That form was sent twice: it was saved once.")
            return HttpResponseRedirect(recent[fingerprint][0])
        response = self.get_response(request)
        if response.status_code in (301, 302, 303) and response.get("Location"):
            recent[fingerprint] = [response["Location"], now]
            request.session[REPEAT_KEY] = recent
        return response


def _fingerprint(request: HttpRequest) -> str | None:
    """The post's fingerprint, or None for what is not a form post of a page."""
    if request.method != "POST" or request.path.startswith(PASSED_BY):
        return None
    if not request.content_type.startswith("application/x-www-form-urlencoded") or request.FILES:
        return None
    fields = sorted((key, value) for key, values in request.POST.lists() for value in values)
    return hashlib.sha256(repr((request.get_full_path(), fields)).encode()).hexdigest()
