"""Session lifetime: 30 minutes idle, 12 hours in all, whatever the cookie says."""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse

SESSION_STARTED = "beatbook_started_at"
SESSION_LAST_SEEN = "beatbook_last_seen_at"
# The last-seen time is rewritten at most this often, so a session is saved (a database write) once a
# minute rather than on every request. It can only lag, so an idle session ends up to this much early,
# never late.
LAST_SEEN_RESOLUTION_SECONDS = 60


class SessionTimeoutMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            reason = self._expiry_reason(request)
            if reason:
                from beatbook.accounts.actions import do_record_logout

                do_record_logout(request.user, request, reason=reason)
                logout(request)
                messages.info(request, "You were signed out because " + reason + ". Sign in again to continue.")
            elif int(time.time()) - request.session.get(SESSION_LAST_SEEN, 0) >= LAST_SEEN_RESOLUTION_SECONDS:
                request.session[SESSION_LAST_SEEN] = int(time.time())
        return self.get_response(request)

    @staticmethod
    def _expiry_reason(request: HttpRequest) -> str:
        now = time.time()
        started = request.session.get(SESSION_STARTED)
        last_seen = request.session.get(SESSION_LAST_SEEN, started)
        if started is None:
            # A session this middleware has not seen yet (made by an API client or a test login).
            stamp_new_session(request)
            return ""
        if now - started > settings.SESSION_ABSOLUTE_TIMEOUT_SECONDS:
            return "you had been signed in for 12 hours"
        if now - last_seen > settings.SESSION_IDLE_TIMEOUT_SECONDS:
            return "there was no activity for 30 minutes"
        return ""


def stamp_new_session(request: HttpRequest) -> None:
    now = int(time.time())
    request.session[SESSION_STARTED] = now
    request.session[SESSION_LAST_SEEN] = now
