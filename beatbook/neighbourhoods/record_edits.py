"""Editing and withdrawing neighbourhood records without losing anyone's update.

Every editable record carries a `version`. An edit names the version its editor began from and applies
only if the record is still at that version (one conditional UPDATE, atomic on SQLite and PostgreSQL);
otherwise it is refused as stale with a message saying what to do. Each applied edit leaves a
`RecordChange` row: who changed which fields from what to what, and when (issue 11 item 5, issue 17
item 7)."""

from __future__ import annotations

from datetime import date, datetime

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F
from django.utils.text import capfirst

from beatbook.accounts.models import User
from beatbook.lib.dates import LONDON
from beatbook.neighbourhoods.models import RecordChange


class StaleEdit(ValidationError):
    """The record changed after the editor opened it; nothing was saved."""


def _text(value: object) -> str | None:
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, date | datetime):
        return value.isoformat()
    return str(value)


def save_edit(
    record: models.Model,
    values: dict[str, object],
    *,
    expected_version: int,
    acting_user: User,
    withdrawn: bool = False,
) -> dict[str, list]:
    """Apply `values` to `record` if it is still at `expected_version`; returns {field: [before, after]}
    (empty when nothing differs, and then nothing is written). Raises StaleEdit otherwise. Call inside
    the action's transaction."""
    model = type(record)
    before = model.objects.get(pk=record.pk)
    if before.version != expected_version:
        raise _stale(before.version, expected_version)
    changes = {
        name: [_text(getattr(before, name)), _text(value)]
        for name, value in values.items()
        if getattr(before, name) != value
    }
    if not changes:
        return {}
    updated = model.objects.filter(pk=record.pk, version=expected_version).update(**values, version=F("version") + 1)
    if not updated:  # another edit landed between our read and our write
        raise _stale(model.objects.get(pk=record.pk).version, expected_version)
    RecordChange.objects.create(
        content_type=ContentType.objects.get_for_model(model),
        object_id=record.pk,
        version=expected_version + 1,
        changed_by=acting_user,
        changes=changes,
        withdrawn=withdrawn,
    )
    for name, value in values.items():
        setattr(record, name, value)
    record.version = expected_version + 1
    return changes


def _stale(now: int, began: int) -> StaleEdit:
    return StaleEdit(
        f"Someone changed this record after you opened it (you began from version {began}; it is now at "
        f"version {now}). Your changes were not saved: open it again, check their changes, then make yours."
    )


def history(record: models.Model) -> list[RecordChange]:
    """The record's changes, oldest first, each with `lines`: (what, before, after) as an officer reads them
    (the field's label, a choice's label, a moment in UK time), not the stored names and UTC values."""
    content_type = ContentType.objects.get_for_model(record)
    changes = list(
        RecordChange.objects.filter(content_type=content_type, object_id=record.pk).select_related("changed_by")
    )
    for change in changes:
        change.lines = [
            (_label(type(record), name), _shown(type(record), name, before), _shown(type(record), name, after))
            for name, (before, after) in change.changes.items()
        ]
    return changes


def _field(model: type[models.Model], name: str) -> models.Field | None:
    try:
        return model._meta.get_field(name)
    except Exception:  # noqa: BLE001 - a field since removed: show its stored name
        return None


def _label(model: type[models.Model], name: str) -> str:
    field = _field(model, name)
    return capfirst(str(field.verbose_name)) if field is not None else name


def _shown(model: type[models.Model], name: str, value: str | None) -> str:
    """A stored value (RecordChange keeps text: ISO for dates and moments) as the pages show it."""
    field = _field(model, name)
    if value is None or value == "" or field is None:
        return value or ""
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.BooleanField):
        return {"True": "yes", "False": "no"}.get(value, value)
    try:
        if isinstance(field, models.DateTimeField):
            return f"{datetime.fromisoformat(value).astimezone(LONDON):%-d %b %Y %H:%M}"
        if isinstance(field, models.DateField):
            return f"{date.fromisoformat(value):%-d %b %Y}"
    except ValueError:
        return value
    return value
