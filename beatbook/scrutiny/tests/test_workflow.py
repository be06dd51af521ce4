"""The paper and question workflows: freezing at publication, corrections, moderation rules, deadlines."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from beatbook.areas.models import Area
from beatbook.jobs.inline import run_queued_jobs
from beatbook.lib.dates import london_to_utc
from beatbook.scrutiny import actions, measures, rules
from beatbook.scrutiny.models import Paper, PaperStatus, Question, QuestionStatus, Theme

SAMPLE = Path(__file__).resolve().parents[2] / "crime" / "tests" / "fixtures" / "2018-07-west-yorkshire-street.csv"


def _meeting(plan: dict, personas: dict, days: int = 60):  # noqa: ANN202
    return actions.do_create_meeting(
        force=plan["force"], title="Neighbourhood crime", starts_at=timezone.now() + timedelta(days=days),
        place="Online", online=True, priority=plan["priority"], agenda=["Introductions", "Report"],
        acting_user=personas["scrutiny"],
    )  # fmt: skip


def _import(client: Client, month: str, capture) -> None:  # noqa: ANN001
    text = SAMPLE.read_text().replace("2018-07", month).replace("West Yorkshire Police", "Derbyshire Constabulary")
    with capture(execute=True):
        client.post(
            "/data/imports/",
            {
                "file": SimpleUploadedFile(f"{month}-derbyshire-street.csv", text.encode()),
                "force": Area.objects.get(code="derbyshire").pk,
            },
        )


def _main(page: bytes) -> bytes:
    """The page's main content (the nonce in the head differs on every request) without the print line, which
    says the minute it was printed."""
    main = page[page.index(b"<main") : page.index(b"</main>")]
    return re.sub(rb'<p class="govuk-body-s app-print-only">Printed [^<]*</p>', b"", main)


def test_a_published_paper_keeps_its_figures_while_the_live_measure_moves(
    plan, personas, client_as, django_capture_on_commit_callbacks, settings
) -> None:  # noqa: ANN001
    settings.IMPORTS_IN_BACKGROUND = False
    _import(client_as("analyst"), "2018-07", django_capture_on_commit_callbacks)
    measure = plan["measure"]
    assert measures.value_at(measure, date(2018, 8, 1)) == 60
    paper = actions.do_draft_paper(
        meeting=_meeting(plan, personas), title="Report", data_to=date(2018, 8, 1), acting_user=personas["analyst"]
    )
    section = actions.do_add_section(paper=paper, heading="ASB", acting_user=personas["analyst"])
    actions.do_add_block(
        section=section,
        html="<p>ASB fell.</p>",
        element="measure:asb-12",
        caption="ASB",
        acting_user=personas["analyst"],
    )
    actions.do_add_block(
        section=section, element="crime:asb-by-type", caption="ASB by type", acting_user=personas["analyst"]
    )
    actions.do_submit_paper(paper=paper, acting_user=personas["analyst"])
    actions.do_publish_paper(paper=paper, acting_user=personas["scrutiny"])
    before = _main(Client().get(f"/scrutiny/papers/{paper.uuid}/").content)

    _import(client_as("analyst"), "2018-08", django_capture_on_commit_callbacks)

    assert measures.value_at(measure, date(2018, 8, 1)) == 120  # the live measure moved
    paper.refresh_from_db()
    frozen = [t for t in paper.snapshot["elements"].values()]
    assert frozen[0]["rows"][-1] == {"month": "Aug 2018", "value": 60}
    assert _main(Client().get(f"/scrutiny/papers/{paper.uuid}/").content) == before  # the page is unchanged
    assert b">60<" in before or b"60\n" in before
    live = Client().get("/scrutiny/measures/asb-12/?format=json").json()["rows"]
    assert live[-1] == {"month": "Aug 2018", "value": 120}
    with pytest.raises(actions.WorkflowError, match="Only a draft"):
        actions.do_add_section(paper=paper, heading="Late", acting_user=personas["analyst"])


def test_a_correction_is_a_new_version_with_a_note(plan, personas) -> None:  # noqa: ANN001
    paper = actions.do_draft_paper(
        meeting=_meeting(plan, personas), title="Report", data_to=date(2018, 8, 1), acting_user=personas["analyst"]
    )
    section = actions.do_add_section(paper=paper, heading="Overview", acting_user=personas["analyst"])
    actions.do_add_block(
        section=section, html="<p>Figures <script>alert(1)</script>here</p>", acting_user=personas["analyst"]
    )
    assert "<script>" not in section.blocks.get().html
    with pytest.raises(actions.WorkflowError):
        actions.do_publish_paper(paper=paper, acting_user=personas["scrutiny"])  # not submitted yet
    actions.do_submit_paper(paper=paper, acting_user=personas["analyst"])
    paper = actions.do_publish_paper(paper=paper, acting_user=personas["scrutiny"])
    with pytest.raises(actions.WorkflowError, match="Say what"):
        actions.do_correct_paper(paper=paper, note=" ", acting_user=personas["analyst"])
    second = actions.do_correct_paper(paper=paper, note="Paragraph 1.1 corrected", acting_user=personas["analyst"])
    assert second.version == 2 and second.status == PaperStatus.DRAFT and second.sections.get().blocks.count() == 1
    page = Client().get(f"/scrutiny/papers/{paper.uuid}/")
    assert page.status_code == 200 and b"Version" in page.content
    assert Client().get(f"/scrutiny/papers/{second.uuid}/").status_code == 404  # a draft is not public


def test_a_paper_is_frozen_as_at_the_date_given_and_never_a_future_one(plan, personas) -> None:  # noqa: ANN001
    paper = actions.do_draft_paper(
        meeting=_meeting(plan, personas), title="Report", data_to=date(2018, 8, 1), acting_user=personas["analyst"]
    )
    actions.do_add_section(paper=paper, heading="Overview", acting_user=personas["analyst"])
    actions.do_submit_paper(paper=paper, acting_user=personas["analyst"])
    tomorrow = timezone.localdate() + timedelta(days=1)
    with pytest.raises(actions.WorkflowError, match="in the future"):
        actions.do_publish_paper(paper=paper, acting_user=personas["scrutiny"], data_date=tomorrow)
    with pytest.raises(actions.WorkflowError, match="before the paper's data"):
        actions.do_publish_paper(paper=paper, acting_user=personas["scrutiny"], data_date=date(2018, 7, 31))
    paper = actions.do_publish_paper(paper=paper, acting_user=personas["scrutiny"], data_date=date(2018, 9, 18))
    assert paper.snapshot["data_date"] == "2018-09-18"
    assert "As at 2018-09-18" in Client().get(f"/scrutiny/papers/{paper.uuid}/").content.decode()


def test_a_paper_published_before_it_was_recorded_keeps_its_publication_time(plan, personas) -> None:  # noqa: ANN001
    from beatbook.audit.models import AuditEvent

    paper = actions.do_draft_paper(
        meeting=_meeting(plan, personas), title="Report", data_to=date(2018, 8, 1), acting_user=personas["analyst"]
    )
    actions.do_add_section(paper=paper, heading="Overview", acting_user=personas["analyst"])
    submitted = london_to_utc(datetime(2018, 9, 11, 9))
    with pytest.raises(actions.WorkflowError, match="time zone"):
        actions.do_submit_paper(paper=paper, acting_user=personas["analyst"], submitted_at=datetime(2018, 9, 11, 9))
    actions.do_submit_paper(paper=paper, acting_user=personas["analyst"], submitted_at=submitted)
    scrutiny = personas["scrutiny"]
    with pytest.raises(actions.WorkflowError, match="in the future"):
        actions.do_publish_paper(paper=paper, acting_user=scrutiny, published_at=timezone.now() + timedelta(hours=1))
    with pytest.raises(actions.WorkflowError, match="before the paper was submitted"):
        actions.do_publish_paper(paper=paper, acting_user=scrutiny, published_at=submitted - timedelta(days=1))
    published = london_to_utc(datetime(2018, 9, 18, 9))
    with pytest.raises(actions.WorkflowError, match="after the paper was published"):
        actions.do_publish_paper(paper=paper, acting_user=scrutiny, published_at=published, data_date=date(2018, 9, 19))
    paper = actions.do_publish_paper(paper=paper, acting_user=scrutiny, published_at=published)
    assert paper.published_at == published and paper.snapshot["data_date"] == "2018-09-18"  # as at its own day
    page = Client().get(f"/scrutiny/papers/{paper.uuid}/").content.decode()
    assert "published 18 September 2018" in page and "As at 2018-09-18" in page
    event = AuditEvent.objects.filter(event="scrutiny.paper.published").latest("pk")
    assert event.detail == {"published_at": published.isoformat(), "backdated": True}
    assert event.at > published  # recorded now, for then
    submitted_event = AuditEvent.objects.filter(event="scrutiny.paper.submitted").latest("pk")
    assert submitted_event.detail == {"submitted_at": submitted.isoformat(), "backdated": True}


def test_the_workflow_through_the_pages(plan, personas, client_as) -> None:  # noqa: ANN001
    paper = actions.do_draft_paper(
        meeting=_meeting(plan, personas), title="Report", data_to=date(2018, 8, 1), acting_user=personas["analyst"]
    )
    actions.do_add_section(paper=paper, heading="Overview", acting_user=personas["analyst"])
    url = f"/scrutiny/manage/papers/{paper.uuid}/"
    assert client_as("scrutiny").post(url, {"step": "submit"}).status_code == 403  # the force submits
    assert client_as("analyst").post(url, {"step": "submit"}).status_code == 302
    assert client_as("analyst").post(url, {"step": "publish"}).status_code == 403  # the body publishes
    assert client_as("scrutiny").post(url, {"step": "publish"}).status_code == 302
    paper.refresh_from_db()
    assert paper.is_published and paper.snapshot["data_date"] == timezone.localdate().isoformat()
    assert paper.files_status == "queued" and paper.docx is None  # made by the job queue, not the request
    assert run_queued_jobs() == 1
    paper.refresh_from_db()
    assert bytes(paper.pdf).startswith(b"%PDF") and bytes(paper.docx).startswith(b"PK")


def _ask(meeting, number: int = 1, email: str = "a@example.invalid", text: str = "Why are there so few patrols?"):  # noqa: ANN001, ANN202
    return actions.do_ask_question(
        meeting=meeting, name=f"Asker {number}", email=email, area="Bolsover", text=text, theme=Theme.VISIBLE_POLICING
    )


def test_the_public_form_takes_a_question_and_hides_the_asker(plan, personas) -> None:  # noqa: ANN001
    meeting = _meeting(plan, personas)
    client = Client()
    form = client.get(f"/scrutiny/meetings/{meeting.uuid}/ask/")
    assert form.status_code == 200 and b"Never published" in form.content
    empty = client.post(f"/scrutiny/meetings/{meeting.uuid}/ask/", {})
    assert empty.status_code == 200 and b"govuk-error-summary" in empty.content and not Question.objects.exists()
    data = {
        "name": "Jo Bloggs",
        "email": "jo@example.invalid",
        "area": "Bolsover",
        "theme": "visible_policing",
        "text": "Why so few patrols?",
    }
    assert client.post(f"/scrutiny/meetings/{meeting.uuid}/ask/", data).status_code == 302
    assert Question.objects.get().asker_name == "Jo Bloggs"
    # A bot fills the hidden field: thanked, nothing kept.
    assert client.post(f"/scrutiny/meetings/{meeting.uuid}/ask/", data | {"website": "spam"}).status_code == 302
    assert Question.objects.count() == 1
    # QA 17s: the same question sent twice (a double click) is one question, under its first reference.
    again = client.post(f"/scrutiny/meetings/{meeting.uuid}/ask/", data, follow=True).content.decode()
    assert Question.objects.count() == 1 and Question.objects.get().reference in again


def test_the_asker_sees_the_reference_and_no_one_else_does(plan, personas) -> None:  # noqa: ANN001
    # QA 12: the reference was only emailed, so an asker with no email address never had it.
    meeting = _meeting(plan, personas)
    client = Client()
    data = {"name": "Jo Bloggs", "email": "", "area": "Bolsover", "theme": "visible_policing", "text": "Why?"}
    response = client.post(f"/scrutiny/meetings/{meeting.uuid}/ask/", data, follow=True)
    reference = Question.objects.get().reference
    page = response.content.decode()
    assert reference.startswith("Q-") and reference in page
    assert "Jo Bloggs" not in page and "Why?" not in page
    assert reference not in response.redirect_chain[-1][0]  # never in the address
    assert reference not in Client().get(f"/scrutiny/meetings/{meeting.uuid}/asked/").content.decode()


def test_questions_from_one_address_are_rate_limited(plan, personas, settings) -> None:  # noqa: ANN001
    settings.SCRUTINY_QUESTIONS_PER_HOUR_PER_ADDRESS = 2
    meeting = _meeting(plan, personas)
    client = Client()
    data = {"name": "Jo", "email": "jo@example.invalid", "area": "Bolsover", "theme": "miscellaneous", "text": "Q"}
    statuses = [
        client.post(f"/scrutiny/meetings/{meeting.uuid}/ask/", data | {"text": f"Q{number}"}).status_code
        for number in range(3)
    ]
    assert statuses == [302, 302, 429] and Question.objects.count() == 2


def test_moderation_rules(plan, personas) -> None:  # noqa: ANN001
    meeting = _meeting(plan, personas)
    first, second, third = (
        _ask(meeting, n, text=f"Question number {n} about patrols in the district?") for n in (1, 2, 3)
    )
    assert rules.check(first) == []
    assert [f.rule for f in rules.check(third)] == ["per_person"]
    late = _meeting(plan, personas, days=3)
    assert "notice" in [f.rule for f in rules.check(_ask(late, 4, email="b@example.invalid"))]
    case = _ask(meeting, 5, email="c@example.invalid", text="What happened to my case against my neighbour?")
    assert "individual_case" in [f.rule for f in rules.check(case)]
    with pytest.raises(actions.WorkflowError, match="Say why"):
        actions.do_moderate_question(question=case, accept=False, acting_user=personas["scrutiny"])
    actions.do_moderate_question(
        question=case, accept=False, reason="About an individual case", acting_user=personas["scrutiny"]
    )
    accepted = actions.do_moderate_question(question=first, accept=True, acting_user=personas["scrutiny"])
    assert accepted.number == 1 and accepted.answer_due_on == rules.answer_due_on(meeting)
    with pytest.raises(Exception, match="does not allow"):
        actions.do_moderate_question(question=second, accept=True, acting_user=personas["analyst"])


def test_a_repeat_within_six_months_is_flagged(plan, personas) -> None:  # noqa: ANN001
    meeting = _meeting(plan, personas)
    earlier = _ask(meeting, 1)
    Question.objects.filter(pk=earlier.pk).update(
        status=QuestionStatus.PUBLISHED, published_at=timezone.now() - timedelta(days=40)
    )
    again = _ask(_meeting(plan, personas, days=90), 2, email="z@example.invalid")
    assert "repeat" in [f.rule for f in rules.check(again)]


def test_working_days_skip_weekends_and_bank_holidays() -> None:
    # Good Friday 7 April and Easter Monday 10 April 2023 were bank holidays in England and Wales.
    assert rules.add_working_days(date(2023, 4, 6), 1) == date(2023, 4, 11)
    assert rules.add_working_days(date(2023, 4, 11), -1) == date(2023, 4, 6)
    assert rules.working_days_between(date(2023, 4, 6), date(2023, 4, 14)) == 4
    assert not rules.is_working_day(date(2023, 12, 25)) and rules.is_working_day(date(2023, 12, 27))


def test_overdue_and_very_overdue_lists(plan, personas, client_as) -> None:  # noqa: ANN001
    meeting = _meeting(plan, personas, days=30)
    late, very_late = _ask(meeting, 1), _ask(meeting, 2, email="b@example.invalid")
    for question in (late, very_late):
        actions.do_moderate_question(question=question, accept=True, acting_user=personas["scrutiny"])
    today = timezone.localdate()
    Question.objects.filter(pk=late.pk).update(answer_due_on=rules.add_working_days(today, -2))
    Question.objects.filter(pk=very_late.pk).update(answer_due_on=rules.add_working_days(today, -8))
    body = client_as("scrutiny").get("/scrutiny/manage/?format=json&table=overdue").json()
    assert [r["number"] for r in body["rows"]] == [1]
    body = client_as("scrutiny").get("/scrutiny/manage/?format=json&table=very-overdue").json()
    assert [r["number"] for r in body["rows"]] == [2]


def test_answer_approve_publish(plan, personas, client_as) -> None:  # noqa: ANN001
    meeting = _meeting(plan, personas)
    question = _ask(meeting)
    url = f"/scrutiny/manage/questions/{question.uuid}/"
    # The force sees the question but not who asked; the scrutiny officer does, and the read is audited.
    assert b"Asker 1" not in client_as("analyst").get(url).content
    assert b"Asker 1" in client_as("scrutiny").get(url).content
    assert client_as("scrutiny").post(url, {"step": "moderate", "decision": "accept"}).status_code == 302
    assert client_as("analyst").post(url, {"step": "answer", "answer": "<p>More patrols.</p>"}).status_code == 302
    assert client_as("analyst").post(url, {"step": "approve"}).status_code == 403
    assert client_as("scrutiny").post(url, {"step": "approve"}).status_code == 302
    assert client_as("scrutiny").post(f"/scrutiny/manage/meetings/{meeting.uuid}/publish-questions/").status_code == 302
    rows = Client().get(f"/scrutiny/meetings/{meeting.uuid}/?format=json&table=questions").json()["rows"]
    assert rows == [
        {
            "number": 1,
            "theme": "Visible policing",
            "area": "Resident from Bolsover",
            "question": question.text,
            "answer": "More patrols.",
        }
    ]


def test_a_bank_holiday_moves_the_notice_date(plan, personas) -> None:  # noqa: ANN001
    with time_machine.travel(datetime(2023, 3, 1, 12, tzinfo=timezone.get_current_timezone())):
        meeting = actions.do_create_meeting(
            force=plan["force"], title="Road safety", starts_at=london_to_utc(datetime(2023, 5, 16, 10)), place="Online",
            priority=plan["priority"], acting_user=personas["scrutiny"],
        )  # fmt: skip
        # Ten working days before Tuesday 16 May 2023 skip the bank holidays of Monday 8 May (the coronation)
        # and Monday 1 May (early May).
        assert rules.questions_close_on(meeting) == date(2023, 4, 28)
        assert meeting in actions.open_meetings()


SENTINEL = "ZQXSENTINEL"


def test_public_pages_pass_the_personal_data_sentinel_crawl(plan, personas) -> None:  # noqa: ANN001
    """Askers' names and emails, unpublished questions and answers, and draft papers never reach the public."""
    meeting = _meeting(plan, personas)
    published = actions.do_ask_question(
        meeting=meeting, name=f"{SENTINEL} Smith", email=f"{SENTINEL.lower()}@example.invalid", area="Bolsover",
        text="Why so few patrols?", theme=Theme.VISIBLE_POLICING,
    )  # fmt: skip
    rejected = _ask(meeting, 2, email="r@example.invalid", text=f"What about {SENTINEL} next door?")
    unapproved = _ask(meeting, 3, email="u@example.invalid", text="What about parking?")
    scrutiny, analyst = personas["scrutiny"], personas["analyst"]
    actions.do_moderate_question(question=rejected, accept=False, reason=f"About {SENTINEL}", acting_user=scrutiny)
    for question in (published, unapproved):
        actions.do_moderate_question(question=question, accept=True, acting_user=scrutiny)
    actions.do_answer_question(question=published, answer="<p>More patrols.</p>", acting_user=analyst)
    actions.do_answer_question(question=unapproved, answer=f"<p>Draft naming {SENTINEL}</p>", acting_user=analyst)
    actions.do_approve_answer(question=published, acting_user=scrutiny)
    actions.do_publish_questions(meeting=meeting, acting_user=scrutiny)
    paper = actions.do_draft_paper(meeting=meeting, title="Report", data_to=date(2018, 8, 1), acting_user=analyst)
    section = actions.do_add_section(paper=paper, heading="Overview", acting_user=analyst)
    actions.do_add_block(section=section, html="<p>Published text</p>", acting_user=analyst)
    actions.do_submit_paper(paper=paper, acting_user=analyst)
    actions.do_publish_paper(paper=paper, acting_user=scrutiny)
    run_queued_jobs()  # its DOCX and PDF, and the emails to the askers
    draft = actions.do_correct_paper(paper=Paper.objects.get(pk=paper.pk), note="Fix", acting_user=analyst)
    actions.do_add_block(section=draft.sections.get(), html=f"<p>{SENTINEL} draft</p>", acting_user=analyst)

    client = Client()
    urls = ["/scrutiny/", "/scrutiny/?q=patrols", "/scrutiny/?q=parking", "/scrutiny/feed/", "/scrutiny/compare/"]
    urls += [f"/scrutiny/meetings/{meeting.uuid}/", f"/scrutiny/meetings/{meeting.uuid}/ask/"]
    urls += [f"/scrutiny/priorities/{plan['priority'].pk}/", "/scrutiny/measures/asb-12/"]
    urls += [f"/scrutiny/papers/{paper.uuid}/", f"/scrutiny/papers/{paper.uuid}/paper.docx"]
    urls += [f"/scrutiny/papers/{draft.uuid}/"]
    twins = [
        f"{url}{'&' if '?' in url else '?'}format={fmt}"
        for url in urls[:1] + urls[5:6] + urls[7:9]
        for fmt in ("csv", "json")
    ]
    for url in urls + twins:
        response = client.get(url)
        assert response.status_code in (200, 404), url
        assert SENTINEL.encode() not in response.content and SENTINEL.lower().encode() not in response.content, url
    rows = client.get(f"/scrutiny/meetings/{meeting.uuid}/?format=json&table=questions").json()["rows"]
    assert [r["area"] for r in rows] == ["Resident from Bolsover"]


