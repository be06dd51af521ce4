"""police.uk's stop-and-search endpoints (data.police.uk/docs/method/stops-street, stops-at-location,
stops-no-location, stops-force). Shapes and statuses: /work/shared/POLICE_UK.md §3.2.

The rows are police.uk's own (a stop-and-search file's rows, already anonymised by police.uk); a map point's
street name is that of the force's street crimes at the same point that month, as police.uk snaps both to
one master list."""

from __future__ import annotations

import re
from datetime import UTC, date

from django.db.models import QuerySet
from django.http import HttpRequest

from beatbook.crime.models import Incident, Source, StopSearch
from beatbook.public.policeuk.common import (
    ApiError,
    Shape,
    params,
    point_of,
    police_uk_endpoint,
    public_force,
    requested_month,
    shape_from,
)
from beatbook.public.policeuk.public_points import Place, location_of

PERSON_TYPES = ("Person search", "Person and Vehicle search")
# police.uk's `outcome_object.id` for the stop-and-search file's outcome names: not a slug of the name
# ("A no further action disposal" is `bu-no-further-action`; POLICE_UK.md §3.2 and police.uk's answers).
# An outcome not listed gets a slug of its words.
OUTCOME_IDS = {
    "A no further action disposal": "bu-no-further-action",
    "Arrest": "bu-arrest",
    "Summons / charged by post": "bu-summons",
    "Community resolution": "bu-community-resolution",
    "Caution (simple or conditional)": "bu-caution",
    "Penalty Notice for Disorder": "bu-penalty-notice",
    "Khat or Cannabis warning": "bu-khat-or-cannabis-warning",
}


def outcome_id(outcome: str) -> str:
    if not outcome:
        return ""
    return OUTCOME_IDS.get(outcome) or "bu-" + "-".join(re.findall(r"[a-z0-9]+", outcome.lower()))


def _flag(text: str) -> bool | None:
    lowered = text.strip().lower()
    return True if lowered == "true" else False if lowered == "false" else None


def _names(rows: list[StopSearch]) -> dict[tuple[float, float], str]:
    """Street names of the map points the rows are at, from the same force-months' street crimes."""
    names: dict[tuple[float, float], str] = {}
    wanted: dict[tuple[int, date], set[float]] = {}
    for row in rows:
        if row.latitude is not None:
            wanted.setdefault((row.force_id, row.month), set()).add(row.latitude)
    for (force_id, month), lats in wanted.items():
        crimes = Incident.objects.filter(force_id=force_id, month=month, source=Source.POLICE_UK)
        for lat, lng, name in crimes.filter(latitude__in=sorted(lats)).values_list("latitude", "longitude", "location"):
            names.setdefault((lat, lng), name)
    return names


def records(rows: list[StopSearch]) -> list[dict]:
    """police.uk's stop records: every categorical null where the file left it blank."""
    names = _names(rows)
    result = []
    for row in rows:
        place = None
        if row.latitude is not None:
            place = Place(row.latitude, row.longitude, names.get((row.latitude, row.longitude), ""))
        result.append(
            {
                "age_range": row.age_range or None,
                "outcome": row.outcome,
                "involved_person": row.search_type in PERSON_TYPES,
                "self_defined_ethnicity": row.self_defined_ethnicity or None,
                "gender": row.gender or None,
                "legislation": row.legislation or None,
                "outcome_linked_to_object_of_search": _flag(row.outcome_linked_to_object),
                "datetime": row.searched_at.astimezone(UTC).isoformat() if row.searched_at else None,
                "removal_of_more_than_outer_clothing": _flag(row.removal_of_more_than_outer_clothing),
                "outcome_object": {"id": outcome_id(row.outcome), "name": row.outcome},
                "location": location_of(place),
                "operation": _flag(row.part_of_operation),
                "officer_defined_ethnicity": row.officer_defined_ethnicity or None,
                "type": row.search_type or None,
                "operation_name": row.operation or None,
                "object_of_search": row.object_of_search or None,
            }
        )
    return result


def _in_shape(queryset: QuerySet[StopSearch], shape: Shape) -> list[StopSearch]:
    south, west, north, east = shape.bbox
    near = queryset.filter(latitude__gte=south, latitude__lte=north, longitude__gte=west, longitude__lte=east)
    return [row for row in near.order_by("searched_at", "id") if shape.holds(row.latitude, row.longitude)]


@police_uk_endpoint
def stops_street(request: HttpRequest) -> list[dict]:
    """Stops within a mile of `lat`,`lng` or inside `poly`, in `date` (default the latest month)."""
    values = params(request)
    shape = shape_from(values)
    if shape is None:
        raise ApiError(400, "Give lat and lng, or poly")
    month = requested_month(values)
    return records(_in_shape(StopSearch.objects.filter(month=month), shape)) if month else []


@police_uk_endpoint
def stops_at_location(request: HttpRequest) -> list[dict]:
    """Stops at one map point (`location_id`); an unknown point answers 200 [] as police.uk does."""
    values = params(request)
    if not values.get("location_id"):
        raise ApiError(400, "Give location_id")
    try:
        lat, lng = point_of(values["location_id"])
    except ApiError:
        return []
    month = requested_month(values)
    return records(_in_shape(StopSearch.objects.filter(month=month), Shape.circle(lat, lng, 2))) if month else []


@police_uk_endpoint
def stops_no_location(request: HttpRequest) -> list[dict]:
    """A force's stops with no map point, in `date`; unknown force: 404."""
    values = params(request)
    force = public_force(values.get("force", ""))
    if force is None:
        raise ApiError(404)
    month = requested_month(values)
    if month is None:
        return []
    rows = StopSearch.objects.filter(force=force, month=month, latitude__isnull=True).order_by("searched_at", "id")
    return records(list(rows))


@police_uk_endpoint
def stops_force(request: HttpRequest) -> list[dict]:
    """All of a force's stops in `date`, placed or not; an unknown force answers 200 [] as police.uk does."""
    values = params(request)
    force = public_force(values.get("force", ""))
    month = requested_month(values)
    if force is None or month is None:
        return []
    return records(list(StopSearch.objects.filter(force=force, month=month).order_by("searched_at", "id")))
