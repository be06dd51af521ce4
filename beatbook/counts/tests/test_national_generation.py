"""The national benchmark's server-side generation (bench/national.py) stores what the real importer would.

A tiny national sample is generated for two forces, its counts built; the same rows are then written out as
police.uk street files, deleted and imported through `do_import_source`: the incidents and the counts must
come back identical, so figures measured on generated data are figures for imported data. PostgreSQL only
(the generator is PostgreSQL SQL); skipped on SQLite, as other PostgreSQL-only tests are.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from django.db import connection

from beatbook.areas.models import Area
from beatbook.counts.models import ForceMonthCount, LsoaMonthCount
from beatbook.counts.refresh import counts_match
from beatbook.crime.imports import do_import_source
from beatbook.crime.models import Incident
from beatbook.crime.sources import iter_sources

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the national generator is PostgreSQL's"),
]
CODES = ["cumbria", "dorset"]
INCIDENT_FIELDS = [
    "force_id",
    "source",
    "kind",
    "crime_id",
    "month",
    "category",
    "nsir_type",
    "neighbourhood_crime_type",
    "longitude",
    "latitude",
    "location",
    "lsoa_code",
    "lsoa_id",
    "last_outcome",
    "context",
]
COUNT_FIELDS = ["force_id", "month", "kind", "category", "nsir_type", "neighbourhood_crime_type", "n"]


def national():  # noqa: ANN201 - the bench module
    path = Path(__file__).resolve().parents[3] / "bench" / "national.py"
    spec = importlib.util.spec_from_file_location("bench_national", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def snapshot(forces: list[Area]) -> dict:
    incidents = Incident.objects.filter(force__in=forces).order_by()
    return {
        "incidents": sorted(incidents.values_list(*INCIDENT_FIELDS), key=repr),
        "lsoa_counts": sorted(
            LsoaMonthCount.objects.filter(force__in=forces).values_list("lsoa_id", *COUNT_FIELDS), key=repr
        ),
        "force_counts": sorted(ForceMonthCount.objects.filter(force__in=forces).values_list(*COUNT_FIELDS), key=repr),
    }


def test_generated_rows_and_counts_equal_the_importers(tmp_path: Path) -> None:
    bench = national()
    figures = bench.generate(900, months=3, codes=CODES, progress=lambda _line: None)
    forces = list(Area.objects.filter(code__in=CODES))
    assert figures["rows"] == 900
    assert all(counts_match(force) for force in forces)
    generated = snapshot(forces)
    assert sum(row[-1] for row in generated["force_counts"]) == 900
    assert {row[2] for row in generated["incidents"]} == {"crime", "asb"}
    assert all(row[12] is not None for row in generated["incidents"])  # every row has its LSOA

    paths = [path for code in CODES for path in bench.export_street_files(code, tmp_path)]
    Incident.objects.filter(force__in=forces).delete()
    LsoaMonthCount.objects.filter(force__in=forces).delete()
    ForceMonthCount.objects.filter(force__in=forces).delete()
    for path in paths:
        (source,) = list(iter_sources(path))
        run = do_import_source(source, acting_user=None)
        assert (run.error, run.rejected) == ("", 0)

    assert snapshot(forces) == generated


def test_generation_refuses_forces_police_uk_does_not_have() -> None:
    with pytest.raises(ValueError, match="not police.uk force ids: not-a-force"):
        national().generate(10, months=1, codes=["not-a-force"], progress=lambda _line: None)
