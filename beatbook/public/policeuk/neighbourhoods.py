"""police.uk's force and neighbourhood endpoints that `beatbook.public.feed` does not serve: senior officers,
events, boundary and `locate-neighbourhood` (data.police.uk/docs/method/senior-officers, neighbourhood-events,
neighbourhood-boundary, neighbourhood-locate). Shapes and statuses: /work/shared/POLICE_UK.md §3.2."""

from __future__ import annotations

from django.http import HttpRequest

from beatbook.areas.models import Area
from beatbook.crime.models import Incident
from beatbook.crime.periods import add_months
from beatbook.maps.locate import outline_index
from beatbook.public import published
from beatbook.public.policeuk.common import (
    ApiError,
    Shape,
    coordinates,
    latest_month,
    metres_between,
    police_uk_endpoint,
    public_force,
)
from beatbook.workforce.models import Officer, Rank

SENIOR_RANKS = [Rank.CHIEF_OFFICER, Rank.CHIEF_SUPERINTENDENT]  # a force's command team, as police.uk lists it
LOCATE_MONTHS = 3
LOCATE_RADIUS = 2_000  # metres: without outlines, the nearest incident's LSOA decides the neighbourhood


def _neighbourhood(force: str, code: str) -> Area:
    area = published.find_neighbourhood(force, code)
    if area is None:
        raise ApiError(404, "Not Found")
    return area


@police_uk_endpoint
def senior_officers(request: HttpRequest, force: str) -> list[dict]:
    """`[{name, rank, bio, contact_details}]`: the force's serving chief officers and chief superintendents
    (names and ranks only, as forces publish them); unknown force: 404."""
    area = public_force(force)
    if area is None:
        raise ApiError(404, "Not Found")
    officers = Officer.objects.serving().publishable().within(area).filter(rank__in=SENIOR_RANKS)
    return [
        {"name": f"{o.first_name} {o.last_name}", "rank": o.get_rank_display(), "bio": None, "contact_details": {}}
        for o in officers.order_by("rank", "last_name", "first_name")
    ]


@police_uk_endpoint
def events(request: HttpRequest, force: str, code: str) -> list[dict]:
    """`[{title, type, description, address, start_date, end_date, contact_details}]`, upcoming only.
    Beatbook holds no dated public events (a team's meeting places are its `locations`), so: []."""
    _neighbourhood(force, code)
    return []


@police_uk_endpoint
def boundary(request: HttpRequest, force: str, code: str) -> list[dict]:
    """`[{latitude, longitude}]` (strings, first vertex repeated last), police.uk's shape: the outer ring of
    the neighbourhood's outline (its largest part, if it has several; police.uk's boundaries are one ring).
    Exact where its LSOAs make whole MSOAs; **approximate** where it shares MSOAs with other neighbourhoods
    (its LSOAs' shares of those MSOAs by area, `beatbook.maps.outlines`). `locate-neighbourhood` answers by
    the same outlines, so a client that draws this boundary and locates a point inside it agrees with itself.
    [] where the force has loaded no outlines (`beatbook load_reference_layers`)."""
    from beatbook.maps.models import ReferenceShape

    shape = ReferenceShape.objects.filter(area=_neighbourhood(force, code)).first()
    if shape is None or not shape.geometry:
        return []
    geometry = shape.geometry
    polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    ring = max((polygon[0] for polygon in polygons), key=len)
    return [{"latitude": str(lat), "longitude": str(lon)} for lon, lat in ring]


@police_uk_endpoint
def locate_neighbourhood(request: HttpRequest) -> dict:
    """`q=lat,lng` → `{force, neighbourhood}`: the neighbourhood whose outline, as the maps and `boundary` show
    it, covers the point (`beatbook.maps.locate`: where approximate outlines overlap by a sliver, the exact
    one, then the smallest). In no outline: 404, as police.uk answers outside every neighbourhood.

    Only where neighbourhoods have no outline (a force loaded without `beatbook load_reference_layers`) does
    the older rule still answer, among those neighbourhoods alone: the neighbourhood of the LSOA of the
    nearest incident within 2 km in the last 3 months (only the neighbourhood is answered, never the
    incident). It is wrong near edges, so it never overrides an outline."""
    try:
        lat, lng = coordinates(*request.GET.get("q", "").split(","))
    except (TypeError, ValueError):  # TypeError: not exactly two parts
        raise ApiError(400, "Give q=latitude,longitude") from None  # `coordinates` refuses nan and inf too
    index = outline_index()
    found = index.at(lat, lng)
    if found is not None:
        return {"force": found.force, "neighbourhood": found.neighbourhood}
    area = _nearest_incident_neighbourhood(lat, lng, among=index.unoutlined)
    if area is None:
        raise ApiError(404, "Not Found")
    return {"force": area.force().code, "neighbourhood": area.code}


def _nearest_incident_neighbourhood(lat: float, lng: float, *, among: dict[int, int]) -> Area | None:
    """Among the neighbourhoods `among` ({id: force id}, those without outlines), the one whose LSOA holds
    the nearest incident within LOCATE_RADIUS in the last LOCATE_MONTHS months; None if there is none (and no
    query at all when every neighbourhood has an outline, as in a fully loaded Beatbook)."""
    if not among:
        return None
    latest = latest_month()
    if latest is None:
        return None
    south, west, north, east = Shape.circle(lat, lng, LOCATE_RADIUS).bbox
    near = Incident.objects.filter(
        force_id__in=set(among.values()),
        month__gte=add_months(latest, -LOCATE_MONTHS),  # recent points: the (force, month) index serves them
        lsoa__neighbourhood_id__in=among,
        latitude__gte=south,
        latitude__lte=north,
        longitude__gte=west,
        longitude__lte=east,
    ).values_list("latitude", "longitude", "lsoa__neighbourhood_id")
    best = min(near[:5000], key=lambda row: metres_between(lat, lng, row[0], row[1]), default=None)
    if best is None or metres_between(lat, lng, best[0], best[1]) > LOCATE_RADIUS:
        return None
    return Area.objects.get(pk=best[2])
