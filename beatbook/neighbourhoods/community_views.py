"""A force administrator's page for the community groups the engagement log offers, and where each is
known to be present."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from beatbook.accounts import access
from beatbook.accounts.access import Capability
from beatbook.areas.models import Level
from beatbook.neighbourhoods.actions import do_set_community_groups, do_set_community_presence, ensure_community_groups
from beatbook.neighbourhoods.models import CommunityGroup
from beatbook.neighbourhoods.presence_csv import HEADER, parse_presence_csv


class GroupsForm(forms.Form):
    names = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 18}),
        label="Community groups, one per line",
        help_text="In the order the engagement form lists them. A group taken off is kept on past engagements",
    )


class PresenceForm(forms.Form):
    file = forms.FileField(label="Presence file (CSV)", help_text=f"Header: {','.join(HEADER)}")


@login_required
def community_groups(request: HttpRequest, code: str) -> HttpResponse:
    force = access.get_area_for_user(request.user, code, Capability.MANAGE_USERS)
    if force.level != Level.FORCE:
        raise Http404("Community groups are kept for a whole force")
    ensure_community_groups(force)
    groups = CommunityGroup.objects.filter(force=force)
    active = groups.filter(active=True)
    names_form = GroupsForm(
        request.POST if request.POST.get("part") == "groups" else None,
        initial={"names": "\n".join(group.name for group in active)},
    )
    presence_form = PresenceForm(
        request.POST if request.POST.get("part") == "presence" else None,
        request.FILES if request.POST.get("part") == "presence" else None,
    )
    if request.method == "POST":
        try:
            if names_form.is_bound and names_form.is_valid():
                names = names_form.cleaned_data["names"].splitlines()
                saved = do_set_community_groups(force=force, names=names, acting_user=request.user)
                messages.success(request, f"The list now has {len(saved)} community groups.")
                return redirect("neighbourhoods:community_groups", code=force.code)
            if presence_form.is_bound and presence_form.is_valid():
                rows = parse_presence_csv(presence_form.cleaned_data["file"].read())
                count = do_set_community_presence(force=force, rows=rows, acting_user=request.user)
                messages.success(request, f"Presence recorded for {count} areas and groups.")
                return redirect("neighbourhoods:community_groups", code=force.code)
        except ValidationError as error:
            form = names_form if names_form.is_bound else presence_form
            for message in error.messages:
                form.add_error(None, message)
    presence = active.annotate(areas=Count("presence", filter=Q(presence__area__path__startswith=force.path))).order_by(
        "position"
    )
    context = {
        "force": force,
        "names_form": names_form,
        "presence_form": presence_form,
        "presence": presence,
        "retired": groups.filter(active=False),
        "error_title": bool(names_form.errors or presence_form.errors),
    }
    return render(request, "neighbourhoods/community_groups.html", context)
