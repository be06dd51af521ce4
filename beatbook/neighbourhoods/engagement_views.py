"""Recording engagements (phone-first), reviewing them, and the area's engagement reports."""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Page, Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from beatbook.accounts import access
from beatbook.accounts.access import Capability
from beatbook.areas.models import Area
from beatbook.neighbourhoods import engagement_reports as reports
from beatbook.neighbourhoods.actions import do_record_engagement, do_review_engagement, ensure_community_groups
from beatbook.neighbourhoods.forms import EngagementForm, EngagementReportQuery
from beatbook.neighbourhoods.models import CommunityGroup, Engagement
from beatbook.neighbourhoods.scope import engagement_for, neighbourhoods_for
from beatbook.web.forms import BadQuery, query_values
from beatbook.web.tables import render_with_twins

UNREVIEWED_PAGE_SIZE = 20


@login_required
def record_engagement(request: HttpRequest) -> HttpResponse:
    access.require_anywhere(request.user, Capability.RECORD_ENGAGEMENT)
    neighbourhoods = neighbourhoods_for(request.user, Capability.RECORD_ENGAGEMENT)
    forces = {area.force_id for area in neighbourhoods}
    for force in Area.objects.filter(pk__in=forces):
        ensure_community_groups(force)
    groups = CommunityGroup.objects.filter(force_id__in=forces, active=True)
    form = EngagementForm(
        request.POST or None,
        neighbourhoods=neighbourhoods,
        groups=groups,
        initial={"date": timezone.localdate(), "neighbourhood": neighbourhoods.first()},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            engagement = do_record_engagement(
                neighbourhood=data["neighbourhood"],
                started_at=data["started_at"],
                duration_minutes=data["duration_minutes"],
                location=data["location"],
                method=data["method"],
                groups=list(data["groups"]),
                people_reached=data["people_reached"],
                issues_raised=data["issues_raised"],
                follow_up=data["follow_up"],
                acting_user=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"Engagement in {engagement.neighbourhood.name} recorded.")
            return redirect("neighbourhoods:engagement", code=engagement.neighbourhood.code)
    context = {
        "form": form,
        "error_title": bool(form.errors),
        "back_area": next(iter(access.scope_areas(request.user, Capability.RECORD_ENGAGEMENT)), None),
    }
    return render(request, "neighbourhoods/record_engagement.html", context)


@login_required
def engagement_report(request: HttpRequest, code: str) -> HttpResponse:
    area = access.get_area_for_user(request.user, code)
    today = timezone.localdate()
    default_first, _ = reports.default_period(today)
    query = query_values(request, EngagementReportQuery)
    first, last, days = query["from"] or default_first, query["to"] or today, query["days"]
    if last < first:
        raise BadQuery(f"to: the end ({last:%-d %B %Y}) is before the start ({first:%-d %B %Y})")
    tables = reports.area_report(request, area, today, first, last, days)
    can_read_notes = access.can(request.user, Capability.READ_ENGAGEMENT_NOTES, area)
    context = {
        "area": area,
        "first": first,
        "last": last,
        "days": days,
        "can_record": access.can(request.user, Capability.RECORD_ENGAGEMENT, area),
        "can_read_notes": can_read_notes,
        "can_review": access.can(request.user, Capability.REVIEW_ENGAGEMENT, area),
        "unreviewed": _unreviewed(area, request.GET.get("page"))
        if access.can(request.user, Capability.REVIEW_ENGAGEMENT, area)
        else None,
    }
    return render_with_twins(request, "neighbourhoods/engagement_report.html", context, tables, area=area)


def _unreviewed(area: Area, page: str | None) -> Page:
    """The engagements of the last 90 days waiting for review (as the home page counts them), oldest first,
    20 a page (?page=N): the page states their total, as the home page does (QA: it showed the oldest 20 of
    48 with no total and no way to the rest)."""
    since = timezone.now() - timedelta(days=90)
    waiting = (
        Engagement.objects.filter(
            neighbourhood__path__startswith=area.path,
            reviewed_at__isnull=True,
            withdrawn_at__isnull=True,
            started_at__gte=since,
        )
        .select_related("neighbourhood", "recorded_by")
        .order_by("started_at", "pk")
    )
    return Paginator(waiting, UNREVIEWED_PAGE_SIZE).get_page(page)


@login_required
@require_POST
def review_engagement(request: HttpRequest, engagement_uuid: str) -> HttpResponse:
    engagement = engagement_for(request.user, engagement_uuid)
    try:
        do_review_engagement(engagement=engagement, acting_user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "Engagement marked as reviewed.")
    # Back to the page the review was made from (an LPU's, say), if that is a real area code.
    back = request.POST.get("area", "")
    if not Area.objects.filter(code=back).exists():
        back = engagement.neighbourhood.code
    return redirect("neighbourhoods:engagement", code=back)
