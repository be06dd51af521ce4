"""Community reports: watch schemes by area (with the force's groupings) and community messaging by month."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from django.utils.text import slugify

from beatbook.areas.authorities import by_authority_rows
from beatbook.areas.models import Area, Level
from beatbook.community.config import groups_for
from beatbook.community.models import AlertMonth, MessageCategory, MessageCount, SchemeStatus, WatchSnapshot
from beatbook.contact.periods import months
from beatbook.web.tables import Column, Table

TOTALS = ("schemes", "coordinators", "members", "members_online")


def _lpu_of(area: Area, lpus: dict[int, Area]) -> Area | None:
    return next((lpus[pk] for pk in area.ancestor_ids if pk in lpus), None)


def active_snapshots(area: Area, on: date, watch_type: str = "") -> list[WatchSnapshot]:
    """Each scheme's latest snapshot on or before `on`, for schemes in `area`, where it is active then."""
    snapshots = WatchSnapshot.objects.filter(scheme__area__path__startswith=area.path, on__lte=on)
    if watch_type:
        snapshots = snapshots.filter(scheme__watch_type__name=watch_type)
    # The latest snapshot of each scheme chosen from (scheme, day, id) tuples, then only those read whole:
    # building every snapshot of the monthly history as a model took 0.9 s of the force's page.
    latest: dict[int, int] = {}
    for scheme_id, _on, pk in snapshots.order_by("scheme_id", "-on", "-pk").values_list("scheme_id", "on", "pk"):
        latest.setdefault(scheme_id, pk)
    chosen = WatchSnapshot.objects.filter(pk__in=list(latest.values()), status=SchemeStatus.ACTIVE)
    return list(chosen.select_related("scheme__area", "scheme__watch_type").order_by("scheme_id"))


def _add(total: dict, snapshot: WatchSnapshot) -> None:
    total["schemes"] += 1
    total["coordinators"] += snapshot.coordinators
    total["members_online"] += snapshot.members_online
    if snapshot.members is None or total["members"] is None:
        total["members"] = None  # unknown for at least one scheme: no total
    else:
        total["members"] += snapshot.members


def watch_schemes_by_area(area: Area, on: date, watch_type: str = "") -> Table:
    """Active schemes, coordinators and members by local policing unit (community safety partnership
    area), each configured group's total before its units (as 000_* 9.2 lays it out), then the total."""
    force = area.force()
    lpus = {a.pk: a for a in Area.objects.within(force).filter(level=Level.LPU)}
    by_lpu: dict[str, dict] = defaultdict(lambda: dict.fromkeys(TOTALS, 0))
    overall = dict.fromkeys(TOTALS, 0)
    for snapshot in active_snapshots(area, on, watch_type):
        lpu = _lpu_of(snapshot.scheme.area, lpus)
        _add(by_lpu[(lpu or snapshot.scheme.area).reporting_name], snapshot)
        _add(overall, snapshot)
    groups = groups_for(force.code)
    grouped = {name for names in groups.values() for name in names}
    ungrouped = sorted(name for name in by_lpu if name not in grouped)
    rows = []
    for group, names in list(groups.items()) + ([("Other", ungrouped)] if ungrouped else []):
        present = [name for name in names if name in by_lpu]
        if not present:
            continue
        total = dict.fromkeys(TOTALS, 0)
        for name in present:
            for key in TOTALS:
                total[key] = None if total[key] is None or by_lpu[name][key] is None else total[key] + by_lpu[name][key]
        rows.append({"area": f"{group} total", "group": group, **total})
        rows += [{"area": name, "group": group, **by_lpu[name]} for name in present]
    if rows:
        rows.append({"area": "Total", "group": "", **overall})
    kind = watch_type or "Watch schemes"
    return Table(
        "watch-schemes-by-area",
        f"{kind} by area on {on:%-d %B %Y}",
        [
            Column("area", "Area"),
            Column("group", "Group"),
            Column("schemes", "Schemes", numeric=True),
            Column("coordinators", "Coordinators", numeric=True),
            Column("members", "Members", numeric=True),
            Column("members_online", "Members attached online", numeric=True),
        ],
        rows,
    )


