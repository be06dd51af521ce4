"""The job that applies an HR snapshot, run by `beatbook worker` (beatbook/jobs/), never by a web process.

Applying is one transaction: a job killed part-way (and retried by the reaper) left nothing behind. A file
that cannot be applied (a line at fault) ends the run FAILED with every problem listed and nothing changed;
an unexpected error, or a worker lost too often, does the same through `task_finished`.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.dispatch import receiver
from django_tasks import TaskResult, TaskResultStatus, task
from django_tasks.signals import task_finished

from beatbook.jobs.results import failure_reason
from beatbook.workforce import actions, hr_import
from beatbook.workforce.models import HrImport


@task()
def apply_hr_snapshot(run_id: int) -> dict:
    """Apply HR import `run_id` as the user who queued it. Returns the difference's summary
    ({"joiners", "leavers", "moves", "changes", "missing"}: counts) or {"failed": reason}."""
    run = HrImport.objects.select_related("queued_by").get(pk=run_id)
    if run.status != HrImport.Status.QUEUED:
        return {"skipped": run.status}  # applied by an earlier attempt
    try:
        found = actions.do_apply_hr_snapshot(run, acting_user=run.queued_by)
    except (hr_import.HrImportError, ValidationError) as error:
        problems = error.errors if isinstance(error, hr_import.HrImportError) else error.messages
        _fail(run_id, problems)
        return {"failed": len(problems)}
    return found.summary()


def _fail(run_id: int, problems: list[str]) -> None:
    text = "; ".join(problems[:50]) + (f"; and {len(problems) - 50} more" if len(problems) > 50 else "")
    HrImport.objects.filter(pk=run_id, status=HrImport.Status.QUEUED).update(status=HrImport.Status.FAILED, error=text)


@receiver(task_finished)
def fail_the_run_of_a_failed_job(sender: object, task_result: TaskResult, **kwargs: object) -> None:
    if task_result.status != TaskResultStatus.FAILED or task_result.task.module_path != apply_hr_snapshot.module_path:
        return
    _fail(task_result.args[0], [f"The job stopped: {failure_reason(task_result)}. Nothing was changed."])
