from __future__ import annotations

import csv
import io
import zipfile
from collections import Counter
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from beatbook.areas.models import Area, Lsoa
from beatbook.crime.categories import CATEGORY_BY_LABEL
from beatbook.crime.imports import do_import_source
from beatbook.crime.models import ImportRun, ImportStatus, Incident, Kind
from beatbook.crime.sources import iter_sources
from beatbook.crime.tests.conftest import REAL_FILE, SAMPLE


def run_import(path: Path) -> ImportRun:
    (source,) = list(iter_sources(path))
    return do_import_source(source, acting_user=None)


def counts(run: ImportRun) -> tuple[int, int, int, int, int]:
    return run.rows_read, run.inserted, run.updated, run.unchanged, run.rejected


def independent_count(path: Path) -> Counter:
    with path.open(newline="") as handle:
        return Counter(
            (row["LSOA code"], CATEGORY_BY_LABEL[row["Crime type"].lower()]) for row in csv.DictReader(handle)
        )


def command_count(*extra: str) -> Counter:
    out = io.StringIO()
    call_command("incident_counts", "--group-by", "lsoa,category", *extra, stdout=out)
    return Counter(
        {(row["lsoa"], row["category"]): int(row["count"]) for row in csv.DictReader(io.StringIO(out.getvalue()))}
    )


def test_it_imports_the_sample_and_a_second_run_changes_nothing(db) -> None:  # noqa: ANN001
    first = run_import(SAMPLE)
    assert first.status == ImportStatus.DONE and counts(first) == (300, 300, 0, 0, 0)
    assert first.unlocated == 15 and first.months == ["2018-07"] and first.force.code == "west-yorkshire"
    second = run_import(SAMPLE)
    assert counts(second) == (300, 0, 0, 300, 0) and second.removed == 0
    assert Incident.objects.count() == 300
    assert Incident.objects.filter(kind=Kind.ASB).count() == 60


def test_counts_match_an_independent_count_of_the_file(db) -> None:  # noqa: ANN001
    run_import(SAMPLE)
    assert command_count("--force", "west-yorkshire") == independent_count(SAMPLE)


def test_the_whole_real_file_imports_twice_and_counts_match(db) -> None:  # noqa: ANN001
    if not REAL_FILE.exists():
        pytest.skip(f"{REAL_FILE} is not here: the real police.uk file lives in ../shared/data")
    first, second = run_import(REAL_FILE), run_import(REAL_FILE)
    assert counts(first) == (31_635, 31_635, 0, 0, 0) and first.unlocated == 883
    assert (second.inserted, second.updated, second.unchanged) == (0, 0, 31_635)
    assert command_count() == independent_count(REAL_FILE)


def test_unknown_lsoas_are_created_for_the_force_by_local_authority(db) -> None:  # noqa: ANN001
    run = run_import(SAMPLE)
    lsoa = Lsoa.objects.get(code="E01007329")
    assert lsoa.name == "Barnsley 003A" and lsoa.local_authority_name == "Barnsley" and lsoa.force == run.force
    assert Incident.objects.filter(lsoa__isnull=True).count() == 15


def test_a_changed_crime_is_updated_and_a_vanished_asb_row_removed(db, sample_text: str, write_archive_file) -> None:  # noqa: ANN001
    run_import(write_archive_file(sample_text))
    lines = sample_text.splitlines()
    crime = lines[1].split(",")
    crime[10] = "Offender sent to prison"
    asb_line = next(index for index, line in enumerate(lines) if line.startswith(","))
    changed = [lines[0], ",".join(crime), *lines[2:asb_line], *lines[asb_line + 1 :]]
    run = run_import(write_archive_file("\n".join(changed) + "\n"))
    assert counts(run) == (299, 0, 1, 298, 0) and run.removed == 1
    assert Incident.objects.get(crime_id=crime[0]).last_outcome == "Offender sent to prison"
    assert Incident.objects.filter(kind=Kind.ASB).count() == 59


def test_a_truncated_file_rejects_the_cut_line_and_keeps_the_rest(db, sample_text: str, write_archive_file) -> None:  # noqa: ANN001
    cut = sample_text[: sample_text.index("\n", 5000) + 40]  # stops partway through a line
    run = run_import(write_archive_file(cut))
    data_lines = cut.count("\n")
    assert run.status == ImportStatus.DONE and run.rows_read == data_lines
    assert run.rejected == 1 and run.rejections[0]["line"] == data_lines + 1
    assert "expected 12 columns" in run.rejections[0]["reason"]
    assert run.inserted == data_lines - 1 and run.accounted_for