def test_the_api_answers_and_shows_the_meeting(plan, personas) -> None:  # noqa: ANN001
    from beatbook.accounts.actions import do_create_api_token

    meeting = _meeting(plan, personas)
    question = _ask(meeting)
    actions.do_moderate_question(question=question, accept=True, acting_user=personas["scrutiny"])
    _, raw = do_create_api_token(personas["analyst"], "script", acting_user=personas["analyst"])
    auth = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
    waiting = Client().get("/api/v1/scrutiny/questions", **auth).json()
    assert [q["uuid"] for q in waiting] == [str(question.uuid)] and "asker" not in str(waiting)
    url = f"/api/v1/scrutiny/questions/{question.uuid}/answer"
    empty = Client().post(url, {"answer": " "}, content_type="application/json", **auth)
    assert empty.status_code == 400 and "Write the answer" in empty.json()["error"]
    done = Client().post(url, {"answer": "More patrols"}, content_type="application/json", **auth).json()
    assert done["status"] == "answered" and done["answer"] == "More patrols"
    body = Client().get(f"/api/v1/scrutiny/meetings/{meeting.uuid}", **auth).json()
    assert body["title"] == "Neighbourhood crime" and body["questions"]["rows"] == []  # not yet published


def test_the_force_drafts_a_paper_on_the_pages(plan, personas, client_as) -> None:  # noqa: ANN001
    meeting = _meeting(plan, personas)
    client = client_as("analyst")
    assert b"Start a paper for Neighbourhood crime" in client.get("/scrutiny/manage/").content
    bad = client.post(f"/scrutiny/manage/meetings/{meeting.uuid}/papers/new/", {"title": "Report", "data_to": "Dec"})
    assert b"Enter the month as YYYY-MM" in bad.content and not Paper.objects.exists()
    client.post(f"/scrutiny/manage/meetings/{meeting.uuid}/papers/new/", {"title": "Report", "data_to": "2018-08"})
    paper = Paper.objects.get()
    url = f"/scrutiny/manage/papers/{paper.uuid}/edit/"
    client.post(url, {"step": "section", "heading": "Overview"})
    unknown = client.post(url, {"step": "block", "section": "1", "element": "crime:nothing"})
    assert unknown.status_code == 200 and b"govuk-error-summary" in unknown.content
    empty = client.post(url, {"step": "block", "section": "1", "html": " "})
    assert b"Write the paragraph" in empty.content
    client.post(
        url, {"step": "block", "section": "1", "html": "<p>Text</p>", "element": "measure:asb-12", "caption": "ASB"}
    )
    block = paper.sections.get().blocks.get()
    assert (block.reference, block.element) == ("1.1", "measure:asb-12")
    assert client_as("scrutiny").get(url).status_code == 403


