from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from beatbook.areas.models import Area, Lsoa
from beatbook.demo.build import DATA_DIR


def test_load_geography_loads_any_force_and_says_what_it_did(db, tmp_path: Path) -> None:
    config = tmp_path / "force.json"
    config.write_text(
        json.dumps(
            {
                "force": {"code": "testshire", "name": "Testshire Police"},
                "divisions": [
                    {
                        "name": "Test Division",
                        "lpus": [
                            {
                                "name": "Amber Valley",
                                "local_authorities": ["E07000032"],
                                "teams": [{"name": "Test SNT", "neighbourhoods": ["Test One", "Test Two"]}],
                            }
                        ],
                    }
                ],
            }
        )
    )
    lsoas = tmp_path / "lsoas.csv"
    lines = (DATA_DIR / "derbyshire-lsoa-2011.csv").read_text().splitlines()
    lsoas.write_text("\n".join([lines[0]] + [line for line in lines if ",E07000032," in line][:4]) + "\n")
    out = io.StringIO()
    call_command("load_geography", str(config), str(lsoas), stdout=out)
    assert "Testshire Police: 6 areas created" in out.getvalue() and "0 LSOAs created, 4 updated" in out.getvalue()
    force = Area.objects.get(code="testshire")
    assert Lsoa.objects.within(force).count() == 4
    assert Area.objects.get(code="amber-valley-lpu").parent.code == "test-division"  # code clash resolved


def test_load_geography_refuses_a_bad_file_and_loads_nothing(db, tmp_path: Path) -> None:
    config = tmp_path / "force.json"
    config.write_text(json.dumps({"force": {"code": "badshire"}}))
    with pytest.raises(CommandError, match="force: missing 'name'. Nothing was loaded."):
        call_command("load_geography", str(config), str(DATA_DIR / "derbyshire-lsoa-2011.csv"))
    assert not Area.objects.filter(code="badshire").exists()
