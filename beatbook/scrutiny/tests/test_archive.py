"""The public archive with the demo: meetings, the March 2023 paper as HTML, DOCX and PDF, its questions."""

from __future__ import annotations

import io
import re
from html import escape

import pytest
from django.test import Client

from beatbook.scrutiny.models import Meeting, Paper

# Seed 000: table 5.2 (ASB by type) and 7.2 (neighbourhood crime by type), financial years 2018/19–2021/22
# and the 12 months to December 2022. The tests load a tenth of the calibrated demo, so a tenth of these.
pytestmark = pytest.mark.django_db

SEED_ASB_TOTALS = [37_405, 25_548, 52_396, 27_791, 23_220]
SEED_NEIGHBOURHOOD_TOTALS = [10_987, 10_645, 8_053, 8_160, 8_567]


def _march() -> Meeting:
    return Meeting.objects.get(starts_at__date="2023-03-21")


def _near_tenth(values: list[int], seed: list[int]) -> bool:
    return all(abs(v - s / 10) <= max(60, s / 100) for v, s in zip(values, seed, strict=True))


def _numbers(text: str) -> int:
    return int(text.replace(",", ""))


def test_the_archive_lists_the_demo_meetings(scrutiny_demo) -> None:  # noqa: ANN001
    body = Client().get("/scrutiny/?format=json&table=meetings").json()
    titles = [row["title"] for row in body["rows"]]
    assert "Neighbourhood crime and anti-social behaviour" in titles and "Strong local policing" in titles
    html = Client().get("/scrutiny/").content.decode()
    assert "21 March 2023" in html and "28 November 2023" in html


def test_the_march_meeting_links_its_paper_in_three_formats(scrutiny_demo) -> None:  # noqa: ANN001
    meeting = _march()
    paper = Paper.objects.get(meeting=meeting)
    html = Client().get(f"/scrutiny/meetings/{meeting.uuid}/").content.decode()
    for url in (
        f"/scrutiny/papers/{paper.uuid}/",
        f"/scrutiny/papers/{paper.uuid}/paper.docx",
        f"/scrutiny/papers/{paper.uuid}/paper.pdf",
    ):
        assert f'href="{url}"' in html, url
        assert Client().get(url).status_code == 200


def test_the_demo_papers_are_frozen_as_at_their_meetings_not_the_loading_day(scrutiny_demo) -> None:  # noqa: ANN001
    dates = {paper.meeting.title: paper.snapshot["data_date"] for paper in Paper.objects.filter(snapshot__isnull=False)}
    assert dates["Neighbourhood crime and anti-social behaviour"] == "2023-03-21"  # seed 000: 21 March 2023
    assert dates["Strong local policing"] == "2023-11-28"  # seed 002: 28 November 2023
    paper = Paper.objects.get(meeting=_march())
    assert "As at 2023-03-21" in Client().get(f"/scrutiny/papers/{paper.uuid}/").content.decode()


def test_the_demo_papers_and_answers_are_published_on_their_meetings_day(scrutiny_demo) -> None:  # noqa: ANN001
    from django.utils import timezone

    from beatbook.audit.models import AuditEvent

    published = {
        paper.meeting.title: timezone.localtime(paper.published_at).date().isoformat()
        for paper in Paper.objects.filter(published_at__isnull=False)
    }
    assert published == {
        "Neighbourhood crime and anti-social behaviour": "2023-03-21",
        "Strong local policing": "2023-11-28",
    }
    for paper in Paper.objects.filter(published_at__isnull=False):
        assert paper.submitted_at < paper.published_at
    march = _march()
    page = Client().get(f"/scrutiny/papers/{Paper.objects.get(meeting=march).uuid}/").content.decode()
    assert "published 21 March 2023" in page and "As at 2023-03-21" in page
    assert march.questions_published_at == march.starts_at
    assert {q.published_at for q in march.questions.all()} == {march.starts_at}
    # Recorded now, saying for when: the audit trail keeps the day the demo was loaded.
    event = AuditEvent.objects.filter(event="scrutiny.paper.published").earliest("pk")
    assert event.detail["backdated"] is True and event.detail["published_at"].startswith("2023-03-21")
    assert event.at.date() == timezone.now().date()


