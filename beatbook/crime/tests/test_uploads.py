from __future__ import annotations

import contextlib
import io
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from beatbook.areas.models import Area
from beatbook.crime.models import ImportRun, ImportStatus, Incident
from beatbook.crime.tests.conftest import SAMPLE, sample_for


@pytest.fixture(autouse=True)
def imports_run_inline(settings, tmp_path):  # noqa: ANN001, ANN201
    settings.IMPORTS_IN_BACKGROUND = False
    settings.DATA_DIR = tmp_path


def upload(client, name: str, content: bytes, capture) -> object:  # noqa: ANN001
    force = Area.objects.get(code="derbyshire")
    with capture(execute=True):
        return client.post("/data/imports/", {"file": SimpleUploadedFile(name, content), "force": force.pk})


def test_an_analyst_uploads_a_file_and_reads_its_report(client_as, django_capture_on_commit_callbacks) -> None:  # noqa: ANN001
    client = client_as("analyst")
    response = upload(client, "2018-07-derbyshire-street.csv", sample_for(), django_capture_on_commit_callbacks)
    assert response.status_code == 302
    run = ImportRun.objects.get()
    assert run.status == ImportStatus.DONE and (run.rows_read, run.inserted) == (300, 300)
    assert run.force.code == "derbyshire" and not Path(run.upload_path).exists()  # the stored upload is gone
    report = client.get(response["Location"])
    assert b"Imported" in report.content and b"300" in report.content
    assert Incident.objects.filter(force__code="derbyshire").count() == 300


def test_an_upload_for_another_force_is_refused(client_as, django_capture_on_commit_callbacks) -> None:  # noqa: ANN001
    response = upload(
        client_as("analyst"),
        "2018-07-west-yorkshire-street.csv",
        SAMPLE.read_bytes(),
        django_capture_on_commit_callbacks,
    )
    run = ImportRun.objects.get()
    assert run.status == ImportStatus.REFUSED and "only for derbyshire" in run.error
    assert b"The file was refused" in client_as("analyst").get(response["Location"]).content
    assert not Incident.objects.exists()


def test_a_zip_upload_imports_each_file_in_one_batch(client_as, django_capture_on_commit_callbacks) -> None:  # noqa: ANN001
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("2018-07/2018-07-derbyshire-street.csv", sample_for())
        archive.writestr("2018-08/2018-08-derbyshire-street.csv", sample_for().replace(b"2018-07", b"2018-08"))
    upload(client_as("analyst"), "archive.zip", buffer.getvalue(), django_capture_on_commit_callbacks)
    runs = list(ImportRun.objects.order_by("id"))
    assert len(runs) == 2 and runs[0].batch == runs[1].batch
    assert runs[0].status == ImportStatus.DONE and runs[1].status == ImportStatus.DONE
    # The same Crime IDs recorded in another month: the crimes are updated; ASB rows are new for August.
    assert (runs[1].inserted, runs[1].updated, runs[1].rejected) == (60, 240, 0)


def test_the_upload_form_checks_the_file(client_as) -> None:  # noqa: ANN001
    client = client_as("analyst")
    force = Area.objects.get(code="derbyshire").pk
    fake_zip = client.post("/data/imports/", {"file": SimpleUploadedFile("data.zip", b"not a zip"), "force": force})
    assert b"do not match its name" in fake_zip.content and not ImportRun.objects.exists()
    empty = client.post("/data/imports/", {"file": SimpleUploadedFile("data.csv", b""), "force": force})
    assert b"empty" in empty.content


def test_another_forces_analyst_cannot_read_the_report(client_as, personas, django_capture_on_commit_callbacks) -> None:  # noqa: ANN001
    response = upload(
        client_as("analyst"), "2018-07-derbyshire-street.csv", sample_for(), django_capture_on_commit_callbacks
    )
    assert client_as("outsider").get(response["Location"]).status_code == 403  # not an importer at all
    assert client_as("admin").get(response["Location"]).status_code == 200


