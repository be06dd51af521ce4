"""Every URL pattern × method × role gets exactly the status the matrix says (SECURITY.md T1/T2)."""

from __future__ import annotations

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.permission_matrix import ALL_ROLES, MATRIX, Case


def url_pattern_names(patterns: list | None = None, namespace: str = "") -> list[str]:
    names = []
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace + (f"{pattern.namespace}:" if pattern.namespace else "")
            names += url_pattern_names(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern):
            names.append(namespace + (pattern.name or f"<unnamed {pattern.pattern}>"))
    return names


def test_every_url_pattern_is_in_the_matrix() -> None:
    covered = {case.name for case in MATRIX}
    missing = sorted(set(url_pattern_names()) - covered)
    assert not missing, f"URL patterns with no entry in tests/permission_matrix.py: {missing}"


def test_every_matrix_entry_names_a_real_pattern_and_every_role() -> None:
    names = set(url_pattern_names())
    for case in MATRIX:
        assert case.name in names, case.name
        assert set(case.expected) == set(ALL_ROLES), case.name


CELLS = [(case, role) for case in MATRIX for role in ALL_ROLES]


@pytest.mark.parametrize(("case", "role"), CELLS, ids=[f"{c.method} {c.name} as {r}" for c, r in CELLS])
def test_matrix_cell(case: Case, role: str, personas: dict, client_as) -> None:
    kwargs = case.kwargs(personas) if callable(case.kwargs) else case.kwargs
    url = reverse(case.name, kwargs=kwargs)
    client = client_as(role)
    if case.method == "GET":
        response = client.get(url, case.data)  # a GET's data is its query string
    elif case.json is not None:
        body = case.json(personas) if callable(case.json) else case.json
        response = client.post(url, body, content_type="application/json")
    else:
        response = client.post(url, case.data)
    assert response.status_code == case.expected[role], (
        f"{case.method} {url} as {role}: got {response.status_code}, matrix says {case.expected[role]}"
    )
