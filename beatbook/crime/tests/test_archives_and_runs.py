"""Every archive member accounted for; every import run ends; one force-month imported at a time
(issue 10, items 6, 7, 10)."""

from __future__ import annotations

import io
import os
import threading
import time
import zipfile
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connections
from django.utils import timezone

from beatbook.areas.models import Area
from beatbook.crime import loading
from beatbook.crime.models import ImportRun, ImportStatus, Incident, Kind
from beatbook.crime.sources import list_sources
from beatbook.crime.tests.builders import HEADERS, load, street_row, write

STREET = "2019-07-west-yorkshire-street.csv"
DATA = ("\n".join([HEADERS["street"], street_row("a"), street_row(None)]) + "\n").encode()


def test_every_zip_member_is_imported_or_skipped_with_the_reason(db, tmp_path: Path) -> None:  # noqa: ANN001
    archive = tmp_path / "archive.zip"
    with zipfile.ZipFile(archive, "w") as handle:
        handle.writestr(f"2019-07/{STREET}", DATA)
        handle.writestr(f"copy/{STREET}", DATA)
        handle.writestr("2019-07/2019-07-West-Yorkshire-street.csv", DATA)
        handle.writestr("README.txt", b"police.uk archive")
        handle.writestr("__MACOSX/2019-07/._2019-07-west-yorkshire-street.csv", b"\x00\x05\x16\x07")
        handle.writestr("2019-07/.DS_Store", b"\x00")
    listing = list_sources(archive)
    assert [source.name for source in listing.sources] == [f"{archive}:2019-07/{STREET}"]
    assert {skipped.name.split(":", 1)[1]: skipped.reason for skipped in listing.skipped} == {
        f"copy/{STREET}": f"a duplicate copy of 2019-07/{STREET}",
        "2019-07/2019-07-West-Yorkshire-street.csv": f"the same file name as 2019-07/{STREET} in another case",
        "README.txt": "not a police.uk data file (their names are like YYYY-MM/YYYY-MM-<force>-street.csv)",
        "__MACOSX/2019-07/._2019-07-west-yorkshire-street.csv": "operating-system metadata",
        "2019-07/.DS_Store": "operating-system metadata",
    }
    out = io.StringIO()
    call_command("import_police_uk", str(archive), "--no-progress", stdout=out)  # does not fail
    assert out.getvalue().count("skipped —") == 5 and "2 rows read: 2 inserted" in out.getvalue()


def test_a_folder_of_no_data_files_does_not_fail_the_command(db, tmp_path: Path) -> None:  # noqa: ANN001
    (tmp_path / "notes.md").write_text("hello")
    (tmp_path / "Thumbs.db").write_bytes(b"\x00")
    out = io.StringIO()
    call_command("import_police_uk", str(tmp_path), "--no-progress", stdout=out)
    assert "notes.md: skipped — not a police.uk data file" in out.getvalue()
    assert "Thumbs.db: skipped — operating-system metadata" in out.getvalue()


def test_an_upload_records_each_skipped_member(
    client_as, settings, tmp_path, django_capture_on_commit_callbacks
) -> None:  # noqa: ANN001
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.IMPORTS_IN_BACKGROUND, settings.DATA_DIR = False, tmp_path
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as handle:
        handle.writestr(
            "2019-07/2019-07-derbyshire-street.csv", DATA.replace(b"West Yorkshire Police", b"Derbyshire Constabulary")
        )
        handle.writestr("notes.txt", b"hello")
    force = Area.objects.get(code="derbyshire")
    with django_capture_on_commit_callbacks(execute=True):
        client_as("analyst").post(
            "/data/imports/", {"file": SimpleUploadedFile("a.zip", buffer.getvalue()), "force": force.pk}
        )
    runs = {run.source_name: run for run in ImportRun.objects.all()}
    assert runs["a.zip:2019-07/2019-07-derbyshire-street.csv"].status == ImportStatus.DONE
    assert (
        runs["a.zip:notes.txt"].status == ImportStatus.SKIPPED
        and "not a police.uk data file" in runs["a.zip:notes.txt"].error
    )


