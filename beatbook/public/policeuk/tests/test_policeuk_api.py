"""police.uk's API over Beatbook's data: police.uk's shapes, parameters, limits and statuses
(/work/shared/POLICE_UK.md §3), force exports published as police.uk would, and a real police.uk client
library (police-api-client from PyPI) reading every call it offers."""

from __future__ import annotations

from datetime import date
from io import BytesIO
from urllib.parse import urlsplit

import police_api
import pytest
import requests
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from hypothesis import given
from hypothesis import strategies as st

from beatbook.areas.models import Area
from beatbook.crime.models import Incident, Source
from beatbook.outcomes.models import CrimeDetail, Premises
from beatbook.public.policeuk import common, force_export
from beatbook.public.policeuk.tests.builders import (
    MONTH,
    NEXT_POINT,
    POINT,
    make_incident,
    make_outcome,
    make_search,
)
from beatbook.workforce.models import Officer, Rank

pytestmark = pytest.mark.django_db
API = "/api/police-uk/"
AT_POINT = {"lat": str(POINT[0]), "lng": str(POINT[1])}
AROUND = "53.26,-1.36:53.28,-1.36:53.28,-1.34:53.26,-1.34"


@given(st.floats(49, 61), st.floats(-8, 2))
def test_a_location_id_names_its_point_to_a_metre_and_stays_exact_in_javascript(lat: float, lng: float) -> None:
    packed = common.location_id(lat, lng)
    assert packed < 2**53
    back = common.point_of(str(packed))
    assert common.metres_between(lat, lng, *back) < 1.2
    assert common.location_id(*back) == packed


def test_categories_dates_and_last_updated(client: Client) -> None:
    make_incident()
    make_incident(month=date(2025, 1, 1))
    make_search()
    categories = client.get(f"{API}crime-categories").json()
    assert categories[0] == {"url": "all-crime", "name": "All crime"} and len(categories) == 15
    assert {"url": "violent-crime", "name": "Violence and sexual offences"} in categories
    assert client.get(f"{API}crime-last-updated").json() == {"date": "2025-03-01"}
    dates = client.get(f"{API}crimes-street-dates").json()
    assert dates == [
        {"date": "2025-03", "stop-and-search": ["derbyshire"]},
        {"date": "2025-01", "stop-and-search": []},
    ]


def test_street_crimes_by_point_area_and_location_with_police_uk_shapes(client: Client) -> None:
    crime = make_incident(persistent=True, context="")
    make_outcome(crime, month=date(2025, 4, 1))
    make_incident(category="anti-social-behaviour", kind="asb")
    make_incident(latitude=53.4, longitude=-1.2)  # 10 miles away: outside the mile
    found = client.get(f"{API}crimes-street/all-crime", AT_POINT).json()
    assert len(found) == 2
    record = next(r for r in found if r["category"] == "burglary")
    assert record == {
        "category": "burglary",
        "location_type": "Force",
        "location": {
            "latitude": "53.268201",
            "street": {"id": common.location_id(*POINT), "name": "On or near Market Street"},
            "longitude": "-1.349654",
        },
        "context": "",
        "outcome_status": {"category": "Under investigation", "date": "2025-04"},
        "persistent_id": crime.crime_id,
        "id": crime.pk,
        "location_subtype": "",
        "month": "2025-03",
    }
    asb = next(r for r in found if r["category"] == "anti-social-behaviour")
    assert asb["persistent_id"] == "" and asb["outcome_status"] is None
    assert len(client.get(f"{API}crimes-street/burglary", AT_POINT).json()) == 1
    assert len(client.get(f"{API}crimes-street/no-such-category", AT_POINT).json()) == 2  # widens, as police.uk
    assert len(client.get(f"{API}crimes-street/all-crime", {"poly": AROUND}).json()) == 2
    assert len(client.post(f"{API}crimes-street/all-crime", {"poly": AROUND, "date": "2025-03"}).json()) == 2
    at = client.get(f"{API}crimes-at-location", {"location_id": record["location"]["street"]["id"]}).json()
    assert len(at) == 2
    near = client.get(f"{API}crimes-at-location", {"lat": "53.2683", "lng": "-1.3497"}).json()
    assert len(near) == 2  # snapped to the nearest map point


