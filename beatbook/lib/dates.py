"""UK local time done carefully: parsing local times across clock changes, and true elapsed durations.

Python subtracts two aware datetimes sharing a ZoneInfo as wall-clock times (00:30 → 03:30 on the day
the clocks go forward gives 3 hours, though 2 passed). Durations here are always computed in UTC.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

LONDON = ZoneInfo("Europe/London")


class LocalTimeError(ValueError):
    """A local time that cannot be read or does not exist in UK time."""


def london_to_utc(local: datetime) -> datetime:
    """A naive UK local time as UTC. A time the clocks skip (01:30 on the last Sunday of March) is an
    error; a time that happens twice (01:30 on the last Sunday of October) is taken as the first, BST."""
    if local.tzinfo is not None:
        return local.astimezone(UTC)
    aware = local.replace(tzinfo=LONDON, fold=0)
    round_trip = aware.astimezone(UTC).astimezone(LONDON).replace(tzinfo=None)
    if round_trip != local:
        raise LocalTimeError(f"{local:%Y-%m-%d %H:%M} does not exist in UK time (the clocks went forward)")
    return aware.astimezone(UTC)


def parse_timestamp(text: str) -> datetime:
    """ISO 8601 with an offset, or a naive UK local time like '2023-03-26 00:30', as an aware UTC datetime."""
    try:
        value = datetime.fromisoformat(text.strip())
    except ValueError:
        raise LocalTimeError(f"{text!r} is not a date and time like 2023-03-26 14:30") from None
    return london_to_utc(value)


def elapsed(start: datetime, end: datetime) -> timedelta:
    """Real time between two aware datetimes, whatever their time zones."""
    if start.tzinfo is None or end.tzinfo is None:
        raise ValueError("elapsed() needs aware datetimes")
    return end.astimezone(UTC) - start.astimezone(UTC)


def refuse_after_today(day: date | None, what: str) -> None:
    """Refuse a record of something that has happened dated after today (UK date), naming `what` (e.g. "The
    closing date"): QA 2 found future dates kept as if real. Raises django's ValidationError."""
    from django.core.exceptions import ValidationError
    from django.utils import timezone

    if day is not None and day > timezone.localdate():
        raise ValidationError(f"{what} cannot be after today ({timezone.localdate():%-d %B %Y})")