def test_a_failed_import_that_created_its_force_still_ends_failed(db, tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    def broken(model: type, rows: list) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(loading, "insert_rows", broken)
    with pytest.raises(OSError, match="disk full"):
        load(write(tmp_path, STREET, [street_row("a")]))
    run = ImportRun.objects.get()
    assert run.status == ImportStatus.FAILED and run.error == "OSError: disk full" and run.force is None
    assert not Area.objects.filter(code="west-yorkshire").exists() and run.finished_at is not None


def test_process_imports_marks_a_run_left_running_as_failed_and_cleans_its_upload(db, settings, tmp_path: Path) -> None:  # noqa: ANN001
    settings.DATA_DIR = tmp_path
    (tmp_path / "uploads").mkdir()
    upload = tmp_path / "uploads" / "dead.upload"
    upload.write_bytes(DATA)
    orphan = tmp_path / "uploads" / "orphan.upload"
    orphan.write_bytes(DATA)
    old = time.time() - 3 * 3600
    os.utime(orphan, (old, old))
    three_hours_ago = timezone.now() - timedelta(hours=3)
    dead = ImportRun.objects.create(
        source_name="big.csv", status=ImportStatus.RUNNING, upload_path=str(upload), started_at=three_hours_ago
    )
    alive = ImportRun.objects.create(source_name="now.csv", status=ImportStatus.RUNNING, started_at=timezone.now())
    out = io.StringIO()
    call_command("process_imports", stdout=out)
    dead.refresh_from_db()
    alive.refresh_from_db()
    assert dead.status == ImportStatus.FAILED and "stopped without finishing" in dead.error and dead.finished_at
    assert alive.status == ImportStatus.RUNNING
    assert not upload.exists() and not orphan.exists()
    assert "big.csv: marked failed" in out.getvalue()


@pytest.mark.django_db(transaction=True)
def test_two_imports_of_the_same_force_month_at_once_never_duplicate_rows(tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    insert = loading.insert_rows

    def slow_insert(model: type, rows: list) -> None:  # both imports have read the stored rows by now, unlocked
        time.sleep(0.5)
        insert(model, rows)

    monkeypatch.setattr(loading, "insert_rows", slow_insert)
    force = Area.objects.create(code="west-yorkshire", name="West Yorkshire Police", level="force", path="")
    Area.objects.filter(pk=force.pk).update(path=f"/{force.pk}/")  # so neither import waits on creating it
    # ASB rows only: no unique Crime ID would stop a second insert; only the force-month lock does.
    rows = [street_row(None, location=f"On or near Street {n}", lsoa=("", "")) for n in range(300)]
    path = write(tmp_path, STREET, rows)
    results, barrier = [], threading.Barrier(2)

    def run() -> None:
        try:
            barrier.wait()
            try:
                results.append(load(path).status)
            except Exception as error:  # noqa: BLE001 - a lock timeout is an acceptable outcome; duplicates are not
                results.append(type(error).__name__)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert ImportStatus.DONE in results
    assert Incident.objects.filter(kind=Kind.ASB).count() == 300
    assert not ImportRun.objects.filter(status=ImportStatus.RUNNING).exists()


def test_a_failure_met_by_a_lock_is_still_recorded(db, monkeypatch) -> None:  # noqa: ANN001
    """SQLite answers "database table is locked" at once; the import that failed on it must not stay RUNNING
    because writing its failure met the same lock."""
    from django.db import OperationalError

    from beatbook.crime import imports

    run = ImportRun.objects.create(source_name="locked.csv", status=ImportStatus.RUNNING)
    finish, attempts = imports._finish, []

    def locked_once(*args, **kwargs) -> None:  # noqa: ANN002, ANN003
        attempts.append(1)
        if len(attempts) == 1:
            raise OperationalError("database table is locked")
        finish(*args, **kwargs)

    monkeypatch.setattr(imports, "_finish", locked_once)
    imports._record_failure(run, "OperationalError: database table is locked", waits=(0,))
    run.refresh_from_db()
    assert run.status == ImportStatus.FAILED and "locked" in run.error and len(attempts) == 2
