"""Writes for call handling and social media: each import is one atomic action with an audit row."""

from __future__ import annotations

import re
from datetime import date

from django.db import transaction

from beatbook.areas.models import Area
from beatbook.audit.models import Operation
from beatbook.audit.record import record_event
from beatbook.contact import imports
from beatbook.contact.lines import ensure_default_lines
from beatbook.contact.models import (
    CallRecord,
    ContactImport,
    ContactLine,
    HomeOfficeMonth,
    ImportKind,
    IntervalFigure,
    SocialAccount,
    SocialMonth,
)


@transaction.atomic
def do_import_contact_file(
    *, force: Area, kind: str, text: str, source_name: str, as_at: date, acting_user
) -> ContactImport:  # noqa: ANN001 - acting_user is a User or None (demo, commands)
    """Import one file of `kind` (an ImportKind value) for `force`: every row, or nothing.

    Raises imports.ImportRejected (its `errors` list the problems by line) and writes nothing then.
    Calls already held (same line and call id) are rejected rather than counted twice.
    """
    lines = {line.code: line for line in ensure_default_lines(force)}
    if kind == ImportKind.CALLS:
        parsed = imports.parse_calls(text, set(lines))
        held = set(
            CallRecord.objects.filter(line__force=force, call_id__in=[row.call_id for row in parsed]).values_list(
                "line__code", "call_id"
            )
        )
        clashes = [row.call_id for row in parsed if (row.line, row.call_id) in held]
        if clashes:
            raise imports.ImportRejected([f"Calls already imported: {', '.join(clashes[:10])}"])
    elif kind == ImportKind.INTERVALS:
        parsed = imports.parse_intervals(text, set(lines))
    elif kind == ImportKind.HOME_OFFICE:
        parsed = imports.parse_home_office(text)
    elif kind == ImportKind.SOCIAL:
        parsed = imports.parse_social(text)
    else:
        raise imports.ImportRejected([f"Unknown import kind {kind!r}"])
    batch = ContactImport.objects.create(
        force=force, kind=kind, source_name=source_name[:255], as_at=as_at, rows=len(parsed), imported_by=acting_user
    )
    _store(batch, kind, parsed, lines, force)
    record_event(
        actor=acting_user,
        operation=Operation.COLLECTION,
        event=f"contact.imported.{kind}",
        obj=batch,
        area=force,
        detail={"rows": len(parsed), "source": source_name[:200], "as_at": as_at.isoformat()},
    )
    return batch


def _store(batch: ContactImport, kind: str, parsed: list, lines: dict, force: Area) -> None:
    if kind == ImportKind.CALLS:
        CallRecord.objects.bulk_create(
            CallRecord(
                batch=batch,
                line=lines[r.line],
                call_id=r.call_id,
                offered_at=r.offered_at,
                answered=r.answered,
                wait_seconds=r.wait_seconds,
            )
            for r in parsed
        )
    elif kind == ImportKind.INTERVALS:
        IntervalFigure.objects.bulk_create(
            IntervalFigure(batch=batch, **(vars(r) | {"line": lines[r.line]})) for r in parsed
        )
    elif kind == ImportKind.HOME_OFFICE:
        HomeOfficeMonth.objects.bulk_create(
            HomeOfficeMonth(
                batch=batch,
                month=r.month,
                force_name=r.force,
                calls=r.calls,
                mean_answer_seconds=r.mean_answer_seconds,
                under_10_pct=r.under_10_pct,
                from_10_to_60_pct=r.from_10_to_60_pct,
                over_60_pct=r.over_60_pct,
            )
            for r in parsed
        )
    else:
        _store_social(batch, parsed, force)


def _store_social(batch: ContactImport, parsed: list, force: Area) -> None:
    areas = {area.name.lower(): area for area in Area.objects.within(force)}
    unknown = sorted({r.area for r in parsed if r.area and r.area.lower() not in areas})
    if unknown:
        raise imports.ImportRejected([f"Unknown area(s): {', '.join(unknown)}"])
    accounts = {}
    for r in parsed:
        if (r.platform, r.handle) not in accounts:
            accounts[(r.platform, r.handle)], _ = SocialAccount.objects.update_or_create(
                force=force,
                platform=r.platform,
                handle=r.handle,
                defaults={"scope": r.scope, "area": areas.get(r.area.lower()), "is_main": r.main},
            )
    SocialMonth.objects.filter(account__in=accounts.values(), month__in={r.month for r in parsed}).delete()
    SocialMonth.objects.bulk_create(
        SocialMonth(
            batch=batch,
            account=accounts[(r.platform, r.handle)],
            month=r.month,
            posts=r.posts,
            stories=r.stories,
            engagements=r.engagements,
            reach=r.reach,
            followers=r.followers,
            comments_and_messages=r.comments_and_messages,
        )
        for r in parsed
    )


@transaction.atomic
def do_set_contact_line(
    *, force: Area, code: str, name: str, group: str, service_level_seconds: int, acting_user
) -> ContactLine:  # noqa: ANN001 - acting_user is a User or None
    """Add a line or change its name, group or service level. Raises ValueError for a bad code, a group
    other than 999 or 101, or a service level outside 1-3600 seconds."""
    if (
        not re.fullmatch(r"[a-z0-9-]{1,40}", code)
        or group not in ("999", "101")
        or not 1 <= service_level_seconds <= 3600
    ):
        raise ValueError(
            "code must be lower-case letters, digits and hyphens; group 999 or 101; service level 1-3600 s"
        )
    ensure_default_lines(force)
    line, created = ContactLine.objects.update_or_create(
        force=force,
        code=code,
        defaults={"name": name, "group": group, "service_level_seconds": service_level_seconds},
        create_defaults={
            "name": name,
            "group": group,
            "service_level_seconds": service_level_seconds,
            "key": code.replace("-", "_"),
            "order": ContactLine.objects.filter(force=force).count(),
        },
    )
    record_event(
        actor=acting_user,
        operation=Operation.ALTERATION,
        event="contact.line.created" if created else "contact.line.changed",
        obj=line,
        area=force,
        detail={"code": code, "service_level_seconds": service_level_seconds},
    )
    return line
