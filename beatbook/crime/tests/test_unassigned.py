"""LSOAs outside the configured geography: kept, counted as "unassigned", assignable (issue 10, item 9)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from django.core.management import call_command

from beatbook.areas.models import Area, Lsoa
from beatbook.crime.models import Incident
from beatbook.crime.tests.builders import load, street_row, write

DERBYSHIRE = "Derbyshire Constabulary"
NEW_2021 = ("E01035999", "Chesterfield 099Z")  # a 2021 LSOA code the 2011 geography does not have
LEEDS = ("E01011001", "Leeds 001A")  # another force's LSOA


def staveley_lsoa() -> Lsoa:
    return Lsoa.objects.within(Area.objects.get(code="staveley")).order_by("code").first()


def import_july(tmp_path: Path):  # noqa: ANN201
    own = staveley_lsoa()
    rows = [
        street_row("a", force=DERBYSHIRE, lsoa=(own.code, own.name)),
        street_row("b", force=DERBYSHIRE, lsoa=NEW_2021),
        street_row(None, force=DERBYSHIRE, lsoa=LEEDS),
        street_row("c", force=DERBYSHIRE, lsoa=("", ""), place=("", "")),
    ]
    return load(write(tmp_path, "2019-07-derbyshire-street.csv", rows))


def counts_by(field: str) -> dict[str, int]:
    out = io.StringIO()
    call_command("incident_counts", "--force", "derbyshire", "--group-by", field, stdout=out)
    return {row[field]: int(row["count"]) for row in csv.DictReader(io.StringIO(out.getvalue()))}


def test_rows_in_unplaced_lsoas_are_kept_and_counted_unassigned(db, tmp_path: Path) -> None:  # noqa: ANN001
    run = import_july(tmp_path)
    assert (run.inserted, run.rejected, run.unassigned, run.unlocated) == (4, 0, 2, 1)
    assert Incident.objects.filter(force__code="derbyshire").count() == 4
    by_neighbourhood = counts_by("neighbourhood")
    assert by_neighbourhood == {"staveley": 1, "unassigned": 2, "": 1}
    assert sum(counts_by("division").values()) == sum(counts_by("force").values()) == 4


def test_area_pages_say_how_many_are_unassigned_and_the_force_rows_add_up(client_as, tmp_path: Path) -> None:  # noqa: ANN001
    import_july(tmp_path)
    client = client_as("analyst")
    page = client.get("/areas/derbyshire/crime/?to=2019-07")
    assert "2 of Derbyshire Constabulary&#x27;s incidents" in page.content.decode()
    table = client.get("/areas/derbyshire/crime/?to=2019-07&format=json&table=areas-below").json()
    rows = table["rows"] if isinstance(table, dict) else table
    total = sum(row["crimes"] + row["asb"] for row in rows)
    assert total == 4
    assert "2 of Derbyshire" in client.get("/areas/north-division/crime/?to=2019-07").content.decode()


def test_an_analyst_assigns_an_lsoa_to_a_neighbourhood(client_as, tmp_path: Path) -> None:  # noqa: ANN001
    import_july(tmp_path)
    client = client_as("analyst")
    page = client.get("/areas/derbyshire/lsoas/assign/")
    assert page.status_code == 200 and NEW_2021[0] in page.content.decode()
    staveley = Area.objects.get(code="staveley")
    response = client.post("/areas/derbyshire/lsoas/assign/", {"lsoa": NEW_2021[0], "neighbourhood": staveley.pk})
    assert response.status_code == 302
    lsoa = Lsoa.objects.get(code=NEW_2021[0])
    assert lsoa.neighbourhood == staveley and not lsoa.assignment_is_illustrative
    assert counts_by("neighbourhood") == {"staveley": 2, "unassigned": 1, "": 1}
    bad = client.post("/areas/derbyshire/lsoas/assign/", {"lsoa": "E01099999", "neighbourhood": staveley.pk})
    assert bad.status_code == 200 and b"There is a problem" in bad.content


def test_load_geography_assigns_lsoas_and_2021_lsoas_inherit_their_neighbourhood(db, tmp_path: Path) -> None:  # noqa: ANN001
    demo = Path(__file__).resolve().parents[2] / "demo" / "data"
    config = json.loads((demo / "derbyshire.json").read_text())
    old = staveley_lsoa()
    (tmp_path / "lookup.csv").write_text(f"LSOA11CD,LSOA21CD,LSOA21NM,CHGIND\n{old.code},E01035888,Staveley 2021A,S\n")
    config["lsoa_2021_lookup"] = "lookup.csv"
    (tmp_path / "config.json").write_text(json.dumps(config))
    (tmp_path / "assign.csv").write_text(f"lsoa_code,neighbourhood\n{old.code},Staveley\n")
    out = io.StringIO()
    call_command(
        "load_geography",
        str(tmp_path / "config.json"),
        str(demo / "derbyshire-lsoa-2011.csv"),
        "--assignments",
        str(tmp_path / "assign.csv"),
        stdout=out,
    )
    assert "1 2021 LSOAs given their 2011 neighbourhood" in out.getvalue()
    inherited = Lsoa.objects.get(code="E01035888")
    assert inherited.neighbourhood.code == "staveley" and inherited.name == "Staveley 2021A"
    assert not inherited.assignment_is_illustrative and not Lsoa.objects.get(code=old.code).assignment_is_illustrative
