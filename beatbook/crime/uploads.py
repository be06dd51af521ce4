"""Imports from the web: an analyst uploads a file, it is stored under a server-chosen name, and a
job imports it while the report page shows progress.

The job goes on the job queue (IMPORTS_IN_BACKGROUND, on by default) and a `beatbook worker` process
runs it (beatbook/crime/tasks.py), never a web process. Turned off, the import runs in the request
once its transaction commits (tests; a one-person installation without a worker).
"""

from __future__ import annotations

import contextlib
import logging
import uuid
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from beatbook.accounts import access
from beatbook.accounts.models import User
from beatbook.areas.models import Area
from beatbook.audit.models import Operation
from beatbook.audit.record import record_event
from beatbook.crime.imports import do_import_source
from beatbook.crime.models import ImportRun, ImportStatus
from beatbook.crime.sources import Source, SourceError, iter_sources

log = logging.getLogger(__name__)


def upload_dir() -> Path:
    path = Path(settings.DATA_DIR) / "uploads"
    path.mkdir(parents=True, exist_ok=True)
    return path


@transaction.atomic
def do_queue_upload(upload: UploadedFile, *, force: Area | None, acting_user: User) -> ImportRun:
    """Store the upload and queue it; the import starts once this transaction commits."""
    batch = uuid.uuid4()
    path = upload_dir() / f"{batch}.upload"
    with path.open("wb") as handle:
        for chunk in upload.chunks():
            handle.write(chunk)
    run = ImportRun.objects.create(
        batch=batch,
        source_name=Path(upload.name or "upload").name[:255],
        upload_path=str(path),
        force=force,
        started_by=acting_user,
        status=ImportStatus.QUEUED,
        rows_total=max(1, upload.size // 225),
    )
    record_event(
        actor=acting_user,
        operation=Operation.COLLECTION,
        event="import.uploaded",
        obj=run,
        area=force,
        detail={"bytes": upload.size},
    )
    start(run.pk)
    return run


def start(run_id: int) -> None:
    """Queue the import in the caller's transaction (so the job exists exactly when the upload does),
    or, with IMPORTS_IN_BACKGROUND off, run it once that transaction commits."""
    if settings.IMPORTS_IN_BACKGROUND:
        from beatbook.crime.tasks import import_upload  # the task module imports this one

        import_upload.enqueue(run_id)
    else:
        transaction.on_commit(lambda: process_upload(run_id))


def process_upload(run_id: int) -> list[ImportRun]:
    """Import a queued upload (each file of a zip gets its own run in the same batch)."""
    with transaction.atomic():
        run = ImportRun.objects.select_for_update().filter(pk=run_id, status=ImportStatus.QUEUED).first()
        if run is None:
            return []  # already taken by another worker
        run.status = ImportStatus.RUNNING
        run.save(update_fields=["status"])
    user = run.started_by
    allowed = [force.code for force in access.import_forces(user)] if user else None
    path = Path(run.upload_path)
    try:
        sources = _sources(path, run.source_name)
    except SourceError as error:
        run.status, run.error = ImportStatus.REFUSED, str(error).replace(str(path), run.source_name)
        run.save(update_fields=["status", "error"])
        path.unlink(missing_ok=True)
        return [run]
    runs = []
    try:
        for index, source in enumerate(sources):
            this_run = (
                run
                if index == 0
                else ImportRun.objects.create(
                    batch=run.batch, source_name=source.name[:255], started_by=user, force=run.force
                )
            )
            if index == 0:
                run.source_name = source.name[:255]
            with contextlib.suppress(Exception):  # recorded on the run; the next file still runs
                do_import_source(
                    source,
                    acting_user=user,
                    force_code=run.force.code if run.force else None,
                    run=this_run,
                    allowed_forces=allowed,
                )
            runs.append(this_run)
    finally:
        path.unlink(missing_ok=True)
    return runs


def _sources(path: Path, display_name: str) -> list[Source]:
    """The upload's files, named as the uploader named them (so archive-style names still tell the force)."""
    sources = list(iter_sources(path))
    stored = str(path)
    return [Source(source.name.replace(stored, display_name, 1), source.open, source.size) for source in sources]
