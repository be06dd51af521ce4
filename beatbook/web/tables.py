"""Tables shown on pages, with their CSV and JSON twins.

A view builds one `Table` and hands it to `render_with_twins()`: the HTML page shows it with the
GOV.UK table component, and the same URL with ?format=csv or ?format=json returns the same rows,
so the twins always have the same filters and the same permission checks as the page.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from beatbook.audit.models import Operation
from beatbook.audit.record import record_event
from beatbook.crime.periods import Covered, file_label
from beatbook.lib.csvsafe import csv_text, safe_filename


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    numeric: bool = False
    change: bool = False  # a % change: shown as "+5%", exported as the number
    # For a % change: the keys of the two counts it compares (now, then). Where either is small, the page
    # adds a significance note from an exact test of the two counts (see significance_note()).
    compare: tuple[str, str] | None = None
    p_value: bool = False  # shown as people read p-values: "< 0.001", else two significant figures


FILTER_FROM_ROWS = 10  # a list longer than this gets a filter box and its total
SMALL_COUNT = 100  # below this either side, a % change gets its significance note on the page
SIGNIFICANCE_TEST = (
    "Notes on % changes between small counts come from an exact test of two Poisson counts (the later count "
    "given the total is binomial with p = ½ when nothing changed; two-sided, 5% level)."
)


@lru_cache(maxsize=8192)  # pure, and asked for every cell of every request: a table's counts repeat
def significance_note(now: Any, then: Any) -> str:
    """ "p = 0.03" or "p = 0.41, may be chance" for two counts where either is under SMALL_COUNT; "" otherwise
    (large counts, or no comparison). Exact conditional test of two Poisson counts with equal exposure:
    now | now + then ~ Binomial(now + then, ½) (Przyborowski and Wilenski, 1940), two-sided."""
    if not isinstance(now, int) or not isinstance(then, int) or not then or min(now, then) >= SMALL_COUNT:
        return ""
    from scipy.stats import binomtest

    p = binomtest(now, now + then, 0.5).pvalue
    shown = "< 0.001" if p < 0.001 else f"{p:.2g}"  # noqa: PLR2004 - the conventional floor for reporting p
    return f"p {shown}" if shown.startswith("<") else f"p = {shown}" + (", may be chance" if p >= 0.05 else "")  # noqa: PLR2004


def _no_negative_zero(value: Any) -> Any:
    return value + 0.0 if isinstance(value, float) else value  # -0.0 + 0.0 is 0.0: no "-0" in any twin


@dataclass
class Table:
    name: str  # used for the download file name and the JSON "table" field
    caption: str
    columns: Sequence[Column]
    rows: list[dict[str, Any]] = field(default_factory=list)
    # Cells that should link somewhere on the HTML page: {(row index, column key): url}.
    links: dict[tuple[int, str], str] = field(default_factory=dict)
    # The page shows this many rows a page, with pages for the rest (the CSV and JSON twins have them all). A
    # list the view keeps short on screen (a force's 2,534 people) still has a total and pages: QA 17s found
    # "Showing the first 200" with no way to the 201st but a download.
    display_limit: int | None = None
    # Filtering and pagination on the HTML page, set from the request by render_with_twins().
    page: int = 1
    page_size: int = 50
    filter_text: str = ""
    unfiltered_count: int | None = None
    page_urls: dict[str, str] = field(default_factory=dict)  # "previous" / "next" → URL
    keep_params: list[tuple[str, str]] = field(default_factory=list)  # the query, for the filter form
    # Rows that are one page of a list too long to build whole (the audit log), which the view filters by
    # filter_param and pages (?page=N) in the database: how many rows that whole filtered list holds. The
    # page then states this total and filters nothing itself (a filter of one page's rows would miss the rest).
    paged_total: int | None = None
    # What the table covers, as the view resolved it (never the raw query), for its download's name: a run of
    # months or days, or several periods side by side (beatbook.crime.periods.Covered). A page's tables without
    # one take the page's (render_with_twins(period=…)).
    period: Covered | None = None
    # A deliberate choice for a table with no period, of how things stand now (users, current officers, a log):
    # its download is named as of the day it is made.
    snapshot: bool = False
    # The table's part of its download's name where its slug (kept for ?table=) is also another page's table of
    # other rows: the tasking meetings' "repeat-locations" (flagged in the records) and the tasking briefing's
    # (places with three incidents) were one file name for one area and period (QA 17f).
    file_name: str = ""

    def __post_init__(self) -> None:
        if self.display_limit:
            self.page_size = self.display_limit

    @property
    def filter_param(self) -> str:
        return f"{self.name}-q"

    @property
    def page_param(self) -> str:
        return f"{self.name}-page"

    @property
    def filterable(self) -> bool:
        """Long lists get a filter box (and keep it while a filter is applied)."""
        return (self.unfiltered_count or len(self.rows)) > FILTER_FROM_ROWS or bool(self.filter_text)

    @property
    def pages(self) -> int:
        return max(1, -(-len(self.rows) // self.page_size))

    @property
    def first_shown(self) -> int:
        return (self.page - 1) * self.page_size + 1 if self.rows else 0

    @property
    def last_shown(self) -> int:
        return min(self.page * self.page_size, len(self.rows))

    def cells(self) -> list[list[dict[str, Any]]]:
        """Rows as lists of {value, numeric, url} for the table template: the page asked for."""
        offset, shown = self._shown()
        return [
            [
                {
                    "value": _no_negative_zero(row.get(column.key)),
                    "numeric": column.numeric,
                    "change": column.change,
                    "p_value": column.p_value,
                    "note": significance_note(*(row.get(key) for key in column.compare)) if column.compare else "",
                    "url": self.links.get((index, column.key)),
                }
                for column in self.columns
            ]
            for index, row in enumerate(shown, start=offset)
        ]

    def _shown(self) -> tuple[int, list[dict[str, Any]]]:
        """(index of the first row shown, the rows shown): the page's; all of a page the view paged itself."""
        if self.paged_total is not None:
            return 0, self.rows
        offset = (self.page - 1) * self.page_size
        return offset, self.rows[offset : offset + self.page_size]

    def apply_filter(self, text: str) -> None:
        """Keep the rows with `text` in any cell (case ignored), and their links."""
        self.filter_text = text.strip()[:100]
        self.unfiltered_count = len(self.rows)
        if not self.filter_text:
            return
        wanted = self.filter_text.lower()
        kept = [
            index
            for index, row in enumerate(self.rows)
            if any(wanted in str(value).lower() for value in row.values() if value is not None)
        ]
        new_index = {old: new for new, old in enumerate(kept)}
        self.links = {(new_index[i], key): url for (i, key), url in self.links.items() if i in new_index}
        self.rows = [self.rows[index] for index in kept]

    @property
    def has_significance_notes(self) -> bool:
        _, shown = self._shown()
        return any(
            significance_note(*(row.get(key) for key in column.compare))
            for column in self.columns
            if column.compare
            for row in shown
        )

    @property
    def significance_test(self) -> str:
        return SIGNIFICANCE_TEST

    def as_csv(self) -> str:
        return csv_text(
            [c.key for c in self.columns],
            ([_no_negative_zero(row.get(c.key)) for c in self.columns] for row in self.rows),
        )

    def as_json(self) -> dict[str, Any]:
        return {
            "table": self.name,
            "caption": self.caption,
            "columns": [{"key": c.key, "label": c.label} for c in self.columns],
            "rows": [{c.key: _no_negative_zero(row.get(c.key)) for c in self.columns} for row in self.rows],
        }


