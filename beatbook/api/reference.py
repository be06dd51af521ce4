"""The API reference page (/api/): Beatbook's own GOV.UK page, built from the OpenAPI schema the NinjaAPI
makes, so it lists every /api/v1/ endpoint as the code defines it, works without JavaScript and passes axe.
ninja's Swagger UI (/api/v1/docs) needs JavaScript and fails axe, so pages no longer link to it.

`reference_from_schema` is a pure function of the schema dict; `police_uk_routes` reads the URL patterns of
the police.uk-compatible API. The page's body is rendered once per process: neither changes at run time."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from ninja.responses import NinjaJSONEncoder

HTTP_METHODS = {"get", "put", "post", "delete", "options", "head", "patch", "trace"}
POLICE_UK_PREFIX = "api/police-uk/"
POLICE_UK_DOCS = "https://data.police.uk/docs/"

# One line for each police.uk-compatible route, by URL name; test_reference fails if a route has none.
POLICE_UK_SUMMARIES = {
    "policeuk_senior_officers": "A force's chief officers and chief superintendents: names and ranks.",
    "policeuk_crime_categories": "The crime categories, with `all-crime`.",
    "policeuk_crime_last_updated": "The first day of the latest month with data.",
    "policeuk_crimes_street_dates": "The months published, newest first, and which forces published stop and search.",
    "policeuk_crimes_street": "Street-level crimes of a category within a mile of `lat`,`lng` or inside `poly`.",
    "policeuk_crimes_at_location": "Crimes at one map point (`location_id`, or the point nearest `lat`,`lng`).",
    "policeuk_crimes_no_location": "A force's crimes with no map point, for `category` and `date`.",
    "policeuk_outcomes_at_location": "Outcomes recorded in a month at a map point, near a point or inside `poly`.",
    "policeuk_outcomes_for_crime": "One crime and its outcomes, by its persistent id.",
    "policeuk_stops_street": "Stop and search within a mile of `lat`,`lng` or inside `poly`.",
    "policeuk_stops_at_location": "Stop and search at one map point (`location_id`).",
    "policeuk_stops_no_location": "A force's stops with no map point, for `date`.",
    "policeuk_stops_force": "All of a force's stops in `date`, placed or not.",
    "policeuk_locate_neighbourhood": "The force and neighbourhood of a point (`q=lat,lng`).",
    "policeuk_events": "A neighbourhood's upcoming events (Beatbook holds none, so always an empty list).",
    "policeuk_boundary": "A neighbourhood's outline as a list of points.",
    "feed_forces": "The forces with published neighbourhoods.",
    "feed_force": "One force: name, website, telephone and description.",
    "feed_neighbourhoods": "A force's published neighbourhoods.",
    "feed_neighbourhood": "One neighbourhood: description, population, centre, contact details and places.",
    "feed_people": "A neighbourhood's team: names and ranks.",
    "feed_priorities": "A neighbourhood's published priorities: the issue, and the action planned or taken.",
}


# What each error status means across the API (the handlers in beatbook/api/api.py give every one this shape).
ERROR_STATUSES = [
    ("400", "Bad input. The message names each field and what is wrong with it."),
    ("401", "Not signed in, or the token is unknown, revoked or expired."),
    ("403", "You can see it but your role may not do this (or a browser's write came without its CSRF token)."),
    ("404", "It does not exist, or it is outside your areas."),
    ("409", "Someone changed the record since the version you began from."),
]


@dataclass(frozen=True)
class Field:
    """A parameter (with `where`: path, query, header or cookie) or a field of a request or response body."""

    name: str
    type: SafeString
    required: bool
    description: SafeString
    where: str = ""


@dataclass(frozen=True)
class Body:
    schema_name: str
    is_list: bool
    fields: list[Field]

    @property
    def anchor(self) -> str:
        return _object_anchor(self.schema_name)


@dataclass(frozen=True)
class Operation:
    method: str
    path: str
    anchor: str
    summary: str
    description: SafeString
    schemes: list[str]
    parameters: list[Field]
    request_body: Body | None
    success_status: str
    response: Body | None
    error_statuses: list[str]


@dataclass(frozen=True)
class Group:
    tag: str
    anchor: str
    operations: list[Operation]


@dataclass(frozen=True)
class Scheme:
    name: str
    how: SafeString


@dataclass(frozen=True)
class Reference:
    title: str
    description: SafeString
    schemes: list[Scheme]
    groups: list[Group]
    objects: list[Body]  # the objects that body fields name, one level further down, each with an anchor


@dataclass(frozen=True)
class Route:
    path: str
    summary: SafeString


def inline_code(text: str) -> SafeString:
    """Escaped text with the schema's Markdown `code` spans as <code> (the only Markdown its descriptions use)."""
    return mark_safe(re.sub(r"`([^`]+)`", r'<code class="app-code">\1</code>', escape(text)))  # noqa: S308 - escaped first


