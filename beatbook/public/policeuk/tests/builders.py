"""Small published data for the police.uk API tests: crimes, outcomes and searches in Staveley, and a force
export incident whose internal details must never be served."""

from __future__ import annotations

import hashlib
from datetime import UTC, date, datetime

from beatbook.areas.models import Area, Lsoa
from beatbook.crime.models import Incident, Kind, Outcome, Source, StopSearch

MONTH = date(2025, 3, 1)
POINT = (53.268201, -1.349654)  # a published map point in Staveley
NEXT_POINT = (53.270101, -1.345301)


def persistent_id(seed: str) -> str:
    return hashlib.sha256(seed.encode()).hexdigest()


def make_incident(*, persistent: bool = False, **fields: object) -> Incident:
    """A police.uk street crime at POINT in Staveley's first LSOA (`persistent`: with a persistent id)."""
    force = Area.objects.get(code="derbyshire")
    lsoa = Lsoa.objects.filter(neighbourhood__code="staveley").order_by("code").first()
    count = Incident.objects.count()
    values = {
        "force": force,
        "source": Source.POLICE_UK,
        "kind": Kind.CRIME,
        "crime_id": persistent_id(f"crime-{count}") if persistent else None,
        "month": MONTH,
        "category": "burglary",
        "latitude": POINT[0],
        "longitude": POINT[1],
        "location": "On or near Market Street",
        "lsoa": lsoa,
        "lsoa_code": lsoa.code,
        "last_outcome": "Under investigation" if persistent else "",
        "fingerprint": f"fp{count}",
    }
    return Incident.objects.create(**(values | fields))


def make_outcome(crime: Incident, month: date = MONTH, outcome: str = "Offender given a caution") -> Outcome:
    return Outcome.objects.create(
        force=crime.force, month=month, latitude=crime.latitude, longitude=crime.longitude, fingerprint="o",
        crime_id=crime.crime_id, outcome_type=outcome, location=crime.location, lsoa_code=crime.lsoa_code,
    )  # fmt: skip


def make_search(point: tuple[float, float] | None = POINT, **fields: object) -> StopSearch:
    values = {
        "force": Area.objects.get(code="derbyshire"), "month": MONTH, "fingerprint": "s",
        "latitude": point[0] if point else None, "longitude": point[1] if point else None,
        "searched_at": datetime(2025, 3, 4, 13, 30, tzinfo=UTC), "search_type": "Person search",
        "part_of_operation": "False", "gender": "Male", "age_range": "18-24", "self_defined_ethnicity": "",
        "officer_defined_ethnicity": "White", "legislation": "Misuse of Drugs Act 1971 (section 23)",
        "object_of_search": "Controlled drugs", "outcome": "A no further action disposal",
        "outcome_linked_to_object": "", "removal_of_more_than_outer_clothing": "False",
    }  # fmt: skip
    return StopSearch.objects.create(**(values | fields))