def _apply_request(table: Table, request: HttpRequest, *, paginate: bool) -> None:
    """The table's filter (?NAME-q=text, the twins too) and, on the page, its page (?NAME-page=N)."""
    if table.paged_total is not None:  # filtered and paged by the view, in the database
        table.filter_text = request.GET.get(table.filter_param, "").strip()[:100]
        table.keep_params = [
            (k, v) for k, vs in request.GET.lists() if k not in (table.filter_param, "page") for v in vs
        ]
        return
    table.apply_filter(request.GET.get(table.filter_param, ""))
    if not paginate:
        return
    try:
        table.page = min(max(int(request.GET.get(table.page_param, "1")), 1), table.pages)
    except ValueError:
        table.page = 1
    table.keep_params = [
        (key, value)
        for key, values in request.GET.lists()
        if key not in (table.filter_param, table.page_param)
        for value in values
    ]
    for label, number in (("previous", table.page - 1), ("next", table.page + 1)):
        if 1 <= number <= table.pages:
            query = request.GET.copy()
            query[table.page_param] = str(number)
            table.page_urls[label] = f"?{query.urlencode()}"


def page_of(
    request: HttpRequest, queryset: Any, table_name: str, searched_fields: Sequence[str], size: int = 50
) -> Any:
    """One page (?page=N) of a list too long to build whole, filtered first in the database by the table's
    filter box (?TABLE-q=text, case ignored, in any of `searched_fields`, the columns the page shows). Give
    the table `paged_total=page.paginator.count` and `page=page.number`: the page states the whole list's total
    and its downloads, which hold the page shown, are named for it. A Django Page."""
    from django.core.paginator import Paginator
    from django.db.models import Q

    wanted = request.GET.get(f"{table_name}-q", "").strip()[:100]
    if wanted:
        condition = Q()
        for name in searched_fields:
            condition |= Q(**{f"{name}__icontains": wanted})
        queryset = queryset.filter(condition)
    return Paginator(queryset, size).get_page(request.GET.get("page"))