def _code(text: str) -> SafeString:
    return format_html('<code class="app-code">{}</code>', text)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _ref_name(schema: dict) -> str:
    return schema["$ref"].rsplit("/", 1)[-1]


def _object_anchor(name: str) -> str:
    return f"object-{_slug(name)}"


def _object_link(name: str) -> SafeString:
    return format_html('<a class="govuk-link" href="#{}">{}</a>', _object_anchor(name), name)


def type_label(schema: dict, schemas: dict) -> SafeString:
    """A schema's type in words: `string (date)`, `list of AreaOut`, `one of: a, b`, `integer or null`."""
    if "$ref" in schema:
        target = schemas.get(_ref_name(schema), {})
        return type_label(target, schemas) if "enum" in target else _object_link(_ref_name(schema))
    if "allOf" in schema and len(schema["allOf"]) == 1:
        return type_label(schema["allOf"][0], schemas)
    if "anyOf" in schema:
        return mark_safe(" or ".join(type_label(choice, schemas) for choice in schema["anyOf"]))  # noqa: S308 - parts are safe
    if "enum" in schema:
        values = format_html_join(", ", '<code class="app-code">{}</code>', ((value,) for value in schema["enum"]))
        return format_html("one of: {}", values)
    kind = schema.get("type", "any")
    if kind == "array":
        return format_html("list of {}", type_label(schema.get("items", {}), schemas))
    if kind == "object" and isinstance(schema.get("additionalProperties"), dict):  # `true` says nothing more
        return format_html("object of {}", type_label(schema["additionalProperties"], schemas))
    return format_html("{} ({})", kind, schema["format"]) if "format" in schema else format_html("{}", kind)


def _description(schema: dict) -> SafeString:
    text = schema.get("description", "")
    default = schema.get("default")
    if default not in ("", None):  # shown as JSON writes it: `false`, `[]`
        text = f"{text} Default: `{default if isinstance(default, str) else json.dumps(default)}`.".strip()
    return inline_code(text)


def _fields(schema: dict, schemas: dict) -> list[Field]:
    required = set(schema.get("required", []))
    return [
        Field(name, type_label(prop, schemas), name in required, _description(prop))
        for name, prop in schema.get("properties", {}).items()
    ]


def body_of(schema: dict, schemas: dict) -> Body | None:
    """The fields of a body schema, resolving its $ref (or the $ref of a list's items) one level down."""
    is_list = schema.get("type") == "array"
    inner = schema.get("items", {}) if is_list else schema
    if "$ref" not in inner:
        return None
    name = _ref_name(inner)
    return Body(name, is_list, _fields(schemas.get(name, {}), schemas))


def _json_schema(part: dict) -> dict:
    return part.get("content", {}).get("application/json", {}).get("schema", {})


def _parameter(param: dict, schemas: dict) -> Field:
    schema = param.get("schema", {})
    described = schema | ({"description": param["description"]} if "description" in param else {})
    return Field(
        param["name"], type_label(schema, schemas), bool(param.get("required")), _description(described), param["in"]
    )


def _operation(method: str, path: str, operation: dict, schemas: dict) -> Operation:
    responses = operation.get("responses", {})
    success = min((status for status in responses if status.startswith("2")), default="200")
    return Operation(
        method=method.upper(),
        path=path,
        anchor=_slug(operation.get("operationId") or f"{method} {path}"),
        summary=operation.get("summary") or f"{method.upper()} {path}",
        description=inline_code(operation.get("description", "")),
        schemes=[name for requirement in operation.get("security", []) for name in requirement],
        parameters=[_parameter(param, schemas) for param in operation.get("parameters", [])],
        request_body=body_of(_json_schema(operation.get("requestBody", {})), schemas),
        success_status=success,
        response=body_of(_json_schema(responses.get(success, {})), schemas),
        error_statuses=sorted(status for status in responses if not status.startswith("2")),
    )


