"""{% community_your_area area %}: the schemes to join and the alert sign-up, for public area pages."""

from __future__ import annotations

from django import template
from django.db.models import Case, OuterRef, Subquery, Value, When

from beatbook.areas.models import Area, Level
from beatbook.community.models import SchemeStatus, WatchScheme, WatchSnapshot

register = template.Library()


def schemes_to_join(area: Area) -> list[WatchScheme]:
    """Schemes open to join in the area's local policing unit (or the area itself), active on their latest
    snapshot, the area's own first (then by name); names and types only, no counts of people. At most 20,
    chosen in the database (an LPU can hold hundreds of schemes, each with years of snapshots)."""
    scope = next((a for a in [*area.ancestors(), area] if a.level == Level.LPU), area)
    latest_status = WatchSnapshot.objects.filter(scheme=OuterRef("pk")).order_by("-on").values("status")[:1]
    return list(
        WatchScheme.objects.filter(area__path__startswith=scope.path, open_to_join=True)
        .annotate(
            latest_status=Subquery(latest_status),
            elsewhere=Case(When(area__path__startswith=area.path, then=Value(0)), default=Value(1)),
        )
        .filter(latest_status=SchemeStatus.ACTIVE)
        .select_related("watch_type", "area")
        .order_by("elsewhere", "name", "pk")[:20]
    )


@register.inclusion_tag("community/your_area.html")
def community_your_area(area: Area) -> dict:
    force = area.force()
    return {
        "area": area,
        "schemes": schemes_to_join(area),
        "signup_url": area.alert_signup_url or force.alert_signup_url,
    }
