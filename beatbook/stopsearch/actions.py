"""Every write to the scrutiny panel log and the object-of-search mapping: checked, atomic, audited."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from beatbook.accounts import access
from beatbook.accounts.access import Capability
from beatbook.accounts.models import User
from beatbook.areas.models import Area
from beatbook.audit.models import Operation
from beatbook.audit.record import record_event
from beatbook.lib.dates import refuse_after_today
from beatbook.neighbourhoods.record_edits import save_edit
from beatbook.stopsearch.categories import ReportingCategory
from beatbook.stopsearch.models import ObjectMapping, ScrutinyPanel

MAX_REFERENCES = 200


def _require(user: User | None, capability: Capability, area: Area, message: str) -> None:
    if user is not None and not access.can(user, capability, area):
        raise PermissionDenied(message)


def parse_references(text: str) -> list[str]:
    """Search references from text separated by commas, spaces or new lines, each kept once, in order.

    Raises ValidationError for a reference over 60 characters or more than MAX_REFERENCES of them."""
    return check_references([part for part in text.replace(",", " ").split() if part])


def check_references(given: list[str]) -> list[str]:
    """The references stripped, each kept once, in order. Raises ValidationError as parse_references does."""
    references = list(dict.fromkeys(reference.strip() for reference in given if reference.strip()))
    if any(len(reference) > 60 for reference in references):
        raise ValidationError("Each search reference must be at most 60 characters")
    if len(references) > MAX_REFERENCES:
        raise ValidationError(f"A panel can log at most {MAX_REFERENCES} search references")
    return references


@transaction.atomic
def do_record_scrutiny_panel(
    *,
    force: Area,
    held_on: date,
    panel: str,
    search_references: list[str],
    body_worn_video_reviewed: int,
    findings: str,
    actions: str,
    acting_user: User | None,
) -> ScrutinyPanel:
    """Log one external scrutiny panel. Raises PermissionDenied without RECORD_SCRUTINY_PANEL for the force,
    ValidationError for what check_panel refuses."""
    _require(acting_user, Capability.RECORD_SCRUTINY_PANEL, force, "Your role does not allow logging panels")
    check_panel(
        held_on=held_on,
        panel=panel,
        search_references=search_references,
        body_worn_video_reviewed=body_worn_video_reviewed,
    )
    entry = ScrutinyPanel.objects.create(
        force=force,
        held_on=held_on,
        panel=panel.strip(),
        search_references=search_references,
        body_worn_video_reviewed=body_worn_video_reviewed,
        findings=findings.strip(),
        actions=actions.strip(),
        recorded_by=acting_user,
    )
    record_event(
        actor=acting_user,
        operation=Operation.COLLECTION,
        event="stopsearch.panel.recorded",
        obj=entry,
        area=force,
        detail={"held_on": held_on.isoformat(), "searches": len(search_references)},
    )
    return entry


def check_panel(
    *, held_on: date, panel: str, search_references: list[str], body_worn_video_reviewed: int, **_: object
) -> None:
    """The one rule set for a panel, new or changed (QA 1: an edit once skipped it). Raises ValidationError
    for no name, a date after today (a panel is logged once held), negative videos, or more videos reviewed
    than searches referenced (including none referenced)."""
    if not panel.strip():
        raise ValidationError("Give the panel's name, for example External scrutiny panel (IAG and OPCC)")
    refuse_after_today(held_on, "The date the panel was held")
    if body_worn_video_reviewed < 0:
        raise ValidationError("Body-worn video reviewed cannot be negative")
    if body_worn_video_reviewed > len(search_references):
        raise ValidationError("More body-worn videos reviewed than searches: add the searches' references")


PANEL_FIELDS = ("held_on", "panel", "search_references", "body_worn_video_reviewed", "findings", "actions")


@transaction.atomic
def do_edit_scrutiny_panel(
    entry: ScrutinyPanel, *, changes: dict[str, object], expected_version: int, acting_user: User
) -> dict[str, list]:
    """Change some of a logged panel's PANEL_FIELDS ({field: new value}) if it is still at `expected_version`
    (the version the editor began from). Returns {field: [before, after]}, empty when nothing differs.

    Raises PermissionDenied without RECORD_SCRUTINY_PANEL for the force, ValidationError for an unknown field
    or what do_record_scrutiny_panel refuses, and StaleEdit when someone changed it first (nothing saved)."""
    _require(acting_user, Capability.RECORD_SCRUTINY_PANEL, entry.force, "Your role does not allow logging panels")
    unknown = sorted(set(changes) - set(PANEL_FIELDS))
    if unknown:
        raise ValidationError(f"These cannot be changed: {', '.join(unknown)}")
    values = {name: getattr(entry, name) for name in PANEL_FIELDS} | changes
    for name in ("panel", "findings", "actions"):
        values[name] = str(values[name]).strip()
    check_panel(**values)
    changed = save_edit(
        entry,
        {name: values[name] for name in changes},
        expected_version=expected_version,
        acting_user=acting_user,
    )
    if changed:
        record_event(
            actor=acting_user,
            operation=Operation.ALTERATION,
            event="stopsearch.panel.edited",
            obj=entry,
            area=entry.force,
            detail={"fields": sorted(changed), "version": entry.version},
        )
    return changed


@transaction.atomic
def do_set_object_mapping(
    *, force: Area, object_of_search: str, category: str, acting_user: User | None
) -> ObjectMapping:
    """Report searches for `object_of_search` (police.uk's value, any case) under `category` for the force."""
    _require(acting_user, Capability.CONFIGURE_STOP_SEARCH, force, "Your role does not allow changing the mapping")
    value = " ".join(object_of_search.split()).lower()
    if not value or len(value) > 100:
        raise ValidationError("Give the object of search as police.uk spells it (at most 100 characters)")
    if category not in ReportingCategory.values:
        raise ValidationError(f"Choose a reporting category: {', '.join(ReportingCategory.values)}")
    mapping, created = ObjectMapping.objects.update_or_create(
        force=force, object_of_search=value, defaults={"category": category}
    )
    record_event(
        actor=acting_user,
        operation=Operation.ALTERATION,
        event="stopsearch.mapping.set",
        obj=mapping,
        area=force,
        detail={"object_of_search": value, "category": category, "created": created},
    )
    return mapping
