from __future__ import annotations

import json
from pathlib import Path

import pytest

from beatbook.areas.actions import do_load_geography
from beatbook.areas.config import GeographyConfigError, read_config, read_lsoas
from beatbook.areas.models import Area, Level, Lsoa
from beatbook.demo.build import DATA_DIR, do_load_demo
from beatbook.workforce.models import NamedOfficer, Officer, Rank, staffing_rows

SHARED_LSOAS = Path(__file__).resolve().parents[3] / ".." / "shared" / "data" / "derbyshire-lsoa-2011.csv"


def test_the_demo_has_the_seed_papers_geography(db) -> None:
    force = Area.objects.get(code="derbyshire")
    inside = Area.objects.within(force)
    counts = {level: inside.filter(level=level).count() for level in Level}
    assert counts == {Level.FORCE: 1, Level.DIVISION: 2, Level.LPU: 10, Level.TEAM: 23, Level.NEIGHBOURHOOD: 94}
    assert Lsoa.objects.within(force).count() == 642
    assert not Lsoa.objects.within(force).filter(neighbourhood__isnull=True).exists()
    assert (
        sum(Lsoa.objects.within(force).values_list("population", flat=True)) == 1_018_438
    )  # the file's own total (awk -F, 'NR>1{s+=$7}END{print s}')


def test_an_lpu_can_have_a_reporting_name_from_the_configuration(db) -> None:
    south = Area.objects.get(code="south-derbyshire", level=Level.LPU)
    assert (south.name, south.report_name, south.reporting_name) == ("South Derbyshire", "Derby South", "Derby South")
    erewash = Area.objects.get(name="Erewash", level=Level.LPU)
    assert (erewash.report_name, erewash.reporting_name) == ("", "Erewash")


def test_the_configuration_names_an_authority_as_the_force_does(db) -> None:
    """The ONS file calls E06000015 "Derby UA"; the demo configuration's local_authority_names says "Derby City"."""
    names = set(Lsoa.objects.filter(local_authority_code="E06000015").values_list("local_authority_name", flat=True))
    assert names == {"Derby City"}


def test_every_neighbourhood_has_a_named_officer_and_lsoas(db) -> None:
    neighbourhoods = Area.objects.filter(
        level=Level.NEIGHBOURHOOD, path__startswith=Area.objects.get(code="derbyshire").path
    )
    assert NamedOfficer.objects.filter(neighbourhood__in=neighbourhoods).count() == 94
    assert all(n.lsoas.exists() for n in neighbourhoods)


def test_lsoas_stay_within_their_local_authoritys_lpus(db) -> None:
    config = json.loads((DATA_DIR / "derbyshire.json").read_text())
    lpu_authorities = {lpu["name"]: set(lpu["local_authorities"]) for d in config["divisions"] for lpu in d["lpus"]}
    for lsoa in Lsoa.objects.select_related("neighbourhood__parent__parent").filter(force__code="derbyshire"):
        lpu = lsoa.neighbourhood.parent.parent
        assert lsoa.local_authority_code in lpu_authorities[lpu.name], lsoa.code


def test_the_demo_has_about_300_staff_and_some_vacancies(db) -> None:
    force = Area.objects.get(code="derbyshire")
    # Over 300 staff on the neighbourhood teams (002_* 3.10); the rest of the force is posted force-wide.
    assert 300 <= Officer.objects.within(force).filter(team__level__in=[Level.TEAM, Level.LPU]).count() <= 340
    rows = {row["rank"]: row for row in staffing_rows(force)}
    assert rows[Rank.PCSO.label]["difference"] < 0 or rows[Rank.CONSTABLE.label]["difference"] < 0


def test_loading_the_demo_again_changes_nothing(db) -> None:
    before = (Area.objects.count(), Lsoa.objects.count(), Officer.objects.count(), NamedOfficer.objects.count())
    summary = do_load_demo()
    assert (summary.areas_created, summary.areas_updated, summary.lsoas_created, summary.lsoas_updated) == (0, 0, 0, 0)
    assert (Area.objects.count(), Lsoa.objects.count(), Officer.objects.count(), NamedOfficer.objects.count()) == before