def test_a_broken_quote_rejects_that_line_only(db, sample_text: str, write_archive_file) -> None:  # noqa: ANN001
    lines = sample_text.splitlines()
    lines[100] = lines[100].replace("On or near", '"On or near', 1)
    run = run_import(write_archive_file("\n".join(lines) + "\n"))
    assert counts(run) == (300, 299, 0, 0, 1)
    assert run.rejections == [{"line": 101, "reason": run.rejections[0]["reason"]}]
    assert "quot" in run.rejections[0]["reason"] or "columns" in run.rejections[0]["reason"]


def test_a_bad_header_refuses_the_file_and_writes_nothing(db, sample_text: str, write_archive_file) -> None:  # noqa: ANN001
    run = run_import(write_archive_file(sample_text.replace("Crime ID,Month", "CrimeID,Month", 1)))
    assert run.status == ImportStatus.REFUSED and Incident.objects.count() == 0
    assert "Crime ID,Month,Reported by,Falls within" in run.error and "Found: CrimeID" in run.error
    assert not Area.objects.filter(code="west-yorkshire").exists()


def test_bad_values_are_rejected_with_their_reasons(db, sample_text: str, write_archive_file) -> None:  # noqa: ANN001
    lines = sample_text.splitlines()
    crime = lines[1].split(",")
    bad = {
        "month": [*crime[:1], "2018-13", *crime[2:]],
        "place": [crime[0] + "a", crime[1], crime[2], crime[3], "151.2", "-33.8", *crime[6:]],
        "type": [crime[0] + "b", *crime[1:9], "Jaywalking", *crime[10:]],
        "asb": ["abc", *lines[-16].split(",")[1:]],
    }
    run = run_import(write_archive_file("\n".join([lines[0], *(",".join(v) for v in bad.values())]) + "\n"))
    reasons = [r["reason"] for r in run.rejections]
    assert counts(run) == (4, 0, 0, 0, 4)
    assert "Month must be YYYY-MM" in reasons[0] and "not in the UK" in reasons[1]
    assert "not a police.uk category" in reasons[2] and "has a Crime ID" in reasons[3]


def test_a_repeated_crime_id_is_rejected_not_merged(db, sample_text: str, write_archive_file) -> None:  # noqa: ANN001
    lines = sample_text.splitlines()
    run = run_import(write_archive_file("\n".join([*lines[:3], lines[1]]) + "\n"))
    assert counts(run) == (3, 2, 0, 0, 1) and run.rejections[0]["reason"] == "Crime ID repeats line 2"


def test_a_crash_midway_leaves_the_database_as_it_was(db, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    run_import(SAMPLE)
    before = sorted(Incident.objects.values_list("id", "fingerprint"))
    from beatbook.crime import loading

    real = loading.insert_rows
    calls = {"n": 0}

    def failing_insert(model: type, rows: list) -> None:
        calls["n"] += 1
        real(model, rows[: len(rows) // 2])
        raise OSError("disk full")

    monkeypatch.setattr(loading, "insert_rows", failing_insert)
    changed = SAMPLE.read_text().replace("Status update unavailable", "Local resolution")
    path = SAMPLE.parent / "tmp-2018-07-west-yorkshire-street.csv"
    try:
        path.write_text(changed)
        with pytest.raises(OSError, match="disk full"):
            do_import_source(next(iter_sources(path)), acting_user=None)
    finally:
        path.unlink()
    assert sorted(Incident.objects.values_list("id", "fingerprint")) == before
    assert ImportRun.objects.latest("id").status == ImportStatus.FAILED


def test_folders_and_zips_in_the_archive_layout_import(db, tmp_path: Path) -> None:  # noqa: ANN001
    archive = tmp_path / "archive.zip"
    with zipfile.ZipFile(archive, "w") as handle:
        handle.write(SAMPLE, "2018-07/2018-07-west-yorkshire-street.csv")
    call_command("import_police_uk", str(archive), "--no-progress", stdout=io.StringIO())
    assert Incident.objects.count() == 300
    folder = tmp_path / "2018-07"
    folder.mkdir()
    (folder / "2018-07-west-yorkshire-street.csv").write_bytes(SAMPLE.read_bytes())
    out = io.StringIO()
    call_command("import_police_uk", str(tmp_path), "--no-progress", stdout=out)
    assert "300 rows read: 0 inserted, 0 updated, 300 unchanged, 0 rejected" in out.getvalue()


def test_the_command_reports_refusals_and_fails(db, tmp_path: Path) -> None:  # noqa: ANN001
    bad = tmp_path / "2018-07-west-yorkshire-street.csv"
    bad.write_text("a,b,c\n1,2,3\n")
    with pytest.raises(CommandError, match="1 of 1 file"):
        call_command("import_police_uk", str(bad), "--no-progress", stdout=io.StringIO(), stderr=io.StringIO())
    with pytest.raises(CommandError, match="no such file"):
        call_command("import_police_uk", str(tmp_path / "missing.csv"))
