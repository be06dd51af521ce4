"""Patrol dosage: hours against the weekly target, visits, and how many visits were 10–15 minutes long
(the Koper curve: visits of that length deter best). Pure functions; durations are real elapsed time
in UTC, so a visit across a clock change counts what was actually spent."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from beatbook.lib.dates import LONDON, elapsed

KOPER_MINUTES = (10, 15)


@dataclass(frozen=True)
class Week:
    starts_on: date  # a Monday, UK local
    minutes: float
    visits: int
    target_minutes: int
    whole: bool = True  # all seven days inside the window; a part week is shown but never "behind"

    @property
    def met(self) -> bool:
        return self.minutes >= self.target_minutes


@dataclass(frozen=True)
class Dosage:
    weeks: list[Week]
    visits: int
    minutes: float
    koper_share: float | None  # share of visits lasting 10–15 minutes; None with no visits

    @property
    def hours(self) -> float:
        return self.minutes / 60

    @property
    def weeks_behind(self) -> int:
        """Whole weeks inside the window that missed the target: a week cut by the start or end of the
        window (or not yet over) cannot be judged, so it never counts."""
        return sum(week.whole and not week.met for week in self.weeks)


def _whole(monday: date, first: date, last: date, today: date | None) -> bool:
    sunday = monday + timedelta(days=6)
    return monday >= first and sunday <= last and (today is None or sunday < today)


def week_start(moment: datetime) -> date:
    local = moment.astimezone(LONDON).date()
    return local - timedelta(days=local.weekday())


def dosage(
    visits: list[tuple[datetime, datetime]],
    target_minutes: int,
    first: date,
    last: date,
    *,
    today: date | None = None,
) -> Dosage:
    """Weekly patrol minutes from `first` to `last` (UK local dates), each visit in the week it began.

    Only visits that began inside the window count, in every figure: callers pass the part of a
    hotspot's designation they report on, so a visit outside the designation is never counted.
    `today` (UK local), when given, is a day still under way: a week ending on it or later is not yet
    whole, so on a Sunday the week cannot be "behind target" before its last patrols are logged."""
    weeks: dict[date, list[float]] = {}
    monday = first - timedelta(days=first.weekday())
    while monday <= last:
        weeks[monday] = []
        monday += timedelta(days=7)
    durations = []
    for started, ended in visits:
        if not first <= started.astimezone(LONDON).date() <= last:
            continue
        minutes = elapsed(started, ended).total_seconds() / 60
        durations.append(minutes)
        weeks[week_start(started)].append(minutes)
    low, high = KOPER_MINUTES
    koper = sum(low <= minutes <= high for minutes in durations)
    return Dosage(
        weeks=[
            Week(day, sum(items), len(items), target_minutes, whole=_whole(day, first, last, today))
            for day, items in weeks.items()
        ],
        visits=len(durations),
        minutes=sum(durations),
        koper_share=koper / len(durations) if durations else None,
    )
