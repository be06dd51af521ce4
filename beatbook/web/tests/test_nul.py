"""A NUL character in a path or query string is refused with 400 on every page and API URL (it reached the
database as a 500 on PostgreSQL: /api/v1/areas/<NUL> in the fuzz test)."""

import pytest


@pytest.mark.parametrize(
    "path", ["/api/v1/areas/der%00byshire", "/areas/derbyshire/crime/?to=2023-01%00", "/your-area/?q=S43%00"]
)
def test_a_nul_character_in_the_address_is_refused_with_400(client_as, path: str) -> None:  # noqa: ANN001
    response = client_as("analyst").get(path)
    assert response.status_code == 400
    assert b"NUL" in response.content
