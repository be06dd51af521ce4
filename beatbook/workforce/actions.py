"""Writes to the workforce, each atomic and audited with what changed (before and after), so a person's
audit rows are their history. Bad input raises ValidationError naming the field to fix; nothing is written."""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from beatbook.accounts.models import User
from beatbook.areas.models import Area, Level
from beatbook.audit.models import Operation
from beatbook.audit.record import record_event
from beatbook.workforce import hr_apply, hr_import, postings
from beatbook.workforce.models import (
    POSTING_LEVELS,
    PUBLIC_RANKS,
    Absence,
    AbsenceKind,
    Certification,
    DutyHours,
    Establishment,
    Forecast,
    HrImport,
    LeaveReason,
    MeetingPlace,
    NamedOfficer,
    Officer,
    PopulationShare,
    Rank,
    SkillType,
    TeamContact,
    WorkforceTarget,
    today,
)

# Fields a person's record may change through do_change_person (the rest are set by their own actions).
EDITABLE = [
    "team",
    "rank",
    "first_name",
    "last_name",
    "collar_number",
    "staff_number",
    "started_on",
    "fte",
    "sex",
    "ethnicity",
    "cadet_cohort",
    "joint_cadet",
]
# Personal HR fields: their values are not copied into audit rows (which wider roles may read); only
# that they changed.
PERSONAL = {"sex", "ethnicity", "staff_number", "fte", "started_on", "left_on", "leave_reason"}


def _shown(field: str, value: Any) -> Any:
    if field in PERSONAL:
        return "(changed)"
    if isinstance(value, Area):
        return value.code
    if isinstance(value, date | Decimal):
        return str(value)
    return value


def check_person(person: Officer, *, bulk: bool = False) -> None:
    """Validate a person's record: the field rules, plus postings only to a force, division, LPU or team.

    `bulk` (the HR snapshot apply) skips the checks that query the database once per person: the team
    (chosen from the force's own areas by the parser) and staff-number uniqueness (checked for the whole
    file at once by hr_apply)."""
    if person.team.level not in POSTING_LEVELS:
        raise ValidationError({"team": "Post people to a force, division, local policing unit or team"})
    try:
        person.fte = Decimal(str(person.fte))
    except ArithmeticError:
        raise ValidationError({"fte": "Full-time equivalent must be a number, for example 0.8"}) from None
    if not Decimal("0") <= person.fte <= Decimal("1"):
        raise ValidationError({"fte": "Full-time equivalent must be between 0 and 1, for example 0.8"})
    if person.staff_number == "":
        person.staff_number = None
    if bulk:
        person.clean_fields(exclude=["user", "team"])
        person.clean()
    else:
        person.full_clean(exclude=["user"])


_check = check_person


@transaction.atomic
def do_add_person(*, acting_user: User | None, posted_on: date | None = None, **fields: Any) -> Officer:
    """Add a member of the workforce. `fields` are Officer fields (team, rank, first_name, last_name, ...);
    their first posting, to `team`, starts on `posted_on` (default: since they joined)."""
    person = Officer(**fields)
    _check(person)
    postings.check_start(person, posted_on)
    person.save()
    postings.start_posting(person, posted_on or person.started_on)
    record_event(
        actor=acting_user,
        operation=Operation.COLLECTION,
        event="workforce.person.added",
        obj=person,
        area=person.team,
        detail={"rank": person.rank, "team": person.team.code},
    )
    return person


def do_add_officer(
    *,
    team: Area,
    rank: Rank,
    first_name: str,
    last_name: str,
    collar_number: str = "",
    user: User | None = None,
    acting_user: User | None,
) -> Officer:
    """A neighbourhood team member with no HR details (kept for callers that only know the public fields)."""
    if team.level not in (Level.TEAM, Level.LPU):
        raise ValueError("Officers belong to a neighbourhood team or a local policing unit")
    return do_add_person(
        team=team,
        rank=rank,
        first_name=first_name,
        last_name=last_name,
        collar_number=collar_number,
        user=user,
        acting_user=acting_user,
    )


