"""The tables an area page shows, built from count rows: shaped like the seed papers' tables
(a row per type, a column per financial year, the rolling 12 months, and % change)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from beatbook.crime.categories import (
    NEIGHBOURHOOD_CRIME_APPROXIMATION,
    Category,
    NeighbourhoodCrimeType,
    NsirType,
)
from beatbook.crime.periods import Period, add_months, complete_financial_years, previous_12, rolling_12
from beatbook.crime.statistics import CountRow, percent_change, rate_per_thousand, total_in, trend_rows
from beatbook.web.tables import Column, Table

Group = tuple[str, Callable[[CountRow], bool]]


@dataclass(frozen=True)
class TrendPeriods:
    years: list[Period]
    rolling: Period
    previous: Period

    @property
    def shown(self) -> list[Period]:
        return [*self.years, self.rolling]


def trend_periods(last: date, years: int = 4, yearly: Sequence[Period] = ()) -> TrendPeriods:
    """The complete financial years before `last` (or the `yearly` periods asked for: calendar years, financial
    years or years ending any month), then the rolling 12 months to `last` and the 12 before. A yearly period
    that is the rolling year itself is shown once, as the rolling year."""
    rolling = rolling_12(last)
    if not yearly:
        return TrendPeriods(complete_financial_years(last, years), rolling, previous_12(last))
    distinct = [p for p in yearly if (p.first, p.last) != (rolling.first, rolling.last)]
    return TrendPeriods(distinct or list(yearly), rolling, previous_12(last))


def _change(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def period_key(period: Period) -> str:
    """A column key for a period: fy_2021_22, cy_2021 (a calendar year), ye_2022_08 (a year ending that
    month, asked for by year_ending), or 12m_to_2022_12 (the rolling 12 months)."""
    if period.label[:4].isdigit() and "/" in period.label:
        return "fy_" + period.label.replace("/", "_")
    if period.label.isdigit():
        return f"cy_{period.label}"
    if period.label.startswith("Year ending"):
        return f"ye_{period.last:%Y_%m}"
    return f"12m_to_{period.last:%Y_%m}"


def trend_table(
    name: str, caption: str, rows: Sequence[CountRow], periods: TrendPeriods, groups: Sequence[Group], first_column: str
) -> Table:
    keys = [period_key(period) for period in periods.shown]
    columns = [Column("label", first_column)]
    columns += [Column(key, period.label, numeric=True) for key, period in zip(keys, periods.shown, strict=True)]
    last_year = periods.years[-1]
    columns += [
        Column(
            "change_on_last_year",
            f"% change {last_year.label} to the {periods.rolling.label}",
            True,
            True,
            compare=(keys[-1], keys[-2]),
        ),
        Column("change_on_previous_12m", "% change on the previous 12 months", True, True),
    ]
    table_rows = []
    for row in trend_rows(rows, periods.shown, periods.previous, groups):
        table_rows.append(
            {
                "label": row.label,
                **dict(zip(keys, row.values, strict=True)),
                "change_on_last_year": _change(percent_change(row.values[-1], row.values[-2])),
                "change_on_previous_12m": _change(row.change),
            }
        )
    return Table(name=name, caption=caption, columns=columns, rows=table_rows)


def asb_by_type(rows: Sequence[CountRow], periods: TrendPeriods, area_name: str) -> Table:
    asb = [row for row in rows if row.category == Category.ANTI_SOCIAL_BEHAVIOUR]
    groups: list[Group] = [
        (t.label, lambda row, t=t: row.nsir_type == t) for t in sorted(NsirType, key=lambda t: t.label)
    ]
    if any(not row.nsir_type for row in asb):
        groups.append(("Type not recorded (police.uk)", lambda row: not row.nsir_type))
    return trend_table(
        "asb-by-type", f"ASB incidents by type, {area_name}", asb, periods, groups, "ASB incidents by type"
    )


def neighbourhood_crime(rows: Sequence[CountRow], periods: TrendPeriods, area_name: str) -> tuple[Table, bool]:
    """Exact by Home Office type where the force's data has offence codes; else a police.uk approximation.

    Returns the table and whether it is an approximation."""
    if any(row.neighbourhood_crime_type for row in rows):
        groups: list[Group] = [
            (t.label.upper(), lambda row, t=t: row.neighbourhood_crime_type == t) for t in NeighbourhoodCrimeType
        ]
        return trend_table(
            "neighbourhood-crime", f"Neighbourhood crime by type, {area_name}", rows, periods, groups, "Crime type"
        ), False
    groups = [
        (label, lambda row, c=category: row.category == c)
        for category, label in NEIGHBOURHOOD_CRIME_APPROXIMATION.items()
    ]
    caption = f"Neighbourhood crime by type, {area_name} (approximation from police.uk categories)"
    return trend_table("neighbourhood-crime", caption, rows, periods, groups, "Crime type"), True


def crime_by_category(rows: Sequence[CountRow], periods: TrendPeriods, area_name: str) -> Table:
    present = {row.category for row in rows if row.category != Category.ANTI_SOCIAL_BEHAVIOUR}
    groups: list[Group] = [(c.label, lambda row, c=c: row.category == c) for c in Category if c.value in present]
    return trend_table(
        "crime-by-category", f"Crime by police.uk category, {area_name}", rows, periods, groups, "Category"
    )


def monthly_series(rows: Sequence[CountRow], last: date, months: int = 24) -> list[dict]:
    by_month: dict[date, dict[str, int]] = defaultdict(lambda: {"crime": 0, "asb": 0})
    for row in rows:  # one pass over the rows, not two per month
        by_month[row.month]["asb" if row.category == Category.ANTI_SOCIAL_BEHAVIOUR else "crime"] += row.count
    series = []
    for offset in range(months - 1, -1, -1):
        month = add_months(last, -offset)
        series.append({"month": f"{month:%b %Y}", **by_month.get(month, {"crime": 0, "asb": 0})})
    return series


def monthly_table(series: list[dict], area_name: str) -> Table:
    return Table(
        name="monthly",
        caption=f"Crime and ASB by month, {area_name}",
        columns=[Column("month", "Month"), Column("crime", "Crimes", True), Column("asb", "ASB incidents", True)],
        rows=series,
    )


def lsoa_rates(counts: dict[str, dict[str, int]], lsoas: Sequence, period: Period, area_name: str) -> Table:
    """Crime and ASB per 1,000 residents (2011 census) in each LSOA, highest crime rate first.

    `counts` is {LSOA code: {"crime": n, "asb": n}} for the period."""
    table_rows = []
    for lsoa in lsoas:
        found = counts.get(lsoa.code, {})
        crimes, incidents = found.get("crime", 0), found.get("asb", 0)
        crime_rate, asb_rate = rate_per_thousand(crimes, lsoa.population), rate_per_thousand(incidents, lsoa.population)
        table_rows.append(
            {
                "lsoa": f"{lsoa.name} ({lsoa.code})",
                "population": lsoa.population,
                "crimes": crimes,
                "crime_rate": None if crime_rate is None else round(crime_rate, 1),
                "asb": incidents,
                "asb_rate": None if asb_rate is None else round(asb_rate, 1),
            }
        )
    table_rows.sort(key=lambda r: -(r["crime_rate"] or 0))
    return Table(
        name="lsoa-rates",
        caption=f"Rates per 1,000 residents by LSOA, {area_name}, {period.label}",
        columns=[
            Column("lsoa", "LSOA"),
            Column("population", "Residents (2011)", True),
            Column("crimes", "Crimes", True),
            Column("crime_rate", "Crimes per 1,000", True),
            Column("asb", "ASB incidents", True),
            Column("asb_rate", "ASB per 1,000", True),
        ],
        rows=table_rows,
        display_limit=50,
    )


def period_summary(rows: Sequence[CountRow], last: date, baseline: Period, area_name: str) -> Table:
    """Crime and ASB for the usual reporting periods to `last`, each against its comparison period:
    the month and quarter against a year before, the financial year to date against the same months
    last year, the 12 months against the 12 before, and against a baseline year."""
    from beatbook.crime.periods import quarter_period, year_to_date

    def shifted(period: Period, months: int, label: str) -> Period:
        return Period(label, add_months(period.first, months), add_months(period.last, months))

    month = Period(f"{last:%b %Y}", last, last)
    whole_quarter, ytd, rolling = quarter_period(last), year_to_date(last), rolling_12(last)
    # A quarter still under way is compared month for month: its months so far against the same months a
    # year before, never against a whole quarter.
    partial_quarter = whole_quarter.last > last
    quarter = Period(whole_quarter.label, whole_quarter.first, min(whole_quarter.last, last))
    then = "the same months a year before" if partial_quarter else "the same quarter a year before"
    pairs = [
        ("Month", month, shifted(month, -12, f"{add_months(last, -12):%b %Y}")),
        ("Quarter", quarter, shifted(quarter, -12, then)),
        ("Financial year to date", ytd, shifted(ytd, -12, "the same months a year before")),
        ("Rolling 12 months", rolling, previous_12(last)),
        ("Rolling 12 months against the baseline", rolling, baseline),
    ]
    asb_rows = [row for row in rows if row.category == Category.ANTI_SOCIAL_BEHAVIOUR]
    crime_rows = [row for row in rows if row.category != Category.ANTI_SOCIAL_BEHAVIOUR]
    table_rows = []
    for name, period, comparison in pairs:
        crimes, asb = total_in(crime_rows, period), total_in(asb_rows, period)
        crimes_then, asb_then = total_in(crime_rows, comparison), total_in(asb_rows, comparison)
        partial = period is quarter and partial_quarter
        table_rows.append(
            {
                "period": f"{name}: {period.label}" + (" (partial)" if partial else ""),
                "crimes": crimes,
                "asb": asb,
                "compared_with": comparison.label,
                "crimes_then": crimes_then,
                "asb_then": asb_then,
                "crimes_change": _change(percent_change(crimes, crimes_then)),
                "asb_change": _change(percent_change(asb, asb_then)),
            }
        )
    return Table(
        name="summary",
        caption=f"Summary to {last:%B %Y}, {area_name}",
        columns=[
            Column("period", "Period"),
            Column("crimes", "Crimes", True),
            Column("asb", "ASB incidents", True),
            Column("compared_with", "Compared with"),
            Column("crimes_then", "Crimes then", True),
            Column("asb_then", "ASB then", True),
            Column("crimes_change", "% change in crimes", True, True, compare=("crimes", "crimes_then")),
            Column("asb_change", "% change in ASB", True, True, compare=("asb", "asb_then")),
        ],
        rows=table_rows,
    )
