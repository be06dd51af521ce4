"""police.uk's crime, outcome, category and date endpoints (data.police.uk/docs/method/crime-street,
crimes-at-location, crimes-no-location, outcomes-at-location, outcomes-for-crime, crime-categories,
crime-last-updated, crimes-street-dates). Shapes and statuses: /work/shared/POLICE_UK.md §3."""

from __future__ import annotations

import re
from datetime import date

from django.http import HttpRequest

from beatbook.areas.models import Area, Level
from beatbook.crime.categories import Category
from beatbook.crime.models import Incident, Kind, Outcome, Source, StopSearch
from beatbook.crime.periods import add_months
from beatbook.outcomes.types import police_uk_category
from beatbook.public.policeuk import force_export, public_points
from beatbook.public.policeuk.common import (
    AREA_LIMIT,
    WINDOW_MONTHS,
    ApiError,
    Shape,
    forces_published_by_police_uk,
    in_window,
    lat_lng,
    latest_month,
    month_text,
    nearest,
    params,
    point_of,
    police_uk_endpoint,
    public_force,
    requested_month,
    shape_from,
)

# police.uk's outcome categories, name → code [POLICE_UK.md §3.3, from data.police.uk/docs/method/outcomes-for-crime].
OUTCOME_CODES = {
    "Awaiting court outcome": "awaiting-court-result",
    "Court result unavailable": "court-result-unavailable",
    "Court case unable to proceed": "unable-to-proceed",
    "Local resolution": "local-resolution",
    "Investigation complete; no suspect identified": "no-further-action",
    "Offender deprived of property": "deprived-of-property",
    "Offender fined": "fined",
    "Offender given absolute discharge": "absolute-discharge",
    "Offender given a caution": "cautioned",
    "Offender given a drugs possession warning": "drugs-possession-warning",
    "Offender given a penalty notice": "penalty-notice-issued",
    "Offender given community sentence": "community-penalty",
    "Offender given conditional discharge": "conditional-discharge",
    "Offender given suspended prison sentence": "suspended-sentence",
    "Offender sent to prison": "imprisoned",
    "Offender otherwise dealt with": "other-court-disposal",
    "Offender ordered to pay compensation": "compensation",
    "Suspect charged as part of another case": "sentenced-in-another-case",
    "Suspect charged": "charged",
    "Defendant found not guilty": "not-guilty",
    "Defendant sent to Crown Court": "sent-to-crown-court",
    "Unable to prosecute suspect": "unable-to-prosecute",
    "Formal action is not in the public interest": "formal-action-not-in-public-interest",
    "Action to be taken by another organisation": "action-taken-by-another-organisation",
    "Further investigation is not in the public interest": "further-investigation-not-in-public-interest",
    "Further action is not in the public interest": "further-action-not-in-public-interest",
    "Under investigation": "under-investigation",
    "Status update unavailable": "status-update-unavailable",
}
CURRENT_CATEGORIES = [c for c in Category if c != Category.PUBLIC_DISORDER_WEAPONS]


@police_uk_endpoint
def crime_categories(request: HttpRequest) -> list[dict]:
    """`[{url, name}]`: police.uk's 14 categories and `all-crime` (the `date` parameter changes nothing)."""
    return [{"url": "all-crime", "name": "All crime"}] + [{"url": c.value, "name": c.label} for c in CURRENT_CATEGORIES]


@police_uk_endpoint
def crime_last_updated(request: HttpRequest) -> dict:
    """`{date: "YYYY-MM-DD"}`, the first day of the latest month with data."""
    latest = latest_month()
    return {"date": f"{latest:%Y-%m-%d}" if latest else None}


@police_uk_endpoint
def crimes_street_dates(request: HttpRequest) -> list[dict]:
    """`[{date: "YYYY-MM", "stop-and-search": [force ids]}]`, newest first, the 36-month window."""
    latest = latest_month()
    if latest is None:
        return []
    first = add_months(latest, -(WINDOW_MONTHS - 1))
    searched: dict = {}
    for month, force in StopSearch.objects.filter(month__gte=first).values_list("month", "force__code").distinct():
        searched.setdefault(month, set()).add(force)
    forces = Area.objects.filter(level=Level.FORCE).values_list("pk", flat=True)
    months_held = Incident.objects.filter(force_id__in=forces, month__gte=first).values_list("month", flat=True)
    have = set(months_held.distinct())
    months = sorted(have | set(searched), reverse=True)
    return [{"date": month_text(m), "stop-and-search": sorted(searched.get(m, ()))} for m in months]


