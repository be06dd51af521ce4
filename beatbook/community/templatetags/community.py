"""{% community_your_area area %}: the schemes to join and the alert sign-up, for public area pages."""

from __future__ import annotations

from django import template

from beatbook.areas.models import Area, Level
from beatbook.community.models import SchemeStatus, WatchScheme

register = template.Library()


def schemes_to_join(area: Area) -> list[WatchScheme]:
    """Schemes open to join in the area's local policing unit (or the area itself), active on their latest
    snapshot, the area's own first (then by name); names and types only, no counts of people."""
    scope = next((a for a in [*area.ancestors(), area] if a.level == Level.LPU), area)
    schemes = (
        WatchScheme.objects.filter(area__path__startswith=scope.path, open_to_join=True)
        .select_related("watch_type", "area")
        .prefetch_related("snapshots")
        .order_by("name")
    )
    active = [
        s
        for s in schemes
        if (latest := max(s.snapshots.all(), key=lambda x: x.on, default=None)) and latest.status == SchemeStatus.ACTIVE
    ]
    return sorted(active, key=lambda scheme: not scheme.area.path.startswith(area.path))[:20]


@register.inclusion_tag("community/your_area.html")
def community_your_area(area: Area) -> dict:
    force = area.force()
    return {
        "area": area,
        "schemes": schemes_to_join(area),
        "signup_url": area.alert_signup_url or force.alert_signup_url,
    }
