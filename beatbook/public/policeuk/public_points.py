"""Incidents as police.uk publishes them: at a public map point, by month, without internal details.

police.uk's rows already carry their anonymised point. A force-export incident carries the force's own
position, so it is snapped to the nearest point police.uk has published for the force (in the incident's
LSOA where police.uk has one there, else anywhere within 20 km, else no location, as police.uk zeroes a
point with no map point within 20 km [POLICE_UK.md §3.1]); its street name is that point's, its reference
and context are never served; its `persistent_id` and outcome are Beatbook's (force_export.py).

A force police.uk has published nothing for in the year before (the demo force, a force using Beatbook
before its first police.uk import) has no map points to snap to: its incidents are snapped to the centre of a
grid cell of about 220 by 200 metres instead, named by the export's public "On or near …" description
(docs/data-sources.md, force export `location`) and by nothing else."""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.db.models import Q, QuerySet

from beatbook.areas.models import Area, Level
from beatbook.crime.categories import Category
from beatbook.crime.models import Incident, Kind, Outcome, Source
from beatbook.crime.periods import add_months
from beatbook.public.policeuk import force_export
from beatbook.public.policeuk.common import (
    SNAP_LIMIT_METRES,
    Shape,
    forces_published_by_police_uk,
    location_id,
    metres_between,
    month_text,
)

GRID_DEGREES = (0.002, 0.003)  # latitude, longitude: about 220 m by 200 m in England
SNAP_MONTHS = 12  # the points police.uk published for the force in the year before: the master list in use
GRID = -1  # the key under which _published_points marks a force with no published points
FIELDS = ["id", "force_id", "source", "kind", "crime_id", "month", "category", "latitude", "longitude"]
FIELDS += ["location", "lsoa_id", "last_outcome", "context"]
# A force export's Home Office outcome type, read in the same query (a LEFT JOIN on the one-to-one detail): no
# query per crime, nor one more per batch. None where the crime has no detail.
FIELDS += ["detail__outcome_type"]


@dataclass(frozen=True)
class Place:
    lat: float
    lng: float
    name: str


@dataclass
class PublicIncident:
    row: dict
    place: Place | None

    def record(self, outcome_dates: dict[str, date] | None = None) -> dict:
        """police.uk's crime record (crimes-street, crimes-at-location, crimes-no-location). `outcome_dates`: the
        month of a police.uk crime's latest outcome by persistent id. A force-export crime's id and outcome:
        force_export.py."""
        row = self.row
        published = row["source"] == Source.POLICE_UK
        persistent_id, outcome = "", None
        if row["kind"] == Kind.CRIME and published:
            persistent_id = row["crime_id"] or ""
            if row["last_outcome"]:
                when = (outcome_dates or {}).get(persistent_id) or row["month"]
                outcome = {"category": row["last_outcome"], "date": month_text(when)}
        elif row["kind"] == Kind.CRIME:
            persistent_id = force_export.persistent_id(row["id"])
            outcome = force_export.outcome_status(row["detail__outcome_type"] or "", row["month"])
        return {
            "category": row["category"],
            "location_type": "Force" if self.place else None,
            "location": self.location(),
            "context": row["context"] if published else "",
            "outcome_status": outcome,
            "persistent_id": persistent_id,
            "id": row["id"],
            "location_subtype": "",
            "month": month_text(row["month"]),
        }

    def location(self) -> dict | None:
        return location_of(self.place)


def location_of(place: Place | None) -> dict | None:
    if place is None:
        return None
    return {
        "latitude": f"{place.lat:.6f}",
        "street": {"id": location_id(place.lat, place.lng), "name": place.name},
        "longitude": f"{place.lng:.6f}",
    }


def base(month: date, category: str = "all-crime") -> QuerySet[Incident]:
    """The month's incidents that may be served: police.uk's, and a force's own export where police.uk has
    nothing for the force that month. Unknown categories widen to all crime, as police.uk's do."""
    # Naming every force lets the (force, month, kind) index serve the month.
    forces = list(Area.objects.filter(level=Level.FORCE).values_list("pk", flat=True))
    queryset = Incident.objects.filter(force_id__in=forces, month=month)
    if category in Category.values:
        queryset = queryset.filter(category=category)
    already = forces_published_by_police_uk(month)
    return queryset.filter(Q(source=Source.POLICE_UK) | ~Q(force_id__in=already))


def in_box(queryset: QuerySet[Incident], box: tuple[float, float, float, float]) -> QuerySet[Incident]:
    south, west, north, east = box
    return queryset.filter(latitude__gte=south, latitude__lte=north, longitude__gte=west, longitude__lte=east)


