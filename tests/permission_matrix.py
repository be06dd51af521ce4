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
    "hr",
]
SIGNED_IN = [role for role in ALL_ROLES if role != "anonymous"]


def every(status: int, **exceptions: int) -> dict[str, int]:
    # "hr" is left out unless named: Case fills it in from "scrutiny" (see Case.__post_init__).
    return {role: exceptions.get(role, status) for role in ALL_ROLES if role != "hr" or "hr" in exceptions}


# Reach of the Chesterfield LPU: who sees it (200) and who gets 404.
CHESTERFIELD = every(200, anonymous=302, pcso=404, constable=404, sergeant=404, outsider=404)
CHESTERFIELD_API = CHESTERFIELD | {"anonymous": 401}


# Issue 17 item 10: a point and an area in Dronfield, and a published crime (police.uk's ids) there.
_DRONFIELD = {"lat": "53.3", "lng": "-1.47"}
_DRONFIELD_POLY = {"poly": "53.29,-1.48:53.31,-1.48:53.31,-1.46:53.29,-1.46"}


def _published_crime(personas: dict) -> dict:
    from beatbook.public.policeuk.tests.builders import make_incident  # noqa: PLC0415 - only where a case needs it

    return {"persistent_id": make_incident(persistent=True).crime_id}


def _published_crime_q(personas: dict) -> dict:
    _published_crime(personas)
    return {}


@dataclass
class Case:
    name: str
    method: str
    expected: dict[str, int]
    kwargs: Any = field(default_factory=dict)  # dict, or a callable(personas) -> dict
    data: dict[str, str] = field(default_factory=dict)
    json: Any = None  # an API body posted as JSON instead of `data`: a dict, or a callable(personas) -> dict

    def __post_init__(self) -> None:
        # The HR administrator is force-wide with the scrutiny officer's read capabilities plus the workforce
        # ones, so a row that does not name "hr" expects what it expects for "scrutiny".
        if "hr" not in self.expected:
            self.expected = self.expected | {"hr": self.expected["scrutiny"]}


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
API_PATROL = {"started_at": "2026-01-10T18:00:00", "ended_at": "2026-01-10T18:12:00", "asb_powers": ["dispersal"]}
API_ABSTRACTION = {
    "started_at": "2026-01-10T08:00:00",
    "ended_at": "2026-01-10T12:00:00",
    "reason": "training",
    "authorised_by": "C. Insp Wright",
    "authoriser_rank": "chief_inspector",
}


def _abstraction_of_pcso_patel(personas: dict) -> dict:
    return API_ABSTRACTION | {"officer_id": personas["pcso"].officer.pk}


def _abstraction_by_pcso_patel(personas: dict) -> dict:
    from datetime import timedelta

    from django.utils import timezone

    from beatbook.neighbourhoods.actions import do_record_abstraction
    from beatbook.neighbourhoods.models import Abstraction

    # One officer is abstracted once at a time: each call (a test may make several) takes an earlier slot.
    earlier = Abstraction.objects.filter(officer=personas["pcso"].officer).count()
    start = timezone.now() - timedelta(hours=5 + 3 * earlier)
    abstraction = do_record_abstraction(
        officer=personas["pcso"].officer, started_at=start, ended_at=start + timedelta(hours=2), reason="training",
        authorised_by="C. Insp Wright", authoriser_rank="chief_inspector", acting_user=personas["pcso"],
    )  # fmt: skip
    return {"abstraction_uuid": abstraction.uuid}


OWNER_PCSO = every(403, anonymous=302, outsider=404, pcso=200)  # the PCSO's own record, seen by others
OWNER_PCSO_POST = every(403, anonymous=302, outsider=404, pcso=302)
API_PRIORITY = {"neighbourhood": "staveley", "issue": "Litter", "planned_action": "Clean-up", "evidence": ["survey"]}
IMPORTERS = every(403, anonymous=302, analyst=200, admin=200)

