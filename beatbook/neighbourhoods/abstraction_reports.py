"""Abstraction reports for an area: count and hours by month, by team and by shift; share by reason; hours
lost as a share of the team's available hours; alerts where a team or shift stands out; policy breaches.

Available hours: each serving officer of the team is taken as available 37.5 hours a week (the seed papers:
"37–40 hours a week"), over the days of the period. Alerts: a team stands out when it has at least 3
abstractions and a one-sided Poisson test against its share of the area's officers gives p < 0.01; a shift
stands out the same way against an even split across the three shifts."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date

from django.db.models import Count
from django.http import HttpRequest
from scipy import stats

from beatbook.accounts import access
from beatbook.accounts.access import Capability
from beatbook.areas.models import Area, Level, area_containing
from beatbook.audit.models import Operation
from beatbook.audit.record import record_event
from beatbook.crime.periods import month_of, months_between
from beatbook.lib.dates import LONDON
from beatbook.neighbourhoods.engagement_reports import day_range_utc
from beatbook.neighbourhoods.models import Abstraction, AbstractionReason, Shift
from beatbook.web.tables import Column, Table
from beatbook.workforce.models import Officer

HOURS_PER_OFFICER_WEEK = 37.5
ALERT_MINIMUM, ALERT_P = 3, 0.01


def abstractions_in(area: Area, first: date, last: date):  # noqa: ANN201 - a QuerySet
    start, end = day_range_utc(first, last)
    return (
        Abstraction.objects.filter(
            team__path__startswith=area.path, started_at__gte=start, started_at__lt=end, withdrawn_at__isnull=True
        )
        .select_related("officer", "team")
        .order_by("started_at")
    )


def by_month(entries: list[Abstraction], first: date, last: date, area_name: str) -> Table:
    rows = {
        m: {"month": f"{m:%b %Y}", "abstractions": 0, "hours": 0.0, "breaches": 0} for m in months_between(first, last)
    }
    for entry in entries:
        row = rows.get(month_of(entry.started_at.astimezone(LONDON).date()))
        if row is not None:
            row["abstractions"] += 1
            row["hours"] += entry.hours
            row["breaches"] += int(entry.breaches_policy)
    for row in rows.values():
        row["hours"] = round(row["hours"], 1)
    return Table(
        "by-month",
        f"Abstractions by month, {area_name}",
        [
            Column("month", "Month"),
            Column("abstractions", "Abstractions", True),
            Column("hours", "Hours", True),
            Column("breaches", "Without chief inspector authority", True),
        ],
        list(rows.values()),
    )


def by_area_and_month(area: Area, entries: list[Abstraction], first: date, last: date) -> Table | None:
    """Count per month for each LPU (on a force or division page) or each team (on an LPU page), with the
    period's hours, so a month-by-month trend can be compared across areas. None below LPU level."""
    level = {Level.FORCE: Level.LPU, Level.DIVISION: Level.LPU, Level.LPU: Level.TEAM}.get(area.level)
    if level is None:
        return None
    groups = list(Area.objects.within(area).filter(level=level).order_by("path"))
    months = list(months_between(first, last))
    rows = {
        group.pk: {"area": group.name, **{f"{m:%Y-%m}": 0 for m in months}, "total": 0, "hours": 0.0}
        for group in groups
    }
    for entry in entries:
        group = area_containing(groups, entry.team.path)
        month = f"{month_of(entry.started_at.astimezone(LONDON).date()):%Y-%m}"
        if group is None or month not in rows[group.pk]:
            continue
        row = rows[group.pk]
        row[month] += 1
        row["total"] += 1
        row["hours"] += entry.hours
    for row in rows.values():
        row["hours"] = round(row["hours"], 1)
    return Table(
        "by-area-month",
        f"Abstractions by {Level(level).label.lower()} and month, {area.name}",
        [
            Column("area", Level(level).label),
            *[Column(f"{m:%Y-%m}", f"{m:%b %Y}", True) for m in months],
            Column("total", "Total", True),
            Column("hours", "Hours", True),
        ],
        list(rows.values()),
    )


def _poisson_high(observed: int, expected: float) -> bool:
    return observed >= ALERT_MINIMUM and expected > 0 and stats.poisson.sf(observed - 1, expected) < ALERT_P


def by_team(area: Area, entries: list[Abstraction], first: date, last: date) -> tuple[Table, list[str]]:
    """Per team: abstractions, hours, available hours and the share lost; and the alert lines."""
    teams = list(Area.objects.within(area).filter(level=Level.TEAM).order_by("path"))
    officers = dict(
        Officer.objects.serving()
        .filter(team__in=teams)
        .values_list("team_id")
        .annotate(n=Count("id"))
        .values_list("team_id", "n")
    )
    weeks = ((last - first).days + 1) / 7
    counts: Counter = Counter(entry.team_id for entry in entries)
    hours: defaultdict[int, float] = defaultdict(float)
    for entry in entries:
        hours[entry.team_id] += entry.hours
    total_officers, total = sum(officers.values()), len(entries)
    rows, alerts = [], []
    for team in teams:
        available = officers.get(team.pk, 0) * HOURS_PER_OFFICER_WEEK * weeks
        share = 100 * hours[team.pk] / available if available else None
        rows.append(
            {
                "team": team.name,
                "officers": officers.get(team.pk, 0),
                "abstractions": counts[team.pk],
                "hours": round(hours[team.pk], 1),
                "available_hours": round(available),
                "share_lost": None if share is None else round(share, 2),
            }
        )
        expected = total * officers.get(team.pk, 0) / total_officers if total_officers else 0
        if _poisson_high(counts[team.pk], expected):
            alerts.append(
                f"{team.name}: {counts[team.pk]} abstractions where its share of officers would give {expected:.1f}"
            )
    table = Table(
        "by-team",
        f"Abstractions by team, {area.name}, {first:%-d %b %Y} to {last:%-d %b %Y}",
        [
            Column("team", "Team"),
            Column("officers", "Serving officers", True),
            Column("abstractions", "Abstractions", True),
            Column("hours", "Hours", True),
            Column("available_hours", "Available hours", True),
            Column("share_lost", "% of hours lost", True),
        ],
        rows,
    )
    return table, alerts