def test_police_uk_statuses(client: Client) -> None:
    make_incident()
    street = f"{API}crimes-street/all-crime"
    assert client.get(street, AT_POINT | {"date": "2025-04"}).json() == []  # after the latest month: 200 []
    assert client.get(street, AT_POINT | {"date": "2021-01"}).status_code == 404  # before the 36 months
    assert client.get(street, AT_POINT | {"date": "March"}).status_code == 404
    assert client.get(street, {"poly": "53.2,-1.3:53.3,-1.3"}).status_code == 502  # two vertices
    assert client.get(street, {"poly": "53.2,-1.3:nonsense"}).status_code == 404
    assert client.get(street).status_code == 400
    long_poly = ":".join(f"53.{i:04d},-1.3{i:04d}" for i in range(300))
    assert client.get(street, {"poly": long_poly}).status_code == 400  # request line over 4,094: POST it
    assert client.post(street, {"poly": long_poly}).status_code == 200
    assert client.post(street, {"poly": AROUND}, content_type="application/json").status_code == 400
    assert client.get(f"{API}crimes-at-location", {"location_id": "12"}).status_code == 404
    assert client.get(f"{API}crimes-no-location", {"force": "atlantis"}).status_code == 502
    assert client.get(f"{API}stops-force", {"force": "atlantis"}).json() == []
    assert client.get(f"{API}stops-at-location", {"location_id": "12"}).json() == []
    assert client.get(f"{API}outcomes-for-crime/{'A' * 64}").status_code == 404
    assert client.get(f"{API}derbyshire/atlantis/boundary").status_code == 404
    assert client.get(f"{API}forces/atlantis/people").status_code == 404
    assert client.get(f"{API}locate-neighbourhood", {"q": "51.5,-0.1"}).status_code == 404


