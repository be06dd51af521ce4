"""Call-handling reports: by financial year (or part year), by month, and the Home Office ranking.

Which figures a report uses: for each line, imported aggregates first, from one import batch so a table is
internally consistent: the earliest batch (by its as-at date) whose figures reach the report's last month,
so a report re-run later gives the figures as first published for that period (a later revision, like
002_* 8.7's 167,506 calls for 2021-22 where 000_* 4.7 printed 167,358, shows for periods that need the
later batch). Periods that batch lacks fall back to other batches, newest first, then to call-level data,
which is the only source of medians and 90th percentiles.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

from beatbook.areas.models import Area
from beatbook.contact.models import CallRecord, ContactLine, HomeOfficeMonth, IntervalFigure
from beatbook.contact.periods import financial_years, months
from beatbook.lib.dates import LONDON
from beatbook.web.tables import Column, Table


@dataclass
class Figures:
    """A line's calls over one period, with where they came from."""

    offered: int | None = None
    within: int | None = None
    abandoned: int | None = None
    mean_wait: float | None = None
    median_wait: float | None = None
    p90_wait: float | None = None
    reported_within_pct: float | None = None  # as the source printed it, for a single figure
    source: str = ""
    notes: list[str] = field(default_factory=list)


def _pct(part: int | None, whole: int | None, places: int) -> float | None:
    if part is None or not whole:
        return None
    return round(100 * part / whole, places)


def _disagreement(label: str, reported: Decimal | None, part: int | None, whole: int | None) -> str | None:
    """A note when a printed percentage differs from its counts by more than one unit of its last digit
    (so rounding or truncation by the source is not flagged)."""
    if reported is None or part is None or not whole:
        return None
    recomputed = Decimal(100 * part) / Decimal(whole)
    unit = Decimal(1).scaleb(min(reported.normalize().as_tuple().exponent, 0))
    if abs(recomputed - reported) <= unit:
        return None
    return f"The source gives {label} as {reported.normalize()}%; its counts give {recomputed:.2f}%"


def _sum(values: list[int | None]) -> int | None:
    return None if not values or any(v is None for v in values) else sum(values)


def _from_figures(figures: list[IntervalFigure], first: date, last: date) -> Figures:
    offered = _sum([f.offered for f in figures])
    result = Figures(
        offered=offered,
        within=_sum([f.answered_within for f in figures]),
        abandoned=_sum([f.abandoned for f in figures]),
        source=", ".join(sorted({f.batch.source_name for f in figures})),
    )
    means = [f.mean_wait_seconds for f in figures]
    if len(figures) == 1:
        result.mean_wait = means[0]
        reported = figures[0].reported_within_pct
        result.reported_within_pct = None if reported is None else float(reported)
    elif None not in means and offered:
        result.mean_wait = round(sum(m * f.offered for m, f in zip(means, figures, strict=True)) / offered, 1)
    for f in figures:
        longer = None if f.offered is None or f.answered_within is None else f.offered - f.answered_within
        for note in (
            _disagreement(
                "the share answered within the service level", f.reported_within_pct, f.answered_within, f.offered
            ),
            _disagreement("the share longer than target", f.reported_longer_pct, longer, f.offered),
            _disagreement("the abandonment rate", f.reported_abandoned_pct, f.abandoned, f.offered),
        ):
            if note:
                result.notes.append(note)
        if f.coverage_note:
            result.notes.append(f"{f.start:%b %Y}: {f.coverage_note}")
    covered = sum((f.end - f.start).days + 1 for f in figures)
    days = (last - first).days + 1
    if covered < days:
        result.notes.append(f"The figures cover {covered} of the period's {days} days")
    return result


def _utc(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=LONDON).astimezone(UTC)


