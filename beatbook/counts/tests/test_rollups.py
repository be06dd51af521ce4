"""The monthly counts always equal a direct count of the incidents, after any sequence of imports."""

from __future__ import annotations

import csv
import io
from collections import Counter
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import transaction
from django.db.models import Count
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from beatbook.counts.models import DataVersion, ForceMonthCount, LsoaKindMonthCount, LsoaMonthCount
from beatbook.counts.refresh import counts_match, data_version, rebuild_counts
from beatbook.crime.imports import do_import_source
from beatbook.crime.models import Incident
from beatbook.crime.queries import counts_grouped_by
from beatbook.crime.sources import iter_sources

HEADER = (
    "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,"
    "Last outcome category,Context"
)
FORCE = "West Yorkshire Police"
LSOAS = [("E01007329", "Barnsley 003A"), ("E01007356", "Barnsley 004A"), ("", "")]
TYPES = ["Vehicle crime", "Burglary", "Violence and sexual offences", "Anti-social behaviour"]
MONTHS = ["2018-05", "2018-06", "2018-07"]
GROUPS = ["force_id", "month", "kind", "category", "nsir_type", "neighbourhood_crime_type"]

row = st.tuples(st.integers(0, 12), st.sampled_from(LSOAS), st.sampled_from(TYPES), st.booleans())
files = st.lists(st.tuples(st.sampled_from(MONTHS), st.lists(row, max_size=12)), min_size=1, max_size=4)


def street_file(folder: Path, month: str, rows: list) -> Path:
    lines = [HEADER]
    for crime_number, (lsoa, lsoa_name), crime_type, located in rows:
        crime_id = "" if crime_type == "Anti-social behaviour" else f"{crime_number:064x}"
        where = "-1.409547,53.598298,On or near Ash Mount" if located and lsoa else ",,No location"
        lines.append(f"{crime_id},{month},{FORCE},{FORCE},{where},{lsoa},{lsoa_name},{crime_type},,")
    (folder / month).mkdir(exist_ok=True)
    path = folder / month / f"{month}-west-yorkshire-street.csv"
    path.write_text("\n".join(lines) + "\n")
    return path


def direct(groups: list[str]) -> Counter:
    return Counter(
        {tuple(g[f] for f in groups): g["n"] for g in Incident.objects.values(*groups).annotate(n=Count("id"))}
    )


def rolled(model: type, groups: list[str]) -> Counter:
    totals: Counter = Counter()
    for values in model.objects.values_list(*groups, "n"):
        totals[values[:-1]] += values[-1]
    return totals


def assert_rollups_match() -> None:
    assert rolled(LsoaMonthCount, [*GROUPS, "lsoa_id"]) == direct([*GROUPS, "lsoa_id"])
    assert rolled(ForceMonthCount, GROUPS) == direct(GROUPS)
    assert rolled(LsoaKindMonthCount, ["force_id", "lsoa_id", "month", "kind"]) == direct(
        ["force_id", "lsoa_id", "month", "kind"]
    )
    by_lsoa_category = Counter()
    for lsoa_code, category in Incident.objects.values_list("lsoa__code", "category"):
        by_lsoa_category[(lsoa_code or "", category)] += 1
    assert Counter(counts_grouped_by(["lsoa", "category"])) == by_lsoa_category


class Rollback(Exception):
    pass


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(imports=files)
def test_the_counts_equal_a_direct_count_after_any_imports(db, tmp_path: Path, imports) -> None:  # noqa: ANN001
    try:
        with transaction.atomic():
            for month, rows in imports:
                (source,) = list(iter_sources(street_file(tmp_path, month, rows)))
                do_import_source(source, acting_user=None)
                assert_rollups_match()
            raise Rollback
    except Rollback:
        pass


def test_a_moved_crime_leaves_no_count_behind(db, tmp_path: Path) -> None:  # noqa: ANN001
    crime = (1, LSOAS[0], "Burglary", True)
    for month in ("2018-05", "2018-06"):
        (source,) = list(iter_sources(street_file(tmp_path, month, [crime])))
        do_import_source(source, acting_user=None)
    assert Incident.objects.get().month.month == 6
    assert_rollups_match()


def test_the_data_version_changes_with_each_import_and_rebuild(db, tmp_path: Path) -> None:  # noqa: ANN001
    before = data_version()
    (source,) = list(iter_sources(street_file(tmp_path, "2018-07", [(1, LSOAS[0], "Burglary", True)])))
    do_import_source(source, acting_user=None)
    after = data_version()
    assert after != before
    rebuild_counts()
    assert data_version() not in (before, after)


def test_rebuild_counts_repairs_counts_changed_by_other_means(db, tmp_path: Path) -> None:  # noqa: ANN001
    (source,) = list(iter_sources(street_file(tmp_path, "2018-07", [(1, LSOAS[0], "Burglary", True)] * 1)))
    run = do_import_source(source, acting_user=None)
    Incident.objects.all().delete()
    assert not counts_match(run.force)
    out = io.StringIO()
    call_command("rebuild_counts", "--force", "west-yorkshire", stdout=out)
    assert "1 force" in out.getvalue() and counts_match(run.force)
    assert not LsoaMonthCount.objects.exists() and not ForceMonthCount.objects.exists()
    assert not LsoaKindMonthCount.objects.exists()


def test_a_new_database_gets_its_own_version_token(db) -> None:  # noqa: ANN001
    DataVersion.objects.all().delete()
    first = data_version()
    DataVersion.objects.all().delete()
    assert data_version().split("-")[0] != first.split("-")[0]


@pytest.mark.parametrize("fields", [["force"], ["month", "category"], ["neighbourhood", "nsir_type"], ["lsoa"]])
def test_incident_counts_reads_the_same_figures_as_a_recount(db, tmp_path: Path, fields) -> None:  # noqa: ANN001
    rows = [(n, LSOAS[n % 3], TYPES[n % 4], n % 5 > 0) for n in range(12)]
    (source,) = list(iter_sources(street_file(tmp_path, "2018-07", rows)))
    do_import_source(source, acting_user=None)
    out = io.StringIO()
    call_command("incident_counts", "--group-by", ",".join(fields), stdout=out)
    total = sum(int(r["count"]) for r in csv.DictReader(io.StringIO(out.getvalue())))
    assert total == Incident.objects.count() == 12
