"""Applying an HR snapshot in bulk: every row checked first, then joiners inserted and changed people updated
in a few statements, with one audit row per person added or changed written in one insert.

The rules are those of the single-person actions in actions.py (do_add_person, do_change_person,
do_record_leaving, do_record_absence): the same checks, the same fields, the same audit events and
details; only the writes are batched. A first import of a whole force (2,500 people) therefore takes a
few seconds rather than the ~30 s of one save and audit row at a time per person (measured with
workforce/tests/test_hr_import_scale.py). Called inside do_apply_hr_snapshot's transaction: any problem raises
HrImportError listing every line at fault, before anything is written.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import F

from beatbook.audit.models import Operation
from beatbook.audit.record import record_events
from beatbook.workforce import hr_import
from beatbook.workforce.models import Absence, NamedOfficer, Officer, Posting, today
from beatbook.workforce.postings import check_start, move_postings

BATCH = 500
ADDED = Operation.COLLECTION  # a person added is personal data collected; any other change is an alteration


@dataclass
class Plan:
    """The writes a snapshot needs, decided and checked before any is made."""

    new: list[Officer] = field(default_factory=list)
    changed: dict[int, Officer] = field(default_factory=dict)
    changed_fields: set[str] = field(default_factory=set)
    close_absences: list[Absence] = field(default_factory=list)
    open_absences: list[tuple[Officer, str, date]] = field(default_factory=list)
    moves: list[tuple[Officer, date]] = field(default_factory=list)
    audited: list[Officer] = field(default_factory=list)  # everyone added or changed, in file order
    details: dict[int, dict[str, Any]] = field(default_factory=dict)  # id(person) → audit detail
    events: dict[int, str] = field(default_factory=dict)  # id(person) → audit event
    errors: list[str] = field(default_factory=list)


def apply_rows(rows: list[hr_import.Row], touched: set[str], existing: dict[str, Officer], *, acting_user) -> None:  # noqa: ANN001
    """Write the rows whose staff number is in `touched` (the diff's joiners, leavers, moves and changes)."""
    from beatbook.workforce.actions import PERSONAL, _shown, check_person

    plan = Plan()
    current = _open_absences([p.pk for p in existing.values()])
    joining = [r.values["staff_number"] for r in rows if r.values["staff_number"] not in existing]
    taken = _staff_numbers_elsewhere(joining)
    for row in (row for row in rows if row.values["staff_number"] in touched):
        values = row.values
        person = existing.get(values["staff_number"])
        try:
            if person is None and values["staff_number"] in taken:
                raise ValidationError({"staff_number": "belongs to a person of another force"})
            if person is None:
                person = _new_person(values, plan, check_person)
            else:
                _change_person(person, values, plan, check_person, PERSONAL, _shown)
            _leaving(person, values, plan)
            _absence(person, values, current.get(person.pk), plan)
            if id(person) in plan.events:
                plan.audited.append(person)
        except ValidationError as error:
            plan.errors += [f"Line {row.line}: {message}" for message in _messages(error)]
    if plan.errors:
        raise hr_import.HrImportError(plan.errors)
    _write(plan, acting_user)


def _messages(error: ValidationError) -> list[str]:
    if hasattr(error, "message_dict"):
        return [f"{name}: {m}" if name != "__all__" else m for name, ms in error.message_dict.items() for m in ms]
    return list(error.messages)


def _staff_numbers_elsewhere(numbers: list[str]) -> set[str]:
    return set(Officer.objects.filter(staff_number__in=numbers).values_list("staff_number", flat=True))


def _open_absences(person_ids: list[int]) -> dict[int, Absence]:
    """Each person's latest open absence (the one an extract's absence column is compared with)."""
    found: dict[int, Absence] = {}
    for absence in Absence.objects.filter(person_id__in=person_ids, ends_on__isnull=True).order_by("starts_on"):
        found[absence.person_id] = absence
    return found


def _new_person(values: dict[str, Any], plan: Plan, check_person) -> Officer:  # noqa: ANN001
    fields = {f: values[f] for f in [*hr_import.PERSON_FIELDS, "team", "staff_number"]}
    person = Officer(**fields)
    person.posted_on = values.get("posted_on") or values["started_on"]  # the posting's start (None: since joining)
    check_person(person, bulk=True)
    plan.new.append(person)
    plan.events[id(person)] = "workforce.person.added"
    plan.details[id(person)] = {"rank": person.rank, "team": person.team.code}
    return person


def _change_person(person: Officer, values: dict[str, Any], plan: Plan, check_person, personal, shown) -> None:  # noqa: ANN001
    changed = {}
    for name in [*hr_import.PERSON_FIELDS, "team"]:
        if getattr(person, name) != values[name]:
            changed[name] = (getattr(person, name), values[name])
            setattr(person, name, values[name])
    if not changed:
        return
    check_person(person, bulk=True)
    if "team" in changed:
        moved_on = values.get("posted_on") or today()
        check_start(person, moved_on)
        plan.moves.append((person, moved_on))
    plan.changed[person.pk] = person
    plan.changed_fields |= set(changed)
    plan.events[id(person)] = "workforce.person.moved" if "team" in changed else "workforce.person.changed"
    plan.details[id(person)] = {name: [shown(name, old), shown(name, new)] for name, (old, new) in changed.items()}


def _leaving(person: Officer, values: dict[str, Any], plan: Plan) -> None:
    left_on, reason = values["left_on"], values["leave_reason"]
    if not left_on or (person.left_on, person.leave_reason) == (left_on, reason):
        return
    if person.started_on and left_on <= person.started_on:
        raise ValidationError({"left_on": "The leaving date must be after the start date"})
    person.left_on, person.leave_reason = left_on, reason
    if person.pk is not None:
        plan.changed[person.pk] = person
        plan.changed_fields |= {"left_on", "leave_reason"}
        plan.events.setdefault(id(person), "workforce.person.left")
    plan.details.setdefault(id(person), {})["left_on"] = "(recorded)"


def _absence(person: Officer, values: dict[str, Any], current: Absence | None, plan: Plan) -> None:
    wanted = (values["absence"], values["absence_from"]) if values["absence"] else None
    if current and (not wanted or (current.kind, current.starts_on) != wanted):
        ends = (wanted[1] if wanted else today()) - timedelta(days=1)
        current.ends_on = max(ends, current.starts_on)
        plan.close_absences.append(current)
    if wanted and (not current or (current.kind, current.starts_on) != wanted):
        plan.open_absences.append((person, *wanted))
        plan.events.setdefault(id(person), "workforce.person.absence_recorded")
        plan.details.setdefault(id(person), {})["absence"] = "(recorded)"


def _write(plan: Plan, acting_user) -> None:  # noqa: ANN001
    Officer.objects.bulk_create(plan.new, batch_size=BATCH)
    if plan.changed:
        Officer.objects.bulk_update(list(plan.changed.values()), sorted(plan.changed_fields), batch_size=BATCH)
    Posting.objects.bulk_create(
        [Posting(person=p, team=p.team, starts_on=p.posted_on) for p in plan.new],
        batch_size=BATCH,
    )
    move_postings(plan.moves)
    gone = [p.pk for p in plan.changed.values() if p.left_on and p.left_on <= today()]
    NamedOfficer.objects.filter(officer_id__in=gone).delete()
    moved = [p.pk for p, _ in plan.moves]
    NamedOfficer.objects.filter(officer_id__in=moved).exclude(neighbourhood__parent=F("officer__team")).delete()
    Absence.objects.bulk_update(plan.close_absences, ["ends_on"], batch_size=BATCH)
    Absence.objects.bulk_create(
        [Absence(person=p, kind=kind, starts_on=starts_on) for p, kind, starts_on in plan.open_absences],
        batch_size=BATCH,
    )
    record_events(
        [
            {
                "operation": ADDED if plan.events[id(p)] == "workforce.person.added" else Operation.ALTERATION,
                "event": plan.events[id(p)],
                "obj": p,
                "area": p.team,
                "detail": plan.details[id(p)],
            }
            for p in plan.audited
        ],
        actor=acting_user,
    )
