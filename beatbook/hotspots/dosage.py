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
        return sum(not week.met for week in self.weeks)


def week_start(moment: datetime) -> date:
    local = moment.astimezone(LONDON).date()
    return local - timedelta(days=local.weekday())


def dosage(visits: list[tuple[datetime, datetime]], target_minutes: int, first: date, last: date) -> Dosage:
    """Weekly patrol minutes from `first` to `last` (UK local dates), each visit in the week it began."""
    weeks: dict[date, list[float]] = {}
    monday = first - timedelta(days=first.weekday())
    while monday <= last:
        weeks[monday] = []
        monday += timedelta(days=7)
    durations = []
    for started, ended in visits:
        minutes = elapsed(started, ended).total_seconds() / 60
        durations.append(minutes)
        bucket = weeks.get(week_start(started))
        if bucket is not None:
            bucket.append(minutes)
    low, high = KOPER_MINUTES
    koper = sum(low <= minutes <= high for minutes in durations)
    return Dosage(
        weeks=[Week(day, sum(items), len(items), target_minutes) for day, items in weeks.items()],
        visits=len(durations),
        minutes=sum(durations),
        koper_share=koper / len(durations) if durations else None,
    )
