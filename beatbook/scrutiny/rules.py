"""Moderation rules for public questions and deadlines in working days.

Defaults follow the Derbyshire practice in the seed questions (004): questions must be strategic, not about
an individual case; at most 2 per person per meeting; received at least `QUESTION_NOTICE_WORKING_DAYS`
working days before the meeting; not a repeat of a question published in the last 6 months. Each is a
setting (SCRUTINY_* in settings.py). Working days skip weekends and England and Wales bank holidays from the
`holidays` library (pinned; its calendar is maintained upstream).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from difflib import SequenceMatcher

import holidays
from django.conf import settings
from django.utils import timezone

from beatbook.crime.periods import add_months
from beatbook.scrutiny.models import Meeting, Question, QuestionStatus


def _bank_holidays(years: set[int]) -> holidays.HolidayBase:
    return holidays.country_holidays("GB", subdiv="ENG", years=sorted(years))


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in _bank_holidays({day.year})


def add_working_days(day: date, count: int) -> date:
    """The date `count` working days after `day` (before it when negative)."""
    step = 1 if count >= 0 else -1
    remaining = abs(count)
    while remaining:
        day += timedelta(days=step)
        if is_working_day(day):
            remaining -= 1
    return day


def working_days_between(first: date, last: date) -> int:
    """Working days after `first` up to and including `last` (0 when last <= first)."""
    return sum(1 for n in range(1, (last - first).days + 1) if is_working_day(first + timedelta(days=n)))


def questions_close_on(meeting: Meeting) -> date:
    """The last day a question is accepted for the meeting."""
    return add_working_days(
        timezone.localtime(meeting.starts_at).date(), -settings.SCRUTINY_QUESTION_NOTICE_WORKING_DAYS
    )


def answer_due_on(meeting: Meeting) -> date:
    """Answers are due with the force a few working days before the meeting, for approval."""
    return add_working_days(timezone.localtime(meeting.starts_at).date(), -settings.SCRUTINY_ANSWER_DUE_WORKING_DAYS)


@dataclass(frozen=True)
class Finding:
    rule: str
    message: str


def check(question: Question) -> list[Finding]:
    """The rules a received question breaks (empty: it may be accepted). The officer still decides
    whether it is strategic; `individual_case` words only prompt them."""
    findings = []
    if timezone.localtime(question.received_at).date() > questions_close_on(question.meeting):
        findings.append(Finding("notice", "Received after the notice period closed"))
    # The same person: the same email address, or without one (it is optional) the same name.
    person = (
        {"asker_email__iexact": question.asker_email}
        if question.asker_email
        else {"asker_email": "", "asker_name__iexact": question.asker_name}
    )
    same_person = Question.objects.filter(meeting=question.meeting, status__in=_COUNTED, **person).filter(
        pk__lt=question.pk
    )  # the ones sent before this one
    if same_person.count() >= settings.SCRUTINY_QUESTIONS_PER_PERSON:
        findings.append(
            Finding("per_person", f"This person already has {same_person.count()} questions for this meeting")
        )
    since = add_months(timezone.localdate(), -settings.SCRUTINY_REPEAT_MONTHS)
    for earlier in Question.objects.filter(status=QuestionStatus.PUBLISHED, published_at__date__gte=since).exclude(
        pk=question.pk
    ):
        if SequenceMatcher(None, earlier.text.lower(), question.text.lower()).ratio() > 0.8:
            findings.append(Finding("repeat", f"Repeats a question published on {earlier.published_at:%d %B %Y}"))
            break
    if any(word in question.text.lower() for word in ("my neighbour", "my case", "crime number", "my complaint")):
        findings.append(Finding("individual_case", "May be about an individual case rather than strategic"))
    return findings


_COUNTED = [
    QuestionStatus.RECEIVED,
    QuestionStatus.ACCEPTED,
    QuestionStatus.ANSWERED,
    QuestionStatus.APPROVED,
    QuestionStatus.PUBLISHED,
]


def overdue(questions: list[Question], today: date) -> tuple[list[Question], list[Question]]:
    """Accepted questions without an approved answer past their due date: (overdue, very overdue). Very
    overdue is `SCRUTINY_VERY_OVERDUE_WORKING_DAYS` working days or more past due."""
    late, very_late = [], []
    for question in questions:
        if question.status not in (QuestionStatus.ACCEPTED, QuestionStatus.ANSWERED) or not question.answer_due_on:
            continue
        days = working_days_between(question.answer_due_on, today)
        if days >= settings.SCRUTINY_VERY_OVERDUE_WORKING_DAYS:
            very_late.append(question)
        elif days > 0:
            late.append(question)
    return late, very_late
