"""What every police.uk endpoint shares: JSON answers with police.uk's statuses, the `date`, `lat`/`lng`,
`poly` and `location_id` parameters, and the public map points incidents are published at.

Sources: data.police.uk/docs/method/* and the status matrix in /work/shared/POLICE_UK.md §3.1."""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from functools import cached_property, wraps

from django.db.models import Max
from django.http import HttpRequest, JsonResponse
from django.views.decorators.csrf import csrf_exempt

from beatbook.areas.models import Area, Level
from beatbook.crime.models import Incident, Source
from beatbook.crime.periods import add_months

WINDOW_MONTHS = 36  # police.uk serves a rolling 36 months
MILE_METRES = 1609.344  # point searches cover a 1-mile radius
SNAP_LIMIT_METRES = 20_000  # police.uk zeroes a point with no map point within 20 km
AREA_LIMIT = 10_000  # a custom area over this many crimes is refused with 503
EARTH_METRES = 6_371_000.0
REQUEST_LINE_LIMIT = 4_094  # police.uk's web server refuses a longer GET request line with 400
LOCATION_DP = 5  # location ids encode the point to 5 decimal places (about 1 m)


class ApiError(Exception):
    """An answer police.uk gives as an error: the status and (for 4xx/5xx) an empty or short body."""

    def __init__(self, status: int, message: str = "") -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def answer(data: object, status: int = 200) -> JsonResponse:
    response = JsonResponse(data, status=status, safe=False, json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"  # public data, readable from any web page as police.uk's is
    return response


def error(exc: ApiError) -> JsonResponse:
    return answer({"error": exc.message} if exc.message else [], status=exc.status)


def police_uk_endpoint(view: Callable[..., object]) -> Callable[..., JsonResponse]:
    """GET (and POST, where police.uk takes a long `poly`) answered as police.uk does, errors included."""

    @csrf_exempt  # a public, sign-in-free API: POST carries only search parameters, never a change
    @wraps(view)
    def wrapper(request: HttpRequest, *args: str, **kwargs: str) -> JsonResponse:
        if request.method not in ("GET", "POST", "HEAD"):
            return answer({"error": "Method not allowed"}, status=405)
        try:
            return answer(view(request, *args, **kwargs))
        except ApiError as exc:
            return error(exc)

    return wrapper


def params(request: HttpRequest) -> dict[str, str]:
    """GET parameters, or for POST the form-encoded body (police.uk refuses a JSON body with 400)."""
    if request.method == "POST":
        if request.content_type == "application/json":
            raise ApiError(400, "Send POST parameters form-encoded, not as JSON")
        return {key: request.POST[key] for key in request.POST}
    if len(request.get_full_path()) > REQUEST_LINE_LIMIT:
        raise ApiError(400, "The request line is too long: POST the poly instead")
    return {key: request.GET[key] for key in request.GET}


def month_text(month: date | None) -> str | None:
    return f"{month:%Y-%m}" if month else None


def latest_month() -> date | None:
    """The latest month any force has incidents for: police.uk's "last updated"."""
    # Per force, so the (force, month, kind) index answers each without a scan of the table.
    months = [
        Incident.objects.filter(force=force).aggregate(latest=Max("month"))["latest"]
        for force in Area.objects.filter(level=Level.FORCE)
    ]
    return max((month for month in months if month), default=None)


def requested_month(values: dict[str, str]) -> date | None:
    """The `date=YYYY-MM` asked for; the latest month when omitted. None means "after the latest month"
    (police.uk answers 200 []). Malformed, or before the 36-month window: 404."""
    latest = latest_month()
    text = values.get("date", "").strip()
    if not text:
        if latest is None:
            return None
        return latest
    # ASCII digits only (`\d` alone takes any script's); year 0000 is no date at all: both malformed, 404.
    match = re.fullmatch(r"(\d{4})-(\d{1,2})", text, flags=re.ASCII)
    if not match or not 1 <= int(match[2]) <= 12 or int(match[1]) < 1:
        raise ApiError(404)
    month = date(int(match[1]), int(match[2]), 1)
    if latest is None or month > latest:
        return None
    if month < add_months(latest, -(WINDOW_MONTHS - 1)):
        raise ApiError(404)
    return month


def in_window(month: date) -> bool:
    """Whether a crime of `month` is still served: police.uk keeps a rolling WINDOW_MONTHS to the latest month
    (POLICE_UK.md 3.1), so an older crime is gone from its routes, by id as by date."""
    latest = latest_month()
    return latest is not None and add_months(latest, -(WINDOW_MONTHS - 1)) <= month <= latest


def public_force(code: str) -> Area | None:
    return Area.objects.filter(level=Level.FORCE, code=code).first()


def forces_published_by_police_uk(month: date) -> set[int]:
    """Forces with police.uk street data for the month: their force-export incidents of that month are not
    served (police.uk's own record of the same crimes is), so nothing is counted twice."""
    return {
        force.pk
        for force in Area.objects.filter(level=Level.FORCE)
        if Incident.objects.filter(force=force, month=month, source=Source.POLICE_UK).exists()
    }


# Points ----------------------------------------------------------------------------------------------------


def metres_between(lat1: float, lng1: float, lat2: float, lng2: float) -> float:
    """Great-circle distance (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lng2 - lng1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_METRES * math.asin(math.sqrt(h))


def location_id(lat: float, lng: float) -> int:
    """A stable integer id for a map point (police.uk's `street.id`): the point to 5 decimal places, packed so
    it stays below 2**53 (exact in JavaScript)."""
    return round((lat + 90) * 10**LOCATION_DP) * 10**8 + round((lng + 180) * 10**LOCATION_DP)


def point_of(location: str) -> tuple[float, float]:
    """The point a `location_id` names; 404 for anything else (police.uk's unknown-location status)."""
    if not location.isdigit():
        raise ApiError(404)
    packed = int(location)
    lat, lng = packed // 10**8 / 10**LOCATION_DP - 90, packed % 10**8 / 10**LOCATION_DP - 180
    if not (-90 <= lat <= 90 and -180 <= lng <= 180):
        raise ApiError(404)
    return lat, lng


def coordinates(lat_text: str, lng_text: str) -> tuple[float, float]:
    """A latitude and longitude as given; ValueError for anything but finite numbers on the globe ("nan" and
    "inf" are floats to Python, and no place to police.uk)."""
    lat, lng = float(lat_text), float(lng_text)
    if not (-90 <= lat <= 90 and -180 <= lng <= 180):  # False for nan too
        raise ValueError(f"not a point: {lat_text},{lng_text}")
    return lat, lng


def lat_lng(values: dict[str, str]) -> tuple[float, float] | None:
    """`lat` and `lng`, or None when neither is given; malformed: 404 as police.uk answers."""
    if "lat" not in values and "lng" not in values:
        return None
    try:
        return coordinates(values["lat"], values["lng"])
    except (KeyError, ValueError):
        raise ApiError(404) from None


def polygon(text: str) -> list[tuple[float, float]]:
    """`poly=lat,lng:lat,lng:…` (the first vertex need not be repeated). Malformed: 404; fewer than three
    vertices: 502, as police.uk answers."""
    try:
        points = [coordinates(*pair.split(",")) for pair in text.strip().split(":")]
    except (TypeError, ValueError):  # TypeError: a vertex without exactly one comma
        raise ApiError(404) from None
    if len(points) < 3:
        raise ApiError(502)
    return points


class EdgeIndex:
    """A polygon's edges by latitude band, so testing a point reads only the edges that cross its band: a
    POSTed `poly` of thousands of vertices (police.uk's own boundaries run to 2,000) over an area of
    thousands of incidents costs milliseconds, not vertices × incidents steps (20,000 vertices took 22 s)."""

    def __init__(self, poly: tuple[tuple[float, float], ...] | list[tuple[float, float]]) -> None:
        lats = [lat for lat, _lng in poly]
        self.south, north = min(lats), max(lats)
        self.bands = max(1, min(4096, len(poly)))
        self.height = (north - self.south) / self.bands or 1.0
        self.edges: list[list[tuple[float, float, float, float]]] = [[] for _ in range(self.bands)]
        for i, (lat_i, lng_i) in enumerate(poly):
            lat_j, lng_j = poly[i - 1]  # the edge to the previous vertex; poly[-1] closes the ring
            if lat_i == lat_j:
                continue  # a level edge is never crossed by the horizontal ray test below
            for band in range(self._band(min(lat_i, lat_j)), self._band(max(lat_i, lat_j)) + 1):
                self.edges[band].append((lat_i, lng_i, lat_j, lng_j))

    def _band(self, lat: float) -> int:
        return min(self.bands - 1, max(0, int((lat - self.south) / self.height)))

    def holds(self, lat: float, lng: float) -> bool:
        """Ray casting over the band's edges: is the point inside the polygon (closed implicitly)?"""
        result = False
        for lat_i, lng_i, lat_j, lng_j in self.edges[self._band(lat)]:
            if (lat_i > lat) != (lat_j > lat) and lng < (lng_j - lng_i) * (lat - lat_i) / (lat_j - lat_i) + lng_i:
                result = not result
        return result


def inside(lat: float, lng: float, poly: list[tuple[float, float]]) -> bool:
    """Is the point inside the polygon (closed implicitly)?"""
    return EdgeIndex(poly).holds(lat, lng)


@dataclass(frozen=True)
class Shape:
    """Where a search looks: a circle (a point and radius) or a polygon."""

    bbox: tuple[float, float, float, float]  # south, west, north, east
    centre: tuple[float, float] | None = None
    radius: float = MILE_METRES
    poly: tuple[tuple[float, float], ...] = ()

    @classmethod
    def circle(cls, lat: float, lng: float, radius: float = MILE_METRES) -> Shape:
        dlat = math.degrees(radius / EARTH_METRES)
        dlng = dlat / max(math.cos(math.radians(lat)), 0.01)
        return cls((lat - dlat, lng - dlng, lat + dlat, lng + dlng), (lat, lng), radius)

    @classmethod
    def polygon(cls, points: list[tuple[float, float]]) -> Shape:
        lats, lngs = [p[0] for p in points], [p[1] for p in points]
        return cls((min(lats), min(lngs), max(lats), max(lngs)), poly=tuple(points))

    def widened(self, metres: float) -> tuple[float, float, float, float]:
        """The bounding box widened by `metres`: raw force-export points that may snap into the shape."""
        south, west, north, east = self.bbox
        dlat = math.degrees(metres / EARTH_METRES)
        dlng = dlat / max(math.cos(math.radians((south + north) / 2)), 0.01)
        return south - dlat, west - dlng, north + dlat, east + dlng

    @cached_property
    def edge_index(self) -> EdgeIndex:
        return EdgeIndex(self.poly)

    def holds(self, lat: float, lng: float) -> bool:
        if self.centre is not None:
            return metres_between(*self.centre, lat, lng) <= self.radius
        return self.edge_index.holds(lat, lng)


def shape_from(values: dict[str, str]) -> Shape | None:
    if values.get("poly"):
        return Shape.polygon(polygon(values["poly"]))
    point = lat_lng(values)
    return Shape.circle(*point) if point else None


def nearest(lat: float, lng: float, points: Iterable[tuple[float, float]]) -> tuple[float, float] | None:
    return min(points, key=lambda p: metres_between(lat, lng, p[0], p[1]), default=None)