def download_name(table: Table, area: Any, fmt: str) -> str:
    """A download's file name says what it holds: area, table and the period the table shows, as the view
    resolved it (beatbook.crime.periods.file_label), e.g. "chesterfield_by-month_2025-04_to_2026-03.csv",
    "chesterfield_burglary_year-ending-2023-03_years-2.csv" or "chesterfield_behind_2026-03-02_to_2026-03-29.csv".
    The default period and the same period asked for by name give the same file name on any day, and different
    periods never share one. Only a table declared a snapshot (`Table.snapshot`: users, current officers, a
    log) is named "as-of" the day it was made; a table that declares neither falls back to that too, which
    tests/test_download_names.py refuses for every page it crawls. A list paged in the database (`paged_total`)
    downloads the page shown, and its name says which: "…_audit-log_page-2_as-of-2026-11-30.csv"."""
    from django.utils import timezone

    period = file_label(table.period) if table.period is not None else f"as-of-{timezone.localdate():%Y-%m-%d}"
    # A list paged in the database downloads the page shown: the name says which (QA 17s).
    page = f"page-{table.page}" if table.paged_total is not None else ""
    parts = [
        getattr(area, "code", "") or "",
        table.file_name or table.name,
        page,
        period,
        _filter_label(table.filter_text),
    ]
    return safe_filename("_".join(part for part in parts if part), fmt)


def _filter_label(text: str) -> str:
    """A filtered download holds only the rows matching its filter: its name says so, after the period (a long
    filter is what the name's length limit cuts), so it is never taken for the whole table (QA 17f:
    `users_as-of-…csv` held one user or all of them). The filter ignores case, and so does its name; a filter
    the name cannot spell exactly (punctuation, accents, over 40 characters) adds a short digest of it, so two
    filters never share a name."""
    wanted = text.strip().lower()
    if not wanted:
        return ""
    spelt = re.sub(r"[^a-z0-9]+", "-", wanted).strip("-")[:40]
    if spelt == wanted:
        return f"filtered-{spelt}"
    digest = hashlib.sha256(wanted.encode()).hexdigest()[:8]
    return f"filtered-{spelt}-{digest}" if spelt else f"filtered-{digest}"


def requested_format(request: HttpRequest) -> str:
    return request.GET.get("format", "html")


def render_with_twins(
    request: HttpRequest,
    template: str,
    context: dict[str, Any],
    table: Table | list[Table],
    *,
    area: Any = None,
    error: str = "",
    period: Covered | None = None,
    snapshot: bool = False,
) -> HttpResponse:
    """The page, or one of its tables as CSV or JSON (?format=csv&table=NAME where a page has several).

    `period` is what the page's tables cover, as the view resolved it, and `snapshot` says they show how things
    stand now; each applies to the tables that do not declare their own (Table.period, Table.snapshot). They
    name the downloads (download_name).

    `error` is a problem with the query that the page shows in its error summary (beside default or empty
    tables); a CSV or JSON twin answers it with 400 and the message instead, so a download never passes off
    default figures as the ones asked for."""
    tables = table if isinstance(table, list) else [table]
    fmt = requested_format(request)
    if error and fmt != "html":
        return HttpResponse(error, status=400, content_type="text/plain")
    for each in tables:
        if each.period is None and not each.snapshot:
            each.period, each.snapshot = period, snapshot
        _apply_request(each, request, paginate=fmt == "html")
    if fmt == "html":
        return render(
            request, template, context | {"table": tables[0], "tables": {t.name.replace("-", "_"): t for t in tables}}
        )
    if fmt not in ("csv", "json"):
        return HttpResponse("format must be html, csv or json", status=400, content_type="text/plain")
    wanted = request.GET.get("table", tables[0].name)
    table = next((t for t in tables if t.name == wanted), None)
    if table is None:
        names = ", ".join(t.name for t in tables)
        return HttpResponse(f"table must be one of: {names}", status=400, content_type="text/plain")
    # A download leaves the system: record it as a disclosure to the person downloading.
    record_event(
        actor=request.user,
        operation=Operation.DISCLOSURE,
        event=f"table.exported.{fmt}",
        area=area,
        object_label=table.name,
        recipient=request.user.get_username() if request.user.is_authenticated else "public",
        request=request,
        detail={"rows": len(table.rows), "query": request.GET.urlencode()[:500]},
    )
    filename = download_name(table, area, fmt)
    if fmt == "csv":
        response = HttpResponse(table.as_csv(), content_type="text/csv; charset=utf-8")
    else:
        response = JsonResponse(table.as_json())
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
