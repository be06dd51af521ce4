"""The printed line names the whole period a page was asked for (QA finding 10) and when it was printed, signed in\nor not; download links are never printed."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import beatbook

TEMPLATES = Path(beatbook.__file__).parent / "templates"


@pytest.mark.django_db
def test_the_hotspot_programme_prints_its_start_and_end(client_as) -> None:
    page = client_as("analyst").get("/areas/derbyshire/hotspot-programme/?since=2023-07-01&to=2024-03-31")
    assert "Period: from 2023-07-01 to 2024-03-31." in page.content.decode()


@pytest.mark.django_db
def test_a_from_to_page_prints_both(client_as) -> None:
    page = client_as("analyst").get("/areas/derbyshire/contact/?from=2022-04&to=2023-03")
    assert "Period: from 2022-04 to 2023-03." in page.content.decode()


@pytest.mark.django_db
def test_a_public_page_printed_signed_out_says_when_without_naming_anyone(client) -> None:  # noqa: ANN001
    """A scrutiny paper or a neighbourhood page printed by a member of the public says when it was printed."""
    page = client.get("/your-area/derbyshire/staveley/").content.decode()
    assert re.search(r'class="govuk-body-s app-print-only">Printed \d+ \w+ \d{4} at \d\d:\d\d \(UK time\)\.</p>', page)
    page = client.get("/glossary/?from=2024-01").content.decode()
    assert "Period: from 2024-01. Printed" in page


DOWNLOAD_LINK = re.compile(
    r"""<a [^>]*href="[^"]*(format=csv|format=json|format='csv'|format='json'|paper_docx|paper_pdf)"""
)


def test_every_download_link_is_left_off_the_printed_page() -> None:
    """Each template's download links (CSV, JSON, DOCX, PDF) sit in a paragraph or span the print stylesheet
    hides (`app-downloads`, `app-no-print`): a printed report shows what it says, not where to fetch it."""
    unhidden = []
    for template in sorted(TEMPLATES.rglob("*.html")):
        text = template.read_text(encoding="utf-8")
        for link in DOWNLOAD_LINK.finditer(text):
            opened = text.rfind("<p", 0, link.start())
            before = text[opened : link.start()] if opened >= 0 else ""
            if "app-downloads" not in before and "app-no-print" not in before:
                line = text.count("\n", 0, link.start()) + 1
                unhidden.append(f"{template.relative_to(TEMPLATES)}:{line}")
    assert unhidden == []