def test_a_scrutiny_officer_records_a_value_by_hand(plan, personas, client_as) -> None:  # noqa: ANN001
    manual = actions.do_add_measure(
        priority=plan["priority"], slug="drones", name="Drone deployments", area=plan["force"],
        how_counted="Deployments of the force's drones, from the drone unit", acting_user=personas["scrutiny"],
    )  # fmt: skip
    url = "/scrutiny/manage/measures/drones/values/new/"
    data = {
        "period_end": "2023-03-31",
        "value": "412",
        "source": "Drone unit annual report",
        "source_date": "2023-04-20",
    }
    assert client_as("scrutiny").post(url, data).status_code == 302
    assert measures.history(manual) == [(date(2023, 3, 1), 412.0)]
    computed = client_as("scrutiny").post("/scrutiny/manage/measures/asb-12/values/new/", data)
    assert b"Beatbook computes this measure" in computed.content


def test_a_scrutiny_officer_arranges_a_meeting(plan, personas, client_as) -> None:  # noqa: ANN001
    client = client_as("scrutiny")
    data = {"title": "Road safety", "date": "2031-05-13", "start": "10:00", "place": "Online", "online": "on",
            "priority": plan["priority"].pk, "agenda": "Introductions\n\nRoad safety report\nPublic questions"}  # fmt: skip
    response = client.post("/scrutiny/manage/meetings/new/", data)
    meeting = plan["priority"].meetings.get()
    assert response["Location"] == f"/scrutiny/meetings/{meeting.uuid}/"
    assert [a.title for a in meeting.agenda.all()] == ["Introductions", "Road safety report", "Public questions"]
    assert timezone.localtime(meeting.starts_at).hour == 10 and meeting.starts_at.hour == 9  # BST
    assert b"Ask a question for this meeting" in Client().get(response["Location"]).content
    assert client_as("analyst").get("/scrutiny/manage/meetings/new/").status_code == 403


