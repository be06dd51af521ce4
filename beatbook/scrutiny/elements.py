"""Live elements of a paper: any Beatbook table with a twin, or a measure's history, read for a month.

Keys: "crime:<table>" is a table of the crime page (beatbook.crime.views.build_area_report: asb-by-type,
neighbourhood-crime, summary, crime-by-category, monthly, areas-below, lsoa-rates) for the meeting's force,
or for another area with "@<area code>"; "measure:<slug>" is a measure's monthly history.
While a paper is a draft its elements are read live; at publication `freeze()` stores each as table JSON.
"""

from __future__ import annotations

from datetime import date

from beatbook.areas.models import Area
from beatbook.scrutiny import measures
from beatbook.scrutiny.models import Measure, Paper
from beatbook.web.tables import Column, Table

CRIME_TABLES = [
    ("crime:asb-by-type", "ASB incidents by type (crime page)"),
    ("crime:neighbourhood-crime", "Neighbourhood crime by type (crime page)"),
    ("crime:summary", "Summary of crime and ASB by period (crime page)"),
    ("crime:crime-by-category", "Crime by police.uk category (crime page)"),
    ("crime:monthly", "Crime and ASB by month (crime page)"),
    ("crime:areas-below", "Crime and ASB in the areas below (crime page)"),
]


class ElementError(ValueError):
    """The element key names no table Beatbook has."""


def choices() -> list[tuple[str, str]]:
    return CRIME_TABLES + [(f"measure:{m.slug}", f"Measure: {m.name}") for m in Measure.objects.all()]


def validate(key: str) -> None:
    kind, _, name = key.partition(":")
    name = name.split("@")[0]
    if kind == "crime" and f"crime:{name}" in dict(CRIME_TABLES):
        return
    if kind == "measure" and Measure.objects.filter(slug=name).exists():
        return
    raise ElementError(f"'{key}' is not a table Beatbook can embed: choose one of the listed tables or measures")


def read(key: str, force: Area, last: date, cache: dict | None = None) -> Table | None:
    """The live table for `key` with data to the month `last`, or None when there is no data."""
    cache = {} if cache is None else cache
    kind, _, name = key.partition(":")
    name, _, code = name.partition("@")
    if kind == "measure":
        measure = Measure.objects.select_related("area").filter(slug=name).first()
        if measure is None:
            return None
        return measures.history_table(measure, measures.history(measure, last, months=13))
    area = Area.objects.filter(code=code).first() if code else force
    if area is None:
        return None
    if area.pk not in cache:
        from beatbook.crime.views import build_area_report

        cache[area.pk] = build_area_report(area, last)
    report = cache[area.pk]
    if report is None:
        return None
    return next((table for table in report.tables if table.name == name), None)


def table_from_json(data: dict) -> Table:
    """A frozen table (Table.as_json) back as a Table, to render exactly as it was published."""
    columns = [Column(c["key"], c["label"], c.get("numeric", False), c.get("change", False)) for c in data["columns"]]
    return Table(name=data["table"], caption=data["caption"], columns=columns, rows=data["rows"])


def table_to_json(table: Table) -> dict:
    body = table.as_json()
    body["columns"] = [
        {"key": c.key, "label": c.label, "numeric": c.numeric, "change": c.change} for c in table.columns
    ]
    return body


def tables_for(paper: Paper) -> dict[int, Table | None]:
    """Every element block's table: frozen for a published paper, live (to `paper.data_to`) for a draft."""
    blocks = [b for s in paper.sections.all() for b in s.blocks.all() if b.element]
    if paper.snapshot is not None:
        frozen = paper.snapshot.get("elements", {})
        return {b.pk: table_from_json(frozen[str(b.pk)]) if frozen.get(str(b.pk)) else None for b in blocks}
    cache: dict = {}
    return {b.pk: read(b.element, paper.meeting.force, paper.data_to, cache) for b in blocks}
