"""{% team_contact_extras area %}: the team's social links and meeting places on "your area"."""

from __future__ import annotations

from django import template

from beatbook.areas.models import Area
from beatbook.workforce.public_contact import meeting_places, social_links

register = template.Library()

LABELS = {"facebook": "Facebook", "twitter": "X (Twitter)", "instagram": "Instagram", "youtube": "YouTube"}


@register.inclusion_tag("workforce/public_contact.html")
def team_contact_extras(neighbourhood: Area) -> dict:
    links = [(LABELS[key], url) for key, url in social_links(neighbourhood).items()]
    return {"links": links, "meetings": meeting_places(neighbourhood)}