def watch_schemes_by_local_authority(area: Area, on: date, watch_type: str = "") -> Table:
    """Active schemes, coordinators and members attached online by local authority (a scheme's authority is
    its neighbourhood's), with the configured groups of authorities (beatbook.areas.authorities)."""
    counts: dict[str, dict[int, int]] = {key: defaultdict(int) for key in ("schemes", "coordinators", "members_online")}
    for snapshot in active_snapshots(area, on, watch_type):
        place = snapshot.scheme.area_id
        counts["schemes"][place] += 1
        counts["coordinators"][place] += snapshot.coordinators
        counts["members_online"][place] += snapshot.members_online
    merged: list[dict] = []
    for key, by_place in counts.items():
        rows = by_authority_rows(area, dict(by_place), key)
        merged = rows if not merged else [m | {key: r[key]} for m, r in zip(merged, rows, strict=True)]
    return Table(
        "watch-schemes-by-local-authority",
        f"{watch_type or 'Watch schemes'} by local authority on {on:%-d %B %Y}",
        [
            Column("local_authority", "Local authority"),
            Column("group", "Group"),
            Column("schemes", "Schemes", numeric=True),
            Column("coordinators", "Coordinators", numeric=True),
            Column("members_online", "Members attached online", numeric=True),
        ],
        merged,
    )


SNAPSHOT_DATES = 24  # the register dates a "schemes over time" table shows, latest first kept


def watch_schemes_over_time(area: Area, on: date, watch_type: str = "") -> Table:
    """Issue 15 item 5: the register at each date it was recorded, up to `on` (the last SNAPSHOT_DATES):
    active schemes, coordinators, members and members attached online in `area`, the change in schemes
    since the previous date, and the schemes of each configured group."""
    snapshots = WatchSnapshot.objects.filter(scheme__area__path__startswith=area.path, on__lte=on)
    if watch_type:
        snapshots = snapshots.filter(scheme__watch_type__name=watch_type)
    days = sorted(set(snapshots.values_list("on", flat=True)))[-SNAPSHOT_DATES:]
    force = area.force()
    lpus = {a.pk: a for a in Area.objects.within(force).filter(level=Level.LPU)}
    groups = groups_for(force.code)
    group_of = {name: group for group, names in groups.items() for name in names}
    rows, previous = [], None
    for day in days:
        total = dict.fromkeys(TOTALS, 0)
        by_group = dict.fromkeys(groups, 0)
        for snapshot in active_snapshots(area, day, watch_type):
            _add(total, snapshot)
            lpu = _lpu_of(snapshot.scheme.area, lpus) or snapshot.scheme.area
            if lpu.reporting_name in group_of:
                by_group[group_of[lpu.reporting_name]] += 1
        change = None if previous is None else total["schemes"] - previous
        rows.append(
            {"on": day.isoformat(), **total, "change": change} | {_group_key(g): n for g, n in by_group.items()}
        )
        previous = total["schemes"]
    return Table(
        "watch-schemes-over-time",
        f"{watch_type or 'Watch schemes'} at each register date to {on:%-d %B %Y}",
        [
            Column("on", "Register date"),
            *(Column(key, key.replace("_", " ").capitalize(), numeric=True) for key in TOTALS),
            Column("change", "Change in schemes since the previous date", numeric=True),
            *(Column(_group_key(g), f"{g}: schemes", numeric=True) for g in groups),
        ],
        rows,
    )


def _group_key(group: str) -> str:
    return "group_" + (slugify(group).replace("-", "_") or "other")


def watch_schemes_by_type(area: Area, on: date) -> Table:
    totals: dict[str, dict] = defaultdict(lambda: dict.fromkeys(TOTALS, 0))
    for snapshot in active_snapshots(area, on):
        _add(totals[snapshot.scheme.watch_type.name], snapshot)
    return Table(
        "watch-schemes-by-type",
        f"Schemes by type on {on:%-d %B %Y}",
        [Column("type", "Type"), *(Column(key, key.replace("_", " ").capitalize(), numeric=True) for key in TOTALS)],
        [{"type": name, **values} for name, values in sorted(totals.items())],
    )


def _sum_or_missing(values: list[int | None]) -> int | None:
    """A missing figure from any area makes the total missing: a gap is not a zero."""
    return None if not values or None in values else sum(values)


