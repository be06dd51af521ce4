"""Rows by local authority (beatbook.areas.authorities.rows_by_authority), on the demo geography."""

from __future__ import annotations

import pytest

from beatbook.areas.authorities import local_authorities, rows_by_authority
from beatbook.areas.models import Area

pytestmark = pytest.mark.django_db


def test_rows_cover_every_authority_the_unplaced_and_the_groups() -> None:
    force = Area.objects.get(code="derbyshire")
    authorities = local_authorities(force)
    derby = next(la for la in authorities if la.name == "Derby City")
    chesterfield = next(la for la in authorities if la.name == "Chesterfield")
    totals = {derby.code: {"n": 5}, chesterfield.code: {"n": 3}, "": {"n": 2}, "E99999999": {"n": 1}}
    rows = rows_by_authority(force, totals, ["n"], names={"E99999999": "Elsewhere"}, also=[("No place", {"n": 4})])
    by_name = {row["local_authority"]: row for row in rows}
    assert by_name["Derby City"]["n"] == 5 and by_name["Derby City"]["group"] == "City"
    assert by_name["Elsewhere"]["n"] == 1  # an authority outside the force's LSOAs still counts
    assert by_name["Not placed"]["n"] == 2 and by_name["No place"]["n"] == 4
    assert by_name["Amber Valley"]["n"] == 0  # every authority of the force, zeros included
    groups = [row for row in rows if row["local_authority"].startswith("All of ")]
    assert [(row["group"], row["n"]) for row in groups] == [("City", 5), ("North", 3), ("South", 0)]
    assert sum(row["n"] for row in rows if row not in groups) == 5 + 3 + 2 + 1 + 4
    assert len(rows) == len(authorities) + 1 + 2 + 3
