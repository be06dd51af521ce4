from __future__ import annotations

import csv
import io
import warnings

import numpy as np
import pytest
from django.core.management import CommandError, call_command

from beatbook.crime.imports import do_import_source
from beatbook.crime.sources import iter_sources
from beatbook.crime.tests.conftest import SAMPLE


@pytest.fixture
def sample_imported(db) -> None:  # noqa: ANN001
    do_import_source(next(iter_sources(SAMPLE)), acting_user=None)


def run(*args: str) -> list[dict]:
    out = io.StringIO()
    call_command(*args, stdout=out, stderr=io.StringIO())
    return list(csv.DictReader(io.StringIO(out.getvalue())))


def test_the_command_writes_one_row_per_cell_matching_esda(sample_imported) -> None:  # noqa: ANN001
    from esda.getisord import G_Local
    from libpysal.weights import lat2W

    rows = run("hotspots", "--force", "west-yorkshire", "--from", "2018-07", "--to", "2018-07", "--cell-size", "500")
    assert list(rows[0]) == ["cell_x", "cell_y", "count", "score", "p_value"]
    assert sum(int(r["count"]) for r in rows) == 285  # the sample's located incidents
    assert all(int(r["cell_x"]) % 500 == 0 and int(r["cell_y"]) % 500 == 0 for r in rows)
    xs, ys = sorted({int(r["cell_x"]) for r in rows}), sorted({int(r["cell_y"]) for r in rows})
    assert len(rows) == len(xs) * len(ys)
    counts = np.array([int(r["count"]) for r in rows], dtype=float)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        expected = G_Local(counts, lat2W(len(ys), len(xs), rook=False), transform="B", star=True, permutations=0).Zs
    assert np.max(np.abs(np.array([float(r["score"]) for r in rows]) - expected)) < 1e-9


def test_kde_and_count_methods_leave_p_value_empty(sample_imported) -> None:  # noqa: ANN001
    for method in ("kde", "count"):
        rows = run("hotspots", "--force", "west-yorkshire", "--from", "2018-07", "--to", "2018-07", "--method", method)
        assert all(r["p_value"] == "" for r in rows)


def test_accuracy_reports_every_method_and_share(sample_imported) -> None:  # noqa: ANN001
    rows = run(
        "hotspot_accuracy",
        "--force",
        "west-yorkshire",
        "--train-from",
        "2018-07",
        "--train-to",
        "2018-07",
        "--test-from",
        "2018-07",
        "--test-to",
        "2018-07",
    )
    assert [(r["method"], r["share"]) for r in rows][:3] == [("count", "1%"), ("count", "2%"), ("count", "5%")]
    perfect = {r["share"]: float(r["pai"]) for r in rows if r["method"] == "perfect"}
    assert all(float(r["pai"]) <= perfect[r["share"]] + 1e-9 for r in rows)


def test_accuracy_can_test_one_category_against_another(sample_imported) -> None:  # noqa: ANN001
    months = ["--train-from", "2018-07", "--train-to", "2018-07", "--test-from", "2018-07", "--test-to", "2018-07"]
    crime_categories = ["violent-crime", "criminal-damage-arson", "shoplifting", "public-order", "burglary"]
    rows = run(
        "hotspot_accuracy", "--force", "west-yorkshire", *months, "--category", *crime_categories,
        "--test-category", "anti-social-behaviour",
    )  # fmt: skip
    count_pai = {r["share"]: float(r["pai"]) for r in rows if r["method"] == "count"}
    assert count_pai["1%"] > 1  # ASB gathers where crime does: better than chance
    with pytest.raises(CommandError, match="--test-category: burglaries unknown"):
        run("hotspot_accuracy", "--force", "west-yorkshire", *months, "--test-category", "burglaries")


def test_the_command_explains_bad_input(sample_imported) -> None:  # noqa: ANN001
    with pytest.raises(CommandError, match="50–1000 metres"):
        run("hotspots", "--from", "2018-07", "--to", "2018-07", "--cell-size", "5")
    with pytest.raises(CommandError, match="No located incidents"):
        run("hotspots", "--force", "west-yorkshire", "--from", "2019-01", "--to", "2019-02")
