"""What the public may see of a neighbourhood, in one place: the public pages and the police.uk-shaped
feed both read from here, so nothing unpublished or personal can reach one and not the other.

Published: the neighbourhood, its team, the serving officers of the team (names and ranks, as forces
publish them), contact details the force configured, priorities an inspector published (issue, planned
action, what was done), and crime and ASB counts with small numbers suppressed. Never: engagement or
abstraction records, unpublished priorities, who set or published anything, incident details."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from django.db.models import Avg, Q, Sum

from beatbook.areas.models import Area, Level, Lsoa
from beatbook.crime.categories import Category
from beatbook.crime.periods import add_months
from beatbook.crime.queries import counts_grouped_by, incidents, latest_month_of
from beatbook.neighbourhoods.models import Priority
from beatbook.workforce.models import NamedOfficer, Officer

SUPPRESS_BELOW = 5  # counts of 1–4 are shown as "fewer than 5"
PRIORITY_MONTHS = 6  # published priorities set in the last two quarters


def suppress_small(counts: Mapping[str, int], threshold: int = SUPPRESS_BELOW) -> dict[str, int | None]:
    """Counts with those from 1 to `threshold - 1` hidden (None). Where exactly one count would be hidden,
    the next smallest non-zero count is hidden too, so the hidden one cannot be worked out from a total.
    Zeros are shown: that nothing happened discloses nobody."""
    shown: dict[str, int | None] = dict(counts)
    small = [key for key, value in counts.items() if 0 < value < threshold]
    for key in small:
        shown[key] = None
    if len(small) == 1:
        others = sorted((value, key) for key, value in counts.items() if value >= threshold)
        if others:
            shown[others[0][1]] = None
    return shown


def public_forces():  # noqa: ANN201 - a QuerySet of Area
    return Area.objects.filter(level=Level.FORCE).order_by("name")


def public_neighbourhoods(force: Area):  # noqa: ANN201
    return Area.objects.within(force).filter(level=Level.NEIGHBOURHOOD).order_by("name")


def find_neighbourhood(force_code: str, code: str) -> Area | None:
    force = Area.objects.filter(level=Level.FORCE, code=force_code).first()
    if force is None:
        return None
    return public_neighbourhoods(force).filter(code=code).select_related("parent").first()


def search(text: str, limit: int = 20) -> list[Area]:
    """Neighbourhoods matching a place: their own name, their team's or LPU's, their local authority's,
    or a street in them (the "On or near …" names of their incidents)."""
    text = text.strip()
    if len(text) < 2:
        return []
    by_name = Q(name__icontains=text) | Q(parent__name__icontains=text) | Q(parent__parent__name__icontains=text)
    by_authority = Q(pk__in=Lsoa.objects.filter(local_authority_name__icontains=text).values("neighbourhood_id"))
    found = list(Area.objects.filter(level=Level.NEIGHBOURHOOD).filter(by_name | by_authority).order_by("name")[:limit])
    if len(found) < limit:
        street_lsoas = incidents().filter(location__icontains=text).values("lsoa__neighbourhood_id").distinct()[:limit]
        extra = Area.objects.filter(pk__in=[row["lsoa__neighbourhood_id"] for row in street_lsoas])
        found += [area for area in extra.order_by("name") if area not in found]
    return found[:limit]


@dataclass(frozen=True)
class PublicOfficer:
    name: str
    rank: str
    named_for_neighbourhood: bool


def officers(neighbourhood: Area) -> list[PublicOfficer]:
    named = NamedOfficer.objects.filter(neighbourhood=neighbourhood).values_list("officer_id", flat=True).first()
    team = neighbourhood.parent
    result = [
        PublicOfficer(f"{o.first_name} {o.last_name}", o.get_rank_display(), o.pk == named)
        for o in Officer.objects.serving().filter(team=team).order_by("rank", "last_name")
    ]
    return sorted(result, key=lambda o: not o.named_for_neighbourhood)


def contact(neighbourhood: Area) -> dict[str, str]:
    """Contact details configured for the neighbourhood, else its team, else its force."""
    chain = [neighbourhood, *reversed(neighbourhood.ancestors())]
    details = {}
    for key, field in (("email", "public_email"), ("telephone", "public_phone"), ("web", "public_url")):
        value = next((getattr(area, field) for area in chain if getattr(area, field)), "")
        if value:
            details[key] = value
    return details


def alert_signup_url(neighbourhood: Area) -> str:
    return next(
        (a.alert_signup_url for a in [neighbourhood, *reversed(neighbourhood.ancestors())] if a.alert_signup_url), ""
    )


def priorities(neighbourhood: Area, today: date) -> list[Priority]:
    return list(
        Priority.objects.filter(
            neighbourhood=neighbourhood,
            published_at__isnull=False,
            set_on__gte=add_months(today.replace(day=1), -PRIORITY_MONTHS),
        ).order_by("-set_on")
    )


@dataclass(frozen=True)
class CrimeSummary:
    first: date
    last: date
    counts: dict[str, int | None]  # category label → count, None where suppressed
    total: int


def crime_summary(neighbourhood: Area) -> CrimeSummary | None:
    """Crime and ASB in the neighbourhood's LSOAs over the 12 months to the force's latest month."""
    force = Area.objects.get(pk=neighbourhood.force_id)
    last = latest_month_of(force)
    if last is None:
        return None
    first = add_months(last, -11)
    counts = counts_grouped_by(["category"], area=neighbourhood, first=first, last=last)  # the monthly counts
    labels = dict(Category.choices)
    raw = {labels.get(category, category): n for (category,), n in counts.items()}
    return CrimeSummary(first, last, suppress_small(dict(sorted(raw.items()))), sum(raw.values()))


def centre_and_population(neighbourhood: Area) -> tuple[tuple[float, float] | None, int]:
    lsoas = Lsoa.objects.filter(neighbourhood=neighbourhood)
    population = lsoas.aggregate(total=Sum("population"))["total"] or 0
    centre = (
        incidents(area=neighbourhood)
        .filter(longitude__isnull=False)
        .aggregate(lat=Avg("latitude"), lon=Avg("longitude"))
    )
    if centre["lat"] is None:
        return None, population
    return (round(centre["lat"], 6), round(centre["lon"], 6)), population
