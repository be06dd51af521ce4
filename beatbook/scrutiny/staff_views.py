"""The scrutiny workspace (signed in): the local policing body's officers moderate questions, approve answers
and publish papers; the force drafts papers and answers questions. Askers' names and emails are shown only
to scrutiny officers, and each read is audited."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from beatbook.accounts import access
from beatbook.accounts.access import Capability
from beatbook.audit.models import Operation
from beatbook.audit.record import record_event
from beatbook.scrutiny import actions, outputs, rules
from beatbook.scrutiny.forms import AnswerForm, ModerateForm
from beatbook.scrutiny.models import Meeting, Paper, PaperStatus, Plan, Question, QuestionStatus
from beatbook.web.tables import Column, Table, render_with_twins


def _forces(request: HttpRequest) -> list:
    forces = access.scrutiny_forces(request.user)
    if not forces:
        raise PermissionDenied("Your role has no part in scrutiny")
    return forces


def scrutiny_force(request: HttpRequest):  # noqa: ANN201 - an Area
    """The force whose plan and meetings the user manages as the local policing body's officer (else 403)."""
    forces = [f for f in _forces(request) if access.can_in_force(request.user, Capability.SCRUTINISE, f)]
    if not forces:
        raise PermissionDenied("Only the local policing body's officers do this")
    return forces[0]


def _question_rows(questions: list[Question]) -> list[dict]:
    return [
        {
            "meeting": f"{timezone.localtime(q.meeting.starts_at):%d %b %Y}",
            "number": q.number,
            "theme": q.get_theme_display(),
            "area": q.area,
            "status": q.get_status_display(),
            "due": f"{q.answer_due_on:%d %b %Y}" if q.answer_due_on else "",
            "question": q.text[:120],
        }
        for q in questions
    ]


def _questions_table(name: str, caption: str, questions: list[Question]) -> Table:
    table = Table(
        name=name,
        caption=caption,
        columns=[
            Column("question", "Question"),
            Column("meeting", "Meeting"),
            Column("number", "Number", True),
            Column("theme", "Theme"),
            Column("area", "Area"),
            Column("status", "Status"),
            Column("due", "Answer due"),
        ],
        rows=_question_rows(questions),
    )
    table.links = {(i, "question"): f"/scrutiny/manage/questions/{q.uuid}/" for i, q in enumerate(questions)}
    return table


@login_required
def workspace(request: HttpRequest) -> HttpResponse:
    forces = _forces(request)
    open_questions = list(
        Question.objects.filter(meeting__force__in=forces)
        .exclude(status__in=[QuestionStatus.PUBLISHED, QuestionStatus.REJECTED])
        .select_related("meeting")
        .order_by("meeting__starts_at", "number", "received_at")
    )
    late, very_late = rules.overdue(open_questions, timezone.localdate())
    papers = (
        Paper.objects.filter(meeting__force__in=forces)
        .select_related("meeting")
        .order_by("-meeting__starts_at", "-version")
    )
    paper_table = Table(
        name="papers",
        caption="Papers",
        columns=[
            Column("title", "Paper"),
            Column("meeting", "Meeting"),
            Column("version", "Version", True),
            Column("status", "Status"),
        ],
        rows=[
            {
                "title": p.title,
                "meeting": f"{timezone.localtime(p.meeting.starts_at):%d %b %Y}",
                "version": p.version,
                "status": p.get_status_display(),
            }
            for p in papers
        ],
    )
    paper_table.links = {(i, "title"): f"/scrutiny/manage/papers/{p.uuid}/" for i, p in enumerate(papers)}
    tables = [
        _questions_table("open-questions", "Questions in progress", open_questions),
        _questions_table("overdue", "Overdue answers", late),
        _questions_table("very-overdue", "Very overdue answers", very_late),
        paper_table,
    ]
    meetings = Meeting.objects.filter(force__in=forces, questions__status=QuestionStatus.APPROVED).distinct()
    context = {
        "coming_meetings": Meeting.objects.filter(force__in=forces, starts_at__gt=timezone.now()).order_by("starts_at"),
        "drafter": any(access.can_in_force(request.user, Capability.DRAFT_SCRUTINY_PAPERS, f) for f in forces),
        "meetings_to_publish": meetings,
        "can_scrutinise": any(access.can_in_force(request.user, Capability.SCRUTINISE, f) for f in forces),
        "plans": Plan.objects.filter(force__in=forces).prefetch_related("priorities"),
    }
    # The questions and papers in progress, as they stand today.
    return render_with_twins(request, "scrutiny/workspace.html", context, tables, snapshot=True)


def _question_for(request: HttpRequest, uuid: str) -> Question:
    forces = _forces(request)
    question = (
        Question.objects.select_related("meeting", "meeting__force")
        .filter(uuid=uuid, meeting__force__in=forces)
        .first()
    )
    if question is None:
        raise Http404("No such question")
    return question


