"""The HR snapshot import: strict parsing, the diff before applying, all-or-nothing, idempotent re-import."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import given, settings
from hypothesis import strategies as st

from beatbook.areas.models import Area
from beatbook.jobs.inline import run_queued_jobs
from beatbook.workforce import actions, hr_import
from beatbook.workforce.models import Absence, HrImport, Officer

pytestmark = pytest.mark.django_db
FIXTURE = (Path(__file__).parent / "fixtures" / "hr-snapshot.csv").read_bytes()


def upload(client, data: bytes, name: str = "hr.csv"):
    return client.post("/areas/derbyshire/workforce/import/", {"file": SimpleUploadedFile(name, data, "text/csv")})


def test_preview_then_apply_then_reimport_changes_nothing(client_as) -> None:
    client = client_as("hr")
    response = upload(client, FIXTURE)
    assert response.status_code == 302
    preview = client.get(response["Location"])
    assert "Joiners (3)" in preview.content.decode()
    assert not Officer.objects.filter(staff_number="HRX001").exists()  # nothing before applying
    client.post(response["Location"])
    assert "Being applied" in client.get(response["Location"]).content.decode()  # the job has not run yet
    assert not Officer.objects.filter(staff_number="HRX001").exists()
    assert run_queued_jobs() == 1  # the apply job
    applied = client.get(response["Location"]).content.decode()
    assert "Applied on" in applied and "3 joiners, 0 leavers" in applied
    assert "is being applied" not in applied.lower()  # QA finding 15: no banner above the result
    assert Officer.objects.filter(staff_number__startswith="HRX").count() == 3
    assert Absence.objects.filter(person__staff_number="HRX003", kind="secondment").exists()
    before = (Officer.objects.count(), Absence.objects.count())
    again = upload(client, FIXTURE, "same.csv")
    run = HrImport.objects.get(uuid=again["Location"].rstrip("/").split("/")[-1])
    assert hr_import.diff(hr_import.parse(run.content.encode(), run.force), run.force).empty
    assert "changes nothing" in client.get(again["Location"]).content.decode()
    client.post(again["Location"])
    run_queued_jobs()
    assert (Officer.objects.count(), Absence.objects.count()) == before


def test_the_diff_names_joiners_leavers_moves_and_changes(personas) -> None:
    force = Area.objects.get(code="derbyshire")
    run = actions.do_upload_hr_snapshot(force, file_name="a.csv", data=FIXTURE, acting_user=personas["hr"])
    actions.do_apply_hr_snapshot(run, acting_user=personas["hr"])
    changed = FIXTURE.replace(
        b"HRX001,Ada,Lovelace,constable,9001,staveley-snt,2023-01-09,,,",
        b"HRX001,Ada,Lovelace,constable,9001,derbyshire,2023-01-09,,,",
    )
    changed = changed.replace(b"0.80,male,black", b"0.60,male,black")
    changed = changed.replace(b"2010-02-01,,,1,", b"2010-02-01,2024-03-31,retirement,1,")
    found = hr_import.diff(hr_import.parse(changed, force), force)
    assert [m["staff_number"] for m in found.moves] == ["HRX001"]
    assert [c["fields"] for c in found.changes] == ["fte"]
    assert [leaver["staff_number"] for leaver in found.leavers] == ["HRX003"]


def test_a_bad_file_lists_every_problem_and_imports_nothing(client_as) -> None:
    bad = FIXTURE + b"HRX001,Dup,Licate,wizard,1,nowhere,31/01/2020,,,2,x,y,,\n"
    response = upload(client_as("hr"), bad)
    page = response.content.decode()
    assert response.status_code == 200
    for expected in ["also on line 2", "wizard", "nowhere", "31/01/2020", "fte: must be from 0 to 1"]:
        assert expected in page
    assert not HrImport.objects.exists()


def test_a_failing_row_rolls_back_the_whole_apply(personas) -> None:
    force = Area.objects.get(code="derbyshire")
    data = FIXTURE + b"HRX004,Late,Leaver,constable,,derbyshire,2020-01-01,2019-01-01,resignation,1,,,,\n"
    run = actions.do_upload_hr_snapshot(force, file_name="a.csv", data=data, acting_user=None)
    with pytest.raises(hr_import.HrImportError) as error:
        actions.do_apply_hr_snapshot(run, acting_user=None)
    assert "Line 5" in error.value.errors[0]
    assert not Officer.objects.filter(staff_number__startswith="HRX").exists()


@settings(max_examples=40, deadline=None)
@given(st.binary(max_size=300))
def test_the_parser_never_crashes_on_junk(data: bytes) -> None:
    force = Area.objects.get(code="derbyshire")
    try:
        hr_import.parse(",".join(hr_import.COLUMNS).encode() + b"\n" + data, force)
    except hr_import.HrImportError as error:
        assert error.errors


@pytest.mark.parametrize("junk", [b"\r", b'"unclosed', b'a"b\n"c'])
def test_a_broken_csv_line_is_refused_naming_the_line(junk: bytes) -> None:
    """Found by the junk property: a carriage return or a broken quote inside a field raised csv.Error."""
    force = Area.objects.get(code="derbyshire")
    with pytest.raises(hr_import.HrImportError) as raised:
        hr_import.parse(",".join(hr_import.COLUMNS).encode() + b"\n" + junk + b",x\n", force)
    assert raised.value.errors


def test_every_person_changed_gets_one_audit_row_even_for_an_absence_alone(personas) -> None:
    from beatbook.audit.models import AuditEvent

    force = Area.objects.get(code="derbyshire")
    run = actions.do_upload_hr_snapshot(force, file_name="a.csv", data=FIXTURE, acting_user=personas["hr"])
    actions.do_apply_hr_snapshot(run, acting_user=personas["hr"])
    away = FIXTURE.replace(b"HRX002,Sam,Okoro,pcso,9002,staveley-snt,2022-05-03,,,0.80,male,black,,",
                           b"HRX002,Sam,Okoro,pcso,9002,staveley-snt,2022-05-03,,,0.80,male,black,career_break,2024-02-01")  # fmt: skip
    run = actions.do_upload_hr_snapshot(force, file_name="b.csv", data=away, acting_user=personas["hr"])
    before = AuditEvent.objects.count()
    actions.do_apply_hr_snapshot(run, acting_user=personas["hr"])
    sam = Officer.objects.get(staff_number="HRX002")
    rows = AuditEvent.objects.filter(object_id=str(sam.pk), event="workforce.person.absence_recorded")
    assert rows.count() == 1 and rows.get().detail == {"absence": "(recorded)"}
    assert AuditEvent.objects.count() - before == 2  # Sam's row and the snapshot's
    assert Absence.objects.filter(person=sam, kind="career_break", ends_on__isnull=True).exists()


def test_the_result_of_one_joiner_reads_in_the_singular(client_as) -> None:
    """QA finding 15: not "1 joiners"; the flash saying it is being applied does not sit above the result."""
    client = client_as("hr")
    response = upload(client, b"".join(FIXTURE.splitlines(keepends=True)[:2]))
    client.post(response["Location"])
    run_queued_jobs()
    page = client.get(response["Location"]).content.decode()
    assert "1 joiner, 0 leavers, 0 moves, 0 changes." in page and "being applied" not in page.lower()
