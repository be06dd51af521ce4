"""The signed-in home page and the error pages."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import BadRequest
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from beatbook.accounts import access
from beatbook.accounts.access import Capability
from beatbook.areas.summaries import area_totals
from beatbook.web.todo import things_to_do


def front(request: HttpRequest) -> HttpResponse:
    """The site root: the public landing page, or a signed-in user's own home page."""
    if not request.user.is_authenticated:
        from beatbook.public.views import landing  # the public app's page; web must not import it at load

        return landing(request)
    return home(request)


@login_required
def home(request: HttpRequest) -> HttpResponse:
    context = {
        "memberships": access.memberships(request.user),
        "areas": [(area, area_totals(area)) for area in access.scope_areas(request.user)],
        "can_view_audit": access.can_anywhere(request.user, Capability.VIEW_AUDIT),
        "can_manage_users": access.can_anywhere(request.user, Capability.MANAGE_USERS),
    }
    context["tasks"] = things_to_do(request.user)
    return render(request, "web/home.html", context)


GENERAL_BAD_REQUEST = "Check the address or form and try again."


def _error(request: HttpRequest, status: int, title: str, message: str) -> HttpResponse:
    context = {"title": title, "message": message, "correlation_id": getattr(request, "correlation_id", "")}
    return render(request, "web/error.html", context, status=status)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    # Our views raise BadRequest (or its BadQuery, beatbook.web.forms.query_values) with a message written for
    # the user, saying what to fix. Django's own refusals (SuspiciousOperation and its kin, a different class)
    # may name internals, so they get the general sentence.
    message = str(exception) if isinstance(exception, BadRequest) and str(exception) else GENERAL_BAD_REQUEST
    return _error(request, 400, "Sorry, there is a problem with that request", message)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error(
        request,
        403,
        "You do not have access to this",
        "Your role does not allow this. If you think it should, ask your administrator.",
    )


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error(
        request,
        404,
        "Page not found",
        "If you typed the web address, check it is correct. You may also not have access to what you were looking for.",
    )


def server_error(request: HttpRequest) -> HttpResponse:
    return _error(
        request,
        500,
        "Sorry, there is a problem with the service",
        "Try again later. If you report this, quote the reference below.",
    )
