"""Request-wide middleware: a correlation ID for every request, and no caching of staff pages."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from contextvars import ContextVar

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest

_correlation_id: ContextVar[str] = ContextVar("correlation_id", default="")


def current_correlation_id() -> str:
    return _correlation_id.get()


class CorrelationIdMiddleware:
    """Tags each request with an ID shown on error pages and stored on audit rows, to join them up."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        correlation_id = str(uuid.uuid4())
        request.correlation_id = correlation_id
        token = _correlation_id.set(correlation_id)
        try:
            response = self.get_response(request)
        finally:
            _correlation_id.reset(token)
        response["X-Correlation-ID"] = correlation_id
        return response


class NoStoreForStaffMiddleware:
    """Pages seen signed in may hold restricted data: browsers and proxies must not keep them."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if getattr(request, "user", None) is not None and request.user.is_authenticated:
            response["Cache-Control"] = "no-store"
        return response


class RefuseNulMiddleware:
    """A NUL character in the address or query string is never meant: 400 saying so, before any view runs.

    No column can hold it (PostgreSQL refuses NUL in text outright, SQLite stores a truncating oddity), so
    refusing it here closes the whole kind of fault for paths and query parameters; form and API bodies are
    checked by their bounded fields (beatbook.web.forms, beatbook.api.bounds)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if (
            "\x00" in request.path
            or "\x00" in request.META.get("QUERY_STRING", "")
            or "%00" in request.META.get("QUERY_STRING", "")
        ):
            return HttpResponseBadRequest(
                "The address holds a NUL character (%00). Remove it and try again.", content_type="text/plain"
            )
        return self.get_response(request)
