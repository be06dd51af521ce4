from __future__ import annotations

from django.test import Client

from beatbook.accounts.actions import do_create_api_token, do_revoke_api_token, do_set_user_active


def bearer(token: str) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


def test_a_token_reads_the_areas_its_user_can_see(personas: dict) -> None:
    _, raw = do_create_api_token(personas["inspector"], "phone", acting_user=personas["inspector"])
    areas = Client().get("/api/v1/areas/", **bearer(raw)).json()
    codes = {area["code"] for area in areas}
    assert "chesterfield" in codes and "staveley" in codes and "derby-east" not in codes
    assert {area["level"] for area in areas} == {"lpu", "team", "neighbourhood"}


def test_an_area_outside_reach_is_404_with_an_error_body(personas: dict) -> None:
    _, raw = do_create_api_token(personas["outsider"], "script", acting_user=personas["outsider"])
    response = Client().get("/api/v1/areas/chesterfield", **bearer(raw))
    assert response.status_code == 404 and response.json() == {"error": "Not found"}


def test_an_area_has_its_children_officers_and_named_officer(personas: dict) -> None:
    _, raw = do_create_api_token(personas["pcso"], "phone", acting_user=personas["pcso"])
    body = Client().get("/api/v1/areas/staveley", **bearer(raw)).json()
    assert body["level"] == "neighbourhood" and body["parent"] == "staveley-snt"
    assert body["named_officer"] and body["officers"] and body["lsoas"] > 0
    assert [a["code"] for a in body["ancestors"]] == ["derbyshire", "north-division", "chesterfield", "staveley-snt"]
    lpu = Client().get("/api/v1/areas/chesterfield", **bearer(raw))
    assert lpu.status_code == 404  # a PCSO's reach is their neighbourhood


def test_bad_revoked_and_disabled_tokens_get_401(personas: dict) -> None:
    assert Client().get("/api/v1/areas/", **bearer("bb_not-a-token")).status_code == 401
    token, raw = do_create_api_token(personas["analyst"], "script", acting_user=personas["analyst"])
    assert Client().get("/api/v1/areas/", **bearer(raw)).status_code == 200
    do_revoke_api_token(token, acting_user=personas["analyst"])
    assert Client().get("/api/v1/areas/", **bearer(raw)).status_code == 401
    _, raw = do_create_api_token(personas["scrutiny"], "script", acting_user=personas["scrutiny"])
    do_set_user_active(personas["scrutiny"], False, acting_user=personas["admin"])
    assert Client().get("/api/v1/areas/", **bearer(raw)).status_code == 401


def test_the_openapi_schema_lists_the_geography_endpoints(db) -> None:
    schema = Client().get("/api/v1/openapi.json").json()
    assert schema["info"]["title"] == "Beatbook API"
    assert {"/api/v1/areas/", "/api/v1/areas/{code}"} <= set(schema["paths"])


def test_the_developers_swagger_page_loads_its_assets_locally(db) -> None:
    # Kept for developers only: no page links to it (it needs JavaScript and fails axe); people read /api/.
    page = Client().get("/api/v1/docs").content.decode()
    assert "cdn." not in page and "/static/ninja/swagger-ui-bundle.js" in page


def test_every_unauthenticated_api_write_is_401_not_a_csrf_403(db) -> None:
    # QA 14: with no session there is nothing to forge, so a write gets the same 401 as a read.
    schema = Client().get("/api/v1/openapi.json").json()
    client = Client(enforce_csrf_checks=True)
    writes = [
        (path, method)
        for path, operations in schema["paths"].items()
        for method in operations
        if method in ("post", "put", "patch", "delete")
    ]
    assert writes
    for path, method in writes:
        url = path.replace("{", "").replace("}", "")  # any value: authentication comes first
        response = getattr(client, method)(url, data="{}", content_type="application/json")
        assert response.status_code == 401, (method, path, response.content)
        assert response.json()["error"].startswith("Authentication required")


def test_a_signed_in_browsers_api_write_still_needs_the_csrf_token(personas: dict) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(personas["admin"])
    response = client.post(
        "/api/v1/areas/derbyshire/stop-and-search/scrutiny-panels", data="{}", content_type="application/json"
    )
    assert response.status_code == 403 and "CSRF" in response.content.decode()
