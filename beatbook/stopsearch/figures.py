"""The stop-and-search page's tables for an area and periods: by object of search (the force's reporting
categories), month, legislation, outcome, outcome linked to the object, and disproportionality.

Counts come from `beatbook.crime.search_counts` (so a search below force level is placed as
`beatbook stop_search_counts` places it). Positive outcome: any outcome other than no further action
(the Home Office's definition; beatbook.stopsearch.categories.is_positive).
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass, replace

from beatbook.areas.models import Area, Lsoa
from beatbook.counts.cache import cached
from beatbook.crime.periods import Period
from beatbook.crime.search_counts import search_counts
from beatbook.outcomes.periods import period_key
from beatbook.stopsearch import disproportionality as dp
from beatbook.stopsearch.categories import (
    DEFAULT_MAPPING,
    ETHNIC_GROUPS,
    GROUP_LABELS,
    ReportingCategory,
    ethnic_group,
    is_positive,
)
from beatbook.stopsearch.models import ObjectMapping
from beatbook.web.tables import Column, Table

FIELDS = ["month", "object_of_search", "legislation", "outcome", "outcome_linked_to_object", "self_defined_ethnicity"]


def mapping_for(force: Area) -> dict[str, str]:
    """{lower-case object of search: ReportingCategory value}: the force's mapping over the defaults."""
    configured = dict(ObjectMapping.objects.filter(force=force).values_list("object_of_search", "category"))
    return {**{k: str(v) for k, v in DEFAULT_MAPPING.items()}, **configured}


@dataclass
class Search:
    """A group of identical searches (n of them)."""

    month: str
    category: str
    legislation: str
    outcome: str
    linked: str
    ethnicity: str
    n: int


def load_searches(area: Area, periods: list[Period]) -> list[Search]:
    if not periods:
        return []
    force = area.force()
    mapping = mapping_for(force)
    first, last = min(p.first for p in periods), max(p.last for p in periods)
    counts = search_counts(FIELDS, area=area, first=first, last=last)
    return [
        Search(
            month,
            mapping.get(obj.strip().lower(), ReportingCategory.OTHER.value),
            legislation or "Not recorded",
            outcome or "Not recorded",
            linked,
            ethnic_group(ethnicity),
            n,
        )
        for (month, obj, legislation, outcome, linked, ethnicity), n in counts.items()
    ]


def _in(period: Period, search: Search) -> bool:
    return f"{period.first:%Y-%m}" <= search.month <= f"{period.last:%Y-%m}"


def _period_columns(periods: list[Period]) -> list[Column]:
    return [Column(period_key(p), p.label, True) for p in reversed(periods)]  # newest first, as 002_* 6.21


def positive_rate(searches: list[Search]) -> int | None:
    """Whole-number percent of searches with a positive outcome, None without searches."""
    total = sum(s.n for s in searches)
    return round(100 * sum(s.n for s in searches if is_positive(s.outcome)) / total) if total else None


def by_object_of_search(searches: list[Search], periods: list[Period], area: Area) -> Table:
    """002_* 6.21's table: total, each reporting category, then the positive outcome rate (%)."""
    within = {period_key(p): [s for s in searches if _in(p, s)] for p in periods}
    rows = [{"label": "Total stop searches", **{k: sum(s.n for s in v) for k, v in within.items()}}]
    for category in ReportingCategory:
        rows.append(
            {
                "label": category.label,
                **{k: sum(s.n for s in v if s.category == category.value) for k, v in within.items()},
            }
        )
    rows.append({"label": "Positive outcome rate (%)", **{k: positive_rate(v) for k, v in within.items()}})
    return Table(
        name="by-object-of-search",
        caption=f"Stop and search by object of search, {area.name}",
        columns=[Column("label", "Object of search"), *_period_columns(periods)],
        rows=rows,
    )


def _by_value(searches: list[Search], periods: list[Period], attribute: str) -> list[dict]:
    totals: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for period in periods:
        for search in searches:
            if _in(period, search):
                totals[getattr(search, attribute)][period_key(period)] += search.n
    newest = period_key(periods[-1]) if periods else ""
    ordered = sorted(totals.items(), key=lambda item: (-item[1].get(newest, 0), item[0]))
    return [
        {"label": value, **{period_key(p): counts.get(period_key(p), 0) for p in periods}} for value, counts in ordered
    ]


def by_legislation(searches: list[Search], periods: list[Period], area: Area) -> Table:
    return Table(
        name="by-legislation",
        caption=f"Stop and search by legislation, {area.name}",
        columns=[Column("label", "Legislation"), *_period_columns(periods)],
        rows=_by_value(searches, periods, "legislation"),
    )


def by_outcome(searches: list[Search], periods: list[Period], area: Area) -> Table:
    return Table(
        name="by-outcome",
        caption=f"Stop and search by outcome, {area.name}",
        columns=[Column("label", "Outcome"), *_period_columns(periods)],
        rows=_by_value(searches, periods, "outcome"),
    )


