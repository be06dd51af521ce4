"""Writes for community messaging and the watch schemes register: atomic, each with an audit row."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db import transaction

from beatbook.areas.models import Area
from beatbook.audit.models import Operation
from beatbook.audit.record import record_event
from beatbook.community.config import DEFAULT_MESSAGE_CATEGORIES, DEFAULT_WATCH_TYPES
from beatbook.community.models import (
    AlertMonth,
    MessageCategory,
    MessageCount,
    SchemeStatus,
    WatchScheme,
    WatchSnapshot,
    WatchType,
)


@dataclass(frozen=True)
class RegisterEntry:
    """One scheme's line in a register return: the scheme (by area, type and name) and its counts."""

    area: Area
    watch_type: str
    name: str
    started_on: date | None
    status: str
    coordinators: int
    members: int | None
    members_online: int


def ensure_defaults(force: Area) -> None:
    """The force's message categories and watch types, creating the default lists where it has none."""
    if not MessageCategory.objects.filter(force=force).exists():
        MessageCategory.objects.bulk_create(
            MessageCategory(force=force, name=name, order=n) for n, name in enumerate(DEFAULT_MESSAGE_CATEGORIES)
        )
    if not WatchType.objects.filter(force=force).exists():
        WatchType.objects.bulk_create(
            WatchType(force=force, name=name, order=n) for n, name in enumerate(DEFAULT_WATCH_TYPES)
        )


@transaction.atomic
def do_record_alert_months(*, area: Area, figures: dict[date, dict[str, int | None]], acting_user) -> int:  # noqa: ANN001 - acting_user is a User or None
    """Set an area's messaging figures per month ({month: {members, messages, surveys, responses}}; None
    means no figure). Replaces what the months held. Returns the number of months written."""
    for month, values in figures.items():
        unknown = set(values) - {"members", "messages", "surveys", "responses"}
        if unknown or month.day != 1:
            raise ValueError(f"{month}: figures must be for the 1st of a month, with known keys only")
        AlertMonth.objects.update_or_create(area=area, month=month, defaults=values)
    record_event(
        actor=acting_user,
        operation=Operation.COLLECTION,
        event="community.alert_months.recorded",
        area=area,
        object_label=area.name,
        detail={"months": len(figures)},
    )
    return len(figures)


@transaction.atomic
def do_record_watch_register(*, force: Area, on: date, entries: list[RegisterEntry], acting_user) -> int:  # noqa: ANN001 - acting_user is a User or None
    """Record the register as it stood on `on`: one snapshot per entry, creating schemes not yet held
    (matched by area, type and name). Raises ValueError, writing nothing, for an unknown type or status,
    an area outside the force, or a scheme listed twice. Returns the number of snapshots written."""
    ensure_defaults(force)
    types = {t.name: t for t in WatchType.objects.filter(force=force)}
    keys = [(e.area.pk, e.watch_type, e.name) for e in entries]
    problems = [f"{e.name}: unknown type {e.watch_type!r}" for e in entries if e.watch_type not in types]
    problems += [f"{e.name}: unknown status {e.status!r}" for e in entries if e.status not in SchemeStatus.values]
    problems += [f"{e.name}: {e.area.name} is not in {force.name}" for e in entries if not force.contains(e.area)]
    if len(set(keys)) != len(keys):
        problems.append("A scheme is listed twice")
    if problems:
        raise ValueError("; ".join(problems[:10]))
    held = {
        (s.area_id, s.watch_type.name, s.name): s
        for s in WatchScheme.objects.filter(area__path__startswith=force.path).select_related("watch_type")
    }
    new = [
        WatchScheme(area=e.area, watch_type=types[e.watch_type], name=e.name, started_on=e.started_on)
        for e in entries
        if (e.area.pk, e.watch_type, e.name) not in held
    ]
    for scheme in WatchScheme.objects.bulk_create(new):
        held[(scheme.area_id, scheme.watch_type.name, scheme.name)] = scheme
    schemes = [held[key] for key in keys]
    WatchSnapshot.objects.filter(scheme__in=schemes, on=on).delete()
    WatchSnapshot.objects.bulk_create(
        WatchSnapshot(
            scheme=scheme,
            on=on,
            status=e.status,
            coordinators=e.coordinators,
            members=e.members,
            members_online=e.members_online,
        )
        for scheme, e in zip(schemes, entries, strict=True)
    )
    record_event(
        actor=acting_user,
        operation=Operation.COLLECTION,
        event="community.watch_register.recorded",
        area=force,
        object_label=f"Watch register on {on}",
        detail={"snapshots": len(entries), "new_schemes": len(new)},
    )
    return len(entries)


@transaction.atomic
def do_record_message_counts(*, area: Area, month: date, counts: dict[str, int], acting_user) -> int:  # noqa: ANN001 - acting_user is a User or None
    """Set an area's messages sent per category in a month ({category name: count}); replaces the month's
    counts. Raises ValueError, writing nothing, for a category the force does not configure."""
    do_record_message_months(force=area.force(), counts={(area, month): counts}, acting_user=acting_user)
    return len(counts)


@transaction.atomic
def do_record_message_months(
    *,
    force: Area,
    counts: dict[tuple[Area, date], dict[str, int]],
    acting_user,  # noqa: ANN001 - a User or None
) -> int:
    """Set messages sent per category for many (area, month) pairs at once ({(area, month): {category name:
    count}}), replacing what each pair held; one audit row. Raises ValueError, writing nothing, for a category
    the force does not configure, a month not given as its 1st, a negative count or an area outside `force`.
    Returns the number of counts written."""
    ensure_defaults(force)
    categories = {c.name: c for c in MessageCategory.objects.filter(force=force)}
    for (area, month), values in counts.items():
        unknown = sorted(set(values) - set(categories))
        if unknown or month.day != 1 or any(value < 0 for value in values.values()) or not force.contains(area):
            raise ValueError(
                f"Unknown categories {unknown} or a bad month or count in {area.name} {month:%Y-%m} (or an area "
                f"outside {force.name}); categories: {', '.join(categories)}"
            )
    months_by_area: dict[Area, list[date]] = {}
    for area, month in counts:
        months_by_area.setdefault(area, []).append(month)
    for area, months in months_by_area.items():
        MessageCount.objects.filter(area=area, month__in=months).delete()
    rows = [
        MessageCount(area=area, month=month, category=categories[name], messages=value)
        for (area, month), values in counts.items()
        for name, value in values.items()
    ]
    MessageCount.objects.bulk_create(rows, batch_size=2000)
    only = next(iter(counts)) if len(counts) == 1 else None
    record_event(
        actor=acting_user,
        operation=Operation.COLLECTION,
        event="community.message_counts.recorded",
        area=only[0] if only else force,
        object_label=f"{only[0].name} {only[1]:%Y-%m}" if only else f"{force.name}: {len(counts)} area months",
        detail={"categories": len({name for values in counts.values() for name in values}), "area_months": len(counts)},
    )
    return len(rows)
