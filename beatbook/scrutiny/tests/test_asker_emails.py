"""Emails to askers of public questions: sent by queued jobs, at most once; the address kept only as long as
the retention rule says, shown only to scrutiny officers (audited), never public."""

from __future__ import annotations

from datetime import timedelta

from django.core import mail
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from beatbook.audit.models import AuditEvent
from beatbook.jobs.inline import run_queued_jobs
from beatbook.scrutiny import actions, askers
from beatbook.scrutiny.models import Question, QuestionStatus, Theme
from beatbook.scrutiny.tasks import send_question_email
from beatbook.scrutiny.tests.test_workflow import _ask, _meeting

ADDRESS = "asker@example.invalid"


def _publish(question: Question, personas: dict) -> None:
    scrutiny = personas["scrutiny"]
    actions.do_moderate_question(question=question, accept=True, acting_user=scrutiny)
    actions.do_answer_question(question=question, answer="<p>More patrols.</p>", acting_user=personas["analyst"])
    actions.do_approve_answer(question=question, acting_user=scrutiny)
    actions.do_publish_questions(meeting=question.meeting, acting_user=scrutiny)


def test_an_asker_gets_their_reference_then_a_link_to_the_published_answer(plan, personas, settings) -> None:  # noqa: ANN001
    settings.PUBLIC_BASE_URL = "https://beatbook.example"
    meeting = _meeting(plan, personas)
    client = Client()
    data = {"name": "A Resident", "email": ADDRESS, "area": "Bolsover", "theme": Theme.VISIBLE_POLICING,
            "text": "How many patrols are there at night?"}  # fmt: skip
    assert client.post(f"/scrutiny/meetings/{meeting.uuid}/ask/", data).status_code == 302
    question = Question.objects.get()
    assert mail.outbox == []  # the request sends nothing: a job does
    assert run_queued_jobs(task_path=send_question_email.module_path) == 1
    (received,) = mail.outbox
    assert received.to == [ADDRESS] and question.reference in received.subject and question.reference in received.body
    assert question.reference.startswith("Q-") and len(question.reference) == 10

    _publish(question, personas)
    assert run_queued_jobs(task_path=send_question_email.module_path) == 1
    published = mail.outbox[1]
    link = f"https://beatbook.example/scrutiny/meetings/{meeting.uuid}/#questions"
    assert published.to == [ADDRESS] and link in published.body and question.reference in published.subject
    assert Client().get(link.removeprefix("https://beatbook.example")).status_code == 200
    question.refresh_from_db()
    assert question.received_email_sent_at and question.published_email_sent_at
    events = set(AuditEvent.objects.filter(object_id=str(question.pk)).values_list("event", flat=True))
    assert {"scrutiny.question.asker_emailed_received", "scrutiny.question.asker_emailed_published"} <= events


def test_each_email_is_sent_once_even_if_its_job_runs_again(plan, personas) -> None:  # noqa: ANN001
    question = _ask(_meeting(plan, personas), email=ADDRESS)
    run_queued_jobs()
    assert askers.send_email(question.pk, askers.RECEIVED) is False  # a retried job
    askers.queue_email(Question.objects.get(pk=question.pk), askers.RECEIVED)  # already sent: nothing queued
    assert run_queued_jobs() == 0 and len(mail.outbox) == 1
    assert askers.send_email(question.pk, askers.PUBLISHED) is False  # not published yet


def test_the_email_is_optional_and_the_form_says_what_it_is_for(plan, personas) -> None:  # noqa: ANN001
    meeting = _meeting(plan, personas)
    form = Client().get(f"/scrutiny/meetings/{meeting.uuid}/ask/").content.decode()
    assert "Email address (optional)" in form and "you agree that we email you" in form
    data = {"name": "No Email", "area": "Bolsover", "theme": Theme.VISIBLE_POLICING, "text": "Why?"}
    assert Client().post(f"/scrutiny/meetings/{meeting.uuid}/ask/", data).status_code == 302
    question = Question.objects.get()
    assert question.asker_email == ""
    _publish(question, personas)
    assert run_queued_jobs() == 0 and mail.outbox == []


