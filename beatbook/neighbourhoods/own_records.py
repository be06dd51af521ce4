"""Officers correct or withdraw their own engagement and abstraction records, within a window after
recording them (setting RECORD_EDIT_WINDOW_HOURS, default 7 days), with every change kept
(`record_edits`) and audited (issue 17 item 7). A withdrawn record stays, marked, and is no longer
counted; a reviewed engagement is fixed (its reviewer saw it as it was)."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Model
from django.utils import timezone

from beatbook.accounts.models import User
from beatbook.audit.models import Operation
from beatbook.audit.record import record_event
from beatbook.lib.dates import elapsed
from beatbook.neighbourhoods.actions import (
    MAX_ABSTRACTION_HOURS,
    MAX_ENGAGEMENT_MINUTES,
    check_engagement_happened,
    refuse_overlapping_abstraction,
)
from beatbook.neighbourhoods.models import (
    FACE_TO_FACE_METHODS,
    Abstraction,
    AbstractionReason,
    AuthoriserRank,
    Engagement,
    EngagementMethod,
    shift_of,
)
from beatbook.neighbourhoods.record_edits import save_edit


def edit_window() -> timedelta:
    return timedelta(hours=getattr(settings, "RECORD_EDIT_WINDOW_HOURS", 7 * 24))


def editable_until(record: Engagement | Abstraction) -> datetime:
    return record.created_at + edit_window()


def why_not_editable(record: Engagement | Abstraction, user: User) -> str:
    """Empty if `user` may change the record now, else the reason, for the page and the refusal."""
    if record.recorded_by_id != user.pk:
        return "Only the officer who recorded it can change it"
    if record.withdrawn_at is not None:
        return "It has been withdrawn"
    if timezone.now() > editable_until(record):
        hours = int(edit_window().total_seconds() // 3600)
        return f"It can be changed only within {hours} hours of recording it: ask your supervisor"
    if isinstance(record, Engagement) and record.reviewed_at is not None:
        return "It has been reviewed: ask the reviewer to correct it"
    return ""


def _require_editable(record: Engagement | Abstraction, user: User) -> None:
    reason = why_not_editable(record, user)
    if reason == "Only the officer who recorded it can change it":
        raise PermissionDenied(reason)
    if reason:
        raise ValidationError(reason)


def _audit(record: Model, user: User, event: str, area, changes: dict) -> None:  # noqa: ANN001 - an Area
    record_event(
        actor=user, operation=Operation.ALTERATION, event=event, obj=record, area=area,
        detail={"fields": sorted(changes), "version": record.version},
    )  # fmt: skip


@transaction.atomic
def do_edit_engagement(*, engagement: Engagement, values: dict, expected_version: int, acting_user: User) -> dict:
    """Change fields of one's own engagement: `values` may hold started_at (aware), duration_minutes,
    location, method, people_reached, issues_raised, follow_up. Returns {field: [before, after]}."""
    _require_editable(engagement, acting_user)
    allowed = {"started_at", "duration_minutes", "location", "method", "people_reached", "issues_raised", "follow_up"}
    values = {k: v.strip() if isinstance(v, str) else v for k, v in values.items() if k in allowed}
    if "method" in values:
        if values["method"] not in EngagementMethod.values:
            raise ValidationError(f"Unknown engagement method {values['method']!r}")
        values["face_to_face"] = values["method"] in FACE_TO_FACE_METHODS
    if not 1 <= values.get("duration_minutes", 1) <= MAX_ENGAGEMENT_MINUTES:
        raise ValidationError("The duration must be between 1 minute and 12 hours")
    if "started_at" in values or "duration_minutes" in values:
        check_engagement_happened(
            values.get("started_at") or engagement.started_at,
            values.get("duration_minutes", engagement.duration_minutes),
        )
    changes = save_edit(engagement, values, expected_version=expected_version, acting_user=acting_user)
    if changes:
        _audit(engagement, acting_user, "engagement.edited", engagement.neighbourhood, changes)
    return changes


@transaction.atomic
def do_edit_abstraction(*, abstraction: Abstraction, values: dict, expected_version: int, acting_user: User) -> dict:
    """Change fields of one's own abstraction: started_at, ended_at (aware), reason, details, authorised_by,
    authoriser_rank, emergency. The same checks as recording it."""
    _require_editable(abstraction, acting_user)
    allowed = {"started_at", "ended_at", "reason", "details", "authorised_by", "authoriser_rank", "emergency"}
    values = {k: v.strip() if isinstance(v, str) else v for k, v in values.items() if k in allowed}
    started, ended = values.get("started_at", abstraction.started_at), values.get("ended_at", abstraction.ended_at)
    if values.get("reason", abstraction.reason) not in AbstractionReason.values:
        raise ValidationError("Unknown reason")
    if values.get("authoriser_rank", abstraction.authoriser_rank) not in AuthoriserRank.values:
        raise ValidationError("Unknown rank")
    if not values.get("authorised_by", abstraction.authorised_by):
        raise ValidationError("Say who authorised the abstraction")
    if values.get("reason") == AbstractionReason.OTHER and not values.get("details", abstraction.details):
        raise ValidationError("Describe the reason when it is ‘Other’")
    duration = elapsed(started, ended)
    if duration <= timedelta(0):
        raise ValidationError("The abstraction must end after it starts")
    if duration > timedelta(hours=MAX_ABSTRACTION_HOURS):
        raise ValidationError("An abstraction cannot be longer than 7 days: record each week separately")
    refuse_overlapping_abstraction(abstraction.officer, started, ended, besides=abstraction)
    if "started_at" in values:
        values["shift"] = shift_of(started)
    changes = save_edit(abstraction, values, expected_version=expected_version, acting_user=acting_user)
    if changes:
        _audit(abstraction, acting_user, "abstraction.edited", abstraction.team, changes)
    return changes


@transaction.atomic
def do_withdraw_record(*, record: Engagement | Abstraction, expected_version: int, acting_user: User) -> None:
    """Withdraw one's own engagement or abstraction: kept and marked, no longer counted."""
    _require_editable(record, acting_user)
    changes = save_edit(
        record, {"withdrawn_at": timezone.now()}, expected_version=expected_version, acting_user=acting_user,
        withdrawn=True,
    )  # fmt: skip
    area = record.neighbourhood if isinstance(record, Engagement) else record.team
    _audit(record, acting_user, f"{record._meta.model_name}.withdrawn", area, changes)
