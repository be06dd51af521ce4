"""Every write in public scrutiny: atomic, audited, and checked against the paper and question workflow.

Papers: drafted and submitted by the force, published by the local policing body; publication freezes every
figure. Questions: asked by the public, moderated by scrutiny officers, answered by the force, approved and
published with the meeting.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

import nh3
from django.db import transaction
from django.utils import timezone

from beatbook.accounts import access
from beatbook.accounts.access import Capability
from beatbook.areas.models import Area
from beatbook.audit.models import Operation
from beatbook.audit.record import record_event
from beatbook.scrutiny import askers, elements, rules
from beatbook.scrutiny.models import (
    AgendaItem,
    Block,
    Direction,
    FilesStatus,
    Measure,
    MeasureEntry,
    Meeting,
    Paper,
    PaperStatus,
    Plan,
    PlanPriority,
    Question,
    QuestionStatus,
    Section,
    SubObjective,
    Theme,
)

# Narrative is rich text from the force's authors: only these tags survive (no scripts, styles or images).
ALLOWED_TAGS = {"p", "ul", "ol", "li", "strong", "em", "a", "br", "h4", "blockquote"}


class WorkflowError(ValueError):
    """The action is not possible in the object's current state (the message says why)."""


def _moment(moment: datetime | None, what: str) -> datetime:
    """`moment`, for a step recorded after the fact (a backfilled paper or meeting, such as the demo's of 2023),
    or now. WorkflowError for a time without its time zone or one in the future, naming `what`."""
    if moment is None:
        return timezone.now()
    if timezone.is_naive(moment):
        raise WorkflowError(f"{what} must carry its time zone")
    if moment > timezone.now():
        raise WorkflowError(f"{what} ({timezone.localtime(moment):%-d %B %Y %H:%M}) is in the future: give a past time")
    return moment


def _backdated(moment: datetime | None, field: str) -> dict:
    """The audit detail saying a step was recorded for an earlier moment (empty when it happened now)."""
    return {} if moment is None else {field: moment.isoformat(), "backdated": True}


def sanitise(html: str) -> str:
    return nh3.clean(html, tags=ALLOWED_TAGS, attributes={"a": {"href"}}, link_rel="noopener noreferrer")


@transaction.atomic
def do_create_plan(*, force: Area, title: str, starts_on: date, ends_on: date, acting_user) -> Plan:  # noqa: ANN001
    """Raises WorkflowError when the period ends before it starts."""
    if ends_on < starts_on:
        raise WorkflowError("The plan must end after it starts")
    plan = Plan.objects.create(force=force, title=title, starts_on=starts_on, ends_on=ends_on)
    record_event(actor=acting_user, operation=Operation.COLLECTION, event="scrutiny.plan.created", obj=plan, area=force)
    return plan


@transaction.atomic
def do_add_priority(
    *, plan: Plan, number: int, title: str, sub_objectives: list[str], description: str = "", acting_user
) -> PlanPriority:  # noqa: ANN001
    """Raises WorkflowError when the plan already has a priority with this number."""
    if plan.priorities.filter(number=number).exists():
        raise WorkflowError(f"The plan already has a priority {number}: choose another number")
    priority = PlanPriority.objects.create(plan=plan, number=number, title=title, description=description)
    for index, text in enumerate(sub_objectives, start=1):
        SubObjective.objects.create(priority=priority, number=index, title=text)
    record_event(
        actor=acting_user,
        operation=Operation.COLLECTION,
        event="scrutiny.priority.added",
        obj=priority,
        area=plan.force,
    )
    return priority


@transaction.atomic
def do_edit_priority(*, priority: PlanPriority, title: str, description: str, acting_user) -> PlanPriority:  # noqa: ANN001
    """Change a priority's title and description (its number stays: papers and measures refer to it)."""
    priority.title, priority.description = title, description
    priority.save(update_fields=["title", "description"])
    record_event(
        actor=acting_user,
        operation=Operation.ALTERATION,
        event="scrutiny.priority.edited",
        obj=priority,
        area=priority.plan.force,
    )
    return priority


@transaction.atomic
def do_add_sub_objective(*, priority: PlanPriority, title: str, acting_user) -> SubObjective:  # noqa: ANN001
    """Add the priority's next numbered sub-objective (1, 2, … in the order they are added)."""
    last = priority.sub_objectives.select_for_update().order_by("-number").first()
    sub = SubObjective.objects.create(priority=priority, number=(last.number + 1) if last else 1, title=title)
    record_event(
        actor=acting_user,
        operation=Operation.COLLECTION,
        event="scrutiny.sub_objective.added",
        obj=sub,
        area=priority.plan.force,
    )
    return sub