def _scheme(name: str, scheme: dict) -> Scheme:
    if scheme.get("type") == "http" and scheme.get("scheme") == "bearer":
        how = "A personal API token, sent as `Authorization: Bearer <token>`. Make one on ‘Your account’."
    elif scheme.get("type") == "apiKey" and scheme.get("in") == "cookie":
        how = (
            f"The signed-in browser session (the `{scheme.get('name', '')}` cookie). "
            "Writes from a browser also need the CSRF token, as the pages' forms do."
        )
    else:
        how = f"{scheme.get('type', '')} {scheme.get('scheme', scheme.get('in', ''))}".strip()
    return Scheme(name, inline_code(how))


def _linked_objects(schema: object, schemas: dict) -> set[str]:
    """The object schemas (not enums) that `type_label` links to anywhere inside a schema."""
    if isinstance(schema, list):
        return set().union(*(_linked_objects(item, schemas) for item in schema))
    if not isinstance(schema, dict):
        return set()
    if "$ref" in schema:
        name = _ref_name(schema)
        return set() if "enum" in schemas.get(name, {}) else {name}
    return set().union(*(_linked_objects(value, schemas) for value in schema.values()))


def _named_objects(bodies: set[str], schemas: dict) -> list[Body]:
    """Every object a field's type links to, and the objects their fields link to in turn, so that each link
    on the page has its target."""
    named: set[str] = set()
    to_visit = set().union(*(_linked_objects(schemas.get(name, {}).get("properties", {}), schemas) for name in bodies))
    while to_visit:
        name = to_visit.pop()
        named.add(name)
        to_visit |= _linked_objects(schemas.get(name, {}).get("properties", {}), schemas) - named
    return [Body(name, False, _fields(schemas.get(name, {}), schemas)) for name in sorted(named)]


def _body_names(groups: list[Group]) -> set[str]:
    bodies = [body for group in groups for op in group.operations for body in (op.request_body, op.response)]
    return {body.schema_name for body in bodies if body}


def reference_from_schema(openapi: dict) -> Reference:
    """The page's content from an OpenAPI 3 schema: its operations grouped by tag, in the schema's order."""
    schemas = openapi.get("components", {}).get("schemas", {})
    by_tag: dict[str, list[Operation]] = {}
    for path, operations in openapi.get("paths", {}).items():
        for method, operation in operations.items():
            if method not in HTTP_METHODS:  # a path item may also hold `parameters`, `summary`…
                continue
            tag = (operation.get("tags") or ["Other"])[0]
            by_tag.setdefault(tag, []).append(_operation(method, path, operation, schemas))
    groups = [Group(tag, _slug(tag), operations) for tag, operations in by_tag.items()]
    info = openapi.get("info", {})
    security = openapi.get("components", {}).get("securitySchemes", {})
    return Reference(
        title=info.get("title", "API"),
        description=inline_code(info.get("description", "")),
        schemes=[_scheme(name, scheme) for name, scheme in security.items()],
        groups=groups,
        objects=_named_objects(_body_names(groups), schemas),
    )


def _patterns(patterns: list, prefix: str = "") -> list[tuple[str, URLPattern]]:
    found = []
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            found += _patterns(pattern.url_patterns, route)
        elif isinstance(pattern, URLPattern):
            found.append((route, pattern))
    return found


def police_uk_routes() -> list[Route]:
    """The police.uk-compatible routes in URL order, `<slug:force>` written `{force}` as in OpenAPI."""
    routes = []
    for route, pattern in _patterns(get_resolver().url_patterns):
        if route.startswith(POLICE_UK_PREFIX):
            path = "/" + re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", route)
            routes.append(Route(path, inline_code(POLICE_UK_SUMMARIES.get(pattern.name, ""))))
    return routes


def served_schema() -> dict:
    """The schema exactly as /api/v1/openapi.json serves it: JSON types, string status codes."""
    from beatbook.api.api import api  # noqa: PLC0415 - the API imports every app's routers; load it on first use

    return json.loads(json.dumps(api.get_openapi_schema(), cls=NinjaJSONEncoder))


@cache
def reference_body() -> str:
    """The page's body, rendered once per process: the schema and the URL patterns are fixed at start-up."""
    reference = reference_from_schema(served_schema())
    context = {
        "reference": reference,
        "scheme_rows": [(_code(scheme.name), scheme.how) for scheme in reference.schemes],
        "error_rows": ERROR_STATUSES,
        "police_uk_rows": [(_code(route.path), route.summary) for route in police_uk_routes()],
        "police_uk_docs": POLICE_UK_DOCS,
    }
    return render_to_string("api/_reference_body.html", context)


def api_reference(request: HttpRequest) -> HttpResponse:
    return render(request, "api/reference.html", {"body": mark_safe(reference_body())})  # noqa: S308 - our template's output
