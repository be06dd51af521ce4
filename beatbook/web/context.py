"""Template context shared by every page: the service name and the navigation for this user."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest

from beatbook.web.navigation import navigation_for


def service(request: HttpRequest) -> dict:
    return {
        "service_name": settings.SERVICE_NAME,
        "navigation": navigation_for(request),
    }