@transaction.atomic
def do_change_person(
    person: Officer, changes: dict[str, Any], *, acting_user: User | None, posted_on: date | None = None
) -> dict[str, Any]:
    """Apply `changes` (EDITABLE fields only); returns {field: (before, after)} of what really changed.
    A change of team is a move, dated `posted_on` (default today): the old posting ends the day before and
    named-officer assignments outside the new team end with it. Without a move, a `posted_on` different
    from the current posting's start corrects that start."""
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise ValidationError(f"These fields cannot be changed here: {', '.join(sorted(unknown))}")
    before = Officer.objects.get(pk=person.pk)
    changed = {}
    for field, value in changes.items():
        if getattr(before, field) != value:
            changed[field] = (getattr(before, field), value)
            setattr(person, field, value)
    if not changed:
        if posted_on and postings.correct_start(person, posted_on):
            changed["posted_on"] = (None, posted_on)
            _record_change(person, changed, acting_user)
        return changed
    _check(person)
    person.save(update_fields=list(changed))
    if "team" in changed:
        postings.move_postings([(person, posted_on or today())])
        NamedOfficer.objects.filter(officer=person).exclude(neighbourhood__parent=person.team).delete()
    elif posted_on and postings.correct_start(person, posted_on):
        changed["posted_on"] = (None, posted_on)
    _record_change(person, changed, acting_user)
    return changed


def _record_change(person: Officer, changed: dict[str, Any], acting_user: User | None) -> None:
    record_event(
        actor=acting_user,
        operation=Operation.ALTERATION,
        event="workforce.person.moved" if "team" in changed else "workforce.person.changed",
        obj=person,
        area=person.team,
        detail={field: [_shown(field, old), _shown(field, new)] for field, (old, new) in changed.items()},
    )


@transaction.atomic
def do_record_leaving(person: Officer, *, left_on: date, reason: str, acting_user: User | None) -> None:
    """Record that a person leaves: from `left_on` they are not in service, and no longer anyone's named
    officer (the neighbourhood shows none until another is named)."""
    if reason not in LeaveReason.values:
        raise ValidationError({"leave_reason": "Choose why they are leaving"})
    if person.started_on and left_on <= person.started_on:
        raise ValidationError({"left_on": "The leaving date must be after the start date"})
    if person.left_on == left_on and person.leave_reason == reason:
        return
    person.left_on, person.leave_reason = left_on, reason
    person.save(update_fields=["left_on", "leave_reason"])
    if left_on <= today():
        NamedOfficer.objects.filter(officer=person).delete()
    record_event(
        actor=acting_user,
        operation=Operation.ALTERATION,
        event="workforce.person.left",
        obj=person,
        area=person.team,
        detail={"left_on": "(recorded)"},
    )


@transaction.atomic
def do_record_absence(
    person: Officer, *, kind: str, starts_on: date, ends_on: date | None, acting_user: User | None
) -> Absence:
    """A career break, secondment or leave of absence; it keeps the person on strength."""
    if kind not in AbsenceKind.values:
        raise ValidationError({"kind": "Choose a career break, secondment or leave of absence"})
    if ends_on and ends_on < starts_on:
        raise ValidationError({"ends_on": "The end date must be on or after the start date"})
    absence = Absence.objects.create(person=person, kind=kind, starts_on=starts_on, ends_on=ends_on)
    record_event(
        actor=acting_user,
        operation=Operation.ALTERATION,
        event="workforce.person.absence_recorded",
        obj=person,
        area=person.team,
        detail={"absence": "(recorded)"},
    )
    return absence