def test_queued_uploads_are_processed_by_the_command(client_as, settings, django_capture_on_commit_callbacks) -> None:  # noqa: ANN001
    settings.IMPORTS_IN_BACKGROUND = True
    from beatbook.crime import uploads

    started = []
    uploads_start = uploads.start
    uploads.start = started.append  # as if no background thread ran
    try:
        upload(
            client_as("analyst"),
            "2018-07-derbyshire-street.csv",
            sample_for(),
            django_capture_on_commit_callbacks,
        )
    finally:
        uploads.start = uploads_start
    run = ImportRun.objects.get()
    page = client_as("analyst").get(f"/data/imports/{run.uuid}/")
    assert b'http-equiv="refresh"' in page.content and b"<progress" in page.content
    out = io.StringIO()
    call_command("process_imports", stdout=out)
    assert "Done — 300 rows read, 300 inserted" in out.getvalue()


def test_an_import_that_rejected_every_row_says_so_in_red_with_reasons(
    client_as, django_capture_on_commit_callbacks
) -> None:  # noqa: ANN001
    client = client_as("analyst")
    response = upload(client, "2018-07-derbyshire-street.csv", SAMPLE.read_bytes(), django_capture_on_commit_callbacks)
    run = ImportRun.objects.get()
    assert run.status == ImportStatus.DONE and run.rejected == run.rows_read == 300
    page = client.get(response["Location"]).content.decode()
    summary = page[page.index("govuk-error-summary") : page.index("govuk-summary-list")]
    assert "Nothing was imported: all 300 rows were rejected" in summary
    assert "the row falls within West Yorkshire Police, but this is derbyshire&#x27;s file (300 lines)" in summary
    assert "Imported" not in page


def test_a_file_whose_every_row_is_rejected_leaves_the_month_as_it_was(
    client_as, django_capture_on_commit_callbacks
) -> None:  # noqa: ANN001
    """QA 17s: a month's file whose every row was rejected replaced the month with nothing (its report said
    "Nothing was imported" and "Removed 300"): the import is rolled back whole and the month keeps its data."""
    client = client_as("analyst")
    upload(client, "2018-07-derbyshire-street.csv", sample_for(), django_capture_on_commit_callbacks)
    assert Incident.objects.filter(force__code="derbyshire").count() == 300
    response = upload(client, "2018-07-derbyshire-street.csv", SAMPLE.read_bytes(), django_capture_on_commit_callbacks)
    assert Incident.objects.filter(force__code="derbyshire").count() == 300
    run = ImportRun.objects.latest("started_at")
    assert run.status == ImportStatus.DONE and run.rejected == run.rows_read == 300
    assert (run.inserted, run.updated, run.removed) == (0, 0, 0) and run.months == ["2018-07"]
    page = client.get(response["Location"]).content.decode()
    summary = page[page.index("govuk-error-summary") : page.index("govuk-summary-list")]
    assert "Nothing was imported: all 300 rows were rejected" in summary
    assert "Nothing stored was changed: 2018-07 keeps the data it had" in summary


def test_a_failed_import_never_shows_server_file_paths(client_as, settings) -> None:  # noqa: ANN001
    run = ImportRun.objects.create(
        source_name="my file.csv",
        status=ImportStatus.FAILED,
        force=Area.objects.get(code="derbyshire"),
        error=f"OSError: [Errno 28] No space left on device: '{settings.DATA_DIR}/uploads/0f3a.upload' (my file.csv)",
    )
    page = client_as("analyst").get(f"/data/imports/{run.uuid}/").content.decode()
    assert "The import failed" in page and "No space left on device" in page and "(my file.csv)" in page
    assert "/uploads/" not in page and str(settings.DATA_DIR) not in page


def test_a_one_row_import_rejected_reads_in_the_singular(client_as, django_capture_on_commit_callbacks) -> None:  # noqa: ANN001
    """QA finding 15: not "all 1 rows were rejected" nor "from the first 1 rejected lines"."""
    client = client_as("analyst")
    header, first, *_ = SAMPLE.read_bytes().splitlines(keepends=True)
    response = upload(client, "2018-07-derbyshire-street.csv", header + first, django_capture_on_commit_callbacks)
    assert ImportRun.objects.get().rejected == 1
    page = client.get(response["Location"]).content.decode()
    summary = page[page.index("govuk-error-summary") : page.index("govuk-summary-list")]
    assert "Nothing was imported: its one row was rejected" in summary
    assert "The most common reasons, from the rejected line:" in summary
    assert "1 rows" not in page and "1 rejected lines" not in page


