"""The page where an analyst assigns a force's LSOAs to its neighbourhoods: those police.uk data names but
the geography does not place (2021 codes, codes never seen) are listed with their incidents, and each can
be given a neighbourhood. What is assigned here is the force's own decision, so never illustrative."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from beatbook.accounts import access
from beatbook.accounts.access import Capability
from beatbook.areas.actions import do_assign_lsoas
from beatbook.areas.models import Area, Level, Lsoa
from beatbook.web.navigation import linked_ancestors
from beatbook.web.tables import Column, Table, render_with_twins


class AssignLsoaForm(forms.Form):
    lsoa = forms.ChoiceField(label="LSOA", help_text="An LSOA of the force not yet in a neighbourhood")
    neighbourhood = forms.ModelChoiceField(queryset=Area.objects.none(), label="Neighbourhood")

    def __init__(self, *args, force: Area, lsoas: list[Lsoa], **kwargs) -> None:  # noqa: ANN002, ANN003
        super().__init__(*args, **kwargs)
        self.fields["lsoa"].choices = [("", "Choose an LSOA")] + [(x.code, f"{x.code} {x.name}") for x in lsoas]
        self.fields["neighbourhood"].queryset = (
            Area.objects.within(force).filter(level=Level.NEIGHBOURHOOD).order_by("name")
        )


@login_required
def assign_lsoas(request: HttpRequest, code: str) -> HttpResponse:
    force = access.get_area_for_user(request.user, code, Capability.IMPORT_DATA)
    if force.level != Level.FORCE:
        return redirect("areas:assign_lsoas", code=Area.objects.get(pk=force.force_id).code)
    unassigned = list(Lsoa.objects.filter(force=force, neighbourhood__isnull=True).order_by("code"))
    counts = _incident_counts(force, [lsoa.pk for lsoa in unassigned])
    form = AssignLsoaForm(request.POST or None, force=force, lsoas=unassigned)
    if request.method == "POST" and form.is_valid():
        neighbourhood = form.cleaned_data["neighbourhood"]
        do_assign_lsoas(force, {form.cleaned_data["lsoa"]: neighbourhood}, acting_user=request.user)
        messages.success(request, f"{form.cleaned_data['lsoa']} is now in {neighbourhood.name}.")
        return redirect("areas:assign_lsoas", code=force.code)
    table = Table(
        name="unassigned-lsoas",
        caption=f"LSOAs of {force.name} not assigned to a neighbourhood",
        columns=[
            Column("code", "LSOA code"),
            Column("name", "Name"),
            Column("local_authority", "Local authority"),
            Column("incidents", "Incidents", True),
        ],
        rows=[
            {
                "code": lsoa.code,
                "name": lsoa.name,
                "local_authority": lsoa.local_authority_name,
                "incidents": counts.get(lsoa.pk, 0),
            }
            for lsoa in unassigned
        ],
    )
    context = {
        "area": force,
        "form": form,
        "error_title": bool(form.errors),
        "breadcrumbs": linked_ancestors(request.user, force, "areas:detail"),
    }
    return render_with_twins(request, "areas/assign_lsoas.html", context, table, area=force, snapshot=True)


def _incident_counts(force: Area, lsoa_ids: list[int]) -> dict[int, int]:
    from beatbook.crime.models import Incident  # crime builds on areas, not the other way round

    groups = (
        Incident.objects.filter(force=force, lsoa_id__in=lsoa_ids).order_by().values("lsoa_id").annotate(n=Count("id"))
    )
    return {group["lsoa_id"]: group["n"] for group in groups}