def publish(rows: list[dict]) -> list[PublicIncident]:
    """Each row at its public point (force exports snapped; see the module docstring)."""
    exported = [row for row in rows if row["source"] != Source.POLICE_UK and row["latitude"] is not None]
    points = _published_points(exported)
    result = []
    for row in rows:
        if row["latitude"] is None:
            place = None
        elif row["source"] == Source.POLICE_UK:
            place = Place(row["latitude"], row["longitude"], row["location"])
        else:
            place = _snap(row, points)
        result.append(PublicIncident(row, place))
    return result


def _published_points(exported: list[dict]) -> dict[tuple[int, int | None], list[Place]]:
    """police.uk's published points near the exported rows, by (force, LSOA)."""
    found: dict[tuple[int, int | None], list[Place]] = defaultdict(list)
    for force_id in {row["force_id"] for row in exported}:
        theirs = [row for row in exported if row["force_id"] == force_id]
        shape = Shape.polygon([(r["latitude"], r["longitude"]) for r in theirs] * 3)
        months = {row["month"] for row in theirs}
        published = Incident.objects.filter(
            force_id=force_id,
            source=Source.POLICE_UK,
            month__gte=add_months(min(months), -SNAP_MONTHS),
            month__lte=max(months),
        )
        if not published.exists():
            found[(force_id, GRID)] = []
            continue
        candidates = in_box(published, shape.widened(SNAP_LIMIT_METRES))
        seen = set()
        for lat, lng, name, lsoa_id in candidates.values_list("latitude", "longitude", "location", "lsoa_id"):
            if (lat, lng, lsoa_id) not in seen:
                seen.add((lat, lng, lsoa_id))
                found[(force_id, lsoa_id)].append(Place(lat, lng, name))
                found[(force_id, None)].append(Place(lat, lng, name))
    return found


def _snap(row: dict, points: dict[tuple[int, int | None], list[Place]]) -> Place | None:
    if (row["force_id"], GRID) in points:
        return _grid_point(row)

    def distance(place: Place) -> float:
        return metres_between(row["latitude"], row["longitude"], place.lat, place.lng)

    local = points.get((row["force_id"], row["lsoa_id"])) if row["lsoa_id"] else None
    best = min(local or points.get((row["force_id"], None), []), key=distance, default=None)
    return best if best is not None and distance(best) <= SNAP_LIMIT_METRES else None


def _grid_point(row: dict) -> Place:
    """The centre of the row's grid cell, named only by a public "On or near …" description."""
    lat_step, lng_step = GRID_DEGREES
    lat = (math.floor(row["latitude"] / lat_step) + 0.5) * lat_step
    lng = (math.floor(row["longitude"] / lng_step) + 0.5) * lng_step
    name = row["location"] if row["location"].startswith("On or near ") else ""
    return Place(round(lat, 6), round(lng, 6), name)


def in_shape(queryset: QuerySet[Incident], shape: Shape) -> list[PublicIncident]:
    """The incidents whose public point lies in the shape (force-export rows looked for in a box widened by
    the snapping distance, then kept by where they snap to)."""
    near = in_box(queryset.filter(source=Source.POLICE_UK), shape.bbox)
    exported = in_box(queryset.exclude(source=Source.POLICE_UK), shape.widened(SNAP_LIMIT_METRES))
    rows = list(near.values(*FIELDS).order_by("id")) + list(exported.values(*FIELDS).order_by("id"))
    return [item for item in publish(rows) if item.place and shape.holds(item.place.lat, item.place.lng)]


def at_point(queryset: QuerySet[Incident], lat: float, lng: float) -> list[PublicIncident]:
    """The incidents published at one map point (to the 5 decimal places of its location id)."""
    return [
        item
        for item in in_shape(queryset, Shape.circle(lat, lng, 50))
        if location_id(item.place.lat, item.place.lng) == location_id(lat, lng)
    ]


def outcome_months(persistent_ids: list[str]) -> dict[str, date]:
    """The month of each crime's latest outcome (police.uk's `outcome_status.date`)."""
    latest: dict[str, date] = {}
    ids = [pid for pid in persistent_ids if pid]
    for start in range(0, len(ids), 500):
        for crime_id, month in Outcome.objects.filter(crime_id__in=ids[start : start + 500]).values_list(
            "crime_id", "month"
        ):
            latest[crime_id] = max(month, latest.get(crime_id, month))
    return latest


def records(items: list[PublicIncident]) -> list[dict]:
    """Crime records with their outcomes, read in batches (never a query per crime)."""
    months = outcome_months([item.row["crime_id"] or "" for item in items])
    return [item.record(months) for item in items]