def test_the_import_page_says_what_happens_to_a_file_with_bad_rows(client_as) -> None:  # noqa: ANN001
    """QA #6: by design (issue 10) a bad row is rejected alone; the page must not promise all or nothing."""
    page = client_as("analyst").get("/data/imports/").content.decode()
    assert "whole or not at all" not in page
    assert "cannot be read at all" in page and "is refused whole" in page
    assert "each row with a bad value is rejected on its own" in page and "the other rows are imported" in page
    assert "replaces that force-month" in page


def test_imports_made_from_a_server_path_show_the_file_name_only(client_as, tmp_path) -> None:  # noqa: ANN001
    """QA #7: the command and the demo import from server paths; no page, twin or heading shows them."""
    folder = tmp_path / "qa-data" / "demo"
    folder.mkdir(parents=True)
    (folder / "2018-07-derbyshire-street.csv").write_bytes(sample_for())
    with zipfile.ZipFile(folder / "archive.zip", "w") as archive:
        archive.writestr("2018-08/2018-08-derbyshire-street.csv", sample_for())
    (folder / "2018-09-derbyshire-street.csv").write_bytes(b"not,a,police.uk,header\n")
    call_command("import_police_uk", str(folder / "2018-07-derbyshire-street.csv"), stdout=io.StringIO())
    call_command("import_police_uk", str(folder / "archive.zip"), stdout=io.StringIO())
    with contextlib.suppress(CommandError):  # the command reports the refusal; the page is what matters here
        call_command("import_police_uk", str(folder / "2018-09-derbyshire-street.csv"), stdout=io.StringIO())
    runs = list(ImportRun.objects.order_by("id"))
    assert str(folder) in runs[0].source_name and str(folder) in runs[-1].error  # kept for the command only
    runs[-1].force = Area.objects.get(code="derbyshire")  # a refused file names no force; show it to the analyst
    runs[-1].save()
    client = client_as("analyst")
    pages = [client.get("/data/imports/"), client.get("/data/imports/?format=json&table=imports")]
    pages += [client.get(f"/data/imports/{run.uuid}/") for run in runs]
    for page in pages:
        text = page.content.decode()
        assert str(tmp_path) not in text and "qa-data/demo" not in text, text[:2000]
    listing = pages[0].content.decode()
    assert "2018-07-derbyshire-street.csv" in listing and "archive.zip:2018-08/2018-08-derbyshire-street.csv" in listing
    refused = pages[-1].content.decode()
    assert "The file was refused" in refused and "2018-09-derbyshire-street.csv: the header is not" in refused


def test_a_file_named_for_no_force_whose_every_row_is_rejected_reports_the_rows_reasons(
    client_as, django_capture_on_commit_callbacks
) -> None:  # noqa: ANN001
    """Not "the file has no rows": its rows were read and each was rejected, and the report says why."""
    client = client_as("analyst")
    header, first, second, *_ = SAMPLE.read_bytes().splitlines(keepends=True)
    bad = first.replace(b"2018-07", b"2018-13", 1)
    response = upload(client, "street crimes.csv", header + bad + second, django_capture_on_commit_callbacks)
    run = ImportRun.objects.get()
    assert run.status == ImportStatus.DONE and run.rows_read == run.rejected == 2
    page = client.get(response["Location"]).content.decode()
    summary = page[page.index("govuk-error-summary") : page.index("govuk-summary-list")]
    assert "Nothing was imported: all 2 rows were rejected" in summary and "2018-13" in summary
    assert "has no rows" not in page


def test_the_imports_list_pages_and_filters_every_import_and_counts_them_all(client_as, personas: dict) -> None:
    """It was the latest 100 runs, filtered and counted as if they were every import."""
    force = Area.objects.get(code="derbyshire")
    ImportRun.objects.create(
        source_name="oldest-needle.csv", status=ImportStatus.DONE, force=force, started_by=personas["analyst"]
    )
    for number in range(120):
        ImportRun.objects.create(source_name=f"hay-{number}.csv", status=ImportStatus.DONE, force=force)
    client = client_as("analyst")
    page = client.get("/data/imports/").content.decode()
    assert "121 rows in all; this page shows 50, and so do its downloads" in page and "oldest-needle.csv" not in page
    assert "Page 1 of 3" in page
    found = client.get("/data/imports/?imports-q=needle").content.decode()
    assert "1 row match ‘needle’" in found and "oldest-needle.csv" in found and "hay-1.csv" not in found
    assert "oldest-needle.csv" in client.get("/data/imports/?page=3").content.decode()