MATRIX: list[Case] = [
    Case("web:home", "GET", every(200)),
    Case("web:glossary", "GET", PUBLIC),
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
    Case("api_docs:reference", "GET", PUBLIC),
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
    Case("api:area_hotspots", "GET", CHESTERFIELD_API, kwargs={"code": "chesterfield"}),
    Case("api:tasking", "GET", CHESTERFIELD_API, kwargs={"code": "chesterfield"}),
    Case("api:get_hotspot", "GET", every(200, anonymous=401, outsider=404), kwargs=_staveley_hotspot),
    Case("api:log_patrol", "POST", API_STAVELEY_RECORDERS, kwargs=_staveley_hotspot, json=API_PATROL),
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
    # Issue 11 (MFA, tokens) and issue 17 item 7 (accounts made and reset by administrators).
    # Signed-in users have no sign-in waiting for a code (302 home); the demo's admin, analyst and
    # scrutiny logins have an authenticator (the roles that need one), the others do not.
    Case("accounts:mfa_verify", "GET", every(302)),
    Case("accounts:mfa_setup", "GET", every(200, anonymous=302)),
    Case(
        "accounts:mfa_recovery_codes", "POST", every(404, anonymous=302, admin=200, analyst=200, scrutiny=200, hr=404)
    ),
    Case("accounts:mfa_remove", "POST", every(302, admin=403, analyst=403, scrutiny=403, hr=302)),
    Case("accounts:set_password", "GET", every(404), kwargs={"uidb64": "MQ", "token": "not-a-token"}),
    Case("accounts:user_create", "GET", ADMIN_ONLY),
    Case("accounts:user_reset_password", "POST", ADMIN_ONLY | {"admin": 302}, kwargs=_pc_jones),
    Case("accounts:user_reset_mfa", "POST", ADMIN_ONLY | {"admin": 302}, kwargs=_pc_jones),
    Case("accounts:user_unlock", "POST", ADMIN_ONLY | {"admin": 302}, kwargs=_pc_jones),
    Case(
        "accounts:user_token_revoke",
        "POST",
        ADMIN_ONLY | {"admin": 404},
        kwargs=lambda personas: _pc_jones(personas) | {"token_id": 999999},
    ),
]


# Problem solving (issue 13): a plan owned by the Staveley team in Staveley, drafted by its sergeant.
def _staveley_plan(personas: dict) -> dict:
    from datetime import date

    from beatbook.areas.models import Area
    from beatbook.problemsolving.actions import do_draft_plan

    plan = do_draft_plan(
        title="Matrix plan",
        problem_type="asb",
        places=[Area.objects.get(code="staveley")],
        scan_from=date(2025, 1, 1),
        scan_to=date(2025, 12, 31),
        owner_area=Area.objects.get(code="staveley-snt"),
        acting_user=personas["sergeant"],
    )
    return {"plan_uuid": plan.uuid}


PLAN_DRAFTERS = every(403, anonymous=302, sergeant=200, inspector=200, chief_inspector=200, outsider=200)
STAVELEY_PLAN_INSPECTORS = every(403, anonymous=302, inspector=302, chief_inspector=302, outsider=404)
STAVELEY_PLAN_DRAFTERS = STAVELEY_PLAN_INSPECTORS | {"sergeant": 302}
MATRIX += [
    Case("problemsolving:area", "GET", CHESTERFIELD, kwargs={"code": "chesterfield"}),
    Case("problemsolving:draft", "GET", PLAN_DRAFTERS),
    Case("problemsolving:plan", "GET", every(200, anonymous=302, outsider=404), kwargs=_staveley_plan),
    Case("problemsolving:approve", "POST", STAVELEY_PLAN_INSPECTORS, kwargs=_staveley_plan),
    Case("problemsolving:close", "POST", STAVELEY_PLAN_INSPECTORS, kwargs=_staveley_plan),
    Case("problemsolving:review", "POST", STAVELEY_PLAN_INSPECTORS, kwargs=_staveley_plan),
    Case("problemsolving:add_response", "POST", STAVELEY_PLAN_DRAFTERS, kwargs=_staveley_plan),
]


# ASB powers and the Case Review (issue 13): an application in Chesterfield, handled by Case Review staff
# (sergeant, inspector, chief inspector, partner) whose reach includes part of the authority; 404 to others.
def _chesterfield_case_review(personas: dict) -> dict:
    from datetime import date

    from beatbook.areas.models import Area
    from beatbook.asb.actions import do_submit_case_review

    case = do_submit_case_review(
        force=Area.objects.get(code="derbyshire"),
        local_authority_code="E07000034",
        applicant_name="Matrix applicant",
        applicant_contact="01234 567890",
        description="Noise",
        received_on=date(2026, 1, 5),
        channel="phone",
        acting_user=None,
    )
    return {"case_uuid": case.uuid}