def _from_calls(line: ContactLine, first: date, last: date) -> Figures | None:
    calls = list(
        CallRecord.objects.filter(
            line=line, offered_at__gte=_utc(first), offered_at__lt=_utc(last + timedelta(days=1))
        ).values_list("answered", "wait_seconds")
    )
    if not calls:
        return None
    waits = sorted(wait for answered, wait in calls if answered)
    return Figures(
        offered=len(calls),
        within=sum(1 for answered, wait in calls if answered and wait <= line.service_level_seconds),
        abandoned=sum(1 for answered, _ in calls if not answered),
        mean_wait=round(statistics.fmean(waits), 1) if waits else None,
        median_wait=statistics.median(waits) if waits else None,
        p90_wait=statistics.quantiles(waits, n=10, method="inclusive")[-1] if len(waits) > 1 else None,
        source="Call-level data",
    )


class LineFigures:
    """The figures for a set of lines within [first, last], choosing batches as the module explains."""

    def __init__(self, lines: list[ContactLine], first: date, last: date):
        self.lines, self.first, self.last = lines, first, last
        by_batch: dict[int, dict] = defaultdict(lambda: defaultdict(list))
        for figure in IntervalFigure.objects.filter(line__in=lines, start__gte=first, end__lte=last).select_related(
            "batch"
        ):
            by_batch[figure.line_id][figure.batch].append(figure)
        self.batches = {}
        for line in lines:
            batches = sorted(by_batch[line.pk], key=lambda b: (b.as_at, b.pk))
            reaching = [b for b in batches if max(f.end for f in by_batch[line.pk][b]) >= last]
            chosen = reaching[0] if reaching else (batches[-1] if batches else None)
            others = [b for b in reversed(batches) if b != chosen]
            self.batches[line.pk] = [(b, by_batch[line.pk][b]) for b in ([chosen] if chosen else []) + others]

    def figures(self, line: ContactLine, first: date, last: date) -> Figures | None:
        for _batch, figures in self.batches[line.pk]:
            inside = _without_overlaps([f for f in figures if f.start >= first and f.end <= last])
            if inside:
                return _from_figures(inside, first, last)
        return _from_calls(line, first, last)


def _without_overlaps(figures: list[IntervalFigure]) -> list[IntervalFigure]:
    """The longest figures first, leaving out any that overlap one kept: a source that gives a financial
    year and, apart, one of its months (000_* 4.7 and 4.8) must not count that month twice."""
    kept: list[IntervalFigure] = []
    for figure in sorted(figures, key=lambda f: (f.start - f.end, f.start)):
        if all(figure.end < k.start or figure.start > k.end for k in kept):
            kept.append(figure)
    return sorted(kept, key=lambda f: f.start)


YEAR_COLUMNS = [
    Column("period", "Period"),
    Column("line", "Line"),
    Column("offered", "Calls", numeric=True),
    Column("answered_within", "Answered within service level", numeric=True),
    Column("within_pct", "% within service level", numeric=True),
    Column("longer_than_target", "Longer than target", numeric=True),
    Column("longer_pct", "% longer than target", numeric=True),
    Column("abandoned", "Abandoned", numeric=True),
    Column("abandoned_pct", "% abandoned", numeric=True),
    Column("mean_wait_seconds", "Mean wait (s)", numeric=True),
    Column("median_wait_seconds", "Median wait (s)", numeric=True),
    Column("p90_wait_seconds", "90th percentile wait (s)", numeric=True),
    Column("source", "Source"),
    Column("notes", "Notes"),
]


def _row(label: str, line: ContactLine, f: Figures) -> dict:
    longer = None if f.offered is None or f.within is None else f.offered - f.within
    return {
        "period": label,
        "line": line.name,
        "offered": f.offered,
        "answered_within": f.within,
        "within_pct": _pct(f.within, f.offered, 1),
        "longer_than_target": longer,
        "longer_pct": _pct(longer, f.offered, 1),
        "abandoned": f.abandoned,
        "abandoned_pct": _pct(f.abandoned, f.offered, 2),
        "mean_wait_seconds": f.mean_wait,
        "median_wait_seconds": f.median_wait,
        "p90_wait_seconds": f.p90_wait,
        "source": f.source,
        "notes": "; ".join(f.notes),
    }