def _limited(items: list) -> list:
    if len(items) > AREA_LIMIT:
        raise ApiError(503, f"The area holds more than {AREA_LIMIT:,} crimes: ask for a smaller one")
    return items


@police_uk_endpoint
def crimes_street(request: HttpRequest, category: str) -> list[dict]:
    """Street-level crimes within a mile of `lat`,`lng` or inside `poly`, for `date` (default the latest
    month). Over 10,000 crimes: 503. No shape given: 400."""
    values = params(request)
    shape = shape_from(values)
    if shape is None:
        raise ApiError(400, "Give lat and lng, or poly")
    month = requested_month(values)
    if month is None:
        return []
    return public_points.records(_limited(public_points.in_shape(public_points.base(month, category), shape)))


def _location_point(values: dict[str, str]) -> tuple[float, float]:
    """The map point `location_id` names, or the published point nearest `lat`,`lng` (within a mile)."""
    if values.get("location_id"):
        return point_of(values["location_id"])
    point = lat_lng(values)
    if point is None:
        raise ApiError(400, "Give location_id, or lat and lng")
    month = requested_month(values)
    items = public_points.in_shape(public_points.base(month), Shape.circle(*point)) if month else []
    found = nearest(point[0], point[1], [(i.place.lat, i.place.lng) for i in items])
    if found is None:
        raise ApiError(404)
    return found


@police_uk_endpoint
def crimes_at_location(request: HttpRequest) -> list[dict]:
    """Crimes at one map point (`location_id`, or the point nearest `lat`,`lng`); unknown point: 404."""
    values = params(request)
    point = _location_point(values)
    month = requested_month(values)
    if month is None:
        return []
    items = public_points.at_point(public_points.base(month), *point)
    if not items and values.get("location_id") and not _known_point(*point):
        raise ApiError(404)
    return public_points.records(items)


def _known_point(lat: float, lng: float) -> bool:
    return bool(public_points.at_point(Incident.objects.filter(source=Source.POLICE_UK), lat, lng))


@police_uk_endpoint
def crimes_no_location(request: HttpRequest) -> list[dict]:
    """Crimes of `force` with no map point, for `category` (default all) and `date`; unknown force: 502 as
    police.uk answers."""
    values = params(request)
    force = public_force(values.get("force", ""))
    if force is None:
        raise ApiError(502)
    month = requested_month(values)
    if month is None:
        return []
    rows = list(public_points.base(month, values.get("category", "all-crime")).filter(force=force).values(
        *public_points.FIELDS
    ).order_by("id"))  # fmt: skip
    return public_points.records([item for item in public_points.publish(rows) if item.place is None])


def _outcome(row: Outcome | dict) -> dict:
    name = row["outcome_type"]
    return {
        "category": {"code": OUTCOME_CODES.get(name, re.sub(r"[^a-z]+", "-", name.lower()).strip("-")), "name": name},
        "date": month_text(row["month"]),
        "person_id": None,
    }


@police_uk_endpoint
def outcomes_at_location(request: HttpRequest) -> list[dict]:
    """Outcomes recorded in `date` for crimes at `location_id`, within a mile of `lat`,`lng` or in `poly`:
    `[{category{code,name}, date, person_id, crime{…}}]`, police.uk's outcome rows then force-export crimes'
    (force_export.py: an export's outcome is dated by the crime's month). Over 10,000: 503."""
    values = params(request)
    point = point_of(values["location_id"]) if values.get("location_id") else None
    shape = Shape.circle(*point, 2) if point else shape_from(values)
    if shape is None:
        raise ApiError(400, "Give location_id, lat and lng, or poly")
    month = requested_month(values)
    if month is None:
        return []
    south, west, north, east = shape.bbox
    rows = Outcome.objects.filter(
        month=month, latitude__gte=south, latitude__lte=north, longitude__gte=west, longitude__lte=east
    ).values("crime_id", "outcome_type", "month", "latitude", "longitude")
    found = [r for r in rows.order_by("id") if shape.holds(r["latitude"], r["longitude"])]
    exported = _exported_outcomes(month, shape, point)
    _limited(found + exported)  # police.uk's and the export's together
    crimes = _crimes_by_id([r["crime_id"] for r in found])
    published = [_outcome(r) | {"crime": crimes.get(r["crime_id"])} for r in found if r["crime_id"] in crimes]
    return published + exported