CASE_REVIEW_STAFF = every(404, anonymous=302) | {
    r: 200 for r in ("sergeant", "inspector", "chief_inspector", "partner")
}
CASE_REVIEW_ACTIONS = {role: 302 if status == 200 else status for role, status in CASE_REVIEW_STAFF.items()}
MATRIX += [
    Case("asb:powers", "GET", CHESTERFIELD, kwargs={"code": "chesterfield"}),
    Case("asb:record_power", "GET", POLICE_RECORDERS | {"partner": 200}),
    Case("asb:case_reviews", "GET", CHESTERFIELD, kwargs={"code": "chesterfield"}),
    Case(
        "asb:record_case_review",
        "GET",
        every(403, anonymous=302, sergeant=200, inspector=200, chief_inspector=200, partner=200, outsider=200),
    ),
    Case("asb:case_review", "GET", CASE_REVIEW_STAFF, kwargs=_chesterfield_case_review),
    Case("asb:add_complaint", "POST", CASE_REVIEW_ACTIONS, kwargs=_chesterfield_case_review),
    Case("asb:decide_threshold", "POST", CASE_REVIEW_ACTIONS, kwargs=_chesterfield_case_review),
    Case("asb:hold_review", "POST", CASE_REVIEW_ACTIONS, kwargs=_chesterfield_case_review),
    Case("asb:escalate", "POST", CASE_REVIEW_ACTIONS, kwargs=_chesterfield_case_review),
    Case("asb:apply", "GET", PUBLIC, kwargs={"force": "derbyshire"}),
    Case("asb:applied", "GET", every(302), kwargs={"force": "derbyshire"}),
]
API_PLAN = {
    "title": "API plan",
    "problem_type": "asb",
    "owner_area": "staveley-snt",
    "places": ["staveley"],
    "scan_from": "2025-01-01",
    "scan_to": "2025-12-31",
}
API_POWER = {
    "area": "staveley",
    "power": "cpw",
    "subject_kind": "person",
    "subject": "A Person",
    "subject_age": 20,
    "agency": "Police",
    "issued_on": "2025-06-01",
}
MATRIX += [
    Case("api:area_plans", "GET", CHESTERFIELD_API, kwargs={"code": "chesterfield"}),
    Case("api:plan_detail", "GET", every(200, anonymous=401, outsider=404), kwargs=_staveley_plan),
    Case(
        "api:draft_plan",
        "POST",
        every(403, anonymous=401, pcso=404, outsider=404, sergeant=201, inspector=201, chief_inspector=201),
        json=API_PLAN,
    ),
    Case(
        "api:approve_plan",
        "POST",
        API_STAVELEY_INSPECTORS,
        kwargs=_staveley_plan,
        json={"approved_on": "2026-01-05"},
    ),
    Case("api:area_powers", "GET", CHESTERFIELD_API, kwargs={"code": "chesterfield"}),
    Case("api:record_power", "POST", API_STAVELEY_RECORDERS | {"partner": 201}, json=API_POWER),
    Case("api:area_case_reviews", "GET", CHESTERFIELD_API, kwargs={"code": "chesterfield"}),
]
MATRIX += [
    Case("problemsolving:tasking_meetings", "GET", CHESTERFIELD, kwargs={"code": "chesterfield"}),
    Case("problemsolving:record_meeting", "GET", PLAN_DRAFTERS),
]
MATRIX += [Case("problemsolving:hotspot_programme", "GET", CHESTERFIELD, kwargs={"code": "chesterfield"})]
# Issue 13 item 1: the force's closure codes, for force administrators (a valid change redirects back).
_CLOSURE_CODES = {
    "active": "matrix-code = Matrix code",
    "retired": "sustained-reduction-linked = A\nsustained-reduction-not-attributable = B\nother-agency-ownership = C",
}
FORCE_ADMIN = every(404, anonymous=302, analyst=403, scrutiny=403, admin=200)
MATRIX += [
    Case("problemsolving:closure_codes", "GET", FORCE_ADMIN, kwargs={"code": "derbyshire"}),
    Case(
        "problemsolving:closure_codes",
        "POST",
        FORCE_ADMIN | {"admin": 302},
        kwargs={"code": "derbyshire"},
        data=_CLOSURE_CODES,
    ),
]
MATRIX += [Case("api:area_hotspot_programme", "GET", CHESTERFIELD_API, kwargs={"code": "chesterfield"})]
MATRIX += [Case("problemsolving:add_person", "POST", STAVELEY_PLAN_DRAFTERS, kwargs=_staveley_plan)]


