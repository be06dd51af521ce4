"""Tables shown on pages, with their CSV and JSON twins.

A view builds one `Table` and hands it to `render_with_twins()`: the HTML page shows it with the
GOV.UK table component, and the same URL with ?format=csv or ?format=json returns the same rows,
so the twins always have the same filters and the same permission checks as the page.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from beatbook.audit.models import Operation
from beatbook.audit.record import record_event
from beatbook.lib.csvsafe import csv_text, safe_filename


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    numeric: bool = False
    change: bool = False  # a % change: shown as "+5%", exported as the number


@dataclass
class Table:
    name: str  # used for the download file name and the JSON "table" field
    caption: str
    columns: Sequence[Column]
    rows: list[dict[str, Any]] = field(default_factory=list)
    # Cells that should link somewhere on the HTML page: {(row index, column key): url}.
    links: dict[tuple[int, str], str] = field(default_factory=dict)
    # The page shows at most this many rows (the CSV and JSON twins always have them all).
    display_limit: int | None = None

    def cells(self) -> list[list[dict[str, Any]]]:
        """Rows as lists of {value, numeric, url} for the table template."""
        shown = self.rows[: self.display_limit] if self.display_limit else self.rows
        return [
            [
                {
                    "value": row.get(column.key),
                    "numeric": column.numeric,
                    "change": column.change,
                    "url": self.links.get((index, column.key)),
                }
                for column in self.columns
            ]
            for index, row in enumerate(shown)
        ]

    @property
    def truncated(self) -> bool:
        return bool(self.display_limit) and len(self.rows) > self.display_limit

    def as_csv(self) -> str:
        return csv_text([c.key for c in self.columns], ([row.get(c.key) for c in self.columns] for row in self.rows))

    def as_json(self) -> dict[str, Any]:
        return {
            "table": self.name,
            "caption": self.caption,
            "columns": [{"key": c.key, "label": c.label} for c in self.columns],
            "rows": [{c.key: row.get(c.key) for c in self.columns} for row in self.rows],
        }


def requested_format(request: HttpRequest) -> str:
    return request.GET.get("format", "html")


def render_with_twins(
    request: HttpRequest, template: str, context: dict[str, Any], table: Table | list[Table], *, area: Any = None
) -> HttpResponse:
    """The page, or one of its tables as CSV or JSON (?format=csv&table=NAME where a page has several)."""
    tables = table if isinstance(table, list) else [table]
    fmt = requested_format(request)
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
    filename = safe_filename(table.name, fmt)
    if fmt == "csv":
        response = HttpResponse(table.as_csv(), content_type="text/csv; charset=utf-8")
    else:
        response = JsonResponse(table.as_json())
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