def alert_by_month(area: Area, first: date, last: date) -> Table:
    """Members (at month end), messages sent, surveys sent and responses per month, summed over the
    areas inside `area` that report; blank where the source had no figure."""
    by_month: dict[date, list[AlertMonth]] = defaultdict(list)
    for row in AlertMonth.objects.filter(area__path__startswith=area.path, month__gte=first, month__lte=last):
        by_month[row.month].append(row)
    rows = []
    for start, _end in months(first, last):
        entries = by_month.get(start, [])
        row = {"month": f"{start:%Y-%m}"}
        for key in ("members", "messages", "surveys", "responses"):
            row[key] = _sum_or_missing([getattr(e, key) for e in entries])
        rows.append(row)
    return Table(
        "alert-by-month",
        "Community messaging by month (blank: no figure in the source)",
        [
            Column("month", "Month"),
            Column("members", "Members", numeric=True),
            Column("messages", "Messages sent", numeric=True),
            Column("surveys", "Surveys sent", numeric=True),
            Column("responses", "Survey responses", numeric=True),
        ],
        rows,
    )


def _category_key(name: str) -> str:
    return slugify(name).replace("-", "_") or "category"


class CategoryCounts:
    """Messages sent by category within `area` over [first, last]: counts by (area, month, category), the
    force's configured categories, and the months with no counts at all (shown blank, never as 0)."""

    def __init__(self, area: Area, first: date, last: date):
        self.categories = list(MessageCategory.objects.filter(force=area.force()))
        self.counts = list(
            MessageCount.objects.filter(
                area__path__startswith=area.path, month__gte=first, month__lte=last
            ).select_related("area", "category")
        )
        held = {count.month for count in self.counts}
        self.months = [start for start, _end in months(first, last)]
        self.missing = [month for month in self.months if month not in held]

    def caption(self, title: str) -> str:
        if not self.missing:
            return title
        if len(self.missing) == len(self.months):
            return f"{title} (no counts recorded for this area in the period)"
        return f"{title} (no counts for {', '.join(f'{m:%b %Y}' for m in self.missing)}: blank, not 0)"

    def columns(self) -> list[Column]:
        keys = [Column(_category_key(c.name), c.name, numeric=True) for c in self.categories]
        return [*keys, Column("total", "Total", numeric=True)]

    def row(self, counts: list[MessageCount]) -> dict:
        """{category key: messages, total}, None throughout when `counts` is empty."""
        row: dict = {_category_key(c.name): None for c in self.categories} | {"total": None}
        for count in counts:
            key = _category_key(count.category.name)
            row[key] = (row.get(key) or 0) + count.messages
            row["total"] = (row["total"] or 0) + count.messages
        return row


def messages_by_category(area: Area, first: date, last: date) -> Table:
    """Messages sent per configured category over [first, last]; blank (not 0) for a category with no
    recorded count in the period; the caption names any month with no counts."""
    data = CategoryCounts(area, first, last)
    totals: dict[int, int] = defaultdict(int)
    for count in data.counts:
        totals[count.category_id] += count.messages
    rows = [{"category": category.name, "messages": totals.get(category.pk)} for category in data.categories]
    return Table(
        "messages-by-category",
        data.caption("Messages sent by category"),
        [Column("category", "Category"), Column("messages", "Messages", numeric=True)],
        rows,
    )


def messages_by_category_and_month(area: Area, first: date, last: date) -> Table:
    """Issue 15 item 4: messages sent per month, a column per configured category and the total; a month
    with no counts is blank throughout (May 2022 in the demo, as 000_* 10.3 has no figure)."""
    data = CategoryCounts(area, first, last)
    by_month: dict[date, list[MessageCount]] = defaultdict(list)
    for count in data.counts:
        by_month[count.month].append(count)
    rows = [{"month": f"{month:%Y-%m}"} | data.row(by_month.get(month, [])) for month in data.months]
    return Table(
        "messages-by-category-and-month",
        data.caption("Messages sent by category and month"),
        [Column("month", "Month"), *data.columns()],
        rows,
    )


def messages_by_category_and_area(area: Area, first: date, last: date) -> Table:
    """Issue 15 item 4: messages sent over [first, last] per area inside `area` that recorded counts (by
    its reporting name), a column per configured category, the total, and an overall total row."""
    data = CategoryCounts(area, first, last)
    by_area: dict[str, list[MessageCount]] = defaultdict(list)
    for count in data.counts:
        by_area[count.area.reporting_name].append(count)
    rows = [{"area": name} | data.row(counts) for name, counts in sorted(by_area.items())]
    if rows:
        rows.append({"area": "Total"} | data.row(data.counts))
    return Table(
        "messages-by-category-and-area",
        data.caption(f"Messages sent by category and area, {first:%b %Y} - {last:%b %Y}"),
        [Column("area", "Area"), *data.columns()],
        rows,
    )