def _staveley_plan_response(personas: dict) -> dict:
    from datetime import date

    from beatbook.problemsolving.actions import do_add_plan_response
    from beatbook.problemsolving.models import ProblemPlan

    kwargs = _staveley_plan(personas)
    plan = ProblemPlan.objects.get(uuid=kwargs["plan_uuid"])
    response = do_add_plan_response(
        plan=plan, action="Patrols", owner="SNT", agency="Police", due_on=date(2026, 2, 1), acting_user=None
    )
    return kwargs | {"response_id": response.pk}


MATRIX += [
    Case("problemsolving:response_status", "POST", STAVELEY_PLAN_DRAFTERS, kwargs=_staveley_plan_response),
]


# Workforce (issue 12): staffing is for roles with VIEW_ESTABLISHMENT (not partners); people and imports for
# HR administrators and administrators.
WORKFORCE_VIEWERS = CHESTERFIELD | {"partner": 403}
WORKFORCE_MANAGERS = every(403, anonymous=302, outsider=404, pcso=404, constable=404, sergeant=404, admin=200, hr=200)
# Staveley (a neighbourhood) and its team: the PCSO's membership is the neighbourhood, so the team is above her.
STAVELEY_MANAGERS = WORKFORCE_MANAGERS | {"pcso": 403, "constable": 403, "sergeant": 403}
STAVELEY_SNT_MANAGERS = STAVELEY_MANAGERS | {"pcso": 404}


def _pcso_patel_record(personas: dict) -> dict:
    return {"person_id": personas["pcso"].officer.pk}


MATRIX += [
    Case("workforce:area", "GET", WORKFORCE_VIEWERS, kwargs={"code": "chesterfield"}),
    Case("workforce:citizens", "GET", WORKFORCE_VIEWERS, kwargs={"code": "chesterfield"}),
    Case("workforce:skills", "GET", WORKFORCE_VIEWERS, kwargs={"code": "chesterfield"}),
    Case("workforce:home_office", "GET", WORKFORCE_VIEWERS, kwargs={"code": "chesterfield"}),
    Case("workforce:people", "GET", WORKFORCE_MANAGERS, kwargs={"code": "chesterfield"}),
    Case("workforce:add_person", "GET", WORKFORCE_MANAGERS, kwargs={"code": "chesterfield"}),
    Case("workforce:name_officer", "GET", STAVELEY_MANAGERS, kwargs={"code": "staveley"}),
    Case("workforce:team_contact", "GET", STAVELEY_SNT_MANAGERS, kwargs={"code": "staveley-snt"}),
    Case("workforce:person", "GET", STAVELEY_SNT_MANAGERS, kwargs=_pcso_patel_record),
    Case("workforce:edit_person", "GET", STAVELEY_SNT_MANAGERS, kwargs=_pcso_patel_record),
    Case("workforce:leave_person", "GET", STAVELEY_SNT_MANAGERS, kwargs=_pcso_patel_record),
    Case("workforce:add_absence", "GET", STAVELEY_SNT_MANAGERS, kwargs=_pcso_patel_record),
    Case("workforce:add_certification", "GET", STAVELEY_SNT_MANAGERS, kwargs=_pcso_patel_record),
    Case("workforce:add_hours", "GET", STAVELEY_SNT_MANAGERS, kwargs=_pcso_patel_record),
    Case("workforce:establishment", "GET", WORKFORCE_MANAGERS, kwargs={"code": "chesterfield"}),
    Case(
        "workforce:forecast",
        "GET",
        every(404, anonymous=302, analyst=403, scrutiny=403, admin=200, hr=200),
        kwargs={"code": "derbyshire"},
    ),
    Case(
        "workforce:configuration",
        "GET",
        every(404, anonymous=302, analyst=403, scrutiny=403, admin=200, hr=200),
        kwargs={"code": "derbyshire"},
    ),
    Case(
        "workforce:import",
        "GET",
        every(404, anonymous=302, analyst=403, scrutiny=403, admin=200, hr=200),
        kwargs={"code": "derbyshire"},
    ),
    Case(
        "workforce:import_preview",
        "GET",
        every(404, anonymous=302),
        kwargs={"run_uuid": "00000000-0000-0000-0000-000000000000"},
    ),
]