@transaction.atomic
def do_name_officer_for_neighbourhood(neighbourhood: Area, officer: Officer, *, acting_user: User | None) -> None:
    """Name a serving officer, PCSO or special of the neighbourhood's team (or its LPU) as its contact."""
    if neighbourhood.level != Level.NEIGHBOURHOOD:
        raise ValueError("A named officer is for a neighbourhood")
    if officer.rank not in PUBLIC_RANKS or not Officer.objects.serving().filter(pk=officer.pk).exists():
        raise ValidationError({"officer": "Name a serving officer, PCSO or special constable"})
    if officer.team_id not in (neighbourhood.parent_id, neighbourhood.parent.parent_id):
        raise ValidationError({"officer": f"Name someone in {neighbourhood.parent.name} or its LPU"})
    current = NamedOfficer.objects.filter(neighbourhood=neighbourhood).first()
    if current and current.officer_id == officer.pk:
        return
    NamedOfficer.objects.update_or_create(neighbourhood=neighbourhood, defaults={"officer": officer})
    record_event(
        actor=acting_user,
        operation=Operation.ALTERATION,
        event="neighbourhood.named_officer_set",
        obj=neighbourhood,
        area=neighbourhood,
        detail={"officer_id": officer.pk, "before": current.officer_id if current else None},
    )


@transaction.atomic
def do_set_establishment(
    team: Area, rank: Rank, posts: int, *, starts_on: date | None = None, acting_user: User | None
) -> None:
    """Posts funded for `rank` in `team` from `starts_on` (default today) until a later row."""
    if posts < 0:
        raise ValidationError({"posts": "Posts cannot be negative"})
    starts_on = starts_on or today()
    row, created = Establishment.objects.get_or_create(
        team=team, rank=rank, starts_on=starts_on, defaults={"posts": posts}
    )
    if not created and row.posts == posts:
        return
    before = None if created else row.posts
    if not created:
        row.posts = posts
        row.save(update_fields=["posts"])
    record_event(
        actor=acting_user,
        operation=Operation.ALTERATION,
        event="team.establishment_set",
        obj=team,
        area=team,
        detail={"rank": str(rank), "posts": posts, "before": before, "starts_on": starts_on.isoformat()},
    )


CONTACT_FIELDS = ["public_email", "public_phone"]
SOCIAL_FIELDS = ["facebook", "twitter", "instagram", "youtube"]


@transaction.atomic
def do_set_team_contact(
    team: Area, *, details: dict[str, str], meetings: list[tuple[str, str]], acting_user: User | None
) -> bool:
    """Set a team's public email and phone (on the area), social links and meeting places (name, times).
    Returns whether anything changed."""
    contact, _ = TeamContact.objects.get_or_create(team=team)
    before = {f: getattr(team, f) for f in CONTACT_FIELDS} | {f: getattr(contact, f) for f in SOCIAL_FIELDS}
    after = {f: details.get(f, "") for f in CONTACT_FIELDS + SOCIAL_FIELDS}
    old_meetings = list(team.meeting_places.order_by("pk").values_list("name", "times"))
    if before == after and old_meetings == meetings:
        return False
    for field in CONTACT_FIELDS:
        setattr(team, field, after[field])
    team.full_clean(validate_unique=False)
    team.save(update_fields=CONTACT_FIELDS)
    for field in SOCIAL_FIELDS:
        setattr(contact, field, after[field])
    contact.full_clean()
    contact.save()
    team.meeting_places.all().delete()
    for name, times in meetings:
        place = MeetingPlace(team=team, name=name, times=times)
        place.full_clean()
        place.save()
    record_event(
        actor=acting_user,
        operation=Operation.ALTERATION,
        event="team.contact_set",
        obj=team,
        area=team,
        detail={
            "changed": [f for f in after if before[f] != after[f]],
            "meetings": [list(m) for m in meetings],
        },
    )
    return True