@transaction.atomic
def do_add_measure(
    *,
    priority: PlanPriority,
    slug: str,
    name: str,
    area: Area,
    definition: str = "",
    direction: str = Direction.DOWN,
    target: float | None = None,
    how_counted: str = "",
    acting_user,  # noqa: ANN001
) -> Measure:
    from beatbook.scrutiny.measures import REGISTRY

    if definition and definition not in REGISTRY:
        raise WorkflowError(f"'{definition}' is not a measure Beatbook computes: choose one of {', '.join(REGISTRY)}")
    if not definition and not how_counted:
        raise WorkflowError("Say how a measure entered by hand is counted, and where the figures come from")
    measure = Measure.objects.create(
        priority=priority,
        slug=slug,
        name=name,
        area=area,
        definition=definition,
        direction=direction,
        target=target,
        how_counted=how_counted,
    )
    record_event(
        actor=acting_user, operation=Operation.COLLECTION, event="scrutiny.measure.added", obj=measure, area=area
    )
    return measure


@transaction.atomic
def do_record_measure_value(
    *,
    measure: Measure,
    period_end: date,
    value: float,
    source: str,
    source_date: date,
    acting_user,  # noqa: ANN001
) -> MeasureEntry:
    if measure.computed:
        raise WorkflowError("Beatbook computes this measure: values cannot be entered by hand")
    if not source.strip():
        raise WorkflowError("Enter where the figure comes from")
    entry, _ = MeasureEntry.objects.update_or_create(
        measure=measure,
        period_end=period_end,
        defaults={"value": value, "source": source, "source_date": source_date, "entered_by": acting_user},
    )
    record_event(
        actor=acting_user,
        operation=Operation.ALTERATION,
        event="scrutiny.measure.value_recorded",
        obj=measure,
        area=measure.area,
        detail={"period_end": period_end.isoformat(), "value": value},
    )
    return entry


@transaction.atomic
def do_create_meeting(
    *,
    force: Area,
    title: str,
    starts_at: datetime,
    place: str,
    online: bool = False,
    priority: PlanPriority | None = None,
    agenda: list[str] = (),
    acting_user,  # noqa: ANN001
) -> Meeting:
    meeting = Meeting.objects.create(
        force=force, title=title, starts_at=starts_at, place=place, online=online, priority=priority
    )
    for number, item in enumerate(agenda, start=1):
        AgendaItem.objects.create(meeting=meeting, number=number, title=item)
    record_event(
        actor=acting_user, operation=Operation.COLLECTION, event="scrutiny.meeting.created", obj=meeting, area=force
    )
    return meeting


@transaction.atomic
def do_draft_paper(
    *, meeting: Meeting, title: str, data_to: date, acting_user, report_by: str = "Chief Constable"
) -> Paper:  # noqa: ANN001
    paper = Paper.objects.create(
        meeting=meeting, title=title, data_to=data_to, created_by=acting_user, report_by=report_by
    )
    record_event(
        actor=acting_user, operation=Operation.COLLECTION, event="scrutiny.paper.drafted", obj=paper, area=meeting.force
    )
    return paper


def _editable(paper: Paper) -> None:
    if paper.status != PaperStatus.DRAFT:
        raise WorkflowError("Only a draft can be changed: a published paper is corrected by a new version")