def _exported_outcomes(month: date, shape: Shape, point: tuple[float, float] | None) -> list[dict]:
    """Force-export crimes of the month with an outcome type, at their public point in the shape (at the one
    map point for a `location_id`), as outcome rows."""
    with_outcome = (
        public_points.base(month).exclude(source=Source.POLICE_UK).filter(kind=Kind.CRIME, detail__outcome_type__gt="")
    )
    items = public_points.at_point(with_outcome, *point) if point else public_points.in_shape(with_outcome, shape)
    result = []
    for item in items:
        record = item.record()
        del record["outcome_status"]  # police.uk's outcome routes give the crime without it
        name = police_uk_category(item.row["detail__outcome_type"] or "")
        result.append(_outcome({"outcome_type": name, "month": item.row["month"]}) | {"crime": record})
    return result


def _crimes_by_id(persistent_ids: list[str]) -> dict[str, dict]:
    """police.uk crime records (without `outcome_status`, as outcome routes give them) by persistent id."""
    result = {}
    ids = sorted(set(persistent_ids))
    for start in range(0, len(ids), 500):
        rows = Incident.objects.filter(source=Source.POLICE_UK, crime_id__in=ids[start : start + 500])
        for item in public_points.publish(list(rows.values(*public_points.FIELDS))):
            record = item.record()
            del record["outcome_status"]
            result[item.row["crime_id"]] = record
    return result


@police_uk_endpoint
def outcomes_for_crime(request: HttpRequest, persistent_id: str) -> dict:
    """`{crime{…}, outcomes: [{category{code,name}, date, person_id}]}`, for a police.uk crime or a force-export
    one (its one outcome, if it has one yet: force_export.py); unknown or upper-case id, or a crime older than
    the 36-month window (ids can be made up, so not even an old crime's existence is told): 404."""
    if not re.fullmatch(r"[0-9a-f]{64}", persistent_id):
        raise ApiError(404)
    crime = Incident.objects.filter(source=Source.POLICE_UK, crime_id=persistent_id).values(*public_points.FIELDS)
    if not crime:
        return _exported_crime_outcomes(persistent_id)
    if not in_window(crime[0]["month"]):
        raise ApiError(404)
    months = public_points.outcome_months([persistent_id])
    record = public_points.publish(list(crime))[0].record(months)
    outcomes = Outcome.objects.filter(crime_id=persistent_id).order_by("month", "id")
    return {"crime": record, "outcomes": [_outcome(o) for o in outcomes.values("outcome_type", "month")]}


def _exported_crime_outcomes(persistent_id: str) -> dict:
    """A force-export crime by its Beatbook persistent id: only a crime that is served (not ASB, in the window,
    not of a force-month police.uk has published); anything else 404."""
    row_id = force_export.row_id_of(persistent_id)
    if row_id is None:
        raise ApiError(404)
    rows = list(
        Incident.objects.filter(pk=row_id, kind=Kind.CRIME).exclude(source=Source.POLICE_UK).values(
            *public_points.FIELDS
        )
    )  # fmt: skip
    if (
        not rows
        or not in_window(rows[0]["month"])
        or rows[0]["force_id"] in forces_published_by_police_uk(rows[0]["month"])
    ):
        raise ApiError(404)
    record = public_points.publish(rows)[0].record()
    outcome_type, month = rows[0]["detail__outcome_type"], rows[0]["month"]
    outcomes = [_outcome({"outcome_type": police_uk_category(outcome_type), "month": month})] if outcome_type else []
    return {"crime": record, "outcomes": outcomes}