@login_required
def question(request: HttpRequest, uuid: str) -> HttpResponse:
    found = _question_for(request, uuid)
    force = found.meeting.force
    scrutiniser = access.can_in_force(request.user, Capability.SCRUTINISE, force)
    answerer = access.can_in_force(request.user, Capability.ANSWER_PUBLIC_QUESTIONS, force)
    moderate_form, answer_form = ModerateForm(), AnswerForm(initial={"answer": found.answer})
    if request.method == "POST":
        step = request.POST.get("step")
        try:
            if step == "moderate" and scrutiniser:
                moderate_form = ModerateForm(request.POST)
                if moderate_form.is_valid():
                    accept = moderate_form.cleaned_data["decision"] == "accept"
                    actions.do_moderate_question(
                        question=found,
                        accept=accept,
                        reason=moderate_form.cleaned_data["reason"],
                        acting_user=request.user,
                    )
                    messages.success(
                        request, "Question accepted and sent to the force" if accept else "Question not accepted"
                    )
                    return redirect("scrutiny:manage_question", uuid=found.uuid)
            elif step == "answer" and answerer:
                answer_form = AnswerForm(request.POST)
                if answer_form.is_valid():
                    actions.do_answer_question(
                        question=found, answer=answer_form.cleaned_data["answer"], acting_user=request.user
                    )
                    messages.success(request, "Answer saved for approval")
                    return redirect("scrutiny:manage_question", uuid=found.uuid)
            elif step == "retry_email" and scrutiniser:
                actions.do_retry_question_emails(question=found, acting_user=request.user)
                messages.success(request, "The email is being sent again")
                return redirect("scrutiny:manage_question", uuid=found.uuid)
            elif step == "approve" and scrutiniser:
                actions.do_approve_answer(question=found, acting_user=request.user)
                messages.success(request, "Answer approved: it is published with the meeting's questions")
                return redirect("scrutiny:manage_question", uuid=found.uuid)
            else:
                raise PermissionDenied("Your role does not allow this")
        except actions.WorkflowError as error:
            messages.error(request, str(error))
            return redirect("scrutiny:manage_question", uuid=found.uuid)
    if scrutiniser:
        record_event(
            actor=request.user,
            operation=Operation.CONSULTATION,
            event="scrutiny.question.asker_read",
            obj=found,
            area=force,
            request=request,
        )
    context = {
        "question": found,
        "scrutiniser": scrutiniser,
        "answerer": answerer,
        "findings": rules.check(found) if found.status == QuestionStatus.RECEIVED else [],
        "moderate_form": moderate_form,
        "answer_form": answer_form,
    }
    return render(request, "scrutiny/manage_question.html", context)


@login_required
@require_POST
def publish_questions(request: HttpRequest, uuid: str) -> HttpResponse:
    forces = _forces(request)
    meeting = Meeting.objects.filter(uuid=uuid, force__in=forces).first()
    if meeting is None:
        raise Http404("No such meeting")
    access.require_in_force(request.user, Capability.SCRUTINISE, meeting.force)
    try:
        count = actions.do_publish_questions(meeting=meeting, acting_user=request.user)
        messages.success(request, f"{count} question{'s' if count != 1 else ''} published with the meeting")
    except actions.WorkflowError as error:
        messages.error(request, str(error))
    return redirect("scrutiny:meeting", uuid=meeting.uuid)


@login_required
def paper(request: HttpRequest, uuid: str) -> HttpResponse:
    """A paper in the workflow: the force submits a draft; the local policing body publishes it."""
    forces = _forces(request)
    found = (
        Paper.objects.select_related("meeting", "meeting__force").filter(uuid=uuid, meeting__force__in=forces).first()
    )
    if found is None:
        raise Http404("No such paper")
    force = found.meeting.force
    drafter = access.can_in_force(request.user, Capability.DRAFT_SCRUTINY_PAPERS, force)
    scrutiniser = access.can_in_force(request.user, Capability.SCRUTINISE, force)
    if request.method == "POST":
        step = request.POST.get("step")
        try:
            if step == "submit" and drafter:
                actions.do_submit_paper(paper=found, acting_user=request.user)
                messages.success(request, "Paper submitted to the local policing body")
            elif step == "publish" and scrutiniser:
                actions.do_publish_paper(paper=found, acting_user=request.user)
                messages.success(request, "Paper published: its figures are frozen; its DOCX and PDF are being made")
            elif step == "retry_files" and scrutiniser:
                actions.do_retry_paper_files(paper=found, acting_user=request.user)
                messages.success(request, "The DOCX and PDF are being made again")
            elif step == "correct" and drafter:
                new = actions.do_correct_paper(paper=found, note=request.POST.get("note", ""), acting_user=request.user)
                return redirect("scrutiny:manage_paper", uuid=new.uuid)
            else:
                raise PermissionDenied("Your role does not allow this")
        except actions.WorkflowError as error:
            messages.error(request, str(error))
        return redirect("scrutiny:manage_paper", uuid=found.uuid)
    context = outputs.context(found) | {"drafter": drafter, "scrutiniser": scrutiniser, "statuses": PaperStatus}
    return render(request, "scrutiny/manage_paper.html", context)
