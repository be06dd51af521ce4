"""Trend tables by offence group (Home Office offence codes kept on force-export incidents), for any of the
periods `beatbook.outcomes.periods` accepts: calendar years, financial years or years ending any month.

The crime page adds these through `offence_group_tables`, a self-contained addition to its tables.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping

from django.db.models import Count

from beatbook.areas.models import Area
from beatbook.counts.cache import cached
from beatbook.crime import queries
from beatbook.crime.models import Incident, Kind
from beatbook.crime.offences import offence_groups
from beatbook.crime.periods import Period
from beatbook.outcomes.periods import PeriodError, period_key, requested_periods
from beatbook.web.tables import Column, Table

DRUG_GROUPS = ["drugs-possession", "drugs-trafficking"]
DRUG_LABELS = {"drugs-possession": "Possession of drugs", "drugs-trafficking": "Trafficking of drugs"}


def group_counts(area: Area, periods: list[Period], slugs: list[str]) -> dict[str, dict[str, int]]:
    """{group slug: {period key: crimes recorded in the area in the period with one of the group's codes}}.
    Cached by data version: the crime page and its twins ask for it on every request."""
    spans = ",".join(f"{period.first}~{period.last}" for period in periods)
    return cached(("offence-groups", area.pk, spans, ",".join(slugs)), lambda: _group_counts(area, periods, slugs))


def _group_counts(area: Area, periods: list[Period], slugs: list[str]) -> dict[str, dict[str, int]]:
    groups = offence_groups()
    codes = {code: slug for slug in slugs for code in groups[slug].codes}
    counts: dict[str, dict[str, int]] = {slug: {period_key(p): 0 for p in periods} for slug in slugs}
    if not periods:
        return counts
    rows = (
        Incident.objects.in_area(area)
        .with_offence_codes(codes)
        .filter(kind=Kind.CRIME, month__gte=periods[0].first, month__lte=periods[-1].last)
        .order_by()
        .values_list("offence_code", "month")
        # COUNT(*), not COUNT(id): the partial offence-code index carries every other column read, so
        # PostgreSQL reads the index alone (a division's five years: 18 ms → 3 ms at 1M incidents).
        .annotate(n=Count("*"))
    )
    by_month: dict[tuple[str, object], int] = defaultdict(int)
    for code, month, n in rows:
        by_month[(codes[code], month)] += n
    for (slug, month), n in by_month.items():
        for period in periods:
            if period.contains(month):
                counts[slug][period_key(period)] += n
    return counts


def drug_offences(area: Area, periods: list[Period], error: str = "") -> Table:
    """000_* 6.1's drug offences: possession and trafficking, one column a period (oldest first)."""
    counts = group_counts(area, periods, DRUG_GROUPS)
    return Table(
        name="drug-offences",
        caption=error or f"Drug offences recorded, {area.name}",
        columns=[Column("label", "Offence group"), *(Column(period_key(p), p.label, True) for p in periods)],
        rows=[{"label": DRUG_LABELS[slug], **counts[slug]} for slug in DRUG_GROUPS],
        period=tuple(periods),
    )


def offence_group_tables(area: Area, params: Mapping[str, str]) -> list[Table]:
    """The crime page's offence-group tables for the periods in its query (default: five years ending with
    the force's latest month). A malformed period parameter gives an empty table whose caption says what to
    write, never an error page."""
    force = area.force()
    try:
        _, periods = requested_periods(params, queries.latest_month(queries.incidents(force=force)))
    except PeriodError as error:
        return [drug_offences(area, [], str(error))]
    return [drug_offences(area, periods)]
