"""What needs doing, for the signed-in home page: each item a count with a link to the page that deals with
it, chosen by what the user's roles may do in their areas (the access module decides, as everywhere).

- engagements waiting for review (inspectors), in the last 90 days, as the engagement page lists them;
- abstractions this month and last without chief inspector authority (supervisors);
- priorities set but not yet published (inspectors);
- neighbourhoods whose priorities are stale, none set in three months (seed paper 002, 9.10);
- designated hotspots behind on patrols over the last four weeks (police roles), with the briefing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from beatbook.accounts import access
from beatbook.accounts.access import Capability
from beatbook.areas.models import Area
from beatbook.crime.periods import add_months, month_of


@dataclass(frozen=True)
class Task:
    text: str  # "12 engagements waiting for your review in Chesterfield"
    count: int
    url: str
    link_text: str


def _within(areas: list[Area], field: str) -> Q:
    condition = Q(pk__in=[])
    for area in areas:
        condition |= Q(**{f"{field}__path__startswith": area.path})
    return condition


def things_to_do(user) -> list[Task]:  # noqa: ANN001 - a User
    """The user's tasks, most pressing first; items with nothing to do are left out."""
    from beatbook.hotspots.dosage import dosage
    from beatbook.hotspots.tasking import active_hotspots
    from beatbook.neighbourhoods.models import Abstraction, Engagement, Priority
    from beatbook.neighbourhoods.priority_reports import stale_neighbourhoods
    from beatbook.problemsolving.models import PlanStatus, ProblemPlan

    today = timezone.localdate()
    tasks: list[Task] = []

    def add(count: int, one: str, many: str, area: Area, url: str, link_text: str) -> None:
        if count:
            tasks.append(Task(f"{count:,} {one if count == 1 else many} in {area.name}", count, url, link_text))

    for area in access.scope_areas(user, Capability.REVIEW_ENGAGEMENT):
        count = Engagement.objects.filter(
            _within([area], "neighbourhood"),
            reviewed_at__isnull=True,
            withdrawn_at__isnull=True,  # withdrawn by its recorder: off the review queue, not to be counted
            started_at__gte=timezone.now() - timedelta(days=90),
        ).count()
        url = reverse("neighbourhoods:engagement", args=[area.code])
        add(count, "engagement waiting for review", "engagements waiting for review", area, url, "Review engagements")
    for area in access.scope_areas(user, Capability.REVIEW_ABSTRACTIONS):
        since = add_months(month_of(today), -1)
        entries = Abstraction.objects.filter(
            _within([area], "team"), started_at__date__gte=since, emergency=False, withdrawn_at__isnull=True
        ).only("authoriser_rank", "emergency")
        count = sum(entry.breaches_policy for entry in entries)
        url = reverse("neighbourhoods:abstractions", args=[area.code]) + f"?from={since:%Y-%m-%d}"
        add(
            count,
            "abstraction without chief inspector authority since last month",
            "abstractions without chief inspector authority since last month",
            area,
            url,
            "See the abstractions",
        )
    for area in access.scope_areas(user, Capability.PUBLISH_PRIORITIES):
        count = Priority.objects.filter(_within([area], "neighbourhood"), published_at__isnull=True).count()
        url = reverse("neighbourhoods:priorities", args=[area.code])
        add(count, "priority waiting to be published", "priorities waiting to be published", area, url, "Publish")
    for area in access.scope_areas(user, Capability.SET_PRIORITIES):
        count = len(stale_neighbourhoods(area, today).rows)
        url = reverse("neighbourhoods:priorities", args=[area.code])
        add(
            count,
            "neighbourhood without priorities set in three months",
            "neighbourhoods without priorities set in three months",
            area,
            url,
            "Set priorities",
        )
    for area in access.scope_areas(user, Capability.DRAFT_PLAN):
        # Active plans whose review date has passed (ProblemPlan.review_overdue, as a query).
        count = (
            ProblemPlan.objects.for_force_or_area(area)
            .filter(status=PlanStatus.ACTIVE, next_review_on__lt=today)
            .count()
        )
        url = reverse("problemsolving:area", args=[area.code])
        add(
            count,
            "problem-solving plan overdue for review",
            "problem-solving plans overdue for review",
            area,
            url,
            "See the plans",
        )
    for area in access.scope_areas(user, Capability.LOG_PATROL):
        behind = 0
        for hotspot in active_hotspots(area, today):
            first = max(today - timedelta(days=27), hotspot.starts_on)
            visits = [(v.started_at, v.ended_at) for v in hotspot.visits.filter(started_at__date__gte=first)]
            behind += dosage(visits, hotspot.weekly_target_minutes, first, today, today=today).weeks_behind > 0
        url = reverse("hotspots:tasking", args=[area.code])
        add(
            behind,
            "designated hotspot behind on patrols",
            "designated hotspots behind on patrols",
            area,
            url,
            "Today's briefing",
        )
    return tasks
