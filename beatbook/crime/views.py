"""Crime and ASB for an area: trends by financial year, the rolling 12 months, a chart, LSOA rates."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from django.contrib.auth.decorators import login_required
from django.db.models import F
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from beatbook.accounts import access
from beatbook.areas.models import Area, Lsoa, area_containing
from beatbook.counts.cache import cached
from beatbook.crime import queries, trends
from beatbook.crime.by_authority import crime_by_local_authority
from beatbook.crime.periods import Period, add_months, month_of, month_span, parse_month
from beatbook.crime.statistics import coverage_warnings, rate_per_thousand
from beatbook.crime.unassigned import unassigned_by_kind, unlocated_by_kind
from beatbook.lib.charts import grouped_bars
from beatbook.outcomes.offence_tables import offence_group_tables
from beatbook.outcomes.periods import PERIOD_PARAMETERS, PeriodError, requested_periods
from beatbook.web.fragments import fragment
from beatbook.web.navigation import linked_ancestors
from beatbook.web.tables import Column, Table, render_with_twins, requested_format


@login_required
def area_crime(request: HttpRequest, code: str) -> HttpResponse:
    area = access.get_area_for_user(request.user, code)
    context = {
        "area": area,
        "breadcrumbs": linked_ancestors(request.user, area, "crime:area"),
        "fragment": fragment(request, area, "crime-area"),
    }
    if context["fragment"].html is not None and requested_format(request) == "html":
        return render(request, "crime/area.html", context)  # the figures are in the cached fragment
    wanted_last, yearly, problems = requested_period(request.GET, area.force())
    error = "; ".join(message for _field, message in problems)
    context |= {"period_problems": problems, "params": request.GET}
    report = build_area_report(area, wanted_last, yearly)
    if report is None:
        context |= {"no_data": True}
        return render_with_twins(request, "crime/area.html", context, [_empty_table(area)], area=area, error=error)
    context |= {
        "last": report.last,
        "latest": report.latest,
        "approximate": report.approximate,
        "warnings": report.warnings,
        "chart": grouped_bars(
            [s["month"] for s in report.series],
            [[s["crime"] for s in report.series], [s["asb"] for s in report.series]],
        ),
        "chart_series": ["Crimes", "ASB incidents"],
    }
    # issue 16: beatbook/outcomes; a refused period parameter falls back to the default years there too.
    refused = any(field in YEAR_PARAMS for field, _message in problems)
    tables = report.tables + cached_offence_group_tables(area, {} if refused else request.GET)
    return render_with_twins(request, "crime/area.html", context, tables, area=area, error=error)


YEAR_PARAMS = ("calendar_years", "financial_years", "year_ending", "years")


def requested_years(params: Mapping[str, str]) -> tuple[tuple[Period, ...], str]:
    """(the yearly periods the query asks for, or () for the default complete financial years; an error
    message or ""). `calendar_years=2019-2022`, `financial_years=2019-2022` or `year_ending=YYYY-MM&years=N`
    (beatbook/outcomes/periods.py); a malformed one falls back to the default and says what to write."""
    if not any(params.get(name) for name in YEAR_PARAMS[:3]):
        return (), ""
    try:
        return tuple(requested_periods(params, None)[1]), ""
    except PeriodError as error:
        return (), str(error)


def requested_period(
    params: Mapping[str, str], force: Area
) -> tuple[date | None, tuple[Period, ...], list[tuple[str, str]]]:
    """(the month the rolling year ends, or None for the latest; the yearly periods, or () for the default;
    [(parameter, message saying what to fix)]). A `to` that is not a month, is in the future or is before the
    data, and years wholly outside the data, are refused (QA finding 8): the page shows the defaults with the
    messages in its error summary, and its twins answer 400 with them."""
    months = queries.months_with_data(force)
    span = (min(months), max(months)) if months else None
    runs = f"the data run from {span[0]:%B %Y} to {span[1]:%B %Y}" if span else ""
    problems: list[tuple[str, str]] = []
    wanted = None
    if params.get("to"):
        try:
            wanted = parse_month(params["to"])
        except ValueError:
            problems.append(("to", "to must be a month written YYYY-MM, for example 2022-12"))
        else:
            if wanted > month_of(timezone.localdate()):
                problems.append(("to", f"to: {wanted:%B %Y} is in the future; choose this month or an earlier one"))
                wanted = None
            elif span and wanted < span[0]:
                problems.append(("to", f"to: there are no figures for {wanted:%B %Y}; {runs}"))
                wanted = None
    yearly, error = requested_years(params)
    field = next((name for name in YEAR_PARAMS if params.get(name)), "calendar_years")
    if error:
        problems.append((field, error))
    elif yearly and span and all(p.last < span[0] or p.first > span[1] for p in yearly):
        problems.append((field, f"{field}: the years asked for are wholly outside the data; {runs}"))
        yearly = ()
    return wanted, yearly, problems


@dataclass
class AreaReport:
    last: date
    latest: date
    approximate: bool
    warnings: list[str]
    series: list[dict]
    tables: list[Table]


def build_area_report(area: Area, wanted_last: date | None, yearly: tuple[Period, ...] = ()) -> AreaReport | None:
    """Everything the area's crime page, its CSV/JSON twins and the API show, for the 12 months to
    `wanted_last` (default: latest) and the `yearly` periods (default: complete financial years). Computed once
    per data version and served from the cache after."""
    years_key = "|".join(f"{p.label}@{p.first:%Y%m}-{p.last:%Y%m}".replace(" ", "_") for p in yearly)
    # "-3": reports cached before the tables carried their periods (for their downloads' names) lack them.
    return cached(("area-report-3", area.pk, wanted_last, years_key), lambda: _area_report(area, wanted_last, yearly))


def cached_offence_group_tables(area: Area, params: Mapping[str, str]) -> list[Table]:
    """`offence_group_tables` for the period parameters in `params`, once per data version: they count
    incidents by offence code, which the monthly counts do not carry."""
    wanted = tuple(params.get(name, "") for name in PERIOD_PARAMETERS)
    return cached(("offence-group-tables-2", area.pk, *wanted), lambda: offence_group_tables(area, params))


def _area_report(area: Area, wanted_last: date | None, yearly: tuple[Period, ...] = ()) -> AreaReport | None:
    force = area.force()
    latest = queries.latest_month_of(force)
    if latest is None:
        return None
    last = min(wanted_last or latest, latest)
    periods = trends.trend_periods(last, yearly=yearly)
    baseline = periods.years[0]  # the oldest year shown, as the Home Office uses 2018/19 as its baseline
    first = min(periods.years[0].first, add_months(last, -24))
    # A yearly period asked for may end after `last` (calendar 2023 with figures to March): read to its end.
    rows = queries.trend_rows_for(area, first, max([last, *(min(p.last, latest) for p in periods.years)]))
    neighbourhood_table, approximate = trends.neighbourhood_crime(rows, periods, area.name)
    series = trends.monthly_series(rows, last)
    unlocated = queries.unlocated_count(force) if area.parent_id is None else 0
    # One read of the rolling year by LSOA serves both the areas-below and the LSOA tables.
    by_lsoa = queries.counts_by_lsoa_id(area, periods.rolling.first, periods.rolling.last)
    lsoas = list(Lsoa.objects.within(area).annotate(neighbourhood_path=F("neighbourhood__path")).order_by("code"))
    unassigned = unassigned_by_kind(force, first=periods.rolling.first, last=periods.rolling.last)
    warnings = coverage_warnings(queries.months_with_data(force), periods.shown, latest, unlocated)
    if sum(unassigned.values()):
        warnings.append(
            f"{sum(unassigned.values()):,} of {force.name}'s incidents in {periods.rolling.label} are in LSOAs not "
            "assigned to any of its neighbourhoods (unassigned): they count for the force but for no area below it."
        )
    tables = [
        trends.period_summary(rows, last, baseline, area.name),
        trends.asb_by_type(rows, periods, area.name),
        neighbourhood_table,
        trends.crime_by_category(rows, periods, area.name),
        trends.monthly_table(series, area.name),
        _children_table(area, periods.rolling, lsoas, by_lsoa, unassigned if area.parent_id is None else None),
        trends.lsoa_rates(
            {lsoa.code: by_lsoa[lsoa.pk] for lsoa in lsoas if lsoa.pk in by_lsoa}, lsoas, periods.rolling, area.name
        ),
        crime_by_local_authority(area, periods.shown),  # issue 13 item 4
    ]
    two_years = month_span(add_months(last, -23), last)
    covered = {  # the periods each table shows; the rest show the yearly periods and the rolling year
        "summary": (baseline, two_years),  # the month, quarter, year to date and 12 months, each a year back
        "monthly": two_years,
        "areas-below": periods.rolling,
        "lsoa-rates": periods.rolling,
    }
    for table in tables:
        table.period = covered.get(table.name, tuple(periods.shown))
    return AreaReport(
        last=last, latest=latest, approximate=approximate, series=series, warnings=warnings, tables=tables
    )


def _children_table(  # noqa: ANN001
    area: Area, period, lsoas: list[Lsoa], by_lsoa: dict[int, dict[str, int]], unassigned: dict[str, int] | None
) -> Table:
    """Each child area's crime, ASB and crime rate, from the area's LSOAs (annotated with their
    neighbourhood's path) and their counts for the period; for a force, also the incidents no child counts
    (unassigned LSOAs, no location), so the rows add up to the force's total."""
    children = list(area.children.order_by("name"))
    totals = {child.pk: {"crime": 0, "asb": 0} for child in children}
    people = {child.pk: 0 for child in children}
    for lsoa in lsoas:
        child = area_containing(children, lsoa.neighbourhood_path or "")
        if child is None:
            continue
        people[child.pk] += lsoa.population or 0
        for kind, n in by_lsoa.get(lsoa.pk, {}).items():
            totals[child.pk][kind] += n
    population = {pk: n or None for pk, n in people.items()}
    rows = []
    for child in children:
        counts = totals.get(child.pk, {"crime": 0, "asb": 0})
        rate = rate_per_thousand(counts["crime"], population[child.pk])
        rows.append(
            {
                "area": child.name,
                "crimes": counts["crime"],
                "asb": counts["asb"],
                "crime_rate": None if rate is None else round(rate, 1),
                "code": child.code,
            }
        )
    table = Table(
        name="areas-below",
        caption=f"Areas in {area.name}, {period.label}",
        columns=[
            Column("area", "Area"),
            Column("crimes", "Crimes", True),
            Column("asb", "ASB incidents", True),
            Column("crime_rate", "Crimes per 1,000", True),
        ],
        rows=[{k: v for k, v in row.items() if k != "code"} for row in rows],
    )
    if unassigned is not None:
        unlocated = unlocated_by_kind(area, period.first, period.last)
        for label, counts in (
            ("In LSOAs not assigned to a neighbourhood", unassigned),
            ("Without a location", unlocated),
        ):
            table.rows.append({"area": label, "crimes": counts["crime"], "asb": counts["asb"], "crime_rate": None})
    table.links = {(i, "area"): reverse("crime:area", args=[row["code"]]) for i, row in enumerate(rows)}
    return table


def _empty_table(area: Area) -> Table:
    caption = f"ASB incidents by type, {area.name}"
    return Table(name="asb-by-type", caption=caption, columns=[Column("label", "Type")], period=())  # no data yet
