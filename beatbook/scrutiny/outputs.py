"""A paper as print-ready HTML, DOCX (python-docx) and PDF (WeasyPrint), all from one rendering context.

A published paper's files are made from its frozen snapshot, once, by `generate_paper_files()`, which only
the job queue runs (scrutiny/tasks.py `make_paper_files`, queued at publication): a web process never
renders DOCX or PDF. Drafts are shown as HTML only.
"""

from __future__ import annotations

import html as html_lib
import io
import re
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from beatbook.scrutiny import elements
from beatbook.scrutiny.measures import BREAKDOWNS, how_counted
from beatbook.scrutiny.models import Block, FilesStatus, Measure, Paper
from beatbook.web.tables import Table


@dataclass
class RenderedBlock:
    block: Block
    table: Table | None
    measure: Measure | None  # the live measure a figure links back to

    @property
    def counted(self) -> str:
        return how_counted(self.measure) if self.measure else ""


def _measure_for(block: Block, paper: Paper) -> Measure | None:
    kind, _, name = block.element.partition(":")
    if kind == "measure":
        return Measure.objects.filter(slug=name.split("@")[0]).first()
    definitions = [d for d, key in BREAKDOWNS.items() if key == block.element]
    measures = Measure.objects.filter(definition__in=definitions)
    if paper.meeting.priority_id:
        measures = measures.filter(priority__plan=paper.meeting.priority.plan)
    return measures.first()


def context(paper: Paper) -> dict:
    tables = elements.tables_for(paper)
    sections = []
    for section in paper.sections.prefetch_related("blocks"):
        blocks = [
            RenderedBlock(b, tables.get(b.pk), _measure_for(b, paper) if b.element else None)
            for b in section.blocks.all()
        ]
        sections.append((section, blocks))
    return {
        "paper": paper,
        "meeting": paper.meeting,
        "sections": sections,
        "body_title": settings.LOCAL_POLICING_BODY_TITLE,
        "data_date": paper.snapshot["data_date"] if paper.snapshot else timezone.localdate().isoformat(),
        "how_counted": how_counted,
    }


def paper_html(paper: Paper) -> str:
    """The paper as one self-contained, print-ready HTML document (also the PDF's source)."""
    return render_to_string("scrutiny/paper_print.html", context(paper))


def paper_pdf(paper: Paper) -> bytes:
    from weasyprint import CSS, HTML

    # The stylesheet is read from disk (no web server involved), so the PDF never fetches anything.
    document = HTML(string=paper_html(paper), base_url="https://beatbook.invalid/", url_fetcher=_no_fetching)
    return document.write_pdf(stylesheets=[CSS(filename=str(PRINT_CSS))], pdf_variant="pdf/ua-1")


PRINT_CSS = Path(__file__).parent / "static" / "scrutiny" / "print.css"


def _no_fetching(url: str, *args, **kwargs):  # noqa: ANN002, ANN003, ANN202 - a weasyprint URLFetcherResponse
    """WeasyPrint's fetcher: nothing is fetched (the print stylesheet is passed in directly)."""
    from weasyprint.urls import URLFetcherResponse

    return URLFetcherResponse(url, body=b"", headers={"Content-Type": "text/css"})


def _text(html: str) -> list[str]:
    """Narrative HTML as paragraphs of plain text for Word (list items become their own paragraphs)."""
    parts = re.split(r"</?(?:p|li|br|h4|blockquote)[^>]*>", html)
    return [
        html_lib.unescape(re.sub(r"<[^>]+>", "", part)).strip()
        for part in parts
        if re.sub(r"<[^>]+>", "", part).strip()
    ]


def _cell(value: object, change: bool) -> str:
    if value is None:
        return ""
    if change:
        return f"{value:+.0f}%" if isinstance(value, int | float) else str(value)
    if isinstance(value, int | float):
        return f"{value:,}"
    return str(value)


def paper_docx(paper: Paper) -> bytes:
    """The paper as a Word document: real headings, tables with repeating header rows, numbered paragraphs."""
    from docx import Document
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    data = context(paper)
    meeting = paper.meeting
    document = Document()
    document.core_properties.title = paper.title
    document.core_properties.author = paper.report_by
    document.add_heading(paper.title, level=0)
    document.add_paragraph(
        f"Performance Scrutiny Meeting, {timezone.localtime(meeting.starts_at):%d %B %Y, %H:%M}, {meeting.place}. "
        f"Report by the {paper.report_by} to the {data['body_title']}. Version {paper.version}."
    )
    if paper.correction_note:
        document.add_paragraph(f"Correction: {paper.correction_note}")
    document.add_paragraph(f"Figures as at {data['data_date']}, data to {paper.data_to:%B %Y}.")
    for section, blocks in data["sections"]:
        document.add_heading(f"{section.number}. {section.heading}", level=1)
        for item in blocks:
            paragraphs = _text(item.block.html)
            for index, text in enumerate(paragraphs or ([item.block.caption] if item.table is None else [])):
                document.add_paragraph((f"{item.block.reference} " if index == 0 else "") + text)
            if item.table is None:
                continue
            if not paragraphs:
                document.add_paragraph(f"{item.block.reference}")
            caption = item.block.caption or item.table.caption
            document.add_paragraph(caption, style="Caption")
            table = document.add_table(rows=1, cols=len(item.table.columns))
            table.style = "Table Grid"
            header = table.rows[0]
            flag = OxmlElement("w:tblHeader")
            flag.set(qn("w:val"), "true")
            header._tr.get_or_add_trPr().append(flag)
            for cell, column in zip(header.cells, item.table.columns, strict=True):
                cell.text = column.label
                cell.paragraphs[0].runs[0].bold = True
            for row in item.table.rows:
                cells = table.add_row().cells
                for cell, column in zip(cells, item.table.columns, strict=True):
                    cell.text = _cell(row.get(column.key), column.change)
            source = item.block.source or "Beatbook"
            counted = f" How it is counted: {how_counted(item.measure)}" if item.measure else ""
            document.add_paragraph(f"Source: {source}.{counted}")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def generate_paper_files(paper_id: int) -> Paper:
    """Make and store the DOCX and PDF of a published paper from its frozen snapshot, and mark them ready.

    Safe to run again: files already made are kept (a published paper never changes, so they would be the
    same). Raises Paper.DoesNotExist for an unknown id and ValueError for a paper that is not published."""
    paper = Paper.objects.select_related("meeting", "meeting__priority").get(pk=paper_id)
    if not paper.is_published:
        raise ValueError(f"Paper {paper_id} is not published: only a published paper's files are made")
    if paper.files_status == FilesStatus.READY and paper.docx and paper.pdf:
        return paper
    paper.docx, paper.pdf = paper_docx(paper), paper_pdf(paper)
    paper.files_status, paper.files_error = FilesStatus.READY, ""
    paper.save(update_fields=["docx", "pdf", "files_status", "files_error"])
    return paper


def public_url(paper: Paper) -> str:
    return reverse("scrutiny:paper", args=[paper.uuid])
