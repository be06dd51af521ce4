"""Which plans and owners a user may reach. Used by the pages and the API alike."""

from __future__ import annotations

from uuid import UUID

from django.http import Http404

from beatbook.accounts import access
from beatbook.accounts.access import Capability
from beatbook.problemsolving.actions import governing_area
from beatbook.problemsolving.models import ProblemPlan


def plan_for(user, plan_uuid: UUID | str) -> ProblemPlan:  # noqa: ANN001 - a user
    """A plan in the user's reach (see `can_see_plan`), or 404 as if it did not exist."""
    plan = ProblemPlan.objects.filter(uuid=plan_uuid).select_related("owner_area", "owner_unit", "force").first()
    if plan is None or not can_see_plan(user, plan):
        raise Http404("No such plan")
    return plan


def can_see_plan(user, plan: ProblemPlan) -> bool:  # noqa: ANN001 - a user
    """Those who can see the owning team (or force), or one of the plan's neighbourhoods."""
    areas = [governing_area(plan), *plan.places.all()]
    return any(access.can(user, Capability.VIEW_AREA, area) for area in areas)
