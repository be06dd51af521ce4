"""The tables of the problem-solving page: plans active on a day by area, closures by code, the plans
themselves and the reviews that are overdue. Counts only: nobody named in a plan appears here."""

from __future__ import annotations

from collections import Counter
from datetime import date

from django.db.models import Count
from django.urls import reverse

from beatbook.areas.models import Area, Level
from beatbook.problemsolving.models import ClosureCode, PlanStatus, ProblemPlan
from beatbook.web.tables import Column, Table


def reporting_name(plan: ProblemPlan, lpus: dict[int, Area]) -> str:
    """The row a plan is counted in: its force-wide unit, or the LPU its team is in (or the team itself
    when it sits above LPU level), under the area's reporting name (Area.reporting_name)."""
    if plan.owner_unit_id:
        return plan.owner_unit.name
    lpu = next((lpus[pk] for pk in plan.owner_area.ancestor_ids if pk in lpus), None)
    return (lpu or plan.owner_area).reporting_name


def active_by_area(area: Area, on: date) -> Table:
    plans = ProblemPlan.objects.for_force_or_area(area).active_on(on).select_related("owner_area", "owner_unit")
    lpus = {a.pk: a for a in Area.objects.within(area.force() if area.parent_id else area).filter(level=Level.LPU)}
    counts = Counter(reporting_name(plan, lpus) for plan in plans)
    return Table(
        "active-plans-by-area",
        f"Problem-solving plans active on {on:%-d %B %Y}, by area or unit ({sum(counts.values())} in all)",
        [Column("area", "Area or unit"), Column("active", "Active plans", True)],
        [{"area": name, "active": n} for name, n in sorted(counts.items())],
    )


def closures_by_code(area: Area, first: date, last: date) -> Table:
    closed = (
        ProblemPlan.objects.for_force_or_area(area)
        .filter(status=PlanStatus.CLOSED, closed_on__gte=first, closed_on__lte=last)
        .values("closure_code")
        .annotate(n=Count("id"))
    )
    by_code = {row["closure_code"]: row["n"] for row in closed}
    codes = ClosureCode.objects.filter(force_id=area.force_id)
    return Table(
        "closures-by-code",
        f"Plans closed from {first:%-d %B %Y} to {last:%-d %B %Y}, by closure code",
        [Column("code", "Code"), Column("label", "Closure code"), Column("closed", "Plans closed", True)],
        [
            {"code": c.code, "label": c.label, "closed": by_code.get(c.pk, 0)}
            for c in codes
            if c.active or c.pk in by_code
        ],
    )


def plan_list(area: Area, today: date) -> Table:
    plans = (
        ProblemPlan.objects.for_force_or_area(area)
        .exclude(status=PlanStatus.CLOSED)
        .select_related("owner_area", "owner_unit")
        .order_by("status", "title")
    )
    table = Table(
        "plans",
        "Draft and active plans",
        [
            Column("title", "Plan"),
            Column("owner", "Owner"),
            Column("status", "Status"),
            Column("approved_on", "Approved"),
            Column("next_review_on", "Next review"),
        ],
        display_limit=100,
    )
    for index, plan in enumerate(plans):
        table.rows.append(
            {
                "title": plan.title,
                "owner": plan.owner_name,
                "status": plan.get_status_display() + (" (review overdue)" if plan.review_overdue(today) else ""),
                "approved_on": plan.approved_on.isoformat() if plan.approved_on else "",
                "next_review_on": plan.next_review_on.isoformat() if plan.next_review_on else "",
            }
        )
        table.links[(index, "title")] = reverse("problemsolving:plan", kwargs={"plan_uuid": plan.uuid})
    return table


def overdue_reviews(area: Area, today: date) -> Table:
    plans = (
        ProblemPlan.objects.for_force_or_area(area)
        .filter(status=PlanStatus.ACTIVE, next_review_on__lt=today)
        .select_related("owner_area", "owner_unit")
        .order_by("next_review_on")
    )
    return Table(
        "overdue-reviews",
        f"Active plans with a review overdue on {today:%-d %B %Y}",
        [
            Column("title", "Plan"),
            Column("owner", "Owner"),
            Column("due", "Review was due"),
            Column("days", "Days overdue", True),
        ],
        [
            {
                "title": p.title,
                "owner": p.owner_name,
                "due": p.next_review_on.isoformat(),
                "days": (today - p.next_review_on).days,
            }
            for p in plans
        ],
    )


def active_by_local_authority(area: Area, on: date) -> Table:
    """Plans active on `on` by the local authority of their first neighbourhood, and by group of authorities."""
    from beatbook.areas.authorities import by_authority_rows

    counts: Counter = Counter()
    for plan in ProblemPlan.objects.for_force_or_area(area).active_on(on).prefetch_related("places"):
        places = sorted(plan.places.all(), key=lambda place: place.pk)
        if places:
            counts[places[0].pk] += 1
    return Table(
        "active-plans-by-local-authority",
        f"Problem-solving plans active on {on:%-d %B %Y}, by local authority",
        [
            Column("local_authority", "Local authority"),
            Column("group", "Group"),
            Column("active", "Active plans", True),
        ],
        by_authority_rows(area, dict(counts), "active"),
    )
