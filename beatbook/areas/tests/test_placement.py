"""Issue 17 items 2 and 8: a configuration with neighbourhood centres places whole MSOAs in the nearest
neighbourhood, so outlines are exact and postcode sectors find the right places; without centres the equal
runs stay; the force's own assignments still override either."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from beatbook.areas.actions import do_load_geography
from beatbook.areas.config import GeographyConfigError, LsoaRow, neighbourhood_centres, read_config
from beatbook.areas.models import Area, Level, Lsoa
from beatbook.areas.placement import equal_runs, place_by_location, read_msoa_centroids

DEMO = Path(__file__).resolve().parents[2] / "demo" / "data"
MSOA_OUTLINES = Path(__file__).resolve().parents[2] / "maps" / "data" / "derbyshire-msoa-2011.geojson"


def _rows(msoa: str, count: int, authority: str = "E1") -> list[LsoaRow]:
    return [LsoaRow(f"{msoa}-{i}", f"{msoa} {i}", msoa, msoa, authority, "Shire", 1500, 600, 50) for i in range(count)]


# Three MSOAs along a line of latitude: West (two LSOAs), Middle (three) and East (four).
ROWS = _rows("W", 2) + _rows("M", 3) + _rows("E", 4)
CENTROIDS = {"W": (53.0, -1.6), "M": (53.0, -1.5), "E": (53.0, -1.4)}


def _owners(placed: dict) -> dict[str, set]:
    owners: dict[str, set] = {}
    for code, key in placed.items():
        owners.setdefault(code.split("-")[0], set()).add(key)
    return owners


def test_each_msoa_goes_whole_to_the_nearest_neighbourhood() -> None:
    centres = {"west": (53.0, -1.61), "east": (53.0, -1.45)}
    placement = place_by_location(ROWS, {"E1": ["west", "east"]}, centres, CENTROIDS)
    assert _owners(placement.neighbourhoods) == {"W": {"west"}, "M": {"east"}, "E": {"east"}}
    assert placement.split_msoas == set()


def test_a_neighbourhood_nearest_to_no_msoa_takes_a_whole_one_from_a_neighbourhood_with_several() -> None:
    centres = {"west": (53.0, -1.6), "east": (53.0, -1.45), "near-east": (53.1, -1.46)}  # 11 km north
    placement = place_by_location(ROWS, {"E1": ["west", "east", "near-east"]}, centres, CENTROIDS)
    # "east" is nearest to Middle and East; "near-east" takes Middle whole, and both stay exact.
    assert _owners(placement.neighbourhoods) == {"W": {"west"}, "M": {"near-east"}, "E": {"east"}}
    assert placement.split_msoas == set()


def test_otherwise_it_shares_its_nearest_msoa_so_every_neighbourhood_has_an_lsoa() -> None:
    centres = {"west": (53.0, -1.6), "middle": (53.0, -1.5), "east": (53.0, -1.4), "also-west": (53.0, -1.59)}
    placement = place_by_location(ROWS, {"E1": ["west", "middle", "east", "also-west"]}, centres, CENTROIDS)
    assert _owners(placement.neighbourhoods)["W"] == {"west", "also-west"}
    assert placement.split_msoas == {"W"}
    assert set(placement.neighbourhoods.values()) == set(centres)


def test_neighbourhoods_only_take_msoas_of_their_own_authorities() -> None:
    rows = _rows("W", 2, "E1") + _rows("E", 2, "E2")
    centres = {"one": (53.0, -1.4), "two": (53.0, -1.6)}  # each nearer the other authority's MSOA
    placement = place_by_location(rows, {"E1": ["one"], "E2": ["two"]}, centres, CENTROIDS)
    assert _owners(placement.neighbourhoods) == {"W": {"one"}, "E": {"two"}}


def test_lsoas_of_msoas_with_no_centroid_fall_back_to_equal_runs() -> None:
    rows = ROWS + _rows("X", 2)
    placement = place_by_location(rows, {"E1": ["a", "b"]}, {"a": (53.0, -1.6), "b": (53.0, -1.4)}, CENTROIDS)
    assert {placement.neighbourhoods[r.code] for r in _rows("X", 2)} <= {"a", "b"}
    assert equal_runs(_rows("X", 4), {"E1": ["a", "b"]}) == {"X-0": "a", "X-1": "a", "X-2": "b", "X-3": "b"}


def test_centres_are_checked_and_fall_back_to_the_teams(tmp_path: Path) -> None:
    team = {"name": "T", "neighbourhoods": ["N1", "N2"]}
    config = {
        "force": {"name": "X", "code": "x"},
        "divisions": [{"name": "D", "lpus": [{"name": "L", "local_authorities": ["E1"], "teams": [team]}]}],
    }
    path = tmp_path / "force.json"
    for centres, message in [
        ({"N1": [53.0, -1.5], "Elsewhere": [53.0, -1.5]}, "names no listed neighbourhood"),
        ({"N1": [53.0], "N2": [53.0, -1.5]}, r"neighbourhood_centres\['N1'\] must be \[latitude, longitude\]"),
        ({"N1": [53.0, -1.5]}, "give 'N2' a place in 'neighbourhood_centres'"),
    ]:
        path.write_text(json.dumps(config | {"neighbourhood_centres": centres}))
        with pytest.raises(GeographyConfigError, match=message):
            read_config(path)
    team["centre"] = [53.1, -1.4]
    path.write_text(json.dumps(config | {"neighbourhood_centres": {"N1": [53.0, -1.5]}}))
    assert neighbourhood_centres(read_config(path)) == {"N1": (53.0, -1.5), "N2": (53.1, -1.4)}
    assert neighbourhood_centres(config) is None  # no centres: equal runs


def test_a_bad_msoa_file_says_what_is_wrong(tmp_path: Path) -> None:
    (tmp_path / "msoas.geojson").write_text('{"type": "FeatureCollection"}')
    with pytest.raises(GeographyConfigError, match="not a GeoJSON FeatureCollection of MSOA outlines"):
        read_msoa_centroids(tmp_path / "msoas.geojson")


@pytest.mark.django_db
def test_centres_without_msoa_centroids_are_refused_and_nothing_is_written() -> None:
    config = read_config(DEMO / "derbyshire.json") | {"force": {"code": "elsewhere", "name": "Elsewhere Police"}}
    before = Area.objects.count()
    with pytest.raises(ValueError, match="need MSOA centroids"):
        do_load_geography(config, [], acting_user=None)
    assert Area.objects.count() == before


@pytest.mark.django_db
def test_every_demo_neighbourhood_has_lsoas_placed_by_location_and_still_illustrative() -> None:
    force = Area.objects.get(code="derbyshire")
    neighbourhoods = Area.objects.within(force).filter(level=Level.NEIGHBOURHOOD)
    assert neighbourhoods.count() == 94 and all(n.lsoas.exists() for n in neighbourhoods)
    lsoas = Lsoa.objects.filter(force=force)
    assert not lsoas.filter(neighbourhood=None).exists() and not lsoas.filter(assignment_is_illustrative=False).exists()
    # Staveley is the MSOA around its market place (Chesterfield 002), whole.
    staveley = set(Lsoa.objects.filter(neighbourhood__code="staveley").values_list("msoa_code", flat=True))
    assert staveley == {"E02004056"}
    assert set(lsoas.filter(msoa_code="E02004056").values_list("neighbourhood__code", flat=True)) == {"staveley"}


@pytest.mark.django_db
def test_the_command_places_by_location_and_assignments_still_override(tmp_path: Path) -> None:
    staveley_lsoa = Lsoa.objects.filter(neighbourhood__code="staveley").order_by("code").first()
    (tmp_path / "assign.csv").write_text(f"lsoa_code,neighbourhood\n{staveley_lsoa.code},Brimington\n")
    out = io.StringIO()
    call_command(
        "load_geography",
        str(DEMO / "derbyshire.json"),
        str(DEMO / "derbyshire-lsoa-2011.csv"),
        "--msoas",
        str(MSOA_OUTLINES),
        "--assignments",
        str(tmp_path / "assign.csv"),
        stdout=out,
    )
    assert "LSOAs placed by location, whole MSOAs except 4 split between neighbourhoods" in out.getvalue()
    staveley_lsoa.refresh_from_db()
    assert staveley_lsoa.neighbourhood.code == "brimington" and not staveley_lsoa.assignment_is_illustrative
    assert Lsoa.objects.filter(neighbourhood__code="staveley").exists()
    # Without --msoas the force's loaded MSOA outlines give the centroids.
    call_command("load_geography", str(DEMO / "derbyshire.json"), str(DEMO / "derbyshire-lsoa-2011.csv"), stdout=out)
    staveley_lsoa.refresh_from_db()
    assert staveley_lsoa.neighbourhood.code == "staveley" and staveley_lsoa.assignment_is_illustrative


@pytest.mark.django_db
def test_the_command_asks_for_msoa_outlines_when_none_are_loaded(tmp_path: Path) -> None:
    config = json.loads((DEMO / "derbyshire.json").read_text())
    config["force"] = {"code": "elsewhere", "name": "Elsewhere Police"}
    (tmp_path / "config.json").write_text(json.dumps(config))
    with pytest.raises(CommandError, match=r"load_geography --msoas FILE.geojson\)\. Nothing was loaded"):
        call_command("load_geography", str(tmp_path / "config.json"), str(DEMO / "derbyshire-lsoa-2011.csv"))
