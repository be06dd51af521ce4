"""The permission matrix: every URL pattern × method × role, and the status each must get.

Roles are the demo personas (see conftest.py) plus "anonymous" and "outsider" (an inspector of
another force). Area URLs use the Chesterfield LPU: inside the reach of the inspector, chief
inspector, force-wide roles and the Chesterfield partner; outside the Staveley PCSO, constable and
sergeant (404, as if it did not exist); and outside the other force's inspector (404).
A URL pattern without an entry here fails test_every_url_pattern_is_in_the_matrix.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

ALL_ROLES = [
    "anonymous",
    "pcso",
    "constable",
    "sergeant",
    "inspector",
    "chief_inspector",
    "analyst",
    "scrutiny",
    "partner",
    "admin",
    "outsider",
]
SIGNED_IN = [role for role in ALL_ROLES if role != "anonymous"]


def every(status: int, **exceptions: int) -> dict[str, int]:
    return {role: exceptions.get(role, status) for role in ALL_ROLES}


# Reach of the Chesterfield LPU: who sees it (200) and who gets 404.
CHESTERFIELD = every(200, anonymous=302, pcso=404, constable=404, sergeant=404, outsider=404)
CHESTERFIELD_API = CHESTERFIELD | {"anonymous": 401}


@dataclass
class Case:
    name: str
    method: str
    expected: dict[str, int]
    kwargs: Any = field(default_factory=dict)  # dict, or a callable(personas) -> dict
    data: dict[str, str] = field(default_factory=dict)
    json: Any = None  # an API body posted as JSON instead of `data`: a dict, or a callable(personas) -> dict


def _pc_jones(personas: dict) -> dict:
    return {"user_id": personas["constable"].pk}


def _pc_jones_membership(personas: dict) -> dict:
    membership = personas["constable"].memberships.first()
    return {"user_id": personas["constable"].pk, "membership_id": membership.pk}


def _staveley_hotspot(personas: dict) -> dict:
    from datetime import date

    from beatbook.areas.models import Area
    from beatbook.hotspots.actions import do_designate_hotspot

    hotspot = do_designate_hotspot(
        area=Area.objects.get(code="staveley"),
        name="Matrix hotspot",
        cells=[(442500, 374500)],
        cell_size=250,
        starts_on=date(2026, 1, 5),
        weekly_target_minutes=60,
        acting_user=personas["inspector"],
    )
    return {"hotspot_uuid": hotspot.uuid}


def _staveley_priority(personas: dict) -> dict:
    from beatbook.areas.models import Area
    from beatbook.neighbourhoods.actions import do_set_priority

    priority = do_set_priority(
        neighbourhood=Area.objects.get(code="staveley"),
        issue="Matrix priority",
        planned_action="Patrols",
        evidence=["survey"],
        acting_user=personas["sergeant"],
    )
    return {"priority_uuid": priority.uuid}


def _staveley_engagement(personas: dict) -> dict:
    from datetime import timedelta

    from django.utils import timezone

    from beatbook.areas.models import Area
    from beatbook.neighbourhoods.actions import do_record_engagement

    engagement = do_record_engagement(
        neighbourhood=Area.objects.get(code="staveley"),
        started_at=timezone.now() - timedelta(hours=1),
        duration_minutes=30,
        location="Library",
        method="street_surgery",
        people_reached=5,
        acting_user=personas["pcso"],
    )
    return {"engagement_uuid": engagement.uuid}


ADMIN_ONLY = every(403, anonymous=302, admin=200)
POLICE_RECORDERS = every(200, anonymous=302, analyst=403, scrutiny=403, partner=403, admin=403)
# Inspectors and above for Staveley act (302 back to the page); other roles who can see it get 403.
STAVELEY_INSPECTORS = every(403, anonymous=302, inspector=302, chief_inspector=302, outsider=404)
PUBLIC = every(200)
# The API answers 401 rather than redirecting to the sign-in page.
API_SIGNED_IN = every(200, anonymous=401)
# Recording in Staveley over the API: police roles whose reach includes it (201); others who can see it, 403.
API_STAVELEY_RECORDERS = every(403, anonymous=401, outsider=404) | {
    role: 201 for role in ("pcso", "constable", "sergeant", "inspector", "chief_inspector")
}
API_STAVELEY_INSPECTORS = every(403, anonymous=401, inspector=200, chief_inspector=200, outsider=404)
API_ENGAGEMENT = {
    "neighbourhood": "staveley",
    "started_at": "2026-01-10T10:00:00",
    "duration_minutes": 20,
    "location": "Library",
    "method": "street_surgery",
    "people_reached": 4,
}
API_ABSTRACTION = {
    "started_at": "2026-01-10T08:00:00",
    "ended_at": "2026-01-10T12:00:00",
    "reason": "training",
    "authorised_by": "C. Insp Wright",
    "authoriser_rank": "chief_inspector",
}


def _abstraction_of_pcso_patel(personas: dict) -> dict:
    return API_ABSTRACTION | {"officer_id": personas["pcso"].officer.pk}


API_PRIORITY = {"neighbourhood": "staveley", "issue": "Litter", "planned_action": "Clean-up", "evidence": ["survey"]}
IMPORTERS = every(403, anonymous=302, analyst=200, admin=200)

MATRIX: list[Case] = [
    Case("web:home", "GET", every(200, anonymous=302)),
    Case("accounts:login", "GET", every(200)),
    Case("accounts:logout", "GET", every(405)),
    Case("accounts:logout", "POST", every(302)),
    Case("accounts:profile", "GET", every(200, anonymous=302)),
    Case("accounts:token_create", "GET", every(405, anonymous=302)),
    Case("accounts:token_create", "POST", every(200, anonymous=302), data={"name": "phone"}),
    Case("accounts:token_revoke", "POST", every(404, anonymous=302), kwargs={"token_id": 999999}),
    Case("accounts:user_list", "GET", ADMIN_ONLY),
    Case("accounts:user_detail", "GET", ADMIN_ONLY, kwargs=_pc_jones),
    Case("accounts:user_set_active", "POST", ADMIN_ONLY | {"admin": 302}, kwargs=_pc_jones, data={"active": "1"}),
    Case("accounts:membership_revoke", "POST", ADMIN_ONLY | {"admin": 302}, kwargs=_pc_jones_membership),
    Case("areas:index", "GET", every(200, anonymous=302)),
    Case("areas:detail", "GET", CHESTERFIELD, kwargs={"code": "chesterfield"}),
    Case("areas:officers", "GET", CHESTERFIELD, kwargs={"code": "chesterfield"}),
    Case("areas:lsoas", "GET", CHESTERFIELD, kwargs={"code": "chesterfield"}),
    Case("crime:area", "GET", CHESTERFIELD, kwargs={"code": "chesterfield"}),
    Case("hotspots:area", "GET", CHESTERFIELD, kwargs={"code": "chesterfield"}),
    Case("hotspots:tasking", "GET", CHESTERFIELD, kwargs={"code": "chesterfield"}),
    Case(
        "hotspots:designate",
        "GET",
        CHESTERFIELD | {"analyst": 403, "scrutiny": 403, "partner": 403, "admin": 403},
        kwargs={"code": "chesterfield"},
    ),
    # A hotspot designated in Staveley: every Derbyshire role whose reach includes it sees it; the
    # partner and the Chesterfield inspector too; only police roles may log a patrol there.
    Case("hotspots:detail", "GET", every(200, anonymous=302, outsider=404), kwargs=_staveley_hotspot),
    Case(
        "hotspots:log_patrol",
        "GET",
        every(200, anonymous=302, analyst=403, scrutiny=403, partner=403, admin=403, outsider=404),
        kwargs=_staveley_hotspot,
    ),
    Case("crime:imports", "GET", IMPORTERS),
    Case(
        "crime:import_report",
        "GET",
        every(403, anonymous=302, analyst=404, admin=404),
        kwargs={"run_uuid": "00000000-0000-0000-0000-000000000000"},
    ),
    Case("audit:index", "GET", every(403, anonymous=302, inspector=200, chief_inspector=200, admin=200, outsider=200)),
    Case("api:api-root", "GET", every(404, anonymous=404)),
    Case("api:openapi-json", "GET", every(200)),
    Case("api:openapi-view", "GET", every(200)),
    Case("api:list_areas", "GET", every(200, anonymous=401)),
    Case("api:get_area", "GET", CHESTERFIELD_API, kwargs={"code": "chesterfield"}),
    Case("api:area_crime", "GET", CHESTERFIELD_API, kwargs={"code": "chesterfield"}),
    Case("api:recording_options", "GET", API_SIGNED_IN),
    Case("api:engagement_report", "GET", CHESTERFIELD_API, kwargs={"code": "chesterfield"}),
    Case("api:abstraction_report", "GET", CHESTERFIELD_API | {"partner": 403}, kwargs={"code": "chesterfield"}),
    Case("api:area_priorities", "GET", CHESTERFIELD_API, kwargs={"code": "chesterfield"}),
    Case("api:record_engagement", "POST", API_STAVELEY_RECORDERS, json=API_ENGAGEMENT),
    Case("api:review_engagement", "POST", API_STAVELEY_INSPECTORS, kwargs=_staveley_engagement, json={}),
    Case("api:record_abstraction", "POST", API_STAVELEY_RECORDERS, json=_abstraction_of_pcso_patel),
    Case("api:set_priority", "POST", API_STAVELEY_RECORDERS, json=API_PRIORITY),
    Case(
        "api:record_priority_action",
        "POST",
        API_STAVELEY_RECORDERS
        | {role: 200 for role in ("pcso", "constable", "sergeant", "inspector", "chief_inspector")},
        kwargs=_staveley_priority,
        json={"action_taken": "Done"},
    ),
    Case("api:publish_priority", "POST", API_STAVELEY_INSPECTORS, kwargs=_staveley_priority, json={"publish": True}),
    Case("neighbourhoods:record_engagement", "GET", POLICE_RECORDERS),
    Case(
        "neighbourhoods:community_groups",
        "GET",
        every(404, anonymous=302, analyst=403, scrutiny=403, admin=200),
        kwargs={"code": "derbyshire"},
    ),
    Case("neighbourhoods:record_abstraction", "GET", POLICE_RECORDERS),
    Case("neighbourhoods:set_priority", "GET", POLICE_RECORDERS),
    Case("neighbourhoods:engagement", "GET", CHESTERFIELD, kwargs={"code": "chesterfield"}),
    Case("neighbourhoods:abstractions", "GET", CHESTERFIELD | {"partner": 403}, kwargs={"code": "chesterfield"}),
    Case("neighbourhoods:priorities", "GET", CHESTERFIELD, kwargs={"code": "chesterfield"}),
    Case("neighbourhoods:priority", "GET", every(200, anonymous=302, outsider=404), kwargs=_staveley_priority),
    Case("neighbourhoods:publish_priority", "POST", STAVELEY_INSPECTORS, kwargs=_staveley_priority),
    Case("neighbourhoods:review_engagement", "POST", STAVELEY_INSPECTORS, kwargs=_staveley_engagement),
    Case("public:find", "GET", PUBLIC),
    Case("public:neighbourhood", "GET", PUBLIC, kwargs={"force": "derbyshire", "code": "staveley"}),
    Case("public:feed_forces", "GET", PUBLIC),
    Case("public:feed_force", "GET", PUBLIC, kwargs={"force": "derbyshire"}),
    Case("public:feed_neighbourhoods", "GET", PUBLIC, kwargs={"force": "derbyshire"}),
    Case("public:feed_neighbourhood", "GET", PUBLIC, kwargs={"force": "derbyshire", "code": "staveley"}),
    Case("public:feed_people", "GET", PUBLIC, kwargs={"force": "derbyshire", "code": "staveley"}),
    Case("public:feed_priorities", "GET", PUBLIC, kwargs={"force": "derbyshire", "code": "staveley"}),
    # Public scrutiny (beatbook/scrutiny): the archive is public; the workspace is for scrutiny and force roles.
    Case("scrutiny:index", "GET", PUBLIC),
    Case("scrutiny:feed", "GET", PUBLIC),
    Case("scrutiny:compare", "GET", PUBLIC),
    Case("scrutiny:meeting", "GET", PUBLIC, kwargs=lambda personas: {"uuid": _scrutiny(personas)["meeting"].uuid}),
    Case("scrutiny:ask", "GET", PUBLIC, kwargs=lambda personas: {"uuid": _scrutiny(personas)["meeting"].uuid}),
    Case("scrutiny:asked", "GET", PUBLIC, kwargs=lambda personas: {"uuid": _scrutiny(personas)["meeting"].uuid}),
    Case("scrutiny:paper", "GET", PUBLIC, kwargs=lambda personas: {"uuid": _scrutiny(personas)["paper"].uuid}),
    Case("scrutiny:paper_docx", "GET", PUBLIC, kwargs=lambda personas: {"uuid": _scrutiny(personas)["paper"].uuid}),
    Case("scrutiny:paper_pdf", "GET", PUBLIC, kwargs=lambda personas: {"uuid": _scrutiny(personas)["paper"].uuid}),
    Case(
        "scrutiny:priority", "GET", PUBLIC, kwargs=lambda personas: {"pk": _scrutiny(personas)["meeting"].priority.pk}
    ),
    Case("scrutiny:measure", "GET", PUBLIC, kwargs=lambda personas: {"slug": _scrutiny(personas)["measure"].slug}),
    Case(
        "scrutiny:manage",
        "GET",
        every(403, anonymous=302, inspector=200, chief_inspector=200, analyst=200, scrutiny=200, outsider=200),
    ),
    Case(
        "scrutiny:manage_question",
        "GET",
        every(403, anonymous=302, inspector=200, chief_inspector=200, analyst=200, scrutiny=200, outsider=404),
        kwargs=lambda personas: {"uuid": _scrutiny(personas)["question"].uuid},
    ),
    Case(
        "scrutiny:manage_paper",
        "GET",
        every(403, anonymous=302, inspector=200, chief_inspector=200, analyst=200, scrutiny=200, outsider=404),
        kwargs=lambda personas: {"uuid": _scrutiny(personas)["paper"].uuid},
    ),
    Case(
        "scrutiny:publish_questions",
        "POST",
        every(403, anonymous=302, scrutiny=302, outsider=404),
        kwargs=lambda personas: {"uuid": _scrutiny(personas)["meeting"].uuid},
    ),
    Case(
        "scrutiny:draft_paper",
        "GET",
        every(403, anonymous=302, chief_inspector=200, analyst=200, outsider=404),
        kwargs=lambda personas: {"uuid": _scrutiny(personas)["meeting"].uuid},
    ),
    Case(
        "scrutiny:edit_paper",
        "GET",
        every(403, anonymous=302, chief_inspector=200, analyst=200, outsider=404),
        kwargs=lambda personas: {"uuid": _scrutiny(personas)["paper"].uuid},
    ),
    Case(
        "scrutiny:record_value",
        "GET",
        every(403, anonymous=302, scrutiny=200, outsider=404),
        kwargs=lambda personas: {"slug": _scrutiny(personas)["measure"].slug},
    ),
    Case("scrutiny:new_meeting", "GET", every(403, anonymous=302, scrutiny=200)),
    Case("scrutiny:add_measure", "GET", every(403, anonymous=302, scrutiny=200)),
    Case("api:scrutiny_meetings", "GET", API_SIGNED_IN),
    Case(
        "api:scrutiny_meeting",
        "GET",
        API_SIGNED_IN,
        kwargs=lambda personas: {"meeting_uuid": _scrutiny(personas)["meeting"].uuid},
    ),
    Case(
        "api:scrutiny_measure",
        "GET",
        API_SIGNED_IN,
        kwargs=lambda personas: {"slug": _scrutiny(personas)["measure"].slug},
    ),
    Case(
        "api:scrutiny_questions",
        "GET",
        every(403, anonymous=401, inspector=200, chief_inspector=200, analyst=200, scrutiny=200, outsider=200),
    ),
    Case(
        "api:answer_public_question",
        "POST",
        every(403, anonymous=401, inspector=200, chief_inspector=200, analyst=200, outsider=404),
        kwargs=lambda personas: {"question_uuid": _scrutiny(personas)["question"].uuid},
        json={"answer": "More patrols"},
    ),
]


def _scrutiny(personas: dict) -> dict:
    """A coming meeting with a published paper, a measure and a received question (made once per test)."""
    from datetime import date, timedelta

    from django.utils import timezone

    from beatbook.areas.models import Area
    from beatbook.scrutiny import actions
    from beatbook.scrutiny.models import Meeting, Question

    meeting = Meeting.objects.filter(title="Matrix meeting").first()
    if meeting is not None:
        return {
            "meeting": meeting,
            "paper": meeting.papers.first(),
            "measure": meeting.priority.measures.first(),
            "question": Question.objects.filter(meeting=meeting).first(),
        }
    force, scrutiny, analyst = Area.objects.get(code="derbyshire"), personas["scrutiny"], personas["analyst"]
    plan = actions.do_create_plan(
        force=force, title="Matrix plan", starts_on=date(2024, 5, 1), ends_on=date(2028, 5, 1), acting_user=scrutiny
    )
    priority = actions.do_add_priority(
        plan=plan, number=1, title="Matrix", sub_objectives=["One"], acting_user=scrutiny
    )
    measure = actions.do_add_measure(
        priority=priority, slug="matrix-measure", name="Matrix measure", area=force, how_counted="By hand",
        acting_user=scrutiny,
    )  # fmt: skip
    meeting = actions.do_create_meeting(
        force=force, title="Matrix meeting", starts_at=timezone.now() + timedelta(days=60), place="Online",
        priority=priority, acting_user=scrutiny,
    )  # fmt: skip
    paper = actions.do_draft_paper(meeting=meeting, title="Matrix paper", data_to=date(2023, 1, 1), acting_user=analyst)
    section = actions.do_add_section(paper=paper, heading="Overview", acting_user=analyst)
    actions.do_add_block(section=section, html="<p>Text</p>", acting_user=analyst)
    actions.do_submit_paper(paper=paper, acting_user=analyst)
    actions.do_publish_paper(paper=paper, acting_user=scrutiny)
    question = actions.do_ask_question(
        meeting=meeting, name="A Person", email="a@example.invalid", area="Bolsover", text="Why?", theme="miscellaneous"
    )
    actions.do_moderate_question(question=question, accept=True, acting_user=scrutiny)
    return {"meeting": meeting, "paper": paper, "measure": measure, "question": question}
