"""Beatbook's JSON API under /api/v1/. Handlers use the same access module as the pages."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from beatbook.api.areas import router as areas_router
from beatbook.api.auth import API_AUTH
from beatbook.api.contact import router as contact_router
from beatbook.api.crime import router as crime_router
from beatbook.api.neighbourhoods import router as neighbourhoods_router
from beatbook.api.problems import router as problems_router
from beatbook.api.scrutiny import router as scrutiny_router
from beatbook.api.stopsearch import router as stopsearch_router
from beatbook.hotspots.api import router as hotspots_router
from beatbook.workforce.api import router as workforce_router

api = NinjaAPI(
    title="Beatbook API",
    version="1.0.0",
    description=(
        "Neighbourhood policing data for officers' phones and other systems. Authenticate with a personal "
        "token (`Authorization: Bearer <token>`, made on 'Your account'). You see exactly what you see on "
        "the pages: objects outside your areas answer 404."
    ),
    auth=API_AUTH,
    urls_namespace="api",
)
api.add_router("/areas", areas_router, tags=["Geography"])
api.add_router("/areas", crime_router, tags=["Crime and ASB"])
api.add_router("/", neighbourhoods_router, tags=["Neighbourhood apps"])
api.add_router("/", problems_router, tags=["Problem solving and ASB"])
api.add_router("/workforce", workforce_router, tags=["Workforce"])
api.add_router("/", hotspots_router, tags=["Hotspots and tasking"])
api.add_router("/", contact_router, tags=["Contact and community"])
api.add_router("/", scrutiny_router, tags=["Public scrutiny"])
api.add_router("/areas", stopsearch_router, tags=["Stop and search and outcomes"])


def _error(request: HttpRequest, message: str, status: int) -> HttpResponse:
    return api.create_response(request, {"error": message}, status=status)


@api.exception_handler(Http404)
def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return _error(request, "Not found", 404)


@api.exception_handler(PermissionDenied)
def forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return _error(request, str(exc) or "Forbidden", 403)


@api.exception_handler(AuthenticationError)
def unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return _error(request, "Authentication required: send a valid API token", 401)


@api.exception_handler(HttpError)
def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    return _error(request, str(exc), exc.status_code)


# Bad input is a 400 that names each field and what is wrong (issue 11 item 6), not ninja's default 422.
@api.exception_handler(NinjaValidationError)
def invalid_input(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
    problems = []
    for error in exc.errors:
        where = ".".join(str(part) for part in error.get("loc", ()) if part not in ("body", "payload", "query", "path"))
        problems.append(f"{where}: {error.get('msg', 'invalid')}" if where else error.get("msg", "invalid"))
    return api.create_response(request, {"error": "; ".join(problems), "detail": exc.errors}, status=400)
