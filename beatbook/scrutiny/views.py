"""The public scrutiny archive (/scrutiny/, no sign-in): meetings, papers, questions and answers, the trail
from a plan priority to its measures, papers and questions, the Atom feed and the end-of-term comparison.

Only published papers (frozen) and published questions (askers by area only) ever reach these pages.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed

from beatbook.accounts import access
from beatbook.accounts.access import Capability
from beatbook.areas.models import Area
from beatbook.audit.models import AuditEvent
from beatbook.crime.periods import Days, month_span, parse_month
from beatbook.lib.charts import grouped_bars, monthly_series
from beatbook.scrutiny import actions, measures, outputs
from beatbook.scrutiny.forms import CompareForm, QuestionForm
from beatbook.scrutiny.models import (
    FilesStatus,
    Measure,
    Meeting,
    Paper,
    PaperStatus,
    PlanPriority,
    Question,
    QuestionStatus,
)
from beatbook.web.forms import check_date_window
from beatbook.web.tables import Column, Table, render_with_twins


def _published_papers():  # noqa: ANN202
    return Paper.objects.filter(status=PaperStatus.PUBLISHED)


def _published_questions():  # noqa: ANN202
    return Question.objects.filter(status=QuestionStatus.PUBLISHED)


def questions_table(questions, caption: str) -> Table:  # noqa: ANN001
    return Table(
        name="questions",
        caption=caption,
        columns=[
            Column("number", "Question", numeric=True),
            Column("theme", "Theme"),
            Column("area", "Asked by"),
            Column("question", "Question asked"),
            Column("answer", "Response"),
        ],
        rows=[
            {
                "number": q.number,
                "theme": q.get_theme_display(),
                "area": q.asked_by,
                "question": q.text,
                "answer": outputs._text(q.answer) and "\n\n".join(outputs._text(q.answer)),
            }
            for q in questions
        ],
    )


def index(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:100]
    meetings = Meeting.objects.select_related("priority").order_by("-starts_at")
    if query:
        meetings = meetings.filter(
            Q(title__icontains=query)
            | Q(papers__status=PaperStatus.PUBLISHED, papers__sections__blocks__html__icontains=query)
            | Q(questions__status=QuestionStatus.PUBLISHED, questions__text__icontains=query)
            | Q(questions__status=QuestionStatus.PUBLISHED, questions__answer__icontains=query)
        ).distinct()
    table = Table(
        name="meetings",
        caption="Performance Scrutiny Meetings",
        columns=[
            Column("date", "Date"),
            Column("title", "Meeting"),
            Column("place", "Place"),
            Column("papers", "Papers", True),
            Column("questions", "Public questions", True),
        ],
        rows=[
            {
                "date": f"{timezone.localtime(m.starts_at):%d %B %Y}",
                "title": m.title,
                "place": m.place,
                "papers": m.papers.filter(status=PaperStatus.PUBLISHED).count(),
                "questions": m.questions.filter(status=QuestionStatus.PUBLISHED).count(),
            }
            for m in meetings
        ],
    )
    table.links = {(i, "title"): reverse("scrutiny:meeting", args=[m.uuid]) for i, m in enumerate(meetings)}
    priorities = PlanPriority.objects.select_related("plan").order_by("plan", "number")
    context = {
        "query": query,
        "priorities": priorities,
        "open_meetings": actions.open_meetings(),
        "body_title": settings.LOCAL_POLICING_BODY_TITLE,
    }
    # Every meeting published so far: a snapshot.
    return render_with_twins(request, "scrutiny/index.html", context, table, snapshot=True)


def meeting(request: HttpRequest, uuid: str) -> HttpResponse:
    found = get_object_or_404(Meeting.objects.select_related("priority", "force"), uuid=uuid)
    questions = _published_questions().filter(meeting=found).order_by("number")
    table = questions_table(questions, f"Public questions and the force's responses, {found.title}")
    context = {
        "meeting": found,
        "papers": _published_papers().filter(meeting=found).order_by("-version"),
        "open": found in actions.open_meetings(),
        "body_title": settings.LOCAL_POLICING_BODY_TITLE,
    }
    held_on = timezone.localdate(found.starts_at)
    return render_with_twins(request, "scrutiny/meeting.html", context, table, period=Days(held_on, held_on))


def _paper(uuid: str) -> Paper:
    return get_object_or_404(_published_papers().select_related("meeting", "meeting__priority"), uuid=uuid)


def paper(request: HttpRequest, uuid: str) -> HttpResponse:
    found = _paper(uuid)
    if request.GET.get("print"):
        return HttpResponse(outputs.paper_html(found))
    return render(request, "scrutiny/paper.html", outputs.context(found))


def _paper_file(request: HttpRequest, uuid: str, kind: str) -> HttpResponse:
    """A published paper's DOCX or PDF as made by the job queue; until then a page that says it is being
    prepared (202, refreshing itself: no JavaScript needed), or that it could not be made yet (503). The web
    process never renders the files itself."""
    found = _paper(uuid)
    if not found.files_ready:
        failed = found.files_status == FilesStatus.FAILED
        context = {"paper": found, "kind": kind.upper(), "failed": failed, "url": request.path}
        response = render(request, "scrutiny/paper_preparing.html", context, status=503 if failed else 202)
        response["Retry-After"] = "600" if failed else str(PREPARING_REFRESH_SECONDS)
        response["Cache-Control"] = "no-store"
        return response
    name = f"paper-{found.uuid}-v{found.version}.{kind}"
    if kind == "pdf":
        response = HttpResponse(bytes(found.pdf), content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="{name}"'
    else:
        response = HttpResponse(bytes(found.docx), content_type=DOCX_TYPE)
        response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PREPARING_REFRESH_SECONDS = 3


def paper_docx(request: HttpRequest, uuid: str) -> HttpResponse:
    return _paper_file(request, uuid, "docx")


def paper_pdf(request: HttpRequest, uuid: str) -> HttpResponse:
    return _paper_file(request, uuid, "pdf")


def priority(request: HttpRequest, pk: int) -> HttpResponse:
    """The trail: a priority's measures (live), the papers that reported them (frozen) and its questions."""
    found = get_object_or_404(PlanPriority.objects.select_related("plan"), pk=pk)
    rows = []
    for measure in found.measures.select_related("area"):
        latest = measures.latest_month(measure)
        rows.append(
            {
                "measure": measure.name,
                "area": measure.area.name,
                "value": measures._plain(measures.value_at(measure, latest)) if latest else None,
                "month": f"{latest:%b %Y}" if latest else "",
                "direction": measure.get_direction_display(),
                "target": measure.target,
            }
        )
    table = Table(
        name="measures",
        caption=f"Measures of priority {found.number}: {found.title}",
        columns=[
            Column("measure", "Measure"),
            Column("area", "Area"),
            Column("value", "Latest value", True),
            Column("month", "To"),
            Column("direction", "Direction"),
            Column("target", "Target", True),
        ],
        rows=rows,
    )
    table.links = {
        (i, "measure"): reverse("scrutiny:measure", args=[m.slug]) for i, m in enumerate(found.measures.all())
    }
    questions = _published_questions().filter(meeting__priority=found).order_by("meeting", "number")
    context = {
        "priority": found,
        "papers": _published_papers().filter(meeting__priority=found).select_related("meeting"),
        "questions": questions,
    }
    return render_with_twins(
        request,
        "scrutiny/priority.html",
        context,
        [table, questions_table(questions, f"Public questions on priority {found.number}")],
        snapshot=True,  # each measure's latest value, and the questions published so far
    )


