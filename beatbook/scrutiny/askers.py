"""Emails to members of the public who ask a question, and how long their address is kept.

- The email address is optional. An asker who gives one gets, from a job on the queue (scrutiny/tasks.py,
  Django's EMAIL_BACKEND; never sent by the web process):
  1. "received": the question's reference, when it is received;
  2. "published": a link to the published answer, when the meeting's answers are published.
- Each email is sent at most once (its time is recorded on the question); a job that fails for good
  leaves the reason on the question's page for the scrutiny office (who can queue it again).
- Retention (UK GDPR art. 5(1)(e), storage limitation): the address is erased
  SCRUTINY_ASKER_EMAIL_RETENTION_DAYS days (default 30) after the answer is published, or, for a question
  never published (not accepted, or never answered), that long after its meeting. `beatbook
  erase_asker_emails` does it and is run daily (docs/deployment.md). The asker's name is kept (the
  moderation record); the address, their only contact detail, is not.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.dispatch import receiver
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django_tasks import TaskResult, TaskResultStatus
from django_tasks.signals import task_finished

from beatbook.audit.models import Operation
from beatbook.audit.record import record_event
from beatbook.jobs.results import failure_reason
from beatbook.scrutiny.models import Question, QuestionStatus

RECEIVED, PUBLISHED = "received", "published"
SENT_AT = {RECEIVED: "received_email_sent_at", PUBLISHED: "published_email_sent_at"}


def queue_email(question: Question, kind: str) -> None:
    """Queue email `kind` to the question's asker, in the caller's transaction (nothing if no address)."""
    from beatbook.scrutiny.tasks import send_question_email

    if kind not in SENT_AT:
        raise ValueError(f"Unknown email {kind!r}: one of {', '.join(SENT_AT)}")
    if question.asker_email and getattr(question, SENT_AT[kind]) is None:
        send_question_email.enqueue(question.pk, kind)


def answer_url(question: Question) -> str:
    """The published answer's address: the meeting page, at its public questions."""
    path = reverse("scrutiny:meeting", args=[question.meeting.uuid])
    return f"{settings.PUBLIC_BASE_URL.rstrip('/')}{path}#questions"


def send_email(question_id: int, kind: str) -> bool:
    """Send email `kind` to the asker of `question_id` unless there is nothing to send (no address, erased,
    already sent, or for "published" the answer is not published). Returns whether it was sent.
    Raises whatever the email backend raises (the job is then failed, and the reason recorded)."""
    if kind not in SENT_AT:
        raise ValueError(f"Unknown email {kind!r}: one of {', '.join(SENT_AT)}")
    with transaction.atomic():
        question = Question.objects.select_for_update().select_related("meeting").filter(pk=question_id).first()
        if question is None or not question.asker_email or getattr(question, SENT_AT[kind]) is not None:
            return False
        if kind == PUBLISHED and question.status != QuestionStatus.PUBLISHED:
            return False
        context = {
            "question": question,
            "meeting": question.meeting,
            "meeting_day": timezone.localtime(question.meeting.starts_at),
            "body_title": settings.LOCAL_POLICING_BODY_TITLE,
            "answer_url": answer_url(question) if kind == PUBLISHED else "",
            "retention_days": settings.SCRUTINY_ASKER_EMAIL_RETENTION_DAYS,
        }
        subject = render_to_string(f"emails/question_{kind}-subject.txt", context).strip()
        body = render_to_string(f"emails/question_{kind}-body.txt", context)
        send_mail(subject, body, None, [question.asker_email])
        setattr(question, SENT_AT[kind], timezone.now())
        question.email_error = ""
        question.save(update_fields=[SENT_AT[kind], "email_error"])
        record_event(
            actor=None,
            operation=Operation.DISCLOSURE,
            event=f"scrutiny.question.asker_emailed_{kind}",
            obj=question,
            area=question.meeting.force,
            recipient="the asker",
        )
    return True


@receiver(task_finished)
def record_a_failed_email(sender: object, task_result: TaskResult, **kwargs: object) -> None:
    """An email job that failed for good leaves its reason on the question (read by scrutiny officers)."""
    from beatbook.scrutiny.tasks import send_question_email

    if task_result.status != TaskResultStatus.FAILED or task_result.task.module_path != send_question_email.module_path:
        return
    question_id, kind = task_result.args[0], task_result.args[1]
    reason = f"The {kind} email was not sent: {failure_reason(task_result)}"
    Question.objects.filter(pk=question_id).update(email_error=reason[:600])


def erasable(now: datetime | None = None):  # noqa: ANN201 - a QuerySet of Question
    """Questions whose asker's email address is past its retention period (see the module docstring)."""
    cutoff = (now or timezone.now()) - timedelta(days=settings.SCRUTINY_ASKER_EMAIL_RETENTION_DAYS)
    published = Q(status=QuestionStatus.PUBLISHED, published_at__lt=cutoff)
    never_published = ~Q(status=QuestionStatus.PUBLISHED) & Q(meeting__starts_at__lt=cutoff)
    return Question.objects.exclude(asker_email="").filter(published | never_published)


@transaction.atomic
def do_erase_asker_emails(*, now: datetime | None = None, acting_user=None) -> int:  # noqa: ANN001
    """Erase every asker email address past its retention period; one audit row per question. Returns how many."""
    questions = list(erasable(now).select_related("meeting").select_for_update(of=("self",)))
    when = now or timezone.now()
    for question in questions:
        question.asker_email, question.asker_email_erased_at = "", when
        question.save(update_fields=["asker_email", "asker_email_erased_at"])
        record_event(
            actor=acting_user,
            operation=Operation.ERASURE,
            event="scrutiny.question.asker_email_erased",
            obj=question,
            area=question.meeting.force,
            detail={"retention_days": settings.SCRUTINY_ASKER_EMAIL_RETENTION_DAYS},
        )
    return len(questions)
