"""A first HR import of a whole force (2,500 people) through the job queue: timed, all-or-nothing."""

from __future__ import annotations

import time

import pytest

from beatbook.areas.models import Area
from beatbook.audit.models import AuditEvent
from beatbook.jobs.inline import run_queued_jobs
from beatbook.workforce import actions
from beatbook.workforce.models import POSTING_LEVELS, Absence, HrImport, Officer

pytestmark = pytest.mark.django_db
HEADER = "staff_number,first_name,last_name,role,collar_number,team,started_on,left_on,leave_reason,fte,sex,ethnicity"
HEADER += ",absence,absence_from"
ROLES = ["constable"] * 6 + ["sergeant", "pcso", "staff", "inspector"]


def snapshot(people: int, *, start: int = 0) -> bytes:
    """An HR extract of `people` people spread over the force's teams; every 50th on a career break, every
    100th a leaver."""
    force = Area.objects.get(code="derbyshire")
    teams = list(Area.objects.within(force).filter(level__in=POSTING_LEVELS).values_list("code", flat=True))
    lines = [HEADER]
    for i in range(start, start + people):
        left = "2024-03-31,retirement" if i % 100 == 99 else ","
        absence = "career_break,2024-01-01" if i % 50 == 49 else ","
        lines.append(
            f"S{i:05d},First{i},Last{i},{ROLES[i % len(ROLES)]},{10000 + i},{teams[i % len(teams)]},"
            f"20{10 + i % 14:02d}-0{1 + i % 9}-15,{left},{'1.00' if i % 7 else '0.80'},"
            f"{'female' if i % 3 == 0 else 'male'},{['white', 'asian', 'black', 'mixed'][i % 4]},{absence}"
        )
    return ("\n".join(lines) + "\n").encode()


def test_a_first_import_of_2500_people_is_applied_by_a_job_in_seconds(personas, client_as, capsys) -> None:  # noqa: ANN001
    force = Area.objects.get(code="derbyshire")
    data = snapshot(2500)
    client = client_as("hr")
    client.get("/areas/derbyshire/workforce/import/")  # the process's first request imports every URL module
    started = time.perf_counter()
    run = actions.do_upload_hr_snapshot(force, file_name="all.csv", data=data, acting_user=personas["hr"])
    preview = client.get(f"/workforce/imports/{run.uuid}/")
    preview_seconds = time.perf_counter() - started
    assert "Joiners (2500)" in preview.content.decode()
    before = AuditEvent.objects.count()
    started = time.perf_counter()
    actions.do_queue_hr_snapshot(run, acting_user=personas["hr"])
    assert run_queued_jobs() == 1
    seconds = time.perf_counter() - started
    run.refresh_from_db()
    assert run.status == HrImport.Status.APPLIED, run.error
    assert run.summary["joiners"] == 2500
    assert Officer.objects.filter(staff_number__startswith="S").count() == 2500
    assert Officer.objects.filter(staff_number__startswith="S", left_on__isnull=False).count() == 25
    assert Absence.objects.filter(person__staff_number__startswith="S").count() == 50
    # One audit row per person added (with what HR recorded), plus the upload's queueing and the apply.
    added = AuditEvent.objects.filter(event="workforce.person.added").count()
    assert added == 2500 and AuditEvent.objects.count() - before == 2500 + 2
    with capsys.disabled():
        print(
            f"\nHR import of 2,500 new people: upload and preview {preview_seconds:.2f} s, applied by the job {seconds:.2f} s"
        )