def record_hr_read(person: Officer, *, acting_user: User | None, request: HttpRequest | None) -> None:
    """Audit a read of a person's personal HR fields (DPA 2018 s.62: consultation)."""
    record_event(
        actor=acting_user,
        operation=Operation.CONSULTATION,
        event="workforce.person.viewed",
        obj=person,
        area=person.team,
        request=request,
    )


@transaction.atomic
def do_upload_hr_snapshot(force: Area, *, file_name: str, data: bytes, acting_user: User | None) -> HrImport:
    """Check an HR extract and keep it for preview. Raises HrImportError (every problem, by line)."""
    hr_import.parse(data, force)
    run = HrImport.objects.create(
        uuid=uuid.uuid4(),
        force=force,
        uploaded_by=acting_user if getattr(acting_user, "is_authenticated", False) else None,
        file_name=file_name[:200],
        content=data.decode("utf-8-sig"),
    )
    record_event(
        actor=acting_user,
        operation=Operation.COLLECTION,
        event="workforce.hr_snapshot.uploaded",
        obj=run,
        area=force,
        detail={"file_name": run.file_name},
    )
    return run


@transaction.atomic
def do_queue_hr_snapshot(run: HrImport, *, acting_user: User | None) -> HrImport:
    """Queue the job that applies a previewed (or failed) snapshot; the job exists exactly when the run says
    it is queued. Raises ValidationError if it is already queued or applied."""
    from beatbook.workforce.tasks import apply_hr_snapshot  # the task module imports this one

    run = HrImport.objects.select_for_update().get(pk=run.pk)
    if run.status not in (HrImport.Status.PREVIEWED, HrImport.Status.FAILED):
        raise ValidationError(f"This snapshot is already {run.get_status_display().lower()}")
    job = apply_hr_snapshot.enqueue(run.pk)
    user = acting_user if getattr(acting_user, "is_authenticated", False) else None
    run.status, run.error, run.job, run.queued_by = HrImport.Status.QUEUED, "", str(job.id), user
    run.save(update_fields=["status", "error", "job", "queued_by"])
    record_event(
        actor=acting_user,
        operation=Operation.ALTERATION,
        event="workforce.hr_snapshot.queued",
        obj=run,
        area=run.force,
    )
    return run


@transaction.atomic
def do_apply_hr_snapshot(run: HrImport, *, acting_user: User | None) -> hr_import.Diff:
    """Apply a snapshot: all rows or none (run by the job do_queue_hr_snapshot queues). Returns the difference
    it made (empty on a re-import). Raises HrImportError listing every line at fault, or ValidationError if
    it was applied already."""
    run = HrImport.objects.select_for_update().select_related("force").get(pk=run.pk)
    if run.status == HrImport.Status.APPLIED:
        raise ValidationError("This snapshot has already been applied: upload the file again to re-import it")
    force = run.force
    rows = hr_import.parse(run.content.encode(), force)
    found = hr_import.diff(rows, force)
    people = Officer.objects.within(force).exclude(staff_number=None).select_related("team")
    existing = {p.staff_number: p for p in people}
    # Only rows the diff found a difference in are written, so a monthly extract that is mostly unchanged is quick.
    touched = {entry["staff_number"] for entry in [*found.joiners, *found.leavers, *found.moves, *found.changes]}
    hr_apply.apply_rows(rows, touched, existing, acting_user=acting_user)
    run.status, run.summary, run.applied_at, run.error = HrImport.Status.APPLIED, found.summary(), timezone.now(), ""
    run.save(update_fields=["status", "summary", "applied_at", "error"])
    record_event(
        actor=acting_user,
        operation=Operation.ALTERATION,
        event="workforce.hr_snapshot.applied",
        obj=run,
        area=force,
        detail=found.summary(),
    )
    return found