def measure(request: HttpRequest, slug: str) -> HttpResponse:
    found = get_object_or_404(Measure.objects.select_related("area", "priority"), slug=slug)
    values = measures.history(found)
    table = measures.history_table(found, values)
    labels, series = monthly_series(values)  # a month with no value is a gap on the chart, not a zero
    reported = [
        p
        for p in _published_papers().filter(meeting__priority=found.priority).select_related("meeting")
        if any(outputs._measure_for(b, p) == found for s in p.sections.all() for b in s.blocks.all() if b.element)
    ]
    context = {
        "measure": found,
        "can_record": request.user.is_authenticated
        and access.can_in_force(request.user, Capability.SCRUTINISE, found.area.force()),
        "how_counted": measures.how_counted(found),
        "chart": grouped_bars(labels, [series]) if values else None,
        "chart_description": (
            f"Bar chart of {found.name} by month from {values[0][0]:%B %Y} to {values[-1][0]:%B %Y}: "
            f"from {values[0][1]:,.0f} to {values[-1][1]:,.0f}. The table below has every value."
        )
        if values
        else "",
        "papers": reported,
    }
    table.period = month_span(values[0][0], values[-1][0]) if values else ()
    tables = [table]
    if found.definition in measures.BREAKDOWNS and values:
        # The measure by type (ASB by NSIR type, neighbourhood crime by Home Office type), read live.
        from beatbook.scrutiny import elements

        breakdown = elements.read(measures.BREAKDOWNS[found.definition], found.area, values[-1][0])
        if breakdown:
            breakdown.period = month_span(values[-1][0], values[-1][0])
            tables.append(breakdown)
    return render_with_twins(request, "scrutiny/measure.html", context, tables)


def _comparison_problem(first: date, second: date) -> str:
    """What to fix in the two months compared ("" if nothing): reversed, or outside the dates Beatbook holds."""
    if second < first:
        return f"The ‘To’ month ({second:%B %Y}) is before the ‘From’ month ({first:%B %Y}): swap them or change one"
    try:
        check_date_window(first)
        check_date_window(second)
    except ValidationError as error:
        return error.messages[0]
    return ""


