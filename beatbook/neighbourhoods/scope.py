"""What a user may record against: the neighbourhoods and the officers in their reach. Used by the pages
and the API alike, so both offer the same choices."""

from __future__ import annotations

from uuid import UUID

from django.db.models import Q
from django.http import Http404

from beatbook.accounts import access
from beatbook.accounts.access import Capability
from beatbook.areas.models import Area, Level
from beatbook.neighbourhoods.models import Engagement, Priority
from beatbook.workforce.models import Officer


def neighbourhoods_for(user, capability: Capability):  # noqa: ANN001, ANN201 - a user; a QuerySet of Area
    return (
        Area.objects.within_any(access.scope_areas(user, capability)).filter(level=Level.NEIGHBOURHOOD).order_by("name")
    )


def officers_for(user):  # noqa: ANN001, ANN201 - a user; a QuerySet of Officer
    """Officers a user may record an abstraction for: themselves, and the serving officers of teams in reach."""
    teams = Area.objects.within_any(access.scope_areas(user, Capability.RECORD_ABSTRACTION))
    return (
        Officer.objects.serving()
        .filter(Q(team__in=teams) | Q(user=user))
        .select_related("team")
        .order_by("last_name", "first_name")
    )


def engagement_for(user, engagement_uuid: UUID | str) -> Engagement:  # noqa: ANN001 - a user
    """An engagement in the user's reach, or 404 as if it did not exist."""
    engagement = Engagement.objects.filter(uuid=engagement_uuid).select_related("neighbourhood").first()
    if engagement is None or not access.can(user, Capability.VIEW_AREA, engagement.neighbourhood):
        raise Http404("No such engagement")
    return engagement


def priority_for(user, priority_uuid: UUID | str) -> Priority:  # noqa: ANN001 - a user
    """A priority in the user's reach, or 404 as if it did not exist."""
    priority = Priority.objects.filter(uuid=priority_uuid).select_related("neighbourhood").first()
    if priority is None or not access.can(user, Capability.VIEW_AREA, priority.neighbourhood):
        raise Http404("No such priority")
    return priority
