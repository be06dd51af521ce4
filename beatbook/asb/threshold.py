"""The ASB Case Review threshold (Anti-social Behaviour, Crime and Policing Act 2014 s104 and its notes).

A complaint qualifies when it was made within one month of the behaviour and the application is made within
six months of the complaint. The threshold is met with at least three qualifying complaints (the statutory
default; a local procedure may set a lower number: setting CASE_REVIEW_THRESHOLD). The same incident
reported to several agencies counts once. Pure functions.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.conf import settings

STATUTORY_THRESHOLD = 3


def _months_later(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    for last in (31, 30, 29, 28):
        try:
            return date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")


@dataclass(frozen=True)
class Complaint:
    incident_on: date
    reported_on: date


def qualifies(complaint: Complaint, applied_on: date) -> bool:
    return complaint.incident_on <= complaint.reported_on <= _months_later(
        complaint.incident_on, 1
    ) and complaint.reported_on <= applied_on <= _months_later(complaint.reported_on, 6)


def qualifying_count(complaints: Iterable[Complaint], applied_on: date) -> int:
    """Qualifying complaints, the same incident reported to several agencies counted once."""
    return len({c.incident_on for c in complaints if qualifies(c, applied_on)})


def local_threshold() -> int:
    return int(getattr(settings, "CASE_REVIEW_THRESHOLD", STATUTORY_THRESHOLD))


def threshold_met(complaints: Iterable[Complaint], applied_on: date, threshold: int | None = None) -> bool:
    return qualifying_count(complaints, applied_on) >= (threshold or local_threshold())
