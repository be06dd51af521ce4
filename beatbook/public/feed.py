"""A police.uk-shaped JSON feed of the published neighbourhood data, with police.uk's paths and field
names (data.police.uk/docs), so existing police.uk clients can read it. No sign-in; public data only.

Differences from police.uk, on purpose: neighbourhood ids are Beatbook's area codes; `population` is the
2011 census population of the neighbourhood's LSOAs; `centre` is the mean position of its incidents."""

from __future__ import annotations

from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from django.utils.html import escape, linebreaks

from beatbook.public import published
from beatbook.workforce import public_contact


def _json(data: object, status: int = 200) -> JsonResponse:
    response = JsonResponse(data, status=status, safe=False, json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"  # public data, readable from any web page as police.uk's is
    return response


def _not_found() -> JsonResponse:
    return _json({"error": "Not Found"}, status=404)


def forces(request: HttpRequest) -> JsonResponse:
    return _json([{"id": force.code, "name": force.name} for force in published.public_forces()])


def force(request: HttpRequest, force: str) -> JsonResponse:
    area = published.public_forces().filter(code=force).first()
    if area is None:
        return _not_found()
    return _json(
        {
            "id": area.code,
            "name": area.name,
            "url": area.public_url or None,
            "telephone": area.public_phone or None,
            "description": linebreaks(escape(area.description)) if area.description else None,
            "engagement_methods": [],
        }
    )


def neighbourhoods(request: HttpRequest, force: str) -> JsonResponse:
    area = published.public_forces().filter(code=force).first()
    if area is None:
        return _not_found()
    return _json([{"id": n.code, "name": n.name} for n in published.public_neighbourhoods(area)])


def neighbourhood(request: HttpRequest, force: str, code: str) -> JsonResponse:
    area = published.find_neighbourhood(force, code)
    if area is None:
        return _not_found()
    centre, population = published.centre_and_population(area)
    contact = published.contact(area)
    links = []
    if signup := published.alert_signup_url(area):
        links.append({"url": signup, "title": "Community alerts", "description": "Sign up for local alerts"})
    return _json(
        {
            "id": area.code,
            "name": area.name,
            "url_force": contact.get("web"),
            "description": linebreaks(escape(area.description)) if area.description else None,
            "population": str(population),
            "centre": {"latitude": str(centre[0]), "longitude": str(centre[1])} if centre else None,
            "contact_details": contact | public_contact.social_links(area),
            "links": links,
            "locations": public_contact.feed_locations(area),
        }
    )


def people(request: HttpRequest, force: str, code: str) -> JsonResponse:
    area = published.find_neighbourhood(force, code)
    if area is None:
        return _not_found()
    return _json(
        [{"name": o.name, "rank": o.rank, "bio": None, "contact_details": {}} for o in published.officers(area)]
    )


def priorities(request: HttpRequest, force: str, code: str) -> JsonResponse:
    area = published.find_neighbourhood(force, code)
    if area is None:
        return _not_found()

    def stamp(day) -> str | None:  # noqa: ANN001 - a date or None
        return f"{day:%Y-%m-%d}T00:00:00" if day else None

    return _json(
        [
            {
                "issue": f"<p>{escape(p.issue)}</p>",
                "issue-date": stamp(p.set_on),
                "action": linebreaks(escape(p.action_taken or p.planned_action)),
                "action-date": stamp(p.action_on),
            }
            for p in published.priorities(area, timezone.localdate())
        ]
    )