def outcome_linked(searches: list[Search], periods: list[Period], area: Area) -> Table:
    """Of the searches with a positive outcome: was the outcome linked to the object of search?"""
    labels = {"true": "Linked", "false": "Not linked"}
    positive = [
        replace(s, linked=labels.get(s.linked.strip().lower(), "Not recorded"))
        for s in searches
        if is_positive(s.outcome)
    ]
    return Table(
        name="outcome-linked-to-object",
        caption=f"Positive outcomes linked to the object of search, {area.name}",
        columns=[Column("label", "Outcome linked to object of search"), *_period_columns(periods)],
        rows=_by_value(positive, periods, "linked"),
    )


def by_month(searches: list[Search], periods: list[Period], area: Area) -> Table:
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for search in searches:
        if any(_in(p, search) for p in periods):
            totals[search.month][0] += search.n
            totals[search.month][1] += search.n if is_positive(search.outcome) else 0
    return Table(
        name="by-month",
        caption=f"Stop and search by month, {area.name}",
        columns=[
            Column("month", "Month"),
            Column("searches", "Searches", True),
            Column("positive", "Positive outcomes", True),
            Column("positive_rate", "Positive outcome rate (%)", True),
        ],
        rows=[
            {"month": m, "searches": n, "positive": p, "positive_rate": round(100 * p / n) if n else None}
            for m, (n, p) in sorted(totals.items())
        ],
    )


def population_by_group(area: Area) -> tuple[int, dict[str, float]]:
    """(resident population of the area, {group: people}) from its LSOAs and the force's Census 2021 shares
    (beatbook.workforce PopulationShare, the configuration workforce representation uses)."""
    from beatbook.workforce.models import PopulationShare  # the shares are workforce configuration

    total = sum(p or 0 for p in Lsoa.objects.within(area).values_list("population", flat=True))
    shares = {s.ethnicity: float(s.percent) for s in PopulationShare.objects.filter(force_id=area.force_id)}
    return total, {group: total * shares.get(group, 0) / 100 for group in ETHNIC_GROUPS}


def disproportionality(searches: list[Search], period: Period, area: Area) -> Table:
    """Searches per 1,000 people by self-defined ethnic group and the ratio to the White rate, for `period`."""
    counts: dict[str, int] = defaultdict(int)
    for search in searches:
        if _in(period, search):
            counts[search.ethnicity] += search.n
    _, population = population_by_group(area)
    white = counts["white"], population["white"]
    rows = []
    for group in ETHNIC_GROUPS:
        rate = dp.rate_per_thousand(counts[group], population[group])
        ratio = None if group == "white" else dp.rate_ratio(counts[group], population[group], *white)
        rows.append(
            {
                "group": GROUP_LABELS[group],
                "searches": counts[group],
                "population": round(population[group]) or None,
                "rate": None if rate is None else round(rate, 2),
                "ratio": 1.0 if group == "white" and rate else (None if ratio is None else round(ratio.ratio, 2)),
                "low": None if ratio is None else round(ratio.low, 2),
                "high": None if ratio is None else round(ratio.high, 2),
            }
        )
    rows.append({"group": "Not stated", "searches": counts["not_stated"]})
    return Table(
        name="disproportionality",
        caption=f"Searches per 1,000 people by ethnic group, {area.name}, {period.label}",
        columns=[
            Column("group", "Ethnic group (self-defined)"),
            Column("searches", "Searches", True),
            Column("population", "Population (Census 2021 shares)", True),
            Column("rate", "Searches per 1,000", True),
            Column("ratio", "Rate ratio to White", True),
            Column("low", "95% interval: low", True),
            Column("high", "95% interval: high", True),
        ],
        rows=rows,
    )


def tables(area: Area, periods: list[Period]) -> list[Table]:
    """The page's tables (its twins and the API's too), computed once per data version (a stop-and-search
    import recounts and bumps it), period and force mapping: placing the searches reads the incidents at
    every search point, 2 s for a neighbourhood team of the five-year demo on each view and twin."""
    force = area.force()
    mapping = hashlib.sha256(repr(sorted(mapping_for(force).items())).encode()).hexdigest()[:16]
    spans = "|".join(f"{p.label}@{p.first:%Y%m%d}-{p.last:%Y%m%d}".replace(" ", "_") for p in periods)
    return cached(("stop-search-tables", area.pk, spans, mapping), lambda: _tables(area, periods))


def _tables(area: Area, periods: list[Period]) -> list[Table]:
    searches = load_searches(area, periods)
    result = [
        by_object_of_search(searches, periods, area),
        by_month(searches, periods, area),
        by_legislation(searches, periods, area),
        by_outcome(searches, periods, area),
        outcome_linked(searches, periods, area),
    ]
    if periods:
        result.append(disproportionality(searches, periods[-1], area))
    return result