def test_a_custom_area_over_ten_thousand_crimes_is_refused_with_503(client: Client, monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.setattr(common, "AREA_LIMIT", 2)
    monkeypatch.setattr("beatbook.public.policeuk.crimes.AREA_LIMIT", 2)
    for _ in range(3):
        make_incident()
    response = client.post(f"{API}crimes-street/all-crime", {"poly": AROUND})
    assert response.status_code == 503
    # Outcomes count police.uk's and the force export's together: two are served, a third is refused.
    for _ in range(2):
        _exported(outcome_type="18")
    assert len(client.post(f"{API}outcomes-at-location", {"poly": AROUND, "date": "2025-04"}).json()) == 2
    _exported(outcome_type="18")
    assert client.post(f"{API}outcomes-at-location", {"poly": AROUND, "date": "2025-04"}).status_code == 503


def test_crimes_with_no_location_and_outcomes(client: Client) -> None:
    crime = make_incident(persistent=True)
    make_outcome(crime, outcome="Offender given a caution")
    make_incident(latitude=None, longitude=None, category="drugs", location="")
    lost = client.get(f"{API}crimes-no-location", {"force": "derbyshire", "category": "all-crime"}).json()
    assert [(r["category"], r["location"], r["location_type"], r["location_subtype"]) for r in lost] == [
        ("drugs", None, None, "")
    ]
    assert client.get(f"{API}crimes-no-location", {"force": "derbyshire", "category": "burglary"}).json() == []
    story = client.get(f"{API}outcomes-for-crime/{crime.crime_id}").json()
    assert story["crime"]["persistent_id"] == crime.crime_id
    assert story["outcomes"] == [
        {"category": {"code": "cautioned", "name": "Offender given a caution"}, "date": "2025-03", "person_id": None}
    ]
    here = client.get(f"{API}outcomes-at-location", AT_POINT).json()
    assert here[0]["category"]["code"] == "cautioned" and here[0]["crime"]["persistent_id"] == crime.crime_id
    assert "outcome_status" not in here[0]["crime"]
    assert len(client.post(f"{API}outcomes-at-location", {"poly": AROUND}).json()) == 1
    location = {"location_id": str(common.location_id(*POINT))}
    assert len(client.get(f"{API}outcomes-at-location", location).json()) == 1


def test_stop_and_search_by_area_location_force_and_unplaced(client: Client) -> None:
    make_incident()
    make_search()
    make_search(point=None, search_type="Vehicle search", outcome="")
    stop = client.get(f"{API}stops-street", AT_POINT).json()
    assert stop == [
        {
            "age_range": "18-24",
            "outcome": "A no further action disposal",
            "involved_person": True,
            "self_defined_ethnicity": None,
            "gender": "Male",
            "legislation": "Misuse of Drugs Act 1971 (section 23)",
            "outcome_linked_to_object_of_search": None,
            "datetime": "2025-03-04T13:30:00+00:00",
            "removal_of_more_than_outer_clothing": False,
            "outcome_object": {"id": "bu-no-further-action", "name": "A no further action disposal"},
            "location": {
                "latitude": "53.268201",
                "street": {"id": common.location_id(*POINT), "name": "On or near Market Street"},
                "longitude": "-1.349654",
            },
            "operation": False,
            "officer_defined_ethnicity": "White",
            "type": "Person search",
            "operation_name": None,
            "object_of_search": "Controlled drugs",
        }
    ]
    assert len(client.post(f"{API}stops-street", {"poly": AROUND}).json()) == 1
    location = {"location_id": str(common.location_id(*POINT))}
    assert len(client.get(f"{API}stops-at-location", location).json()) == 1
    unplaced = client.get(f"{API}stops-no-location", {"force": "derbyshire"}).json()
    assert [(s["type"], s["location"], s["involved_person"], s["outcome_object"]) for s in unplaced] == [
        ("Vehicle search", None, False, {"id": "", "name": ""})
    ]
    assert len(client.get(f"{API}stops-force", {"force": "derbyshire", "date": "2025-03"}).json()) == 2


def test_a_force_export_incident_is_published_as_police_uk_would(client: Client) -> None:
    """Snapped to the nearest published point in its LSOA, month only, no reference, context or outcome; and
    not served for a month police.uk already covers (no double counting)."""
    make_incident()
    make_incident(latitude=NEXT_POINT[0], longitude=NEXT_POINT[1], location="On or near Church Street", lsoa=None)
    april = date(2025, 4, 1)
    exported = make_incident(
        source=Source.FORCE_EXPORT, month=april, reference="DBY-2025-0412", location="12 Hidden Lane",
        latitude=POINT[0] + 0.0004, longitude=POINT[1] + 0.0003, context="Victim: Mrs X", last_outcome="Charged",
    )  # fmt: skip
    make_incident(source=Source.FORCE_EXPORT, reference="DBY-OLD", month=MONTH)  # police.uk covers March
    april_at_point = client.get(f"{API}crimes-street/all-crime", AT_POINT | {"date": "2025-04"})
    [record] = april_at_point.json()
    text = april_at_point.content.decode()
    assert "Hidden" not in text and "DBY" not in text and "Mrs X" not in text and "Charged" not in text
    assert record["location"]["latitude"] == "53.268201"
    assert record["location"]["street"]["name"] == "On or near Market Street"
    # Beatbook's persistent id (not the reference) and no outcome type yet: under investigation, as police.uk.
    assert (record["persistent_id"], record["context"], record["outcome_status"], record["month"]) == (
        force_export.persistent_id(exported.pk),
        "",
        {"category": "Under investigation", "date": "2025-04"},
        "2025-04",
    )
    assert record["id"] == exported.pk
    march = client.get(f"{API}crimes-street/all-crime", AT_POINT | {"date": "2025-03"}).json()
    assert all(r["id"] != Incident.objects.get(reference="DBY-OLD").pk for r in march)
    far = make_incident(source=Source.FORCE_EXPORT, month=april, reference="DBY-FAR", latitude=51.5, longitude=-0.1)
    lost = client.get(f"{API}crimes-no-location", {"force": "derbyshire", "date": "2025-04"}).json()
    assert [r["id"] for r in lost] == [far.pk]  # no map point within 20 km: no location, as police.uk


def test_senior_officers_events_boundary_and_locate(client: Client) -> None:
    force = Area.objects.get(code="derbyshire")
    Officer.objects.create(team=force, rank=Rank.CHIEF_OFFICER, first_name="Rachel", last_name="Swann")
    Officer.objects.create(team=force, rank=Rank.STAFF, first_name="Not", last_name="Senior")
    senior = client.get(f"{API}forces/derbyshire/people").json()
    assert {"name": "Rachel Swann", "rank": "Chief officer (ACC and above)", "bio": None, "contact_details": {}} in (
        senior
    )
    assert all(person["name"] != "Not Senior" for person in senior)
    assert client.get(f"{API}derbyshire/staveley/events").json() == []
    ring = client.get(f"{API}derbyshire/staveley/boundary").json()  # the union of Staveley's MSOAs
    assert len(ring) > 10 and ring[0] == ring[-1] and set(ring[0]) == {"latitude", "longitude"}
    make_incident()
    located = client.get(f"{API}locate-neighbourhood", {"q": "53.2683,-1.3497"}).json()
    assert located == {"force": "derbyshire", "neighbourhood": "staveley"}


def _exported(month: date = date(2025, 4, 1), outcome_type: str | None = None, **fields: object) -> Incident:
    """A force-export crime beside POINT (snapped onto it) with internal details police.uk never shows, and a
    CrimeDetail with `outcome_type` (None: no detail at all)."""
    count = Incident.objects.count()
    values = {
        "source": Source.FORCE_EXPORT, "month": month, "reference": f"DBY-SECRET-{count}", "context": "Victim Mrs X",
        "location": "12 Hidden Lane", "latitude": POINT[0] + 0.0004, "longitude": POINT[1] + 0.0003,
    }  # fmt: skip
    incident = make_incident(**(values | fields))
    if outcome_type is not None:
        CrimeDetail.objects.create(incident=incident, outcome_type=outcome_type, premises=Premises.HOME, attended=True)
    return incident


def test_a_force_export_crime_has_its_outcome_in_police_uk_shapes(client: Client) -> None:
    """outcome_status, outcomes-at-location (point, poly, location id) and outcomes-for-crime for force-export
    crimes: police.uk's category name and code for the Home Office type, the crime's month, no internals."""
    make_incident()  # police.uk's March point at POINT, for the export to snap to
    cautioned = _exported(outcome_type="3")
    open_case = _exported()  # no detail at all
    details_only = _exported(outcome_type="")  # premises recorded, outcome not yet
    asb = _exported(kind="asb", category="anti-social-behaviour", outcome_type="18")
    april = AT_POINT | {"date": "2025-04"}
    crimes = {r["id"]: r for r in client.get(f"{API}crimes-street/all-crime", april).json()}
    assert crimes[cautioned.pk]["outcome_status"] == {"category": "Offender given a caution", "date": "2025-04"}
    under = {"category": "Under investigation", "date": "2025-04"}
    assert crimes[open_case.pk]["outcome_status"] == crimes[details_only.pk]["outcome_status"] == under
    assert (crimes[asb.pk]["outcome_status"], crimes[asb.pk]["persistent_id"]) == (None, "")
    record = crimes[cautioned.pk]
    assert record["persistent_id"] == force_export.persistent_id(cautioned.pk)
    assert len(record["persistent_id"]) == 64 and record["persistent_id"] == record["persistent_id"].lower()
    outcome = {"category": {"code": "cautioned", "name": "Offender given a caution"}, "date": "2025-04"}
    crime_in_outcome = {key: value for key, value in record.items() if key != "outcome_status"}
    location = {"location_id": record["location"]["street"]["id"], "date": "2025-04"}
    for answer in (
        client.get(f"{API}outcomes-at-location", april),
        client.post(f"{API}outcomes-at-location", {"poly": AROUND, "date": "2025-04"}),
        client.get(f"{API}outcomes-at-location", location),
    ):
        assert answer.json() == [outcome | {"person_id": None, "crime": crime_in_outcome}]
    story = client.get(f"{API}outcomes-for-crime/{record['persistent_id']}").json()
    assert story == {"crime": record, "outcomes": [outcome | {"person_id": None}]}
    no_outcome = client.get(f"{API}outcomes-for-crime/{force_export.persistent_id(open_case.pk)}").json()
    assert no_outcome["outcomes"] == [] and no_outcome["crime"]["outcome_status"] == under
    assert client.get(f"{API}outcomes-at-location", AT_POINT | {"date": "2025-03"}).json() == []
    everything = b"".join(
        client.get(url).content
        for url in (f"{API}crimes-street/all-crime?lat={POINT[0]}&lng={POINT[1]}&date=2025-04",
                    f"{API}outcomes-at-location?lat={POINT[0]}&lng={POINT[1]}&date=2025-04",
                    f"{API}outcomes-for-crime/{record['persistent_id']}")
    ).decode()  # fmt: skip
    assert "SECRET" not in everything and "Hidden" not in everything and "Mrs X" not in everything


def test_a_force_export_persistent_id_names_only_a_crime_that_is_served(client: Client) -> None:
    """A mistyped or upper-case id, ASB, and a crime of a force-month police.uk publishes (not served): 404."""
    make_incident()
    crime = _exported(outcome_type="18")
    good = force_export.persistent_id(crime.pk)
    assert client.get(f"{API}outcomes-for-crime/{good}").status_code == 200
    mistyped = ("0" if good[0] != "0" else "1") + good[1:]
    asb = _exported(kind="asb", category="anti-social-behaviour")
    march = _exported(month=MONTH, outcome_type="18")  # police.uk has published Derbyshire's March
    for persistent in (
        mistyped,
        good.upper(),
        force_export.persistent_id(asb.pk),
        force_export.persistent_id(march.pk),
    ):
        assert client.get(f"{API}outcomes-for-crime/{persistent}").status_code == 404
    assert force_export.row_id_of(good) == crime.pk and force_export.row_id_of(mistyped) is None


@pytest.mark.parametrize(
    ("outcome_type", "category"),
    [("1", "Suspect charged"), ("8", "Local resolution"), ("18", "Investigation complete; no suspect identified"),
     ("15", "Unable to prosecute suspect"), ("22", "Further action is not in the public interest"),
     ("", "Under investigation")],
)  # fmt: skip
def test_home_office_outcome_types_map_to_police_uk_categories(outcome_type: str, category: str) -> None:
    from beatbook.outcomes.types import POLICE_UK_CATEGORY, OutcomeType, police_uk_category  # noqa: PLC0415
    from beatbook.public.policeuk.crimes import OUTCOME_CODES  # noqa: PLC0415

    assert police_uk_category(outcome_type) == category
    assert set(POLICE_UK_CATEGORY) == set(OutcomeType)  # every type has its category
    assert set(POLICE_UK_CATEGORY.values()) <= set(OUTCOME_CODES)  # each one of police.uk's names


def test_force_export_outcomes_are_read_in_batches(client: Client) -> None:
    """As many queries for 30 force-export crimes with outcomes as for 2: no query per crime."""
    make_incident()

    def queries(url: str) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    urls = [f"{API}crimes-street/all-crime?lat={POINT[0]}&lng={POINT[1]}&date=2025-04"]
    urls.append(f"{API}outcomes-at-location?lat={POINT[0]}&lng={POINT[1]}&date=2025-04")
    for _ in range(2):
        _exported(outcome_type="3")
    few = [queries(url) for url in urls]
    for _ in range(28):
        _exported(outcome_type="8")
    assert [queries(url) for url in urls] == few
    assert len(client.get(urls[1]).json()) == 30


class DjangoTestClientAdapter(requests.adapters.BaseAdapter):
    """A requests transport that answers from Django's test client: the client library's real HTTP code runs
    (URL building, query strings, form bodies, status checks) without a server thread."""

    def __init__(self, client: Client) -> None:
        super().__init__()
        self.client = client
        self.calls: list[tuple[str, str, int]] = []

    def send(self, request: requests.PreparedRequest, **kwargs: object) -> requests.Response:
        parts = urlsplit(request.url)
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        body = request.body.encode() if isinstance(request.body, str) else request.body or b""
        answer = self.client.generic(
            request.method, path, body, content_type=request.headers.get("Content-Type", "text/plain")
        )
        self.calls.append((request.method, parts.path, answer.status_code))
        response = requests.Response()
        response.status_code = answer.status_code
        response.raw = BytesIO(answer.content)
        response.headers.update({key: value for key, value in answer.items()})
        response.url = request.url
        response.request = request
        response.encoding = "utf-8"
        return response

    def close(self) -> None:
        pass


@pytest.fixture
def police_uk_client(client: Client, monkeypatch) -> tuple[police_api.PoliceAPI, DjangoTestClientAdapter]:  # noqa: ANN001
    adapter = DjangoTestClientAdapter(client)

    def request(method: str, url: str, **kwargs: object) -> requests.Response:
        with requests.Session() as session:
            session.mount("http://testserver/", adapter)
            return session.request(method, url, **kwargs)

    monkeypatch.setattr(police_api.service.requests, "request", request)
    return police_api.PoliceAPI(base_url=f"http://testserver{API}"), adapter


def test_the_police_api_client_library_reads_every_call_for_the_demo_force(police_uk_client) -> None:  # noqa: ANN001
    """police-api-client 1.2.2 (PyPI), pointed at /api/police-uk/: each call it offers, for Derbyshire."""
    api, adapter = police_uk_client
    crime = make_incident(persistent=True)
    make_outcome(crime)
    make_incident(latitude=None, longitude=None)
    Officer.objects.create(
        team=Area.objects.get(code="derbyshire"), rank=Rank.CHIEF_OFFICER, first_name="A", last_name="B"
    )
    around = [(53.26, -1.36), (53.28, -1.36), (53.28, -1.34), (53.26, -1.34)]
    calls = {
        "get_forces": lambda: [f.id for f in api.get_forces()],
        "get_force": lambda: api.get_force("derbyshire").name,
        "force.senior_officers": lambda: api.get_force("derbyshire").senior_officers,
        "get_neighbourhoods": lambda: api.get_neighbourhoods("derbyshire"),
        "get_neighbourhood": lambda: api.get_neighbourhood("derbyshire", "staveley").population,
        "neighbourhood.officers": lambda: api.get_neighbourhood("derbyshire", "staveley").officers,
        "neighbourhood.events": lambda: api.get_neighbourhood("derbyshire", "staveley").events,
        "neighbourhood.priorities": lambda: api.get_neighbourhood("derbyshire", "staveley").priorities,
        "neighbourhood.boundary": lambda: api.get_neighbourhood("derbyshire", "staveley").boundary,
        "locate_neighbourhood": lambda: api.locate_neighbourhood(53.2683, -1.3497).id,
        "get_dates": lambda: api.get_dates(),
        "get_latest_date": lambda: api.get_latest_date(),
        "get_crime_categories": lambda: api.get_crime_categories(),
        "get_crime_category": lambda: api.get_crime_category("burglary").name,
        "get_crime": lambda: api.get_crime(crime.crime_id).outcomes,
        "get_crimes_point": lambda: api.get_crimes_point(*POINT, date="2025-03"),
        "get_crimes_area": lambda: api.get_crimes_area(around, date="2025-03", category="burglary"),
        "get_crimes_location": lambda: api.get_crimes_location(common.location_id(*POINT), date="2025-03"),
        "get_crimes_no_location": lambda: api.get_crimes_no_location("derbyshire", date="2025-03"),
        "crime.outcomes": lambda: api.get_crimes_point(*POINT)[0].outcomes,
        # POSTs the neighbourhood's boundary (the union of its MSOAs) as `poly`.
        "neighbourhood.crimes": lambda: api.get_neighbourhood("derbyshire", "staveley").crimes,
    }
    results = {}
    for name, call in calls.items():
        try:
            results[name] = call()
        except Exception as exc:  # noqa: BLE001 - counting what the client cannot read, reported below
            results[name] = exc
    failed = {name: repr(value) for name, value in results.items() if isinstance(value, Exception)}
    print(f"police-api-client: {len(calls) - len(failed)} of {len(calls)} calls work; failing: {failed}")
    assert failed == {}
    assert "derbyshire" in results["get_forces"] and results["get_force"] == "Derbyshire Constabulary"
    assert results["get_neighbourhood"] > 0 and results["locate_neighbourhood"] == "staveley"
    assert results["get_latest_date"] == "2025-03" and results["get_crime_category"] == "Burglary"
    assert [o.category.id for o in results["get_crime"]] == ["cautioned"]
    assert [c.persistent_id for c in results["get_crimes_area"]] == [crime.crime_id]
    assert [c.location.name for c in results["get_crimes_point"]] == ["On or near Market Street"]
    assert len(results["get_crimes_no_location"]) == 1
    assert len(results["neighbourhood.boundary"]) > 10 and isinstance(results["neighbourhood.crimes"], list)
    assert [call for call in adapter.calls if call[2] != 200] == []


def test_the_police_api_client_library_reads_a_force_export_crime_and_its_outcome(police_uk_client) -> None:  # noqa: ANN001
    api, adapter = police_uk_client
    make_incident()
    crime = _exported(outcome_type="6")
    [found] = api.get_crimes_point(*POINT, date="2025-04")
    assert found.persistent_id == force_export.persistent_id(crime.pk)
    assert [(o.category.id, o.category.name) for o in found.outcomes] == [
        ("penalty-notice-issued", "Offender given a penalty notice")
    ]
    assert [o.category.id for o in api.get_crime(found.persistent_id).outcomes] == ["penalty-notice-issued"]
    assert [call for call in adapter.calls if call[2] != 200] == []


def test_a_force_police_uk_has_not_published_is_served_on_a_grid(client: Client) -> None:
    """No police.uk points to snap to (the demo force): the centre of a ~200 m cell, named only by a public
    "On or near …" description."""
    april = date(2025, 4, 1)
    make_incident(source=Source.FORCE_EXPORT, month=april, reference="R1", latitude=53.268201, longitude=-1.349654)
    make_incident(
        source=Source.FORCE_EXPORT, month=april, reference="R2", location="12 Hidden Lane", latitude=53.2683
    )  # fmt: skip
    found = client.get(f"{API}crimes-street/all-crime", AT_POINT).json()
    assert sorted(
        (r["location"]["latitude"], r["location"]["longitude"], r["location"]["street"]["name"]) for r in found
    ) == [
        ("53.269000", "-1.348500", ""),
        ("53.269000", "-1.348500", "On or near Market Street"),
    ]
    assert "Hidden" not in client.get(f"{API}crimes-street/all-crime", AT_POINT).content.decode()


def test_outcomes_for_a_crime_older_than_the_window_are_not_served(client: Client) -> None:
    """police.uk keeps 36 months: a crime before them is 404 by id as by date, whether police.uk's own or a
    force export's (whose ids anyone can make from a row number)."""
    make_incident()  # the latest month: March 2025, so the window starts in April 2022
    old_export = _exported(month=date(2022, 2, 1), outcome_type="3")
    first_export = _exported(month=date(2022, 5, 1), outcome_type="3")  # no police.uk crimes that month
    old_published = make_incident(persistent=True, month=date(2022, 3, 1))
    first_published = make_incident(persistent=True, month=date(2022, 4, 1))
    for crime, status in ((old_export, 404), (first_export, 200)):
        answer = client.get(f"{API}outcomes-for-crime/{force_export.persistent_id(crime.pk)}")
        assert answer.status_code == status
    for crime, status in ((old_published, 404), (first_published, 200)):
        assert client.get(f"{API}outcomes-for-crime/{crime.crime_id}").status_code == status


@pytest.mark.parametrize(
    ("path", "query"),
    [
        ("crimes-street/all-crime", AT_POINT),
        ("crimes-at-location", AT_POINT),
        ("crimes-no-location", {"force": "derbyshire"}),
        ("outcomes-at-location", AT_POINT),
        ("stops-street", AT_POINT),
        ("stops-no-location", {"force": "derbyshire"}),
        ("stops-force", {"force": "derbyshire"}),
    ],
)
@pytest.mark.parametrize("month", ["0000-01", "٢٠٢٥-٠٣"])  # year 0 (no date at all); Arabic-Indic digits
def test_a_malformed_date_is_404_on_every_dated_route_never_a_server_error(
    client: Client, path: str, query: dict, month: str
) -> None:
    make_incident()
    assert client.get(f"{API}{path}", query | {"date": month}).status_code == 404


def test_coordinates_that_are_not_numbers_on_the_globe_are_refused_not_a_server_error(client: Client) -> None:
    make_incident()
    street = f"{API}crimes-street/all-crime"
    assert client.get(street, {"lat": "nan", "lng": "nan"}).status_code == 404
    assert client.get(street, {"poly": "nan,nan:53.2,-1.3:53.3,-1.3"}).status_code == 404
    assert client.get(street, {"poly": "53.2,-1.3,4:53.2,-1.3:53.3,-1.3"}).status_code == 404
    for q in ("inf,0", "nan,nan", "53.2", "1,2,3"):
        response = client.get(f"{API}locate-neighbourhood", {"q": q})
        assert response.status_code == 400, q
        assert response.json() == {"error": "Give q=latitude,longitude"}


def test_a_custom_area_of_twenty_thousand_vertices_is_answered_quickly_and_exactly(client: Client) -> None:
    """A POSTed poly is tested against each incident: by latitude band, not vertex by vertex (20,000 vertices
    over the demo's area took 22 s)."""
    import math
    import time

    inside_point = make_incident()
    centre = (inside_point.latitude, inside_point.longitude)
    make_incident(latitude=centre[0] + 0.02)  # outside the ring below (radius 0.01°)
    ring = [
        (centre[0] + 0.01 * math.sin(2 * math.pi * i / 20_000), centre[1] + 0.01 * math.cos(2 * math.pi * i / 20_000))
        for i in range(20_000)
    ]
    started = time.monotonic()
    found = client.post(f"{API}crimes-street/all-crime", {"poly": ":".join(f"{a:.6f},{b:.6f}" for a, b in ring)})
    assert time.monotonic() - started < 5
    assert [crime["id"] for crime in found.json()] == [inside_point.pk]


@given(
    st.lists(st.tuples(st.floats(53, 54), st.floats(-2, -1)), min_size=3, max_size=40),
    st.floats(53, 54),
    st.floats(-2, -1),
)
def test_the_banded_polygon_test_agrees_with_plain_ray_casting(poly, lat: float, lng: float) -> None:  # noqa: ANN001
    plain = False
    for i, (lat_i, lng_i) in enumerate(poly):
        lat_j, lng_j = poly[i - 1]
        if (lat_i > lat) != (lat_j > lat) and lng < (lng_j - lng_i) * (lat - lat_i) / (lat_j - lat_i) + lng_i:
            plain = not plain
    assert common.EdgeIndex(poly).holds(lat, lng) == plain


@pytest.mark.parametrize(
    ("outcome", "outcome_id"),
    [
        ("A no further action disposal", "bu-no-further-action"),
        ("Summons / charged by post", "bu-summons"),
        ("Arrest", "bu-arrest"),
        ("Community resolution", "bu-community-resolution"),
        ("Caution (simple or conditional)", "bu-caution"),
        ("", ""),
    ],
)
def test_a_stop_outcome_has_police_uk_s_outcome_id(client: Client, outcome: str, outcome_id: str) -> None:
    make_incident()  # a month with data
    make_search(outcome=outcome)
    stop = client.get(f"{API}stops-force", {"force": "derbyshire", "date": "2025-03"}).json()[0]
    assert stop["outcome_object"] == {"id": outcome_id, "name": outcome}
