"""Reading the data version once a request (beatbook.counts.refresh.data_version_read_once)."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from beatbook.counts.refresh import data_version_read_once


class DataVersionOncePerRequestMiddleware:
    """A page's cached parts each key on the data version: read it from the database once, not once each."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        with data_version_read_once():
            return self.get_response(request)
