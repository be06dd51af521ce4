"""Issue 11 item 6: no request gives 500. Hypothesis throws hostile query strings at every page in the
permission matrix (as a role that may see it), and hostile path parameters, query strings and JSON bodies
at every operation in the /api/v1/ OpenAPI schema. Any 500 (the test client re-raises the exception)
fails the test. FUZZ_EXAMPLES sets how many requests each test makes (default 60; the report ran 1,000)."""

from __future__ import annotations

import os
import re
from urllib.parse import quote

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from beatbook.accounts.actions import do_create_api_token
from beatbook.api.api import api
from tests.permission_matrix import MATRIX, Case

pytestmark = pytest.mark.django_db
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "60"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
    derandomize=True,
)
# What an attacker tried (issue 11): negative and huge numbers, over-long text, NUL, absurd dates.
NASTY = [
    "9999-12-31", "0001-01-01", "2023-02-30", "2023-13", "2023-01", "0000-00-00", "-1", "0", "2147483648",
    "99999999999999999999999", "1e308", "NaN", "-inf", "\x00", "a\x00b", "x" * 5000, "", " ", "%00",
    "../../etc/passwd", "<script>alert(1)</script>", "' OR 1=1 --", "csv", "json", "html", "xml", "☃", "\ud7ff",
]  # fmt: skip
PARAMS = ["from", "to", "days", "date", "month", "method", "table", "format", "q", "page", "operation",
          "neighbourhood", "next", "category", "level", "publish"]  # fmt: skip
values = st.one_of(st.sampled_from(NASTY), st.text(max_size=40), st.integers(-(10**20), 10**20).map(str),
                   st.dates().map(str))  # fmt: skip
queries = st.dictionaries(st.sampled_from(PARAMS), values, max_size=4)
ORDER = ["chief_inspector", "inspector", "analyst", "anonymous", "admin", "scrutiny", "partner", "sergeant", "pcso"]
TRIED = {"pages": 0, "api": 0, "forms": 0}


def _pages(personas: dict) -> list[tuple[str, str]]:
    """(url, role) for every GET page in the matrix, with a role the matrix says gets 200."""
    pages = []
    for case in MATRIX:
        if case.method != "GET" or case.name.startswith("api:"):
            continue
        role = next((r for r in ORDER if case.expected.get(r) == 200), None)
        if role is not None:
            pages.append((reverse(case.name, kwargs=_kwargs(case, personas)), role))
    return pages


def _police_uk_answer(url: str, status: int) -> bool:
    """police.uk's own deliberate answers, which its API clients expect (docs/police-uk-api.md): 502 for an
    unknown force or a custom area of under three corners, 503 for one of over 10,000 crimes. Never 500."""
    return url.startswith("/api/police-uk/") and status in (502, 503)


def _kwargs(case: Case, personas: dict) -> dict:
    return case.kwargs(personas) if callable(case.kwargs) else case.kwargs


@FUZZ
@given(data=st.data())
def test_no_page_gives_500_whatever_its_query_string(data: st.DataObject, personas: dict, client_as) -> None:  # noqa: ANN001
    cache.clear()  # the public search's rate limit would answer 429 before the search ran
    pages = _pages(personas)
    url, role = data.draw(st.sampled_from(pages))
    query = data.draw(queries)
    response = client_as(role).get(url, query)
    TRIED["pages"] += 1
    assert response.status_code < 500 or _police_uk_answer(url, response.status_code), (url, query)
    assert response.status_code != 400 or len(response.content) > 0  # a 400 says what to fix


# The API, from its OpenAPI schema -------------------------------------------------------------------------

VALID_PATH = {"code": ["staveley", "chesterfield", "derbyshire"]}
json_values = st.one_of(
    st.none(), st.booleans(), st.integers(-(2**70), 2**70), st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from(NASTY), st.text(max_size=20), st.lists(st.sampled_from(NASTY), max_size=3),
    st.sampled_from(["staveley", "street_surgery", "training", "chief_inspector", "survey", "2026-01-10T10:00:00"]),
)  # fmt: skip


def _operations() -> list[tuple[str, str, dict]]:
    schema = api.get_openapi_schema()
    return [
        (path, method, operation)
        for path, methods in schema["paths"].items()
        for method, operation in methods.items()
        if method in ("get", "post")
    ]


