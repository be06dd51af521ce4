"""Reading a finished job's result for the people who need to act on it."""

from __future__ import annotations

from django_tasks import TaskResult


def failure_reason(task_result: TaskResult) -> str:
    """The last error of a failed job as one line ("ValueError: …"), without the traceback (≤ 500 chars)."""
    if not task_result.errors:
        return "The job failed without saying why"
    lines = task_result.errors[-1].traceback.strip().splitlines()
    return (lines[-1] if lines else task_result.errors[-1].exception_class_path)[:500]
