"""A half-filled form survives a lapsed session.

When a signed-out person posts a form (their session ran out while they typed) and is sent to sign in, the
form's fields are kept in the session as a draft, keyed to the user who last signed in on this browser (a
signed cookie). When that same user has signed in again and comes back to the form's address, the kept
submission is replayed as the POST they made, so they see their entries again: with the form's errors if it
was half-filled, or saved if it was complete. Anyone else signing in on the browser sees nothing of it.

Files are never kept, drafts expire after DRAFT_SECONDS, and the draft was checked against CSRF when it was
posted (this middleware runs after CsrfViewMiddleware), so its replay skips the check."""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.core import signing
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import resolve_url
from django.utils.datastructures import MultiValueDict

DRAFT_KEY = "beatbook_draft"
LAST_USER_COOKIE = "beatbook_last_user"
LAST_USER_SALT = "beatbook.web.drafts.last-user"
DRAFT_SECONDS = 2 * 60 * 60
NEVER_KEPT = {"csrfmiddlewaretoken", "password", "password1", "password2", "old_password", "new_password1"}


class DraftMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method == "GET" and request.user.is_authenticated and DRAFT_KEY in request.session:
            self._replay(request)
        response = self.get_response(request)
        if request.method == "POST" and not request.user.is_authenticated and _to_sign_in(response):
            self._keep(request)
        if request.user.is_authenticated and _last_user(request) != request.user.pk:
            response.set_cookie(
                LAST_USER_COOKIE,
                signing.dumps(request.user.pk, salt=LAST_USER_SALT),
                max_age=settings.SESSION_ABSOLUTE_TIMEOUT_SECONDS,
                httponly=True,
                samesite="Lax",
                secure=settings.SESSION_COOKIE_SECURE,
            )
        return response

    @staticmethod
    def _keep(request: HttpRequest) -> None:
        if request.FILES:
            return
        user_pk = _last_user(request)
        if user_pk is None:
            return
        data = {key: request.POST.getlist(key) for key in request.POST if key not in NEVER_KEPT}
        request.session[DRAFT_KEY] = {"path": request.get_full_path(), "user": user_pk, "at": time.time(), "data": data}

    @staticmethod
    def _replay(request: HttpRequest) -> None:
        draft = request.session.get(DRAFT_KEY) or {}
        if draft.get("path") != request.get_full_path():
            return
        request.session.pop(DRAFT_KEY)
        if draft.get("user") != request.user.pk or time.time() - draft.get("at", 0) > DRAFT_SECONDS:
            return
        post = QueryDict(mutable=True)
        for key, values in draft["data"].items():
            post.setlist(key, values)
        post._mutable = False  # noqa: SLF001 - as Django's own request.POST
        request.method = "POST"
        request._post, request._files = post, MultiValueDict()  # noqa: SLF001 - what request.POST reads
        request._dont_enforce_csrf_checks = True  # noqa: SLF001 - checked when the draft was posted
        messages.info(request, "You were signed out before this form was saved. What you entered has been kept.")


def _last_user(request: HttpRequest) -> int | None:
    """The user who last signed in on this browser, from the signed cookie; None if there is none."""
    try:
        return signing.loads(request.COOKIES.get(LAST_USER_COOKIE, ""), salt=LAST_USER_SALT)
    except signing.BadSignature:
        return None


def _to_sign_in(response: HttpResponse) -> bool:
    return response.status_code == 302 and response.get("Location", "").startswith(resolve_url(settings.LOGIN_URL))
