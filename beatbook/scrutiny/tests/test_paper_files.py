"""A published paper's DOCX and PDF are made by a job on the queue, never by a web process."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client
from django_tasks_db.models import DBTaskResult

from beatbook.jobs.inline import run_queued_jobs
from beatbook.scrutiny import actions, outputs
from beatbook.scrutiny.models import FilesStatus, Paper
from beatbook.scrutiny.tasks import make_paper_files
from beatbook.scrutiny.tests.test_workflow import _meeting


def _published(plan: dict, personas: dict) -> Paper:
    paper = actions.do_draft_paper(
        meeting=_meeting(plan, personas), title="Report", data_to=date(2018, 8, 1), acting_user=personas["analyst"]
    )
    section = actions.do_add_section(paper=paper, heading="Overview", acting_user=personas["analyst"])
    actions.do_add_block(section=section, html="<p>Figures here.</p>", acting_user=personas["analyst"])
    actions.do_submit_paper(paper=paper, acting_user=personas["analyst"])
    return actions.do_publish_paper(paper=paper, acting_user=personas["scrutiny"])


@pytest.fixture
def no_rendering_here(monkeypatch):  # noqa: ANN001, ANN201
    """Fails the test if anything renders a DOCX or PDF outside a job."""
    calls = []

    def refuse(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        calls.append(args)
        raise AssertionError("rendered outside the job queue")

    monkeypatch.setattr(outputs, "paper_docx", refuse)
    monkeypatch.setattr(outputs, "paper_pdf", refuse)
    return calls


def test_publication_queues_the_files_job_and_renders_nothing(plan, personas, no_rendering_here) -> None:  # noqa: ANN001
    paper = _published(plan, personas)
    job = DBTaskResult.objects.get(task_path=make_paper_files.module_path)
    assert job.args_kwargs["args"] == [paper.pk] and job.status == "READY"
    assert paper.files_status == FilesStatus.QUEUED and paper.files_job == str(job.id)
    assert paper.docx is None and paper.pdf is None and no_rendering_here == []


def test_a_download_before_the_job_says_it_is_being_prepared_then_gives_the_stored_bytes(plan, personas) -> None:  # noqa: ANN001
    paper = _published(plan, personas)
    for kind in ("docx", "pdf"):
        early = Client().get(f"/scrutiny/papers/{paper.uuid}/paper.{kind}")
        assert early.status_code == 202 and early["Retry-After"] == "3"
        body = early.content.decode()
        assert "being prepared — refresh in a moment" in body and 'http-equiv="refresh"' in body
        assert f'href="/scrutiny/papers/{paper.uuid}/paper.{kind}"' in body  # a plain link: no JavaScript needed
    assert Paper.objects.get(pk=paper.pk).docx is None  # the request made nothing

    assert run_queued_jobs() == 1
    paper.refresh_from_db()
    assert paper.files_status == FilesStatus.READY
    docx = Client().get(f"/scrutiny/papers/{paper.uuid}/paper.docx")
    pdf = Client().get(f"/scrutiny/papers/{paper.uuid}/paper.pdf")
    assert docx.status_code == pdf.status_code == 200
    assert docx.content == bytes(paper.docx) and docx.content.startswith(b"PK")
    assert pdf.content == bytes(paper.pdf) and pdf.content.startswith(b"%PDF")
    assert docx["Content-Disposition"] == f'attachment; filename="paper-{paper.uuid}-v1.docx"'


def test_a_corrected_version_gets_its_own_files(plan, personas) -> None:  # noqa: ANN001
    first = _published(plan, personas)
    run_queued_jobs()
    second = actions.do_correct_paper(paper=first, note="1.1 corrected", acting_user=personas["analyst"])
    actions.do_submit_paper(paper=second, acting_user=personas["analyst"])
    second = actions.do_publish_paper(paper=second, acting_user=personas["scrutiny"])
    assert second.files_status == FilesStatus.QUEUED
    assert Client().get(f"/scrutiny/papers/{second.uuid}/paper.docx").status_code == 202
    assert Client().get(f"/scrutiny/papers/{first.uuid}/paper.docx").status_code == 200  # the old one stays
    assert run_queued_jobs() == 1
    first.refresh_from_db()
    second.refresh_from_db()
    assert second.files_ready and bytes(second.docx) != bytes(first.docx)  # version 2 says so inside
    assert Client().get(f"/scrutiny/papers/{second.uuid}/paper.pdf").content == bytes(second.pdf)


def test_a_failed_job_shows_the_reason_to_the_office_and_can_be_retried(
    plan,
    personas,
    client_as,
    monkeypatch,  # noqa: ANN001
) -> None:
    paper = _published(plan, personas)

    def broken(paper: Paper) -> bytes:
        raise OSError("fonts missing on the worker")

    monkeypatch.setattr(outputs, "paper_pdf", broken)
    assert run_queued_jobs() == 1
    paper.refresh_from_db()
    assert paper.files_status == FilesStatus.FAILED and paper.files_error == "OSError: fonts missing on the worker"
    public = Client().get(f"/scrutiny/papers/{paper.uuid}/paper.pdf")
    assert public.status_code == 503 and b"fonts missing" not in public.content  # the reason is for the office
    manage = f"/scrutiny/manage/papers/{paper.uuid}/"
    page = client_as("scrutiny").get(manage).content.decode()
    assert "could not be made" in page and "OSError: fonts missing on the worker" in page and "Try again" in page
    assert client_as("analyst").post(manage, {"step": "retry_files"}).status_code == 403  # the office retries
    monkeypatch.undo()
    assert client_as("scrutiny").post(manage, {"step": "retry_files"}).status_code == 302
    paper.refresh_from_db()
    assert paper.files_status == FilesStatus.QUEUED and paper.files_error == ""
    assert run_queued_jobs() == 1
    paper.refresh_from_db()
    assert paper.files_ready and Client().get(f"/scrutiny/papers/{paper.uuid}/paper.pdf").status_code == 200
    with pytest.raises(actions.WorkflowError):
        actions.do_retry_paper_files(paper=paper, acting_user=personas["scrutiny"])  # nothing to retry


def test_the_job_is_safe_to_run_twice(plan, personas) -> None:  # noqa: ANN001
    paper = _published(plan, personas)
    run_queued_jobs()
    paper.refresh_from_db()
    made = bytes(paper.docx)
    outputs.generate_paper_files(paper.pk)  # as a retried job would
    paper.refresh_from_db()
    assert bytes(paper.docx) == made