def _frozen_totals(paper: Paper, name: str) -> list[int]:
    table = next(t for t in paper.snapshot["elements"].values() if t and t["table"] == name)
    total = table["rows"][-1]
    return [total[c["key"]] for c in table["columns"][1:6]]


def test_the_docx_holds_the_seed_tables(scrutiny_demo) -> None:  # noqa: ANN001
    from docx import Document

    paper = Paper.objects.get(meeting=_march())
    document = Document(io.BytesIO(Client().get(f"/scrutiny/papers/{paper.uuid}/paper.docx").content))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert any(h.startswith("5. Sub-objective 3") for h in headings) and any(
        h.startswith("7. Sub-objective 5") for h in headings
    )
    tables = {t.rows[0].cells[0].text: t for t in document.tables}
    asb, crime = tables["ASB incidents by type"], tables["Crime type"]
    assert [c.text for c in asb.rows[0].cells][1:6] == [
        "2018/19",
        "2019/20",
        "2020/21",
        "2021/22",
        "12 months to Dec 2022",
    ]
    assert [r.cells[0].text for r in asb.rows[1:]] == ["Environmental", "Nuisance", "Personal", "Total"]
    asb_totals = [_numbers(c.text) for c in asb.rows[-1].cells[1:6]]
    crime_totals = [_numbers(c.text) for c in crime.rows[-1].cells[1:6]]
    assert asb_totals == _frozen_totals(paper, "asb-by-type") and _near_tenth(asb_totals, SEED_ASB_TOTALS)
    assert crime_totals == _frozen_totals(paper, "neighbourhood-crime")
    assert _near_tenth(crime_totals, SEED_NEIGHBOURHOOD_TOTALS)
    assert "BURGLARY – RESIDENTIAL" in [r.cells[0].text for r in crime.rows]
    # Table header rows repeat on each page: a real header for screen readers and print.
    assert asb.rows[0]._tr.trPr is not None and "tblHeader" in asb.rows[0]._tr.trPr.xml


def test_the_pdf_has_the_same_tables(scrutiny_demo) -> None:  # noqa: ANN001
    from pypdf import PdfReader

    paper = Paper.objects.get(meeting=_march())
    reader = PdfReader(io.BytesIO(Client().get(f"/scrutiny/papers/{paper.uuid}/paper.pdf").content))
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "ASB incidents by type" in text and "Neighbourhood crime by type" in text
    for value in _frozen_totals(paper, "asb-by-type") + _frozen_totals(paper, "neighbourhood-crime"):
        assert f"{value:,}" in text, value


def test_the_meeting_questions_twin_has_the_eleven_answers(scrutiny_demo) -> None:  # noqa: ANN001
    body = Client().get(f"/scrutiny/meetings/{_march().uuid}/?format=json&table=questions").json()
    rows = body["rows"]
    assert len(rows) == 11
    assert [r["number"] for r in rows] == list(range(1, 12))
    assert {r["theme"] for r in rows} == {
        "Visible policing",
        "Vehicle related",
        "Specific location",
        "Police performance",
        "Miscellaneous",
    }
    assert rows[0]["area"] == "Resident from Bolsover" and rows[9]["area"] == "Resident from North East Derbyshire"
    assert all(r["answer"] for r in rows)
    assert "resident1@example.invalid" not in str(body) and "Demo resident" not in str(body)


