"""Dated postings: a move ends the posting in force and starts one in the new team (models.Posting).

Used by the single-person actions (actions.do_add_person, do_change_person) and the bulk HR snapshot apply
(hr_apply.py), so both keep the same history."""

from __future__ import annotations

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db.models import Q

from beatbook.workforce.models import Officer, Posting, today


def check_start(person: Officer, starts_on: date | None) -> None:
    """The one rule for a posting's first day (person page, HR snapshot apply): not before the person joined,
    not after today (QA 2: a posting dated ahead made today's team list and strength disagree). Raises
    ValidationError on `posted_on`."""
    if starts_on is None:
        return
    if person.started_on and starts_on < person.started_on:
        raise ValidationError({"posted_on": "The posting cannot start before the person joined"})
    if starts_on > today():
        raise ValidationError({"posted_on": f"The posting cannot start after today ({today():%-d %B %Y})"})


def start_posting(person: Officer, starts_on: date | None) -> Posting:
    """The first posting of a new person (starts_on None: since they joined)."""
    return Posting.objects.create(person=person, team=person.team, starts_on=starts_on)


def move_postings(moves: list[tuple[Officer, date]]) -> None:
    """For each (person, day of the move): the posting in force ends the day before, any posting starting on
    or after that day is replaced (a move dated back corrects them), and a posting in the person's (new) team
    starts that day. Raises ValidationError for a move dated before the person joined."""
    for person, moved_on in moves:
        check_start(person, moved_on)
        person.postings.filter(starts_on__gte=moved_on).delete()
        person.postings.filter(Q(ends_on__isnull=True) | Q(ends_on__gte=moved_on)).update(
            ends_on=moved_on - timedelta(days=1)
        )
        Posting.objects.create(person=person, team=person.team, starts_on=moved_on)


def correct_start(person: Officer, starts_on: date | None) -> bool:
    """Correct the start of the person's current posting (same team); returns whether it changed."""
    current = person.postings.filter(ends_on__isnull=True).order_by("-starts_on").first()
    if current is None:
        start_posting(person, starts_on)
        return True
    if current.starts_on == starts_on:
        return False
    earlier = person.postings.exclude(pk=current.pk)
    if starts_on is not None and earlier.filter(starts_on__gte=starts_on).exists():
        raise ValidationError({"posted_on": "An earlier posting starts on or after this date: correct that one first"})
    check_start(person, starts_on)
    current.starts_on = starts_on
    current.save(update_fields=["starts_on"])
    if starts_on is not None:
        earlier.filter(ends_on__gte=starts_on).update(ends_on=starts_on - timedelta(days=1))
    return True
