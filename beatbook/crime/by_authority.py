"""Issue 13 item 4: an area's crime and ASB by local authority (each LSOA's, from the ONS lookup) and by the
force's configured groups of authorities, read from the monthly counts (beatbook.counts), never incidents."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence

from django.db.models import Q, Sum

from beatbook.areas.authorities import rows_by_authority
from beatbook.areas.models import Area, Lsoa
from beatbook.crime.periods import Period
from beatbook.crime.queries import lsoa_kind_counts
from beatbook.crime.trends import period_key
from beatbook.web.tables import Column, Table

UNLOCATED = "-"  # the key of incidents without an LSOA, kept apart from "" (an LSOA with no authority)


def crime_by_local_authority(area: Area, periods: Sequence[Period]) -> Table:
    """Table `crime-by-local-authority`: rows {local_authority, group, <period key>_crimes, <period key>_asb}
    per authority with LSOAs in `area` (or counts in it), then "In LSOAs without a local authority" and
    "Without a location" where non-zero, then "Total, <area name>" (their sum: the area's total, QA #9),
    then "All of <group>" per configured group. For a force, the authority and unplaced rows add up to the
    force's total for each period. One grouped read of the
    counts over the months the periods span."""
    keys = [period_key(period) for period in periods]
    # Summed per LSOA and period in the database (one pass over the counts, no join), then per authority
    # here: joining every count row to its LSOA and grouping by the authority's name read all 35,000 LSOAs
    # and 70,000 count rows for a force at national scale.
    sums = {
        f"period_{number}": Sum("n", filter=Q(month__gte=period.first, month__lte=period.last))
        for number, period in enumerate(periods)
    }
    groups = list(
        lsoa_kind_counts(area, min(p.first for p in periods), max(p.last for p in periods))
        .values("lsoa_id", "kind")
        .annotate(**sums)
    )
    authority_of = dict(
        (pk, (code, name))
        for pk, code, name in Lsoa.objects.filter(pk__in={g["lsoa_id"] for g in groups if g["lsoa_id"]})
        .order_by()
        .values_list("pk", "local_authority_code", "local_authority_name")
    )
    # The code is UNLOCATED for incidents without a location, "" for an LSOA with no authority recorded.
    totals: dict[str, Counter] = defaultdict(Counter)
    names: dict[str, str] = {}
    for group in groups:
        code, name = authority_of.get(group["lsoa_id"], (UNLOCATED, ""))
        names.setdefault(code, name or "")
        suffix = "crimes" if group["kind"] == "crime" else "asb"
        for number, key in enumerate(keys):
            if group[f"period_{number}"] is not None:
                totals[code][f"{key}_{suffix}"] += group[f"period_{number}"]
    columns = [f"{key}_{suffix}" for key in keys for suffix in ("crimes", "asb")]
    unlocated = totals.pop(UNLOCATED, Counter())
    rows = rows_by_authority(
        area,
        totals,
        columns,
        names=names,
        not_placed="In LSOAs without a local authority",
        also=[("Without a location", unlocated)],
        total=f"Total, {area.name}",
    )
    return Table(
        name="crime-by-local-authority",
        caption=f"Crimes and ASB incidents by local authority, {area.name}",
        columns=[
            Column("local_authority", "Local authority"),
            Column("group", "Group"),
            *(
                Column(f"{key}_{suffix}", f"{label}, {period.label}", numeric=True)
                for key, period in zip(keys, periods, strict=True)
                for suffix, label in (("crimes", "Crimes"), ("asb", "ASB incidents"))
            ),
        ],
        rows=rows,
    )
