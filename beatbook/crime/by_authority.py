"""Issue 13 item 4: an area's crime and ASB by local authority (each LSOA's, from the ONS lookup) and by the
force's configured groups of authorities, read from the monthly counts (beatbook.counts), never incidents."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence

from django.db.models import Sum

from beatbook.areas.authorities import rows_by_authority
from beatbook.areas.models import Area
from beatbook.crime.periods import Period
from beatbook.crime.queries import monthly_counts
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
    groups = (
        monthly_counts(area=area, first=min(p.first for p in periods), last=max(p.last for p in periods), by_lsoa=True)
        .values("lsoa__local_authority_code", "lsoa__local_authority_name", "month", "kind")
        .annotate(total=Sum("n"))
    )
    # The code is None (the outer join finds no LSOA) for incidents without a location, "" for an LSOA with no
    # authority recorded.
    totals: dict[str, Counter] = defaultdict(Counter)
    names: dict[str, str] = {}
    for group in groups:
        code = group["lsoa__local_authority_code"]
        code = UNLOCATED if code is None else code
        names.setdefault(code, group["lsoa__local_authority_name"] or "")
        suffix = "crimes" if group["kind"] == "crime" else "asb"
        for key, period in zip(keys, periods, strict=True):
            if period.first <= group["month"] <= period.last:
                totals[code][f"{key}_{suffix}"] += group["total"]
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
