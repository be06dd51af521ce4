"""The HR snapshot import: upload, see the difference (joiners, leavers, moves, changes), then apply."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from beatbook.accounts import access
from beatbook.accounts.access import Capability
from beatbook.areas.models import Level
from beatbook.lib.wording import counted
from beatbook.web.tables import Column, Table, render_with_twins
from beatbook.workforce import actions, hr_import
from beatbook.workforce.models import HrImport


class UploadForm(forms.Form):
    file = forms.FileField(label="HR extract (CSV)", help_text="With a header row of the columns listed above")


def run_for(user, run_uuid: str) -> HrImport:  # noqa: ANN001 - a user
    """An import of a force the user may keep the workforce of; anything else is 404 (it names people)."""
    run = HrImport.objects.select_related("force").filter(uuid=run_uuid).first()
    if run is None or not access.can(user, Capability.MANAGE_WORKFORCE, run.force):
        raise Http404("No such import")
    return run


@login_required
def upload(request: HttpRequest, code: str) -> HttpResponse:
    force = access.get_area_for_user(request.user, code, Capability.MANAGE_WORKFORCE)
    if force.level != Level.FORCE:
        raise Http404("HR snapshots are imported for a whole force")
    form = UploadForm(request.POST or None, request.FILES or None)
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            run = actions.do_upload_hr_snapshot(
                force, file_name=upload.name, data=upload.read(hr_import.MAX_BYTES + 1), acting_user=request.user
            )
        except hr_import.HrImportError as error:
            problems = error.errors[:50]
            form.add_error(
                "file",
                f"The file has {counted(len(error.errors), 'problem')}; nothing was imported. "
                "Fix them and upload it again",
            )
        else:
            return redirect("workforce:import_preview", run_uuid=run.uuid)
    context = {
        "force": force,
        "form": form,
        "problems": problems,
        "error_title": bool(form.errors),
        "columns": hr_import.COLUMNS,
        "recent": HrImport.objects.filter(force=force)[:10],
    }
    return render(request, "workforce/import.html", context)


def _diff_tables(found: hr_import.Diff) -> list[Table]:
    person = [Column("staff_number", "Staff number"), Column("name", "Name")]
    return [
        Table(
            "joiners",
            f"Joiners ({len(found.joiners)})",
            [*person, Column("team", "Team")],
            found.joiners,
            display_limit=200,
        ),
        Table(
            "leavers",
            f"Leavers ({len(found.leavers)})",
            [*person, Column("team", "Team")],
            found.leavers,
            display_limit=200,
        ),
        Table(
            "moves",
            f"Moves ({len(found.moves)})",
            [*person, Column("from", "From"), Column("to", "To")],
            found.moves,
            display_limit=200,
        ),
        Table(
            "changes",
            f"Changes ({len(found.changes)})",
            [*person, Column("fields", "Fields changed")],
            found.changes,
            display_limit=200,
        ),
    ]


@login_required
def preview(request: HttpRequest, run_uuid: str) -> HttpResponse:
    """The difference a snapshot would make; "Apply" queues the job that applies it. While the job is queued
    or running the page says so and refreshes itself (like a crime import's report); then it shows the
    result, or why nothing was changed with the button to try again."""
    run = run_for(request.user, run_uuid)
    if request.method == "POST":
        try:
            actions.do_queue_hr_snapshot(run, acting_user=request.user)
        except ValidationError as error:
            messages.error(request, "; ".join(error.messages))
        # No flash message: the page itself says while the job is queued, and a flash would outlive it and
        # sit above the result (QA finding 15).
        return redirect("workforce:import_preview", run_uuid=run.uuid)
    found = None
    if run.status in (HrImport.Status.PREVIEWED, HrImport.Status.FAILED):
        found = hr_import.diff(hr_import.parse(run.content.encode(), run.force), run.force)
    context = {
        "run": run,
        "found": found,
        "in_progress": run.status == HrImport.Status.QUEUED,
        "diff_tables": _diff_tables(found) if found else [],
        "back_url": reverse("workforce:import", args=[run.force.code]),
    }
    if found is None:
        return render(request, "workforce/import_preview.html", context)
    # The difference from the records as they stand now: a snapshot, named as of the day it is made.
    return render_with_twins(
        request, "workforce/import_preview.html", context, context["diff_tables"], area=run.force, snapshot=True
    )