def _body_properties(operation: dict) -> list[str]:
    ref = operation.get("requestBody", {}).get("content", {}).get("application/json", {}).get("schema", {})
    name = ref.get("$ref", "").rsplit("/", 1)[-1]
    component = api.get_openapi_schema()["components"]["schemas"].get(name, {})
    return list(component.get("properties", {}))


@pytest.fixture
def token_client(personas: dict) -> Client:
    _, raw = do_create_api_token(personas["chief_inspector"], "fuzz", acting_user=personas["chief_inspector"])
    return Client(HTTP_AUTHORIZATION=f"Bearer {raw}")


@FUZZ
@given(data=st.data())
def test_no_api_operation_gives_500_whatever_it_is_sent(data: st.DataObject, token_client: Client, personas) -> None:  # noqa: ANN001
    path, method, operation = data.draw(st.sampled_from(_operations()))

    def fill(match: re.Match) -> str:
        name = match[1]
        valid = VALID_PATH.get(name) or [str(_an_object(name, personas))]
        return quote(data.draw(st.one_of(st.sampled_from(valid), st.sampled_from(NASTY).filter(bool))), safe="")

    url = re.sub(r"\{(\w+)\}", fill, path)
    names = [p["name"] for p in operation.get("parameters", []) if p.get("in") == "query"]
    query = data.draw(st.dictionaries(st.sampled_from(names), values, max_size=3)) if names else {}
    if method == "get":
        response = token_client.get(url, query)
    else:
        properties = _body_properties(operation) + ["unexpected"]
        body = data.draw(st.dictionaries(st.sampled_from(properties), json_values, max_size=len(properties)))
        response = token_client.post(url + ("?" + "&".join(f"{k}={quote(v)}" for k, v in query.items()) if query else ""),
                                     body, content_type="application/json")  # fmt: skip
    TRIED["api"] += 1
    assert response.status_code < 500, (method, url, query)


def _an_object(name: str, personas: dict) -> object:
    """A real object for a path parameter such as `priority_uuid`, made once per test."""
    from tests.permission_matrix import _staveley_engagement, _staveley_priority

    makers = {"priority_uuid": _staveley_priority, "engagement_uuid": _staveley_engagement}
    if name in makers:
        return makers[name](personas)[name]
    return "00000000-0000-0000-0000-000000000000"


# The neighbourhood record forms (BoundedForm) ------------------------------------------------------------

FORMS = {
    "/engagements/new/": ["neighbourhood", "date", "start", "duration_minutes", "location", "method", "groups",
                          "people_reached", "issues_raised", "follow_up"],
    "/abstractions/new/": ["officer", "start_date", "start", "end_date", "end", "reason", "details", "authorised_by",
                           "authoriser_rank", "emergency"],
    "/priorities/new/": ["neighbourhood", "issue", "planned_action", "evidence"],
}  # fmt: skip
VALID_FORM = {"date": "2026-01-10", "start_date": "2026-01-10", "end_date": "2026-01-10", "start": "10:00",
              "end": "12:00", "duration_minutes": "30", "location": "Library", "method": "street_surgery",
              "people_reached": "4", "reason": "training", "authorised_by": "Wright",
              "authoriser_rank": "chief_inspector", "issue": "Parking", "planned_action": "Patrols",
              "evidence": "survey"}  # fmt: skip


@FUZZ
@given(data=st.data())
def test_no_form_gives_500_whatever_it_is_sent(data: st.DataObject, client_as) -> None:  # noqa: ANN001
    url, names = data.draw(st.sampled_from(sorted(FORMS.items())))
    fields = {name: VALID_FORM.get(name, "") for name in names}
    fields |= data.draw(st.dictionaries(st.sampled_from(names + ["version"]), values, max_size=4))
    response = client_as("sergeant").post(url, fields)
    TRIED["forms"] += 1
    assert response.status_code < 500, (url, fields)


def test_report_the_figures() -> None:
    """Prints the number of requests tried (run with -s); never fails."""
    print(f"FUZZ pages={TRIED['pages']} api={TRIED['api']} forms={TRIED['forms']}")