@transaction.atomic
def do_add_section(*, paper: Paper, heading: str, sub_objective: SubObjective | None = None, acting_user) -> Section:  # noqa: ANN001
    _editable(paper)
    number = (paper.sections.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    section = Section.objects.create(paper=paper, number=number, heading=heading, sub_objective=sub_objective)
    record_event(
        actor=acting_user,
        operation=Operation.ALTERATION,
        event="scrutiny.paper.section_added",
        obj=paper,
        area=paper.meeting.force,
    )
    return section


@transaction.atomic
def do_add_block(
    *,
    section: Section,
    html: str = "",
    element: str = "",
    caption: str = "",
    source: str = "",
    acting_user,  # noqa: ANN001
) -> Block:
    """A numbered paragraph: narrative (sanitised) and/or a live element (validated key)."""
    _editable(section.paper)
    if element:
        elements.validate(element)
    clean = sanitise(html)
    if not clean.strip() and not element:
        raise WorkflowError("Write the paragraph, or choose a table to insert")
    number = (section.blocks.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    block = Block.objects.create(
        section=section, number=number, html=clean, element=element, caption=caption, source=source
    )
    record_event(
        actor=acting_user,
        operation=Operation.ALTERATION,
        event="scrutiny.paper.block_added",
        obj=section.paper,
        area=section.paper.meeting.force,
    )
    return block


@transaction.atomic
def do_submit_paper(*, paper: Paper, acting_user, submitted_at: datetime | None = None) -> Paper:  # noqa: ANN001
    """Submit a draft for publication: now, or at `submitted_at` (aware, not in the future) for a paper submitted
    before it was recorded; the audit row says so. WorkflowError for a paper with no sections."""
    _editable(paper)
    if not paper.sections.exists():
        raise WorkflowError("Add at least one section before submitting")
    paper.status, paper.submitted_at = PaperStatus.SUBMITTED, _moment(submitted_at, "The submission time")
    paper.save(update_fields=["status", "submitted_at"])
    record_event(
        actor=acting_user,
        operation=Operation.ALTERATION,
        event="scrutiny.paper.submitted",
        obj=paper,
        area=paper.meeting.force,
        detail=_backdated(submitted_at, "submitted_at") or None,
    )
    return paper


@transaction.atomic
def do_publish_paper(
    *,
    paper: Paper,
    acting_user,  # noqa: ANN001
    data_date: date | None = None,
    published_at: datetime | None = None,
) -> Paper:
    """Freeze every live element into the snapshot "as at" `data_date` (the London date the figures are read
    for; default the publication's date). It is published now, or at `published_at` (aware) for a paper
    published before it was recorded, such as the demo's papers for meetings in 2023, so that neither date
    shows the day it was recorded; the audit row, written now, says it was backdated. It queues the job that
    makes the DOCX and PDF from the snapshot (scrutiny/tasks.py; the job exists exactly when the publication
    does).

    Raises WorkflowError for a paper not submitted, a `published_at` in the future or before the paper was
    submitted, or a `data_date` after today, after the publication's date or before its `data_to`."""
    paper = Paper.objects.select_for_update().get(pk=paper.pk)
    if paper.status != PaperStatus.SUBMITTED:
        raise WorkflowError("Only a submitted paper can be published")
    moment = _moment(published_at, "The publication time")
    if paper.submitted_at and moment < paper.submitted_at:
        raise WorkflowError(
            f"The publication time is before the paper was submitted "
            f"({timezone.localtime(paper.submitted_at):%-d %B %Y %H:%M}): give a later time"
        )
    published_on = timezone.localtime(moment).date()
    data_date = data_date or published_on
    if data_date > timezone.localdate():
        raise WorkflowError(f"The data date {data_date:%d %B %Y} is in the future: give today or an earlier date")
    if data_date > published_on:
        raise WorkflowError(
            f"The data date {data_date:%d %B %Y} is after the paper was published ({published_on:%d %B %Y}): "
            "give the publication date or an earlier one"
        )
    if data_date < paper.data_to:
        raise WorkflowError(
            f"The data date {data_date:%d %B %Y} is before the paper's data, which run to {paper.data_to:%B %Y}"
        )
    live = elements.tables_for(paper)
    paper.snapshot = {
        "data_date": data_date.isoformat(),
        "data_to": paper.data_to.isoformat(),
        "elements": {str(pk): elements.table_to_json(table) if table else None for pk, table in live.items()},
    }
    paper.status, paper.published_at, paper.published_by = PaperStatus.PUBLISHED, moment, acting_user
    paper.save(update_fields=["snapshot", "status", "published_at", "published_by"])
    _queue_paper_files(paper)
    if paper.replaces_id:
        record_event(
            actor=acting_user,
            operation=Operation.ALTERATION,
            event="scrutiny.paper.superseded",
            obj=paper.replaces,
            area=paper.meeting.force,
        )
    record_event(
        actor=acting_user,
        operation=Operation.DISCLOSURE,
        event="scrutiny.paper.published",
        obj=paper,
        area=paper.meeting.force,
        recipient="public",
        detail=_backdated(published_at, "published_at") or None,
    )
    return paper


def _queue_paper_files(paper: Paper) -> None:
    from beatbook.scrutiny.tasks import make_paper_files  # the task module imports outputs, which imports models

    job = make_paper_files.enqueue(paper.pk)
    paper.files_status, paper.files_error, paper.files_job = FilesStatus.QUEUED, "", str(job.id)
    paper.save(update_fields=["files_status", "files_error", "files_job"])


@transaction.atomic
def do_retry_paper_files(*, paper: Paper, acting_user) -> Paper:  # noqa: ANN001
    """Queue the files of a published paper again after its job failed (the reason is shown until then)."""
    paper = Paper.objects.select_for_update().get(pk=paper.pk)
    access.require_in_force(acting_user, Capability.SCRUTINISE, paper.meeting.force)
    if not paper.is_published or paper.files_status in (FilesStatus.QUEUED, FilesStatus.READY):
        raise WorkflowError("Only a published paper whose files failed can be tried again")
    _queue_paper_files(paper)
    record_event(
        actor=acting_user,
        operation=Operation.ALTERATION,
        event="scrutiny.paper.files_retried",
        obj=paper,
        area=paper.meeting.force,
    )
    return paper


@transaction.atomic
def do_correct_paper(*, paper: Paper, note: str, acting_user) -> Paper:  # noqa: ANN001
    """A new draft version copying the published paper's sections, with a correction note."""
    if not paper.is_published or hasattr(paper, "replaced_by"):
        raise WorkflowError("Only the latest published version can be corrected")
    if not note.strip():
        raise WorkflowError("Say what the correction is")
    new = Paper.objects.create(
        meeting=paper.meeting,
        title=paper.title,
        report_by=paper.report_by,
        version=paper.version + 1,
        replaces=paper,
        correction_note=note,
        data_to=paper.data_to,
        created_by=acting_user,
    )
    for section in paper.sections.all():
        copy = Section.objects.create(
            paper=new, number=section.number, heading=section.heading, sub_objective=section.sub_objective
        )
        for block in section.blocks.all():
            Block.objects.create(
                section=copy,
                number=block.number,
                html=block.html,
                element=block.element,
                caption=block.caption,
                source=block.source,
            )
    record_event(
        actor=acting_user,
        operation=Operation.COLLECTION,
        event="scrutiny.paper.corrected",
        obj=new,
        area=paper.meeting.force,
    )
    return new


def open_meetings(force: Area | None = None):  # noqa: ANN201 - a QuerySet of Meeting
    """Meetings still taking questions: in the future and before their notice period closes."""
    meetings = Meeting.objects.filter(starts_at__gt=timezone.now()).order_by("starts_at")
    if force is not None:
        meetings = meetings.filter(force=force)
    return [m for m in meetings if timezone.localdate() <= rules.questions_close_on(m)]


SAME_QUESTION_WITHIN = timedelta(hours=1)  # a question sent again from a form left open


@transaction.atomic
def do_ask_question(
    *,
    meeting: Meeting,
    name: str,
    email: str,
    area: str,
    text: str,
    theme: str,
    request=None,
    received_at=None,  # noqa: ANN001
) -> Question:
    """A question from the public (no sign-in). The personal data is collected, so audited as such. An asker
    who gave an email address is sent its reference by a queued job (askers.py)."""
    if theme not in Theme.values:
        raise WorkflowError("Choose a theme")
    # The same question sent twice (a double click, or sent again after a slow answer) is one question, under
    # its first reference: a second would be moderated, answered and counted twice (QA 17s).
    # Only a recent one from the same district: two residents who sign "Resident", give no email address and ask
    # "What is being done about speeding?" from Bolsover and Erewash, or a week apart, are two questions (QA 17f:
    # the second was dropped and its browser shown the first's reference).
    same = Question.objects.filter(
        meeting=meeting, asker_name=name.strip(), asker_email=email.strip(), area=area, text=text.strip(),
        theme=theme, received_at__gte=timezone.now() - SAME_QUESTION_WITHIN,
    ).first()  # fmt: skip
    if same is not None:
        return same
    question = Question.objects.create(
        meeting=meeting,
        asker_name=name.strip(),
        asker_email=email.strip(),
        area=area.strip(),
        text=text.strip(),
        theme=theme,
        received_at=received_at or timezone.now(),
    )
    record_event(
        actor=None if request is None else request.user,
        operation=Operation.COLLECTION,
        event="scrutiny.question.asked",
        obj=question,
        object_label=f"Question for {meeting.title}"[:200],
        area=meeting.force,
        request=request,
    )
    askers.queue_email(question, askers.RECEIVED)
    return question


@transaction.atomic
def do_moderate_question(*, question: Question, accept: bool, reason: str = "", acting_user) -> Question:  # noqa: ANN001
    """Accept (and so assign to the force with a due date) or reject with the reason given to the asker."""
    access.require_in_force(acting_user, Capability.SCRUTINISE, question.meeting.force)
    if question.status != QuestionStatus.RECEIVED:
        raise WorkflowError("This question has already been moderated")
    if accept:
        taken = Question.objects.filter(meeting=question.meeting, number__isnull=False).count()
        question.status, question.number = QuestionStatus.ACCEPTED, taken + 1
        question.answer_due_on = rules.answer_due_on(question.meeting)
    else:
        if not reason.strip():
            raise WorkflowError("Say why the question is not accepted (for example: about an individual case)")
        question.status, question.rejection_reason = QuestionStatus.REJECTED, reason
    # Only the fields decided here: a job may have recorded an email to the asker meanwhile.
    question.save(update_fields=["status", "number", "answer_due_on", "rejection_reason"])
    record_event(
        actor=acting_user,
        operation=Operation.ALTERATION,
        event=f"scrutiny.question.{question.status}",
        obj=question,
        area=question.meeting.force,
    )
    return question


@transaction.atomic
def do_retry_question_emails(*, question: Question, acting_user) -> Question:  # noqa: ANN001
    """Queue again the emails to the asker that are due but were not sent (after a failed job)."""
    access.require_in_force(acting_user, Capability.SCRUTINISE, question.meeting.force)
    question = Question.objects.select_for_update().get(pk=question.pk)
    if not question.email_error or not question.asker_email:
        raise WorkflowError("No email to this asker is waiting to be sent again")
    askers.queue_email(question, askers.RECEIVED)
    if question.status == QuestionStatus.PUBLISHED:
        askers.queue_email(question, askers.PUBLISHED)
    question.email_error = ""
    question.save(update_fields=["email_error"])
    record_event(
        actor=acting_user,
        operation=Operation.ALTERATION,
        event="scrutiny.question.emails_retried",
        obj=question,
        area=question.meeting.force,
    )
    return question


@transaction.atomic
def do_answer_question(*, question: Question, answer: str, acting_user) -> Question:  # noqa: ANN001
    access.require_in_force(acting_user, Capability.ANSWER_PUBLIC_QUESTIONS, question.meeting.force)
    if question.status not in (QuestionStatus.ACCEPTED, QuestionStatus.ANSWERED):
        raise WorkflowError("Only an accepted question without an approved answer can be answered")
    if not answer.strip():
        raise WorkflowError("Write the answer")
    question.answer, question.answered_by, question.status = sanitise(answer), acting_user, QuestionStatus.ANSWERED
    question.save(update_fields=["answer", "answered_by", "status"])
    record_event(
        actor=acting_user,
        operation=Operation.ALTERATION,
        event="scrutiny.question.answered",
        obj=question,
        area=question.meeting.force,
    )
    return question


@transaction.atomic
def do_approve_answer(*, question: Question, acting_user) -> Question:  # noqa: ANN001
    access.require_in_force(acting_user, Capability.SCRUTINISE, question.meeting.force)
    if question.status != QuestionStatus.ANSWERED:
        raise WorkflowError("Only a drafted answer can be approved")
    question.status, question.approved_by = QuestionStatus.APPROVED, acting_user
    question.save(update_fields=["status", "approved_by"])
    record_event(
        actor=acting_user,
        operation=Operation.ALTERATION,
        event="scrutiny.question.approved",
        obj=question,
        area=question.meeting.force,
    )
    return question


@transaction.atomic
def do_publish_questions(*, meeting: Meeting, acting_user, published_at: datetime | None = None) -> int:  # noqa: ANN001
    """Publish every approved question and answer of the meeting (askers shown by area only) now, or at
    `published_at` (aware, not in the future, not before a question was received) for answers published before
    they were recorded; the audit row says so. Each asker who gave an email address is sent a link to the
    answer by a queued job (askers.py)."""
    access.require_in_force(acting_user, Capability.SCRUTINISE, meeting.force)
    now = _moment(published_at, "The publication time")
    approved = list(Question.objects.select_for_update().filter(meeting=meeting, status=QuestionStatus.APPROVED))
    if any(question.received_at > now for question in approved):
        raise WorkflowError("The publication time is before a question was received: give a later time")
    count = Question.objects.filter(pk__in=[q.pk for q in approved]).update(
        status=QuestionStatus.PUBLISHED, published_at=now
    )
    if not count:
        raise WorkflowError("No approved answers to publish")
    for question in approved:
        askers.queue_email(question, askers.PUBLISHED)
    meeting.questions_published_at = now
    meeting.save(update_fields=["questions_published_at"])
    record_event(
        actor=acting_user,
        operation=Operation.DISCLOSURE,
        event="scrutiny.questions.published",
        obj=meeting,
        area=meeting.force,
        recipient="public",
        detail={"questions": count} | _backdated(published_at, "published_at"),
    )
    return count
