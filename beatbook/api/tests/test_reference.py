"""The API reference page at /api/: built from the served OpenAPI schema, public, linked from every footer."""

from __future__ import annotations

import re
from unittest import mock

from django.test import Client

from beatbook.api import reference
from beatbook.public.policeuk import urls as policeuk_urls
from beatbook.public.urls import urlpatterns as public_urlpatterns

ENDPOINT = re.compile(r'<strong class="govuk-tag[^"]*">(\w+)</strong> <code class="app-code">([^<]+)</code>')


def _page(client: Client | None = None) -> str:
    response = (client or Client()).get("/api/")
    assert response.status_code == 200
    return response.content.decode()


def test_it_lists_every_operation_in_the_schema_signed_out(db) -> None:
    schema = Client().get("/api/v1/openapi.json").json()
    in_schema = {(method.upper(), path) for path, operations in schema["paths"].items() for method in operations}
    shown = set(ENDPOINT.findall(_page()))
    assert len(in_schema) > 40
    assert shown == in_schema


def test_it_shows_parameters_bodies_responses_and_who_may_call(db) -> None:
    page = _page()
    engagement = page[page.index('id="beatbook-api-neighbourhoods-record-engagement"') :]
    engagement = engagement[: engagement.index("<h3")]
    assert "Request body" in engagement and "EngagementIn" in engagement and "EngagementOut" in engagement
    assert '<code class="app-code">duration_minutes</code>' in engagement and "integer" in engagement
    assert 'one of: <code class="app-code">patrol_conversation</code>' in engagement  # an enum, resolved
    assert "201, JSON" in engagement and "400, 403, 404" in engagement
    assert '<code class="app-code">BearerToken</code> or <code class="app-code">SignedInSession</code>' in engagement
    area = page[page.index('id="beatbook-api-areas-get-area"') :]
    assert "Required, in path: string" in area[: area.index("<h3")]


def test_every_in_page_link_has_its_target(db) -> None:
    page = _page()
    targets = set(re.findall(r'href="#([^"]+)"', page))
    assert {"object-tableout", "errors", "police-uk"} <= targets
    assert targets <= set(re.findall(r'id="([^"]+)"', page))


def test_it_lists_every_police_uk_route_with_a_summary(db) -> None:
    names = {p.name for p in policeuk_urls.urlpatterns}
    names |= {p.name for p in public_urlpatterns if str(p.pattern).startswith("api/police-uk/")}
    assert names == set(reference.POLICE_UK_SUMMARIES)
    page = _page()
    for route in ("/api/police-uk/crimes-street/{category}", "/api/police-uk/{force}/{code}/priorities"):
        assert f'<code class="app-code">{route}</code>' in page
    assert 'href="https://data.police.uk/docs/"' in page and "no sign-in" in page


def test_the_footer_links_to_it_and_no_page_links_to_swagger(client_as) -> None:
    for role, url in (("anonymous", "/"), ("anonymous", "/your-area/"), ("inspector", "/"), ("anonymous", "/api/")):
        page = client_as(role).get(url).content.decode()
        footer = page[page.index('<footer class="govuk-footer">') :]
        assert 'href="/api/">API</a>' in footer, (role, url)
        assert "/api/v1/docs" not in page, (role, url)
    profile = client_as("analyst").get("/account/").content.decode()
    assert 'href="/api/">Beatbook API</a>' in profile and "/api/v1/docs" not in profile


def test_the_body_is_rendered_once_per_process(db) -> None:
    reference.reference_body.cache_clear()
    try:
        with mock.patch.object(reference, "served_schema", wraps=reference.served_schema) as schema:
            first, second = _page(), _page()
        assert schema.call_count == 1
        main = re.compile(r"<main.*</main>", re.S)  # the rest holds a per-request CSP nonce
        assert main.search(first).group() == main.search(second).group()
    finally:
        reference.reference_body.cache_clear()


SCHEMA = {
    "info": {"title": "Test API", "description": "Send `Authorization`."},
    "paths": {
        "/things/{id}": {
            "post": {
                "tags": ["Things"],
                "operationId": "make_thing",
                "summary": "Make a thing",
                "security": [{"Token": []}],
                "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "integer"}}],
                "requestBody": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/ThingIn"}}}},
                "responses": {
                    "201": {
                        "content": {
                            "application/json": {
                                "schema": {"type": "array", "items": {"$ref": "#/components/schemas/ThingOut"}}
                            }
                        }
                    },
                    "404": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorOut"}}}},
                },
            }
        }
    },
    "components": {
        "securitySchemes": {"Token": {"type": "http", "scheme": "bearer"}},
        "schemas": {
            "Colour": {"type": "string", "enum": ["red", "blue"]},
            "ThingIn": {
                "type": "object",
                "properties": {
                    "colour": {"$ref": "#/components/schemas/Colour"},
                    "made_on": {"anyOf": [{"type": "string", "format": "date"}, {"type": "null"}], "default": None},
                    "note": {"type": "string", "default": "none", "description": "Free `text`"},
                },
                "required": ["colour"],
            },
            "ThingOut": {
                "type": "object",
                "properties": {"parts": {"type": "array", "items": {"$ref": "#/components/schemas/Part"}}},
            },
            "Part": {"type": "object", "properties": {"weight": {"type": "number"}}},
            "ErrorOut": {"type": "object", "properties": {"error": {"type": "string"}}},
        },
    },
}


def test_it_resolves_refs_one_level_down_with_their_types() -> None:
    result = reference.reference_from_schema(SCHEMA)
    assert [group.tag for group in result.groups] == ["Things"]
    (operation,) = result.groups[0].operations
    assert (operation.method, operation.path, operation.anchor) == ("POST", "/things/{id}", "make-thing")
    assert operation.schemes == ["Token"] and operation.error_statuses == ["404"]
    assert [(p.name, p.where, p.required, str(p.type)) for p in operation.parameters] == [
        ("id", "path", True, "integer")
    ]
    fields = {field.name: field for field in operation.request_body.fields}
    assert str(fields["colour"].type) == 'one of: <code class="app-code">red</code>, <code class="app-code">blue</code>'
    assert fields["colour"].required and not fields["made_on"].required
    assert str(fields["made_on"].type) == "string (date) or null"
    assert (
        str(fields["note"].description)
        == 'Free <code class="app-code">text</code> Default: <code class="app-code">none</code>.'
    )
    assert operation.success_status == "201" and operation.response.is_list
    assert operation.response.schema_name == "ThingOut"
    assert str(operation.response.fields[0].type) == 'list of <a class="govuk-link" href="#object-part">Part</a>'
    assert [obj.schema_name for obj in result.objects] == ["Part"]
    assert (
        "Bearer" in result.schemes[0].how
        and str(result.description) == 'Send <code class="app-code">Authorization</code>.'
    )


def test_descriptions_are_escaped() -> None:
    assert str(reference.inline_code("<script>`a<b>`")) == '&lt;script&gt;<code class="app-code">a&lt;b&gt;</code>'
