"""Import pages for analysts: upload a file, follow its progress, read its report."""

from __future__ import annotations

import re
from collections import Counter

from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone

from beatbook.accounts import access
from beatbook.accounts.access import Capability
from beatbook.crime.forms import UploadForm
from beatbook.crime.imports import progress_key
from beatbook.crime.models import ImportRun, ImportStatus
from beatbook.crime.periods import Days
from beatbook.crime.uploads import do_queue_upload
from beatbook.web.tables import Column, Table, page_of, render_with_twins

# The columns the imports list shows, for its filter box.
IMPORT_SEARCHED_FIELDS = ("source_name", "file_kind", "force__name", "status")


@login_required
def imports(request: HttpRequest) -> HttpResponse:
    access.require_anywhere(request.user, Capability.IMPORT_DATA)
    forces = access.import_forces(request.user)
    form = UploadForm(request.POST or None, request.FILES or None, forces=forces)
    if request.method == "POST" and form.is_valid():
        run = do_queue_upload(form.cleaned_data["file"], force=form.cleaned_data["force"], acting_user=request.user)
        return redirect("crime:import_report", run_uuid=run.uuid)
    # Every import, newest first, a page at a time: the filter searches them all (QA: it was the latest 100,
    # filtered and counted as if they were all).
    runs_page = page_of(
        request, access.import_runs_visible_to(request.user).select_related("force"), "imports", IMPORT_SEARCHED_FIELDS
    )
    runs = list(runs_page.object_list)
    table = Table(
        name="imports",
        caption="Imports",
        paged_total=runs_page.paginator.count,
        page=runs_page.number,
        columns=[
            Column("file", "File"),
            Column("kind", "Kind"),
            Column("force", "Force"),
            Column("status", "Status"),
            Column("rows_read", "Rows read", True),
            Column("inserted", "Inserted", True),
            Column("updated", "Updated", True),
            Column("unchanged", "Unchanged", True),
            Column("rejected", "Rejected", True),
            Column("when", "Started"),
        ],
        rows=[
            {
                "file": run.file_name,
                "kind": run.file_kind,
                "force": run.force.name if run.force else "",
                "status": run.get_status_display(),
                "rows_read": run.rows_read,
                "inserted": run.inserted,
                "updated": run.updated,
                "unchanged": run.unchanged,
                "rejected": run.rejected,
                "when": f"{run.created_at:%Y-%m-%d %H:%M} UTC",
            }
            for run in runs
        ],
    )
    table.links = {(i, "file"): reverse("crime:import_report", args=[run.uuid]) for i, run in enumerate(runs)}
    context = {"form": form, "forces": forces, "error_title": bool(form.errors), "page_obj": runs_page}
    return render_with_twins(request, "crime/imports.html", context, table, snapshot=True)


# An absolute path of two or more parts (/srv/beatbook/data/uploads/…): the server's, never shown.
SERVER_PATH = re.compile(r"(?:[A-Za-z]:)?(?:[/\\][\w.\-]+){2,}[/\\]?")


def without_paths(text: str, keep: str = "") -> str:
    """An error as an analyst may read it: server file paths replaced by "(a file on the server)"; `keep`
    (the file's name as uploaded) stays as it is."""
    parts = text.split(keep) if keep else [text]
    return keep.join(SERVER_PATH.sub("(a file on the server)", part) for part in parts)


@login_required
def import_report(request: HttpRequest, run_uuid: str) -> HttpResponse:
    access.require_anywhere(request.user, Capability.IMPORT_DATA)
    run = access.import_runs_visible_to(request.user).filter(uuid=run_uuid).select_related("force").first()
    if run is None:
        raise Http404("No such import")
    if run.status in (ImportStatus.QUEUED, ImportStatus.RUNNING):
        run.rows_read = cache.get(progress_key(run), run.rows_read)
    siblings = list(ImportRun.objects.filter(batch=run.batch).exclude(pk=run.pk)) if run.batch else []
    table = Table(
        name="rejections",
        caption="Rejected lines",
        columns=[Column("line", "Line", True), Column("reason", "Reason")],
        rows=run.rejections,
    )
    context = {
        "run": run,
        "siblings": siblings,
        "in_progress": run.status in (ImportStatus.QUEUED, ImportStatus.RUNNING),
        "all_rejected": run.rows_read > 0 and run.rejected == run.rows_read,
        "common_reasons": Counter(r["reason"] for r in run.rejections).most_common(5),
        "error_text": without_paths(run.error.replace(run.source_name, run.file_name), keep=run.file_name),
        "forces_split": sorted(run.forces.items()) if len(run.forces) > 1 else [],
    }
    # One import's rejections never change: named for the day it was made, not the day it is downloaded.
    made = Days(timezone.localdate(run.created_at), timezone.localdate(run.created_at))
    return render_with_twins(request, "crime/import_report.html", context, table, area=run.force, period=made)
