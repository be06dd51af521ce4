"""A neighbourhood team's published contact extras (social links, meeting places), read by "your area"
and the police.uk-shaped feed. Only what the team published: no person's details."""

from __future__ import annotations

from beatbook.areas.models import Area, Level
from beatbook.workforce.models import MeetingPlace, TeamContact


def _team(neighbourhood: Area) -> Area:
    return neighbourhood.parent if neighbourhood.level == Level.NEIGHBOURHOOD else neighbourhood


def social_links(neighbourhood: Area) -> dict[str, str]:
    """{"facebook": url, "twitter": url, ...}: police.uk contact_details keys."""
    contact = TeamContact.objects.filter(team=_team(neighbourhood)).first()
    return contact.links() if contact else {}


def meeting_places(neighbourhood: Area) -> list[MeetingPlace]:
    return list(MeetingPlace.objects.filter(team=_team(neighbourhood)).order_by("pk"))


def feed_locations(neighbourhood: Area) -> list[dict]:
    """police.uk `locations` entries: name, type, description (when), address, postcode."""
    return [
        {
            "name": place.name,
            "type": "meeting",
            "description": place.times,
            "address": place.address or None,
            "postcode": place.postcode or None,
            "latitude": None,
            "longitude": None,
            "telephone": None,
        }
        for place in meeting_places(neighbourhood)
    ]
