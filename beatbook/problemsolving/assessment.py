"""Scanning and assessment of a plan from Beatbook's own incidents (computed, never typed).

Scanning: incidents in the plan's places (neighbourhoods), categories and months. Assessment: the plan's
incidents in the months since approval (to closure or the latest data) against the same number of months
before, and the same for a comparison area (the plan's, or else the rest of the owning LPU), with the
difference-in-differences estimate of beatbook.hotspots.evaluation. With `asb_only`, ASB incidents only.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Q, QuerySet

from beatbook.areas.models import Area, Level
from beatbook.crime.models import Incident, Kind
from beatbook.crime.periods import add_months, month_of
from beatbook.crime.queries import incidents, latest_month
from beatbook.hotspots.evaluation import Evaluation, difference_in_differences
from beatbook.problemsolving.models import ProblemPlan


def _in_places(places: list[Area]) -> Q:
    condition = Q(pk__in=[])
    for place in places:
        condition |= Q(lsoa__neighbourhood__path__startswith=place.path)
    return condition


def scanned_incidents(
    *, force: Area, places: list[Area], first: date, last: date, categories: list[str], asb_only: bool = False
) -> QuerySet[Incident]:
    """Incidents in `places` from month `first` to month `last`, in `categories` (all when empty)."""
    queryset = incidents(force=force, first=month_of(first), last=month_of(last), categories=categories)
    if asb_only:
        queryset = queryset.filter(kind=Kind.ASB)
    return queryset.filter(_in_places(places))


@dataclass(frozen=True)
class Assessment:
    before: tuple[date, date]
    after: tuple[date, date]
    comparison: Area
    evaluation: Evaluation


def comparison_area_for(plan: ProblemPlan) -> Area | None:
    if plan.comparison_area_id:
        return plan.comparison_area
    if plan.owner_area_id:
        owner = plan.owner_area
        return next((a for a in [*owner.ancestors(), owner] if a.level == Level.LPU), owner)
    return plan.force


def assess(plan: ProblemPlan, *, today: date) -> Assessment | None:
    """Before/after of the plan's incidents against the comparison area; None before approval or data."""
    places = list(plan.places.all())
    comparison = comparison_area_for(plan)
    if plan.approved_on is None or not places or comparison is None:
        return None
    latest = latest_month(incidents(force=plan.force))
    if latest is None:
        return None
    first_after = month_of(plan.approved_on)
    last_after = min(month_of(plan.closed_on or today), latest)
    if last_after < first_after:
        return None
    months = (last_after.year - first_after.year) * 12 + last_after.month - first_after.month + 1
    first_before, last_before = add_months(first_after, -months), add_months(first_after, -1)

    def count(queryset: QuerySet[Incident], first: date, last: date) -> int:
        return queryset.filter(month__gte=first, month__lte=last).count()

    options = {"force": plan.force, "first": first_before, "last": last_after}
    mine = scanned_incidents(places=places, categories=plan.categories, asb_only=plan.asb_only, **options)
    around = incidents(area=comparison, first=first_before, last=last_after, categories=plan.categories)
    if plan.asb_only:
        around = around.filter(kind=Kind.ASB)
    around = around.exclude(_in_places(places))
    counts = (
        count(mine, first_before, last_before),
        count(mine, first_after, last_after),
        count(around, first_before, last_before),
        count(around, first_after, last_after),
    )
    return Assessment(
        (first_before, last_before), (first_after, last_after), comparison, difference_in_differences(*counts)
    )
