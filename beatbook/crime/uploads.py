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
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from beatbook.accounts import access
from beatbook.accounts.models import User
from beatbook.areas.models import Area
from beatbook.audit.models import Operation
from beatbook.audit.record import record_event
from beatbook.crime.imports import do_import_source
from beatbook.crime.models import ImportRun, ImportStatus
from beatbook.crime.sources import Listing, Skipped, Source, SourceError, list_sources

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
    """Import a queued upload (each file of a zip gets its own run in the same batch; each member that is
    not imported gets a SKIPPED run saying why). The stored upload is deleted afterwards, whatever happened.

    The one entry point for running an upload: a job queue calls it with the run's id."""
    with transaction.atomic():
        run = ImportRun.objects.select_for_update().filter(pk=run_id, status=ImportStatus.QUEUED).first()
        if run is None:
            return []  # already taken by another worker
        run.status = ImportStatus.RUNNING
        run.started_at = timezone.now()
        run.save(update_fields=["status", "started_at"])
    user = run.started_by
    allowed = [force.code for force in access.import_forces(user)] if user else None
    path = Path(run.upload_path)
    try:
        listing = _listing(path, run.source_name)
    except SourceError as error:
        _end_unread(run, ImportStatus.REFUSED, str(error).replace(str(path), run.source_name))
        path.unlink(missing_ok=True)
        return [run]
    runs = []
    try:
        for index, source in enumerate(listing.sources):
            this_run = run if index == 0 else _batch_run(run, source.name)
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
        for skipped in listing.skipped:
            this_run = run if not runs else _batch_run(run, skipped.name)
            _end_unread(this_run, ImportStatus.SKIPPED, skipped.reason, name=skipped.name)
            runs.append(this_run)
    except Exception as error:  # never leave the first run RUNNING
        if run.status == ImportStatus.RUNNING:
            _end_unread(run, ImportStatus.FAILED, f"{type(error).__name__}: {error}")
        raise
    finally:
        path.unlink(missing_ok=True)
    return runs


def _batch_run(run: ImportRun, name: str) -> ImportRun:
    return ImportRun.objects.create(batch=run.batch, source_name=name[:255], started_by=run.started_by, force=run.force)


def _end_unread(run: ImportRun, status: str, error: str, name: str | None = None) -> None:
    run.status, run.error, run.finished_at = status, error, timezone.now()
    if name:
        run.source_name = name[:255]
    run.save()


def mark_stale_runs(older_than: timedelta) -> list[ImportRun]:
    """Runs left RUNNING by a process that died (started longer ago than `older_than`) are marked FAILED,
    and their stored uploads deleted: an upload is never left on disk without a run that will read it.
    Stored upload files that no queued or running run refers to are deleted too."""
    cutoff = timezone.now() - older_than
    stale = list(
        ImportRun.objects.filter(status=ImportStatus.RUNNING).filter(
            Q(started_at__lt=cutoff) | Q(started_at__isnull=True, created_at__lt=cutoff)
        )
    )
    for run in stale:
        if run.upload_path:
            Path(run.upload_path).unlink(missing_ok=True)  # cleaned: the run says to upload again
        _end_unread(
            run,
            ImportStatus.FAILED,
            "The import stopped without finishing (its process ended; started "
            f"{run.started_at or run.created_at:%Y-%m-%d %H:%M} UTC). "
            "Nothing from it was kept: upload the file again.",
        )
    wanted = set(
        ImportRun.objects.filter(status__in=[ImportStatus.QUEUED, ImportStatus.RUNNING]).values_list(
            "upload_path", flat=True
        )
    )
    for stored in upload_dir().glob("*.upload"):
        if str(stored) not in wanted and stored.stat().st_mtime < cutoff.timestamp():
            stored.unlink(missing_ok=True)
    return stale


def _listing(path: Path, display_name: str) -> Listing:
    """The upload's files, named as the uploader named them (so archive-style names still tell the force)."""
    listing = list_sources(path)
    stored = str(path)
    return Listing(
        [Source(source.name.replace(stored, display_name, 1), source.open, source.size) for source in listing.sources],
        [Skipped(skipped.name.replace(stored, display_name, 1), skipped.reason) for skipped in listing.skipped],
    )