def calls_by_financial_year(lines: list[ContactLine], first: date, last: date) -> Table:
    """One row per line and financial year (part years labelled by their months); service levels per line."""
    data = LineFigures(lines, first, last)
    rows = []
    for line in lines:
        for label, start, end in financial_years(first, last):
            figures = data.figures(line, start, end)
            if figures is not None:
                rows.append(_row(label, line, figures))
    levels = ", ".join(f"{line.name} {line.service_level_seconds} s" for line in lines)
    return Table("calls-by-financial-year", f"Calls by financial year (service levels: {levels})", YEAR_COLUMNS, rows)


def calls_by_month(lines: list[ContactLine], first: date, last: date) -> Table:
    """One row per line and month, where the month has figures of its own (a monthly or daily aggregate,
    or call-level data); months covered only by a longer published period are left out."""
    data = LineFigures(lines, first, last)
    rows = [
        _row(f"{start:%Y-%m}", line, figures)
        for start, end in months(first, last)
        for line in lines
        if (figures := data.figures(line, start, end)) is not None
    ]
    return Table("calls-by-month", "Calls by month", YEAR_COLUMNS, rows)


def mean_wait_by_month(lines: list[ContactLine], first: date, last: date) -> Table:
    """000_* 4.8: one row per line and month that has a mean wait of its own (a source may give only some
    months, e.g. February of each year), in seconds."""
    data = LineFigures(lines, first, last)
    rows = [
        {"month": f"{start:%Y-%m}", "line": line.name, "mean_wait_seconds": figures.mean_wait, "source": figures.source}
        for start, end in months(first, last)
        for line in lines
        if (figures := data.figures(line, start, end)) is not None and figures.mean_wait is not None
    ]
    return Table(
        "mean-wait-by-month",
        "Mean wait in the months with a figure",
        [
            Column("month", "Month"),
            Column("line", "Line"),
            Column("mean_wait_seconds", "Mean wait (s)", numeric=True),
            Column("source", "Source"),
        ],
        rows,
    )


def service_level_by_month(lines: list[ContactLine], first: date, last: date) -> Table:
    """000_* 4.13: one row per line and month with a known share answered within the line's service level
    (to two decimal places): from the counts where the source gives them, else as the source printed it."""
    data = LineFigures(lines, first, last)
    rows = []
    for start, end in months(first, last):
        for line in lines:
            figures = data.figures(line, start, end)
            if figures is None:
                continue
            share = _pct(figures.within, figures.offered, 2)
            how = "From the counts"
            if share is None and figures.reported_within_pct is not None:
                share, how = round(figures.reported_within_pct, 2), "As the source printed it"
            if share is not None:
                rows.append(
                    {
                        "month": f"{start:%Y-%m}",
                        "line": line.name,
                        "service_level_seconds": line.service_level_seconds,
                        "offered": figures.offered,
                        "answered_within": figures.within,
                        "within_pct": share,
                        "how": how,
                    }
                )
    return Table(
        "service-level-by-month",
        "Share answered within the service level, by month",
        [
            Column("month", "Month"),
            Column("line", "Line"),
            Column("service_level_seconds", "Service level (s)", numeric=True),
            Column("offered", "Calls", numeric=True),
            Column("answered_within", "Answered within service level", numeric=True),
            Column("within_pct", "% within service level", numeric=True),
            Column("how", "Share"),
        ],
        rows,
    )


def calls_in_period(lines: list[ContactLine], first: date, last: date) -> Table:
    """The whole chosen period as one row per line."""
    data = LineFigures(lines, first, last)
    label = f"{first:%b %Y} - {last:%b %Y}"
    rows = [_row(label, line, f) for line in lines if (f := data.figures(line, first, last)) is not None]
    return Table("calls-in-period", f"Calls {label}", YEAR_COLUMNS, rows)