API_WORKFORCE_MANAGERS = WORKFORCE_MANAGERS | {"anonymous": 401}
API_STAVELEY_SNT_MANAGERS = STAVELEY_SNT_MANAGERS | {"anonymous": 401}
API_PERSON = {"team": "staveley-snt", "rank": "pcso", "first_name": "Matrix", "last_name": "Person"}


def _named_officer_body(personas: dict) -> dict:
    return {"officer_id": personas["pcso"].officer.pk}


MATRIX += [
    Case("api:list_people", "GET", API_WORKFORCE_MANAGERS, kwargs={"code": "chesterfield"}),
    Case("api:get_person", "GET", API_STAVELEY_SNT_MANAGERS, kwargs=_pcso_patel_record),
    Case("api:add_person", "POST", API_STAVELEY_SNT_MANAGERS | {"admin": 201, "hr": 201}, json=API_PERSON),
    Case("api:change_person", "POST", API_STAVELEY_SNT_MANAGERS, kwargs=_pcso_patel_record, json={"fte": "0.8"}),
    Case(
        "api:record_leaving",
        "POST",
        API_STAVELEY_SNT_MANAGERS,
        kwargs=_pcso_patel_record,
        json={"left_on": "2026-01-31", "leave_reason": "resignation"},
    ),
    Case(
        "api:name_officer",
        "POST",
        API_STAVELEY_SNT_MANAGERS | {"pcso": 403},
        kwargs={"code": "staveley"},
        json=_named_officer_body,
    ),
    Case("api:area_strength", "GET", CHESTERFIELD_API | {"partner": 403}, kwargs={"code": "chesterfield"}),
    Case(
        "areas:assign_lsoas",
        "GET",
        every(404, anonymous=302, analyst=200, scrutiny=403, admin=200),
        kwargs={"code": "derbyshire"},
    ),
    Case("public:figures_help", "GET", PUBLIC),
    Case("neighbourhoods:my_records", "GET", every(200, anonymous=302)),
    Case("neighbourhoods:edit_engagement", "GET", OWNER_PCSO, kwargs=_staveley_engagement),
    Case(
        "neighbourhoods:withdraw_engagement",
        "POST",
        OWNER_PCSO_POST,
        kwargs=_staveley_engagement,
        data={"version": "1"},
    ),
    # Partners may not see abstractions at all: 404, as if it did not exist.
    Case("neighbourhoods:edit_abstraction", "GET", OWNER_PCSO | {"partner": 404}, kwargs=_abstraction_by_pcso_patel),
    Case(
        "neighbourhoods:withdraw_abstraction",
        "POST",
        OWNER_PCSO_POST | {"partner": 404},
        kwargs=_abstraction_by_pcso_patel,
        data={"version": "1"},
    ),
    # Issue 17 item 10: the rest of police.uk's API under /api/police-uk/ (public: 200 for everyone).
    Case("public:policeuk_senior_officers", "GET", PUBLIC, kwargs={"force": "derbyshire"}),
    Case("public:policeuk_crime_categories", "GET", PUBLIC),
    Case("public:policeuk_crime_last_updated", "GET", PUBLIC),
    Case("public:policeuk_crimes_street_dates", "GET", PUBLIC),
    Case("public:policeuk_crimes_street", "GET", PUBLIC, kwargs={"category": "all-crime"}, data=_DRONFIELD),
    Case("public:policeuk_crimes_street", "POST", PUBLIC, kwargs={"category": "burglary"}, data=_DRONFIELD_POLY),
    Case(
        "public:policeuk_crimes_at_location",
        "GET",
        PUBLIC,
        data={"location_id": "1432682017865035"},  # the builders' published point
        kwargs=_published_crime_q,
    ),
    Case("public:policeuk_crimes_no_location", "GET", PUBLIC, data={"force": "derbyshire"}),
    Case("public:policeuk_outcomes_at_location", "GET", PUBLIC, data=_DRONFIELD),
    Case("public:policeuk_outcomes_at_location", "POST", PUBLIC, data=_DRONFIELD_POLY),
    Case("public:policeuk_outcomes_for_crime", "GET", PUBLIC, kwargs=_published_crime),
    Case("public:policeuk_stops_street", "GET", PUBLIC, data=_DRONFIELD),
    Case("public:policeuk_stops_street", "POST", PUBLIC, data=_DRONFIELD_POLY),
    Case("public:policeuk_stops_at_location", "GET", PUBLIC, data={"location_id": "1432682017865035"}),
    Case("public:policeuk_stops_no_location", "GET", PUBLIC, data={"force": "derbyshire"}),
    Case("public:policeuk_stops_force", "GET", PUBLIC, data={"force": "derbyshire"}),
    Case(
        "public:policeuk_locate_neighbourhood", "GET", PUBLIC, data={"q": "53.2685,-1.3500"}, kwargs=_published_crime_q
    ),
    Case("public:policeuk_events", "GET", PUBLIC, kwargs={"force": "derbyshire", "code": "staveley"}),
    Case("public:policeuk_boundary", "GET", PUBLIC, kwargs={"force": "derbyshire", "code": "staveley"}),
]
# Contact (999 / 101 call handling) and community (watch schemes, messaging): figures only, every role in reach.
MATRIX += [
    Case("contact:area", "GET", CHESTERFIELD, kwargs={"code": "chesterfield"}),
    Case("community:area", "GET", CHESTERFIELD, kwargs={"code": "chesterfield"}),
    Case("api:area_contact", "GET", CHESTERFIELD_API, kwargs={"code": "chesterfield"}),
    Case("api:area_community", "GET", CHESTERFIELD_API, kwargs={"code": "chesterfield"}),
    Case("contact:imports", "GET", IMPORTERS),
    # A POST without a file re-shows the form (200) for importers.
    Case("contact:imports", "POST", IMPORTERS),
    # Public scrutiny (beatbook/scrutiny): the archive is public; the workspace is for scrutiny and force roles.
    Case("scrutiny:index", "GET", PUBLIC),
    Case("scrutiny:feed", "GET", PUBLIC),
    Case("scrutiny:compare", "GET", PUBLIC),
    Case("scrutiny:meeting", "GET", PUBLIC, kwargs=lambda personas: {"uuid": _scrutiny(personas)["meeting"].uuid}),
    Case("scrutiny:ask", "GET", PUBLIC, kwargs=lambda personas: {"uuid": _scrutiny(personas)["meeting"].uuid}),
    Case("scrutiny:asked", "GET", PUBLIC, kwargs=lambda personas: {"uuid": _scrutiny(personas)["meeting"].uuid}),
    Case("scrutiny:paper", "GET", PUBLIC, kwargs=lambda personas: {"uuid": _scrutiny(personas)["paper"].uuid}),
    # 202 "being prepared": the matrix paper's files job has not run (scrutiny/tests/test_paper_files.py has 200).
    Case("scrutiny:paper_docx", "GET", every(202), kwargs=lambda personas: {"uuid": _scrutiny(personas)["paper"].uuid}),
    Case("scrutiny:paper_pdf", "GET", every(202), kwargs=lambda personas: {"uuid": _scrutiny(personas)["paper"].uuid}),
    Case(
        "scrutiny:priority", "GET", PUBLIC, kwargs=lambda personas: {"pk": _scrutiny(personas)["meeting"].priority.pk}
    ),
    Case("scrutiny:measure", "GET", PUBLIC, kwargs=lambda personas: {"slug": _scrutiny(personas)["measure"].slug}),
    Case(
        "scrutiny:manage",
        "GET",
        every(403, anonymous=302, inspector=200, chief_inspector=200, analyst=200, scrutiny=200, hr=403, outsider=200),
    ),
    Case(
        "scrutiny:manage_question",
        "GET",
        every(403, anonymous=302, inspector=200, chief_inspector=200, analyst=200, scrutiny=200, hr=403, outsider=404),
        kwargs=lambda personas: {"uuid": _scrutiny(personas)["question"].uuid},
    ),
    Case(
        "scrutiny:manage_paper",
        "GET",
        every(403, anonymous=302, inspector=200, chief_inspector=200, analyst=200, scrutiny=200, hr=403, outsider=404),
        kwargs=lambda personas: {"uuid": _scrutiny(personas)["paper"].uuid},
    ),
    Case(
        "scrutiny:publish_questions",
        "POST",
        every(403, anonymous=302, scrutiny=302, hr=403, outsider=404),
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
        every(403, anonymous=302, scrutiny=200, hr=403, outsider=404),
        kwargs=lambda personas: {"slug": _scrutiny(personas)["measure"].slug},
    ),
    Case("scrutiny:new_meeting", "GET", every(403, anonymous=302, scrutiny=200, hr=403)),
    Case("scrutiny:add_measure", "GET", every(403, anonymous=302, scrutiny=200, hr=403)),
    Case("scrutiny:new_plan", "GET", every(403, anonymous=302, scrutiny=200, hr=403)),
    Case(
        "scrutiny:add_priority",
        "GET",
        every(403, anonymous=302, scrutiny=200, hr=403, outsider=404),
        kwargs=lambda personas: {"pk": _scrutiny(personas)["meeting"].priority.plan_id},
    ),
    Case(
        "scrutiny:edit_priority",
        "GET",
        every(403, anonymous=302, scrutiny=200, hr=403, outsider=404),
        kwargs=lambda personas: {"pk": _scrutiny(personas)["meeting"].priority_id},
    ),
    Case(
        "scrutiny:add_sub_objective",
        "GET",
        every(403, anonymous=302, scrutiny=200, hr=403, outsider=404),
        kwargs=lambda personas: {"pk": _scrutiny(personas)["meeting"].priority_id},
    ),
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
        every(403, anonymous=401, inspector=200, chief_inspector=200, analyst=200, scrutiny=200, hr=403, outsider=200),
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


# Stop and search (issue 16): pages for everyone in reach; panels logged by force-wide scrutiny and admin
# roles; the object-of-search mapping changed by analysts and administrators.
STOP_SEARCH_WRITERS = CHESTERFIELD | {
    role: 403 for role in ("inspector", "chief_inspector", "analyst", "partner", "hr")
}
MAPPING_WRITERS = CHESTERFIELD | {role: 403 for role in ("inspector", "chief_inspector", "scrutiny", "partner")}
MATRIX += [
    Case("stopsearch:area", "GET", CHESTERFIELD, kwargs={"code": "chesterfield"}),
    Case("stopsearch:panels", "GET", CHESTERFIELD, kwargs={"code": "chesterfield"}),
    Case("stopsearch:panels", "POST", STOP_SEARCH_WRITERS, kwargs={"code": "chesterfield"}),
    Case("stopsearch:mapping", "GET", CHESTERFIELD, kwargs={"code": "chesterfield"}),
    Case("stopsearch:mapping", "POST", MAPPING_WRITERS, kwargs={"code": "chesterfield"}),
    Case("api:area_stop_search", "GET", CHESTERFIELD_API, kwargs={"code": "chesterfield"}),
    Case("api:scrutiny_panels", "GET", CHESTERFIELD_API, kwargs={"code": "chesterfield"}),
    Case("outcomes:area", "GET", CHESTERFIELD, kwargs={"code": "chesterfield"}),
    Case("api:area_outcomes", "GET", CHESTERFIELD_API, kwargs={"code": "chesterfield"}),
]


def _derbyshire_panel(personas: dict) -> dict:
    from beatbook.areas.models import Area  # noqa: PLC0415 - only where a case needs it
    from beatbook.stopsearch.models import ScrutinyPanel  # noqa: PLC0415

    force = Area.objects.get(code="derbyshire")
    entry = ScrutinyPanel.objects.create(force=force, held_on="2023-07-12", panel="External scrutiny panel")
    return {"code": "chesterfield", "panel_uuid": str(entry.uuid)}


# Issue 16 item 6: the panel log written over the API, by the page's rules (force-wide scrutiny and admin).
API_PANEL_WRITERS = CHESTERFIELD_API | {
    role: 403 for role in ("inspector", "chief_inspector", "analyst", "partner", "hr")
}
API_PANEL = {"held_on": "2023-07-12", "panel": "External scrutiny panel", "search_references": ["SS-1"]}
MATRIX += [
    Case(
        "api:record_scrutiny_panel",
        "POST",
        API_PANEL_WRITERS | {"scrutiny": 201, "admin": 201},
        kwargs={"code": "chesterfield"},
        json=API_PANEL,
    ),
    Case("api:scrutiny_panel", "GET", CHESTERFIELD_API, kwargs=_derbyshire_panel),
    Case(
        "api:edit_scrutiny_panel",
        "POST",
        API_PANEL_WRITERS,
        kwargs=_derbyshire_panel,
        json={"version": 1, "findings": "Grounds recorded well"},
    ),
    Case("stopsearch:panel", "GET", STOP_SEARCH_WRITERS, kwargs=_derbyshire_panel),
    Case("stopsearch:panel", "POST", STOP_SEARCH_WRITERS, kwargs=_derbyshire_panel),
]