def test_the_repo_copy_of_the_lsoa_file_matches_shared_data() -> None:
    if not SHARED_LSOAS.exists():
        pytest.skip(f"{SHARED_LSOAS} is not here (../shared/data is beside the repo only in CI and development)")
    assert (DATA_DIR / "derbyshire-lsoa-2011.csv").read_bytes() == SHARED_LSOAS.read_bytes()


def test_a_config_error_names_what_to_fix(tmp_path: Path) -> None:
    path = tmp_path / "force.json"
    path.write_text(
        json.dumps(
            {
                "force": {"name": "X", "code": "x"},
                "divisions": [
                    {"name": "D", "lpus": [{"name": "L", "local_authorities": ["E1"], "teams": [{"name": "T"}]}]}
                ],
            }
        )
    )
    with pytest.raises(GeographyConfigError, match=r"divisions\[0\] lpus\[0\] teams\[0\]: missing 'neighbourhoods'"):
        read_config(path)
    good_lpu = {"name": "L", "local_authorities": ["E1"], "teams": [{"name": "T", "neighbourhoods": ["N"]}]}
    path.write_text(
        json.dumps(
            {
                "force": {"name": "X", "code": "x"},
                "divisions": [{"name": "D", "lpus": [good_lpu | {"report_name": ""}]}],
            }
        )
    )
    with pytest.raises(GeographyConfigError, match=r"lpus\[0\]: 'report_name' must be a non-empty str"):
        read_config(path)
    path.write_text(
        json.dumps(
            {
                "force": {"name": "X", "code": "x"},
                "local_authority_names": {"E1": ""},
                "divisions": [{"name": "D", "lpus": [good_lpu]}],
            }
        )
    )
    with pytest.raises(GeographyConfigError, match="'local_authority_names' must map authority codes to non-empty"):
        read_config(path)
    path.write_text("{not json")
    with pytest.raises(GeographyConfigError, match="cannot read the geography configuration"):
        read_config(path)


def test_an_lsoa_file_with_a_wrong_header_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "lsoas.csv"
    path.write_text("code,name\nE01,Somewhere\n")
    with pytest.raises(GeographyConfigError, match="the header must be exactly: lsoa11_code,lsoa11_name"):
        read_lsoas(path)


def test_an_lsoa_file_with_a_broken_row_names_the_line(tmp_path: Path) -> None:
    good = (DATA_DIR / "derbyshire-lsoa-2011.csv").read_text().splitlines()[:3]
    path = tmp_path / "lsoas.csv"
    path.write_text("\n".join(good + ["E01999999,Broken,E02,M,E06,Derby,not-a-number,1,1"]) + "\n")
    with pytest.raises(GeographyConfigError, match="line 4: population_2011 must be a whole number"):
        read_lsoas(path)


def test_a_failed_load_writes_nothing(db, monkeypatch: pytest.MonkeyPatch) -> None:
    def crash(*args: object) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr("beatbook.areas.actions._load_lsoas", crash)
    before = Area.objects.count()
    config = {
        "force": {"name": "Halfshire", "code": "halfshire"},
        "divisions": [
            {
                "name": "Half Division",
                "lpus": [
                    {
                        "name": "Half LPU",
                        "local_authorities": ["E1"],
                        "teams": [{"name": "Half SNT", "neighbourhoods": ["Half Town"]}],
                    }
                ],
            }
        ],
    }
    with pytest.raises(RuntimeError, match="disk full"):
        do_load_geography(config, [], acting_user=None)
    assert Area.objects.count() == before


def test_pages_show_the_illustrative_warning(client_as) -> None:
    page = client_as("inspector").get("/areas/chesterfield/lsoas/")
    assert b"illustrative" in page.content


def test_the_demo_pcso_is_the_named_officer_for_her_neighbourhood(personas: dict) -> None:
    assert NamedOfficer.objects.get(neighbourhood__code="staveley").officer.user == personas["pcso"]
