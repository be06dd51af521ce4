"""The job that warms a force's page caches after an import, run by `beatbook worker` (see warm.py)."""

from __future__ import annotations

from django_tasks import task

from beatbook.areas.models import Area
from beatbook.counts.warm import warm_force


@task()
def warm_pages(force_id: int, version: str) -> dict:
    """Warm force `force_id`'s pages if the data version is still `version`. Returns warm_force's summary,
    stored as the job's result; a force deleted since is skipped."""
    force = Area.objects.filter(pk=force_id, parent=None).first()
    if force is None:
        return {"skipped": f"no force with id {force_id}"}
    return warm_force(force, version)