def compare(request: HttpRequest) -> HttpResponse:
    """End-of-term report: chosen measures compared between two months (e.g. since May 2021)."""
    form = CompareForm(request.GET or None)
    rows = []
    chosen = request.GET.getlist("measure")
    all_measures = Measure.objects.select_related("area").order_by("priority__number", "name")
    if form.is_valid():
        try:
            first, second = parse_month(form.cleaned_data["first"]), parse_month(form.cleaned_data["second"])
        except ValueError:
            form.add_error("first", "Enter both months as YYYY-MM, for example 2021-05")
        else:
            problem = _comparison_problem(first, second)
            if problem:
                form.add_error("second", problem)
        if not form.errors:  # still valid: both months read and in order
            for m in all_measures.filter(slug__in=chosen) if chosen else all_measures:
                rows.append(measures.compare(m, first, second))
    table = Table(
        name="comparison",
        caption="Measures compared between two months",
        columns=[
            Column("measure", "Measure"),
            Column("first", "From", True),
            Column("second", "To", True),
            Column("change", "% change", True, True),
        ],
        rows=rows,
    )
    if rows:  # the two months compared
        table.period = (month_span(first, first), month_span(second, second))
    else:
        table.period = ()
    return render_with_twins(
        request, "scrutiny/compare.html", {"form": form, "measures": all_measures, "chosen": chosen}, table
    )


def _districts(force: Area) -> list[str]:
    return list(settings.SCRUTINY_ASKER_AREAS)


def _too_many_from(request: HttpRequest) -> bool:
    """Rate limit: at most SCRUTINY_QUESTIONS_PER_HOUR_PER_ADDRESS questions an hour from one address."""
    ip = request.META.get("REMOTE_ADDR")
    recent = AuditEvent.objects.filter(
        event="scrutiny.question.asked", source_ip=ip, at__gte=timezone.now() - timedelta(hours=1)
    ).count()
    return recent >= settings.SCRUTINY_QUESTIONS_PER_HOUR_PER_ADDRESS


def ask(request: HttpRequest, uuid: str) -> HttpResponse:
    found = get_object_or_404(Meeting, uuid=uuid)
    if found not in actions.open_meetings():
        raise Http404("This meeting is not taking questions")
    form = QuestionForm(request.POST if request.method == "POST" else None, areas=_districts(found.force))
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data["website"]:
            return redirect("scrutiny:asked", uuid=found.uuid)  # a bot: say thank you, keep nothing
        if _too_many_from(request):
            return render(
                request, "scrutiny/ask.html", {"meeting": found, "form": form, "rate_limited": True}, status=429
            )
        question = actions.do_ask_question(
            meeting=found,
            name=form.cleaned_data["name"],
            email=form.cleaned_data["email"],
            area=form.cleaned_data["area"],
            text=form.cleaned_data["text"],
            theme=form.cleaned_data["theme"],
            request=request,
        )
        # The reference goes to this browser's session, not the address: only the asker's browser sees it on
        # the next page (QA 12: an asker with no email address had no other way to get it).
        request.session[ASKED_SESSION_KEY] = {str(found.uuid): question.reference}
        return redirect("scrutiny:asked", uuid=found.uuid)
    return render(request, "scrutiny/ask.html", {"meeting": found, "form": form})


ASKED_SESSION_KEY = "scrutiny_asked_reference"  # {meeting uuid: reference of the question this browser asked}


def asked(request: HttpRequest, uuid: str) -> HttpResponse:
    """Thank you, with the reference of the question this browser's session just asked for the meeting (none
    for anyone else: the reference is never in the address)."""
    found = get_object_or_404(Meeting, uuid=uuid)
    reference = request.session.get(ASKED_SESSION_KEY, {}).get(str(found.uuid), "")
    return render(request, "scrutiny/asked.html", {"meeting": found, "reference": reference})


class ScrutinyFeed(Feed):
    """Atom feed of published papers and published question sets, newest first."""

    feed_type = Atom1Feed
    title = "Performance Scrutiny Meetings: papers and public questions"
    subtitle = "Papers published for Performance Scrutiny Meetings and the answers to public questions"

    def link(self) -> str:
        return reverse("scrutiny:index")

    def items(self) -> list:
        papers = list(_published_papers().select_related("meeting").order_by("-published_at")[:30])
        meetings = list(
            Meeting.objects.filter(questions_published_at__isnull=False).order_by("-questions_published_at")[:30]
        )
        items = papers + meetings
        return sorted(
            items, key=lambda i: i.published_at if isinstance(i, Paper) else i.questions_published_at, reverse=True
        )

    def item_title(self, item) -> str:  # noqa: ANN001
        if isinstance(item, Paper):
            return f"Paper: {item.title} (version {item.version})"
        return f"Public questions answered: {item.title}"

    def item_description(self, item) -> str:  # noqa: ANN001
        meeting = item.meeting if isinstance(item, Paper) else item
        return f"Performance Scrutiny Meeting of {timezone.localtime(meeting.starts_at):%d %B %Y}"

    def item_link(self, item) -> str:  # noqa: ANN001
        if isinstance(item, Paper):
            return reverse("scrutiny:paper", args=[item.uuid])
        return reverse("scrutiny:meeting", args=[item.uuid]) + "#questions"

    def item_updateddate(self, item):  # noqa: ANN001, ANN201
        return item.published_at if isinstance(item, Paper) else item.questions_published_at
