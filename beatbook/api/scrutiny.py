"""Public scrutiny over the API: meetings with their published papers and questions, measures with their
history, and the force's answers to public questions. The same access rules, actions and audit as the pages;
askers' names and emails are never in the API."""

from __future__ import annotations

from uuid import UUID

from django.http import Http404, HttpRequest
from django.utils import timezone
from ninja import Router, Schema, Status

from beatbook.accounts import access
from beatbook.accounts.access import Capability
from beatbook.api.crime import TableOut
from beatbook.api.schemas import ErrorOut
from beatbook.scrutiny import actions, measures
from beatbook.scrutiny.models import Measure, Meeting, PaperStatus, Question, QuestionStatus
from beatbook.scrutiny.views import questions_table

router = Router()
ERRORS = {400: ErrorOut, 403: ErrorOut, 404: ErrorOut}


class PaperOut(Schema):
    uuid: UUID
    title: str
    version: int
    published_at: str
    correction_note: str
    html_url: str
    docx_url: str
    pdf_url: str


class MeetingOut(Schema):
    uuid: UUID
    title: str
    starts_at: str
    place: str
    online: bool
    priority: str | None
    agenda: list[str]


class MeetingDetailOut(MeetingOut):
    papers: list[PaperOut]
    questions: TableOut


def _meeting_out(meeting: Meeting) -> dict:
    return {
        "uuid": meeting.uuid,
        "title": meeting.title,
        "starts_at": timezone.localtime(meeting.starts_at).isoformat(),
        "place": meeting.place,
        "online": meeting.online,
        "priority": str(meeting.priority) if meeting.priority else None,
        "agenda": [item.title for item in meeting.agenda.all()],
    }


@router.get("/scrutiny/meetings", response=list[MeetingOut], summary="Performance Scrutiny Meetings")
def scrutiny_meetings(request: HttpRequest) -> list[dict]:
    return [_meeting_out(m) for m in Meeting.objects.select_related("priority").prefetch_related("agenda")]


@router.get("/scrutiny/meetings/{meeting_uuid}", response={200: MeetingDetailOut, **ERRORS}, summary="A meeting")
def scrutiny_meeting(request: HttpRequest, meeting_uuid: UUID) -> dict:
    """The meeting, its published papers (frozen) and its published questions with the force's answers."""
    found = Meeting.objects.filter(uuid=meeting_uuid).first()
    if found is None:
        raise Http404
    papers = found.papers.filter(status=PaperStatus.PUBLISHED).order_by("-version")
    questions = found.questions.filter(status=QuestionStatus.PUBLISHED).order_by("number")
    return _meeting_out(found) | {
        "papers": [
            {
                "uuid": p.uuid,
                "title": p.title,
                "version": p.version,
                "published_at": timezone.localtime(p.published_at).isoformat(),
                "correction_note": p.correction_note,
                "html_url": f"/scrutiny/papers/{p.uuid}/",
                "docx_url": f"/scrutiny/papers/{p.uuid}/paper.docx",
                "pdf_url": f"/scrutiny/papers/{p.uuid}/paper.pdf",
            }
            for p in papers
        ],
        "questions": questions_table(questions, f"Public questions, {found.title}").as_json(),
    }


class MeasureOut(Schema):
    slug: str
    name: str
    area: str
    how_counted: str
    direction: str
    target: float | None
    history: TableOut


@router.get("/scrutiny/measures/{slug}", response={200: MeasureOut, **ERRORS}, summary="A measure and its history")
def scrutiny_measure(request: HttpRequest, slug: str) -> dict:
    found = Measure.objects.select_related("area").filter(slug=slug).first()
    if found is None:
        raise Http404
    return {
        "slug": found.slug,
        "name": found.name,
        "area": found.area.name,
        "how_counted": measures.how_counted(found),
        "direction": found.direction,
        "target": found.target,
        "history": measures.history_table(found, measures.history(found)).as_json(),
    }


class QuestionOut(Schema):
    uuid: UUID
    meeting: UUID
    number: int | None
    theme: str
    area: str
    text: str
    status: str
    answer_due_on: str | None
    answer: str


def _question_out(q: Question) -> dict:
    return {
        "uuid": q.uuid,
        "meeting": q.meeting.uuid,
        "number": q.number,
        "theme": q.theme,
        "area": q.area,
        "text": q.text,
        "status": q.status,
        "answer_due_on": q.answer_due_on.isoformat() if q.answer_due_on else None,
        "answer": q.answer,
    }


def _forces(request: HttpRequest) -> list:
    forces = access.scrutiny_forces(request.user)
    if not forces:
        raise access.PermissionDenied("Your role has no part in scrutiny")
    return forces


@router.get("/scrutiny/questions", response={200: list[QuestionOut], **ERRORS}, summary="Questions in progress")
def scrutiny_questions(request: HttpRequest) -> list[dict]:
    """Accepted questions waiting for or with an answer, for the force and the local policing body."""
    found = Question.objects.filter(
        meeting__force__in=_forces(request), status__in=[QuestionStatus.ACCEPTED, QuestionStatus.ANSWERED]
    ).select_related("meeting")
    return [_question_out(q) for q in found]


class AnswerIn(Schema):
    answer: str


@router.post(
    "/scrutiny/questions/{question_uuid}/answer", response={200: QuestionOut, **ERRORS}, summary="Answer a question"
)
def answer_public_question(request: HttpRequest, question_uuid: UUID, payload: AnswerIn) -> dict | Status:
    found = Question.objects.filter(uuid=question_uuid, meeting__force__in=_forces(request)).first()
    if found is None:
        raise Http404
    access.require_in_force(request.user, Capability.ANSWER_PUBLIC_QUESTIONS, found.meeting.force)
    try:
        actions.do_answer_question(question=found, answer=payload.answer, acting_user=request.user)
    except actions.WorkflowError as error:
        return Status(400, {"error": str(error)})
    return _question_out(found)
