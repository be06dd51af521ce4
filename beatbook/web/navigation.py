"""The service navigation, built from what the access module says this user may do."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest
from django.urls import reverse

from beatbook.accounts import access
from beatbook.accounts.access import Capability


@dataclass(frozen=True)
class NavItem:
    label: str
    url: str
    active: bool


def navigation_for(request: HttpRequest) -> list[NavItem]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return []
    links = [("Home", reverse("web:home")), ("Areas", reverse("areas:index"))]
    if access.can_anywhere(user, Capability.RECORD_ENGAGEMENT):
        links.append(("Record engagement", reverse("neighbourhoods:record_engagement")))
    if access.can_anywhere(user, Capability.RECORD_ABSTRACTION):
        links.append(("Record abstraction", reverse("neighbourhoods:record_abstraction")))
    if access.can_anywhere(user, Capability.IMPORT_DATA):
        links.append(("Imports", reverse("crime:imports")))
    if access.can_anywhere(user, Capability.VIEW_AUDIT):
        links.append(("Audit log", reverse("audit:index")))
    if access.can_anywhere(user, Capability.MANAGE_USERS):
        links.append(("Users", reverse("accounts:user_list")))
    if access.can_anywhere(user, Capability.MANAGE_WORKFORCE):
        top = access.scope_areas(user, Capability.MANAGE_WORKFORCE)[0]
        links.append(("Workforce", reverse("workforce:area", args=[top.code])))
    if access.can_open_scrutiny(user):
        links.append(("Scrutiny", reverse("scrutiny:manage")))
    links.append(("Your account", reverse("accounts:profile")))
    path = request.path
    # The longest matching link is the current section (so "Home" does not light up everywhere).
    best = max((url for _, url in links if path.startswith(url)), key=len, default="")
    return [NavItem(label, url, url == best) for label, url in links]


def linked_ancestors(user, area, url_name: str) -> list[tuple[str, str | None]]:  # noqa: ANN001
    """An area's ancestors as breadcrumbs: (name, URL of `url_name` for it), linked only where the user may open it."""
    return [
        (
            ancestor.name,
            reverse(url_name, args=[ancestor.code]) if access.can(user, Capability.VIEW_AREA, ancestor) else None,
        )
        for ancestor in area.ancestors()
    ]
