"""What the public may see of a neighbourhood, in one place: the public pages and the police.uk-shaped
feed both read from here, so nothing unpublished or personal can reach one and not the other.

Published: the neighbourhood, its team, the serving officers of the team (names and ranks, as forces
publish them), contact details the force configured, priorities an inspector published (issue, planned
action, what was done), and crime and ASB counts by quarter under `disclosure`'s rule. Never: engagement or
abstraction records, unpublished priorities, who set or published anything, incident details."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Avg, Sum

from beatbook.areas.models import Area, Level, Lsoa
from beatbook.counts.area_memo import area_by_code, areas_by_id
from beatbook.crime.categories import Category
from beatbook.crime.periods import add_months, quarter_period
from beatbook.crime.queries import counts_grouped_by, incidents, latest_month_of
from beatbook.neighbourhoods.models import Priority
from beatbook.public import disclosure
from beatbook.public.models import PublishedVersion
from beatbook.workforce.models import NamedOfficer, Officer

PRIORITY_MONTHS = 6  # published priorities set in the last two quarters
QUARTERS = 4  # the public crime table: the last four whole calendar quarters


def public_forces():  # noqa: ANN201 - a QuerySet of Area
    return Area.objects.filter(level=Level.FORCE).order_by("name")


def public_neighbourhoods(force: Area):  # noqa: ANN201
    return Area.objects.within(force).filter(level=Level.NEIGHBOURHOOD).order_by("name")


def find_neighbourhood(force_code: str, code: str) -> Area | None:
    """The force's neighbourhood with this code, its team (`parent`) read with it; None if there is none.
    Both come from beatbook.counts.area_memo: the busiest public page looks them up on every request."""
    force, area = area_by_code(force_code), area_by_code(code)
    if force is None or force.level != Level.FORCE or area is None or area.level != Level.NEIGHBOURHOOD:
        return None
    if not force.contains(area):
        return None
    area.parent = areas_by_id([area.parent_id])[area.parent_id]
    return area


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
        for o in Officer.objects.serving().publishable().filter(team=team).order_by("rank", "last_name")
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


# Publication: the public sees the approved copy of a record, never its working copy -----------------------


def approved_version(record: models.Model) -> PublishedVersion | None:
    """The copy of `record` the public sees, or None if it is not published."""
    content_type = ContentType.objects.get_for_model(record)
    return PublishedVersion.objects.filter(content_type=content_type, object_id=record.pk).first()


def pending_changes(record: models.Model, version: PublishedVersion | None = None) -> dict[str, tuple]:
    """{field: (public value, working value)} for each public field edited since the last approval;
    empty when the record is unpublished or the public already sees its text."""
    version = version or approved_version(record)
    if version is None:
        return {}
    current = record.public_fields()
    return {
        name: (version.fields.get(name), value) for name, value in current.items() if version.fields.get(name) != value
    }


def approved(model: type[models.Model], area: Area) -> list[PublishedVersion]:
    """The approved copies of a model's records published for `area`."""
    content_type = ContentType.objects.get_for_model(model)
    return list(PublishedVersion.objects.filter(content_type=content_type, area=area).order_by("-approved_at"))


@dataclass(frozen=True)
class PublicPriority:
    """A priority as an inspector approved it for the public."""

    issue: str
    planned_action: str
    action_taken: str
    set_on: date
    action_on: date | None


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def priorities(neighbourhood: Area, today: date) -> list[PublicPriority]:
    since = add_months(today.replace(day=1), -PRIORITY_MONTHS)
    shown = []
    for version in approved(Priority, neighbourhood):
        fields = version.fields
        priority = PublicPriority(
            fields["issue"], fields["planned_action"], fields.get("action_taken") or "",
            _day(fields["set_on"]), _day(fields.get("action_on")),
        )  # fmt: skip
        if priority.set_on >= since:
            shown.append(priority)
    return sorted(shown, key=lambda p: p.set_on, reverse=True)


@dataclass(frozen=True)
class CrimeFigures:
    """Crime and ASB in a neighbourhood by category and calendar quarter, protected by
    `disclosure.protect`. `quarters` are the first days of each quarter, oldest first; `columns` match."""

    quarters: list[date]
    columns: list[disclosure.Column]

    @property
    def first(self) -> date:
        return self.quarters[0]

    @property
    def last(self) -> date:
        return add_months(self.quarters[-1], 2)


def public_categories() -> list[str]:
    """The categories police.uk publishes today (not the pre-2013 one), as labels."""
    return [label for value, label in Category.choices if value != Category.PUBLIC_DISORDER_WEAPONS]


def crime_quarters(force: Area, last: date | None = None) -> list[date]:
    """The last QUARTERS whole calendar quarters of the force's data to `last` (default its latest month),
    as first days, oldest first."""
    last = last or latest_month_of(force)
    if last is None:
        return []
    newest = quarter_period(last).first if last.month % 3 == 0 else add_months(quarter_period(last).first, -3)
    return [add_months(newest, -3 * n) for n in reversed(range(QUARTERS))]


def crime_figures(neighbourhood: Area, last: date | None = None) -> CrimeFigures | None:
    """The published figures (as the page showed them when the data ended at `last`, default now): whole
    quarters never overlap, so no figure of one period is a sum over the months of another, and each
    quarter's column is protected on its own (docs/neighbourhoods.md)."""
    quarters = crime_quarters(neighbourhood.force(), last)
    if not quarters:
        return None
    # From the monthly counts kept at import (beatbook.counts), not a scan of the incidents.
    rows = counts_grouped_by(
        ["category", "month"], area=neighbourhood, first=quarters[0], last=add_months(quarters[-1], 2)
    )
    labels = dict(Category.choices)
    counts = {quarter: dict.fromkeys(public_categories(), 0) for quarter in quarters}
    for (category, month), n in rows.items():
        label = labels.get(category, category)
        quarter = quarter_period(date.fromisoformat(f"{month}-01")).first
        if label in counts[quarter]:
            counts[quarter][label] += n
    return CrimeFigures(quarters, [disclosure.protect(counts[quarter]) for quarter in quarters])


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
