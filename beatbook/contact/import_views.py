"""The call-handling import page: analysts and administrators upload a file for their force."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from beatbook.accounts import access
from beatbook.accounts.access import Capability
from beatbook.contact.actions import do_import_contact_file
from beatbook.contact.forms import ContactImportForm
from beatbook.contact.imports import ImportRejected
from beatbook.contact.models import ContactImport
from beatbook.lib.wording import counted
from beatbook.web.tables import Column, Table, render_with_twins


@login_required
def imports(request: HttpRequest) -> HttpResponse:
    access.require_anywhere(request.user, Capability.IMPORT_DATA)
    forces = access.import_forces(request.user)
    form = ContactImportForm(request.POST or None, request.FILES or None, forces=forces)
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            batch = do_import_contact_file(
                force=form.cleaned_data["force"],
                kind=form.cleaned_data["kind"],
                text=form.cleaned_data["file"],
                source_name=request.FILES["file"].name,
                as_at=form.cleaned_data["as_at"],
                acting_user=request.user,
            )
        except ImportRejected as rejected:
            problems = rejected.errors
        else:
            messages.success(request, f"Imported {counted(batch.rows, 'row')} from {batch.source_name}.")
            return redirect("contact:imports")
    batches = ContactImport.objects.filter(force__in=forces).select_related("force").order_by("-imported_at")[:100]
    table = Table(
        "contact-imports",
        "Call-handling and social media imports",
        [
            Column("file", "File"),
            Column("kind", "Kind"),
            Column("force", "Force"),
            Column("as_at", "As at"),
            Column("rows", "Rows", numeric=True),
            Column("when", "Imported"),
        ],
        [
            {
                "file": b.source_name,
                "kind": b.get_kind_display(),
                "force": b.force.name,
                "as_at": f"{b.as_at:%Y-%m-%d}",
                "rows": b.rows,
                "when": f"{b.imported_at:%Y-%m-%d %H:%M} UTC",
            }
            for b in batches
        ],
    )
    context = {"form": form, "problems": problems}
    response = render_with_twins(request, "contact/imports.html", context, table, snapshot=True)
    if problems:
        response.status_code = 400
    return response