def test_a_failed_email_is_shown_to_the_office_and_can_be_sent_again(plan, personas, client_as, settings) -> None:  # noqa: ANN001
    question = _ask(_meeting(plan, personas), email=ADDRESS)
    settings.EMAIL_BACKEND = "beatbook.scrutiny.tests.test_asker_emails.BrokenBackend"
    run_queued_jobs()
    question.refresh_from_db()
    assert question.email_error == "The received email was not sent: ConnectionRefusedError: no SMTP server"
    url = f"/scrutiny/manage/questions/{question.uuid}/"
    assert "no SMTP server" in client_as("scrutiny").get(url).content.decode()
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert client_as("scrutiny").post(url, {"step": "retry_email"}).status_code == 302
    run_queued_jobs()
    question.refresh_from_db()
    assert question.email_error == "" and question.received_email_sent_at and len(mail.outbox) == 1


class BrokenBackend(LocmemBackend):
    def send_messages(self, messages: list) -> int:
        raise ConnectionRefusedError("no SMTP server")


def test_the_address_is_shown_only_to_scrutiny_officers_and_each_read_is_audited(plan, personas, client_as) -> None:  # noqa: ANN001
    question = _ask(_meeting(plan, personas), email=ADDRESS)
    url = f"/scrutiny/manage/questions/{question.uuid}/"
    assert ADDRESS in client_as("scrutiny").get(url).content.decode()
    reads = AuditEvent.objects.filter(event="scrutiny.question.asker_read", object_id=str(question.pk))
    assert reads.count() == 1
    answerer = client_as("analyst").get(url)  # the force answers but never sees who asked
    assert answerer.status_code == 200 and ADDRESS not in answerer.content.decode()
    _publish(question, personas)
    public = Client().get(f"/scrutiny/meetings/{question.meeting.uuid}/").content.decode()
    public += Client().get(f"/scrutiny/meetings/{question.meeting.uuid}/?format=json&table=questions").content.decode()
    assert ADDRESS not in public and "Asker 1" not in public


def test_addresses_are_erased_after_the_retention_period(plan, personas, settings) -> None:  # noqa: ANN001
    settings.SCRUTINY_ASKER_EMAIL_RETENTION_DAYS = 30
    published = _ask(_meeting(plan, personas), email=ADDRESS)
    _publish(published, personas)
    waiting = _ask(_meeting(plan, personas, days=90), 2, email="waiting@example.invalid")
    published.refresh_from_db()
    now = published.published_at + timedelta(days=29)
    assert askers.do_erase_asker_emails(now=now) == 0
    now = published.published_at + timedelta(days=31)
    assert askers.do_erase_asker_emails(now=now) == 1  # the other's meeting is not yet 30 days past
    published.refresh_from_db()
    waiting.refresh_from_db()
    assert published.asker_email == "" and published.asker_email_erased_at == now
    assert waiting.asker_email == "waiting@example.invalid"
    assert AuditEvent.objects.filter(event="scrutiny.question.asker_email_erased", object_id=str(published.pk)).exists()
    run_queued_jobs()  # its emails, queued but not sent before the erasure: nothing left to send them to
    assert [m.to for m in mail.outbox] == [["waiting@example.invalid"]]
    # A question never published: erased that long after its meeting.
    Question.objects.filter(pk=waiting.pk).update(status=QuestionStatus.REJECTED)
    later = waiting.meeting.starts_at + timedelta(days=31)
    assert askers.do_erase_asker_emails(now=later) == 1


def test_the_command_applies_the_rule(plan, personas, settings, capsys) -> None:  # noqa: ANN001
    question = _ask(_meeting(plan, personas), email=ADDRESS)
    _publish(question, personas)
    Question.objects.filter(pk=question.pk).update(published_at=timezone.now() - timedelta(days=400))
    call_command("erase_asker_emails")
    assert "Erased 1 asker email address (kept 30 days)" in capsys.readouterr().out
    assert Question.objects.get(pk=question.pk).asker_email == ""
