"""Jobs of public scrutiny, run by `beatbook worker` (beatbook/jobs/), never by a web process:

- `make_paper_files`: a published paper's DOCX and PDF, made once from its frozen snapshot (~0.7 s);
- `send_question_email`: the emails to a member of the public who asked a question (see askers.py).

Both are safe to run again (the reaper retries a job whose worker died): files already made are kept, and
an email already sent is not sent twice. A job that fails for good leaves the reason where the scrutiny
office reads it (the paper's manage page; the question's page) with a button to try again.
"""

from __future__ import annotations

from django.dispatch import receiver
from django_tasks import TaskResult, TaskResultStatus, task
from django_tasks.signals import task_finished

from beatbook.jobs.results import failure_reason
from beatbook.scrutiny.models import FilesStatus, Paper


@task()
def make_paper_files(paper_id: int) -> dict:
    """Render and store paper `paper_id`'s DOCX and PDF. Returns {"docx": bytes, "pdf": bytes} (sizes)."""
    from beatbook.scrutiny.outputs import generate_paper_files

    paper = generate_paper_files(paper_id)
    return {"docx": len(paper.docx or b""), "pdf": len(paper.pdf or b"")}


@task()
def send_question_email(question_id: int, kind: str) -> dict:
    """Send the asker of question `question_id` the email `kind` ("received" or "published").
    Returns {"sent": bool} (False when there is nothing to send: no address, erased, or already sent)."""
    from beatbook.scrutiny.askers import send_email

    return {"sent": send_email(question_id, kind)}


@receiver(task_finished)
def record_a_failed_paper_job(sender: object, task_result: TaskResult, **kwargs: object) -> None:
    """A paper whose files job failed (an error, or its worker lost too often) says so, with the reason."""
    if task_result.status != TaskResultStatus.FAILED or task_result.task.module_path != make_paper_files.module_path:
        return
    Paper.objects.filter(pk=task_result.args[0], files_job=str(task_result.id)).exclude(
        files_status=FilesStatus.READY
    ).update(files_status=FilesStatus.FAILED, files_error=failure_reason(task_result))