@transaction.atomic
def do_record_certification(
    person: Officer, skill: SkillType, completed_on: date, *, acting_user: User | None
) -> Certification:
    """Record training completed; it is valid until `completed_on` + the skill's validity (None: never lapses)."""
    if completed_on > today():
        raise ValidationError({"completed_on": "The training date cannot be in the future"})
    expires = completed_on + timedelta(days=skill.valid_days) if skill.valid_days else None
    certificate, created = Certification.objects.get_or_create(
        person=person, skill=skill, completed_on=completed_on, defaults={"expires_on": expires}
    )
    if created:
        record_event(
            actor=acting_user,
            operation=Operation.ALTERATION,
            event="workforce.person.certified",
            obj=person,
            area=person.team,
            detail={"skill": skill.code, "completed_on": completed_on.isoformat()},
        )
    return certificate


@transaction.atomic
def do_record_duty_hours(person: Officer, month: date, hours: Decimal, *, acting_user: User | None) -> None:
    """Set a special constable's or volunteer's hours for a month (replacing any figure for that month)."""
    if person.rank not in (Rank.SPECIAL, Rank.VOLUNTEER):
        raise ValidationError("Duty hours are recorded for special constables and police support volunteers")
    if not Decimal("0") <= hours <= Decimal("744"):
        raise ValidationError({"hours": "Hours in a month must be from 0 to 744"})
    month = month.replace(day=1)
    row = DutyHours.objects.filter(person=person, month=month).first()
    if row and row.hours == hours:
        return
    DutyHours.objects.update_or_create(person=person, month=month, defaults={"hours": hours})
    record_event(
        actor=acting_user,
        operation=Operation.ALTERATION,
        event="workforce.person.hours_recorded",
        obj=person,
        area=person.team,
        detail={"month": f"{month:%Y-%m}", "hours": str(hours), "before": str(row.hours) if row else None},
    )


@transaction.atomic
def do_set_workforce_configuration(
    force: Area, *, shares: dict[str, Decimal], targets: dict[str, int | None], acting_user: User | None
) -> None:
    """Set a force's Census 2021 population shares by ethnic group (percent) and its workforce targets."""
    if force.level != Level.FORCE:
        raise ValidationError("Workforce configuration is set for a force")
    total = sum(shares.values(), Decimal("0"))
    if shares and not Decimal("99") <= total <= Decimal("101"):
        raise ValidationError(
            f"The population shares add up to {total}%: they should make 100% (give or take rounding)"
        )
    for group, percent in shares.items():
        PopulationShare.objects.update_or_create(force=force, ethnicity=group, defaults={"percent": percent})
    for target, value in targets.items():
        if value is None:
            WorkforceTarget.objects.filter(force=force, target=target).delete()
        else:
            WorkforceTarget.objects.update_or_create(force=force, target=target, defaults={"value": value})
    record_event(
        actor=acting_user,
        operation=Operation.ALTERATION,
        event="workforce.configuration_set",
        obj=force,
        area=force,
        detail={"shares": {k: str(v) for k, v in shares.items()}, "targets": targets},
    )


@transaction.atomic
def do_set_forecast(
    force: Area, rows: list[tuple[date, Decimal, Decimal]], *, rank: str = Rank.CONSTABLE, acting_user: User | None
) -> int:
    """Set planned joiners and leavers for months (first day of each), replacing those months' figures.
    Returns how many months changed."""
    if force.level != Level.FORCE:
        raise ValidationError("Forecasts are set for a force")
    changed = 0
    for month, joiners, leavers in rows:
        current = Forecast.objects.filter(force=force, month=month, rank=rank).first()
        if current and (current.joiners, current.leavers) == (joiners, leavers):
            continue
        Forecast.objects.update_or_create(
            force=force, month=month, rank=rank, defaults={"joiners": joiners, "leavers": leavers}
        )
        changed += 1
    if changed:
        record_event(
            actor=acting_user,
            operation=Operation.ALTERATION,
            event="workforce.forecast_set",
            obj=force,
            area=force,
            detail={"months": [f"{m:%Y-%m}" for m, _, _ in rows], "changed": changed},
        )
    return changed