def wait_by_month(lines: list[ContactLine], first: date, last: date) -> tuple[Table, list[str]]:
    """Per month: each line's calls and waits, and a coverage note where the source had gaps.
    Returns the table and the coverage warnings for the page."""
    data = LineFigures(lines, first, last)
    columns = [Column("month", "Month")]
    for line in lines:
        columns += [
            Column(f"{line.key}_offered", f"{line.name}: calls", numeric=True),
            Column(f"{line.key}_mean_wait_seconds", f"{line.name}: mean wait (s)", numeric=True),
            Column(f"{line.key}_median_wait_seconds", f"{line.name}: median wait (s)", numeric=True),
            Column(f"{line.key}_p90_wait_seconds", f"{line.name}: 90th percentile wait (s)", numeric=True),
        ]
    columns.append(Column("coverage", "Coverage"))
    rows, warnings = [], []
    for start, end in months(first, last):
        row: dict = {"month": f"{start:%Y-%m}"}
        notes = set()
        for line in lines:
            f = data.figures(line, start, end) or Figures()
            row |= {
                f"{line.key}_offered": f.offered,
                f"{line.key}_mean_wait_seconds": f.mean_wait,
                f"{line.key}_median_wait_seconds": f.median_wait,
                f"{line.key}_p90_wait_seconds": f.p90_wait,
            }
            notes.update(n for n in f.notes if "cover" in n.lower() or "missing" in n.lower())
        row["coverage"] = "; ".join(sorted(notes))
        if notes:
            warnings.append(f"{start:%B %Y}: {row['coverage']}")
        rows.append(row)
    return Table("wait-by-month", "Calls and waits by month", columns, rows), warnings


def home_office_rank(force: Area, first: date, last: date) -> tuple[Table, str]:
    """Forces ranked by calls-weighted mean time to answer 999 calls over the months of [first, last] in
    the Home Office data (the lower, the better), with the share answered within 10 seconds. Returns the
    table and a sentence on the force's place ('' when the force is not in the data)."""
    totals: dict[str, list[float]] = defaultdict(lambda: [0, 0.0, 0.0])
    latest = {}
    for month in HomeOfficeMonth.objects.filter(month__gte=first, month__lte=last).select_related("batch"):
        key = (month.month, month.force_name)
        if key not in latest or latest[key].batch.as_at <= month.batch.as_at:
            latest[key] = month
    for month in latest.values():
        total = totals[month.force_name]
        total[0] += month.calls
        total[1] += month.mean_answer_seconds * month.calls
        total[2] += month.under_10_pct * month.calls
    ranked = sorted(
        ((name, calls, wait / calls, under / calls) for name, (calls, wait, under) in totals.items() if calls),
        key=lambda item: (item[2], item[0]),
    )
    rows = [
        {
            "rank": rank,
            "force": name,
            "calls": int(calls),
            "mean_answer_seconds": round(wait, 1),
            "under_10_pct": round(under, 1),
        }
        for rank, (name, calls, wait, under) in enumerate(ranked, start=1)
    ]
    table = Table(
        "home-office-rank",
        f"999 answering by force, {first:%b %Y} - {last:%b %Y} (Home Office data)",
        [
            Column("rank", "Rank", numeric=True),
            Column("force", "Force"),
            Column("calls", "999 calls", numeric=True),
            Column("mean_answer_seconds", "Mean time to answer (s)", numeric=True),
            Column("under_10_pct", "% answered within 10 s", numeric=True),
        ],
        rows,
    )
    own = next((row for row in rows if row["force"].lower() in force.name.lower()), None)
    sentence = f"{own['force']} ranked {own['rank']} of {len(rows)} forces for 999 mean time to answer." if own else ""
    return table, sentence