def test_the_trail_from_priority_to_measures_papers_and_questions(scrutiny_demo) -> None:  # noqa: ANN001
    meeting = _march()
    page = Client().get(f"/scrutiny/priorities/{meeting.priority.pk}/").content.decode()
    assert "ASB incidents in the rolling 12 months" in page and "Neighbourhood crime and anti-social behaviour" in page
    assert "Shirebrook Park" in page
    paper = Paper.objects.get(meeting=meeting)
    html = Client().get(f"/scrutiny/papers/{paper.uuid}/").content.decode()
    assert 'href="/scrutiny/measures/asb-incidents-rolling-12-months/"' in html and "frozen at publication" in html
    measure = Client().get("/scrutiny/measures/asb-incidents-rolling-12-months/").content.decode()
    assert "How it is counted" in measure and "<svg" in measure and escape(paper.title) in measure
    by_type = Client().get("/scrutiny/measures/asb-incidents-rolling-12-months/?format=json&table=asb-by-type").json()
    assert [r["label"] for r in by_type["rows"]] == ["Environmental", "Nuisance", "Personal", "Total"]


def test_the_feed_and_search(scrutiny_demo) -> None:  # noqa: ANN001
    feed = Client().get("/scrutiny/feed/")
    assert feed.status_code == 200 and b"<feed" in feed.content and b"neighbourhood crime" in feed.content
    found = Client().get("/scrutiny/?q=scooter&format=json&table=meetings").json()["rows"]
    assert [r["title"] for r in found] == ["Neighbourhood crime and anti-social behaviour"]


def test_end_of_term_comparison(scrutiny_demo) -> None:  # noqa: ANN001
    url = "/scrutiny/compare/?first=2021-05&second=2022-12&measure=asb-incidents-rolling-12-months&format=json"
    rows = Client().get(url).json()["rows"]
    assert len(rows) == 1 and rows[0]["first"] > rows[0]["second"] and rows[0]["change"] < 0
    assert Client().get("/scrutiny/compare/?first=May&second=2022-12").status_code == 200
    # Reversed or absurd months are refused with what to fix, and compare nothing (issue 17 item 7).
    for query, message in [("first=2022-12&second=2021-05", "swap them"), ("first=1066-05&second=2022-12", "between")]:
        page = Client().get(f"/scrutiny/compare/?{query}").content.decode()
        assert "There is a problem" in page and message in page, query
        assert Client().get(f"/scrutiny/compare/?{query}&format=json").json()["rows"] == [], query


@pytest.mark.parametrize("path", ["/scrutiny/papers/00000000-0000-0000-0000-000000000000/"])
def test_unknown_papers_are_404(path: str, db) -> None:  # noqa: ANN001
    assert Client().get(path).status_code == 404


def test_the_november_paper_has_the_shape_of_the_seed(scrutiny_demo) -> None:  # noqa: ANN001
    paper = Paper.objects.get(meeting__starts_at__date="2023-11-28")
    headings = list(paper.sections.values_list("number", "heading"))
    assert len(headings) == 13 and headings[7][1].startswith("Sub-objective 6: improving the 101 and 999")
    calls = next(t for t in paper.snapshot["elements"].values() if t and t["table"] == "history")
    assert [r["value"] for r in calls["rows"]] == [70, 88, 91]


def test_paragraph_numbering_follows_the_seed(scrutiny_demo) -> None:  # noqa: ANN001
    paper = Paper.objects.get(meeting=_march())
    html = Client().get(f"/scrutiny/papers/{paper.uuid}/").content.decode()
    assert re.search(r">5\.2</span>", html) and re.search(r">7\.2</span>", html)


def test_the_print_ready_page_stands_alone(scrutiny_demo) -> None:  # noqa: ANN001
    paper = Paper.objects.get(meeting=_march())
    page = Client().get(f"/scrutiny/papers/{paper.uuid}/?print=1").content.decode()
    assert page.startswith("<!DOCTYPE html>") and "<h1>" in page and 'href="/static/scrutiny/print.css"' in page
    assert '<th scope="col"' in page and "5.2" in page
    assert Client().get("/static/scrutiny/print.css").status_code == 200