def by_shift(entries: list[Abstraction], area_name: str) -> tuple[Table, list[str]]:
    counts = Counter(entry.shift for entry in entries)
    hours: defaultdict[str, float] = defaultdict(float)
    for entry in entries:
        hours[entry.shift] += entry.hours
    alerts = [
        f"{label} shift: {counts[value]} abstractions where an even split would give {len(entries) / 3:.1f}"
        for value, label in Shift.choices
        if _poisson_high(counts[value], len(entries) / 3)
    ]
    rows = [
        {"shift": label, "abstractions": counts[value], "hours": round(hours[value], 1)}
        for value, label in Shift.choices
    ]
    table = Table(
        "by-shift",
        f"Abstractions by shift (UK time of starting), {area_name}",
        [Column("shift", "Shift"), Column("abstractions", "Abstractions", True), Column("hours", "Hours", True)],
        rows,
    )
    return table, alerts


def by_reason(entries: list[Abstraction], area_name: str) -> Table:
    counts = Counter(entry.reason for entry in entries)
    total = len(entries)
    rows = [
        {
            "reason": label,
            "abstractions": counts[value],
            "share": round(100 * counts[value] / total, 1) if total else None,
        }
        for value, label in AbstractionReason.choices
    ]
    rows.sort(key=lambda row: -row["abstractions"])
    return Table(
        "by-reason",
        f"Abstractions by reason, {area_name}",
        [Column("reason", "Reason"), Column("abstractions", "Abstractions", True), Column("share", "% of all", True)],
        rows,
    )


def entry_rows(entries: list[Abstraction]) -> list[dict]:
    return [
        {
            "start": entry.started_at.astimezone(LONDON).strftime("%Y-%m-%d %H:%M"),
            "hours": round(entry.hours, 2),
            "officer": entry.officer.public_name,
            "team": entry.team.name,
            "reason": entry.get_reason_display(),
            "authorised_by": f"{entry.authorised_by} ({entry.get_authoriser_rank_display()})",
            "emergency": "yes" if entry.emergency else "no",
        }
        for entry in entries
    ]


ENTRY_COLUMNS = [
    Column("start", "Start (UK time)"),
    Column("hours", "Hours", True),
    Column("officer", "Officer"),
    Column("team", "Team"),
    Column("reason", "Reason"),
    Column("authorised_by", "Authorised by"),
    Column("emergency", "Emergency"),
]


def breaches(entries: list[Abstraction], area_name: str) -> Table:
    return Table(
        "breaches",
        f"Abstractions not authorised by a chief inspector or above, without an emergency, {area_name}",
        ENTRY_COLUMNS,
        entry_rows([entry for entry in entries if entry.breaches_policy]),
    )


def entries_table(entries: list[Abstraction], area_name: str) -> Table:
    return Table(
        "entries", f"Abstractions recorded, {area_name}", ENTRY_COLUMNS, entry_rows(list(reversed(entries))),
        display_limit=50,
    )  # fmt: skip


@dataclass(frozen=True)
class AreaReport:
    scope: Area  # the area the figures are for: a neighbourhood's team
    tables: list[Table]
    alerts: list[str]
    total: int
    hours: float
    breach_count: int


def area_report(request: HttpRequest, area: Area, first: date, last: date) -> AreaReport:
    """Every abstraction table of an area's page and API. Abstractions belong to teams, so a
    neighbourhood's report is its team's. The breaches and the entries name officers: they are only for
    those who review abstractions, and reading them is recorded."""
    scope = area.parent if area.level == Level.NEIGHBOURHOOD else area
    entries = list(abstractions_in(scope, first, last))
    team_table, team_alerts = by_team(scope, entries, first, last)
    shift_table, shift_alerts = by_shift(entries, scope.name)
    by_area = by_area_and_month(scope, entries, month_of(first), last)
    tables = [
        by_month(entries, month_of(first), last, scope.name),
        *([by_area] if by_area else []),
        team_table,
        shift_table,
        by_reason(entries, scope.name),
    ]
    if access.can(request.user, Capability.REVIEW_ABSTRACTIONS, area):
        tables += [breaches(entries, scope.name), entries_table(entries, scope.name)]
        record_event(
            actor=request.user,
            operation=Operation.CONSULTATION,
            event="abstraction.entries_read",
            area=area,
            request=request,
            detail={"entries": len(entries), "from": first.isoformat(), "to": last.isoformat()},
        )
    return AreaReport(
        scope=scope,
        tables=tables,
        alerts=team_alerts + shift_alerts,
        total=len(entries),
        hours=round(sum(entry.hours for entry in entries), 1),
        breach_count=sum(entry.breaches_policy for entry in entries),
    )