def test_a_scrutiny_officer_adds_measures(plan, personas, client_as) -> None:  # noqa: ANN001
    client = client_as("scrutiny")
    base = {"priority": plan["priority"].pk, "direction": "down"}
    computed = base | {
        "name": "ASB in Chesterfield",
        "slug": "asb-chesterfield",
        "definition": "asb-rolling-12",
        "area": "chesterfield",
    }
    assert client.post("/scrutiny/manage/measures/new/", computed).status_code == 302
    assert plan["priority"].measures.get(slug="asb-chesterfield").area.code == "chesterfield"
    by_hand = base | {"name": "Drones", "slug": "drones"}
    assert (
        b"Say how a measure entered by hand is counted"
        in client.post("/scrutiny/manage/measures/new/", by_hand).content
    )
    taken = client.post("/scrutiny/manage/measures/new/", computed)
    assert b"Another measure has this web address" in taken.content
    elsewhere = client.post("/scrutiny/manage/measures/new/", computed | {"slug": "x", "area": "northtown"})
    assert b"No area with that code" in elsewhere.content


def test_the_same_words_from_another_district_or_later_are_another_question(plan, personas) -> None:  # noqa: ANN001
    """QA 17f: two residents signing "Resident" with no email address, asking the same words, were one question
    (the second's district lost, its browser shown the first's reference); so was the same question a week on."""

    meeting = _meeting(plan, personas)
    data = {"name": "Resident", "email": "", "area": "Bolsover", "theme": "visible_policing", "text": "Speeding?"}
    Client().post(f"/scrutiny/meetings/{meeting.uuid}/ask/", data)
    Client().post(f"/scrutiny/meetings/{meeting.uuid}/ask/", data | {"area": "Erewash"})
    assert sorted(Question.objects.values_list("area", flat=True)) == ["Bolsover", "Erewash"]
    with time_machine.travel(timezone.now() + timedelta(hours=2)):
        Client().post(f"/scrutiny/meetings/{meeting.uuid}/ask/", data)
    assert Question.objects.filter(area="Bolsover").count() == 2
