"""Who may see and do what: the one place Beatbook decides access.

Rules:
- A user holds memberships, each a role in an area. A membership reaches its area and every area
  below it; nothing above or beside it. Another force's areas are out of reach entirely.
- A role grants capabilities (the table below). A user may do X in area A when one of their
  memberships grants X and reaches A.
- Objects a user cannot reach are reported as missing (404), so nobody can probe what exists;
  objects they can see but not act on give 403.

Views and API endpoints call the helpers here and nothing else; templates only read the answers.
"""

from __future__ import annotations

from enum import StrEnum

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from beatbook.accounts.models import AccountArea, Membership, Role, User
from beatbook.areas.models import Area, AreaQuerySet
from beatbook.audit.models import AuditEvent, AuditEventQuerySet
from beatbook.counts.area_memo import area_by_code

AnyUser = User | AnonymousUser


class Capability(StrEnum):
    VIEW_AREA = "view_area"
    VIEW_ESTABLISHMENT = "view_establishment"
    VIEW_AUDIT = "view_audit"
    MANAGE_USERS = "manage_users"
    IMPORT_DATA = "import_data"
    DESIGNATE_HOTSPOT = "designate_hotspot"
    LOG_PATROL = "log_patrol"
    RECORD_ENGAGEMENT = "record_engagement"
    READ_ENGAGEMENT_NOTES = "read_engagement_notes"
    REVIEW_ENGAGEMENT = "review_engagement"
    RECORD_ABSTRACTION = "record_abstraction"
    VIEW_ABSTRACTIONS = "view_abstractions"
    REVIEW_ABSTRACTIONS = "review_abstractions"
    SET_PRIORITIES = "set_priorities"
    PUBLISH_PRIORITIES = "publish_priorities"
    DRAFT_PLAN = "draft_plan"
    APPROVE_PLAN = "approve_plan"
    READ_PLAN_PEOPLE = "read_plan_people"
    RECORD_ASB_POWER = "record_asb_power"
    MANAGE_CASE_REVIEWS = "manage_case_reviews"
    MANAGE_WORKFORCE = "manage_workforce"
    READ_HR_FIELDS = "read_hr_fields"
    READ_PATROL_LOG = "read_patrol_log"
    # Public scrutiny (beatbook/scrutiny): the local policing body's officers scrutinise; the force drafts
    # papers and answers public questions.
    SCRUTINISE = "scrutinise"
    DRAFT_SCRUTINY_PAPERS = "draft_scrutiny_papers"
    ANSWER_PUBLIC_QUESTIONS = "answer_public_questions"
    RECORD_SCRUTINY_PANEL = "record_scrutiny_panel"
    CONFIGURE_STOP_SEARCH = "configure_stop_search"


_POLICE = {Role.PCSO, Role.CONSTABLE, Role.SERGEANT, Role.INSPECTOR, Role.CHIEF_INSPECTOR}
_EVERYONE = set(Role)

ROLE_CAPABILITIES: dict[Capability, set[Role]] = {
    Capability.VIEW_AREA: _EVERYONE,
    # Staffing (establishment against actual) is internal: not for partner agencies.
    Capability.VIEW_ESTABLISHMENT: _POLICE | {Role.ANALYST, Role.SCRUTINY, Role.ADMIN, Role.HR_ADMIN},
    Capability.VIEW_AUDIT: {Role.INSPECTOR, Role.CHIEF_INSPECTOR, Role.ADMIN},
    Capability.MANAGE_USERS: {Role.ADMIN},
    # Imports load a whole force's data: force-wide analysts and administrators (SECURITY.md §6).
    Capability.IMPORT_DATA: {Role.ANALYST, Role.ADMIN},
    # Inspectors task their areas (daily tasking); officers log the patrols they do.
    Capability.DESIGNATE_HOTSPOT: {Role.INSPECTOR, Role.CHIEF_INSPECTOR},
    Capability.LOG_PATROL: _POLICE,
    # Officers record engagements; the free text (issues raised, follow-up) may name people, so only
    # police roles read it; inspectors review entries. Everyone in reach sees the counts.
    Capability.RECORD_ENGAGEMENT: _POLICE,
    Capability.READ_ENGAGEMENT_NOTES: _POLICE,
    Capability.REVIEW_ENGAGEMENT: {Role.INSPECTOR, Role.CHIEF_INSPECTOR},
    # Abstractions are staffing information (as establishment is): not for partner agencies. Entries name
    # officers, so the list and the policy breaches are for supervisors.
    Capability.RECORD_ABSTRACTION: _POLICE,
    Capability.VIEW_ABSTRACTIONS: _POLICE | {Role.ANALYST, Role.SCRUTINY, Role.ADMIN, Role.HR_ADMIN},
    Capability.REVIEW_ABSTRACTIONS: {Role.SERGEANT, Role.INSPECTOR, Role.CHIEF_INSPECTOR},
    # Teams set their neighbourhoods' priorities; an inspector publishes them.
    Capability.SET_PRIORITIES: _POLICE,
    Capability.PUBLISH_PRIORITIES: {Role.INSPECTOR, Role.CHIEF_INSPECTOR},
    # Problem-solving plans: a sergeant drafts, an inspector approves, reviews and closes. People named in
    # plans are personal data: police roles that work the plans read them, never partners or scrutiny.
    Capability.DRAFT_PLAN: {Role.SERGEANT, Role.INSPECTOR, Role.CHIEF_INSPECTOR},
    Capability.APPROVE_PLAN: {Role.INSPECTOR, Role.CHIEF_INSPECTOR},
    Capability.READ_PLAN_PEOPLE: _POLICE,
    # ASB powers are used by police and by partner agencies (councils issue CPNs and PSPOs).
    Capability.RECORD_ASB_POWER: _POLICE | {Role.PARTNER},
    # Case Review applications name applicants: read and handled by the panel's police and partner members.
    Capability.MANAGE_CASE_REVIEWS: {Role.SERGEANT, Role.INSPECTOR, Role.CHIEF_INSPECTOR, Role.PARTNER},
    # The workforce is the force's HR data: HR administrators (and administrators) keep people, teams,
    # named officers, contact details and establishment; only they read personal HR fields (sex,
    # ethnicity, staff number, FTE, dates, leave reasons, absences), every read audited.
    Capability.MANAGE_WORKFORCE: {Role.HR_ADMIN, Role.ADMIN},
    Capability.READ_HR_FIELDS: {Role.HR_ADMIN, Role.ADMIN},
    # Patrol logs name the officers who patrolled: internal, so not for partner agencies (issue 11
    # item 7); partners see the weekly dosage without names. Every read is audited.
    Capability.READ_PATROL_LOG: _EVERYONE - {Role.PARTNER},
    # Scrutiny: the local policing body's officers moderate questions, approve answers and publish papers;
    # senior officers and analysts anywhere in the force draft papers and answer questions.
    Capability.SCRUTINISE: {Role.SCRUTINY},
    Capability.DRAFT_SCRUTINY_PAPERS: {Role.CHIEF_INSPECTOR, Role.ANALYST},
    Capability.ANSWER_PUBLIC_QUESTIONS: {Role.INSPECTOR, Role.CHIEF_INSPECTOR, Role.ANALYST},
    # Stop-and-search scrutiny panels (002_* 6.20) are logged by the force's scrutiny lead, inspectors and
    # administrators; the reporting-category mapping is a force's configuration, for analysts and admins.
    Capability.RECORD_SCRUTINY_PANEL: {Role.SCRUTINY, Role.INSPECTOR, Role.CHIEF_INSPECTOR, Role.ADMIN},
    Capability.CONFIGURE_STOP_SEARCH: {Role.ANALYST, Role.ADMIN},
}


def memberships(user: AnyUser) -> list[Membership]:
    """The user's memberships, read once per request object and kept on it.

    Read fresh from the database for every request, so a role removed or an account disabled takes
    effect on the very next request.
    """
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    cached = getattr(user, "_beatbook_memberships", None)
    if cached is None:
        cached = list(Membership.objects.filter(user=user).select_related("area"))
        user._beatbook_memberships = cached
    return cached


def roles(user: AnyUser) -> set[str]:
    return {membership.role for membership in memberships(user)}


def _granting(user: AnyUser, capability: Capability) -> list[Membership]:
    allowed = ROLE_CAPABILITIES[capability]
    return [m for m in memberships(user) if m.role in allowed]


def can(user: AnyUser, capability: Capability, area: Area) -> bool:
    return any(m.area.contains(area) for m in _granting(user, capability))


def can_anywhere(user: AnyUser, capability: Capability) -> bool:
    return bool(_granting(user, capability))


def scope_areas(user: AnyUser, capability: Capability = Capability.VIEW_AREA) -> list[Area]:
    """The top areas of the user's reach for a capability, without areas nested in others."""
    tops = sorted({m.area for m in _granting(user, capability)}, key=lambda a: len(a.path))
    result: list[Area] = []
    for area in tops:
        if not any(top.contains(area) for top in result):
            result.append(area)
    return result


def areas_visible_to(user: AnyUser) -> AreaQuerySet:
    return Area.objects.within_any(scope_areas(user))


def get_area_for_user(user: AnyUser, code: str, capability: Capability = Capability.VIEW_AREA) -> Area:
    """The area with this code, if the user can see it (else 404) and has `capability` there (else 403)."""
    area = area_by_code(code)
    if area is None or not any(top.contains(area) for top in scope_areas(user)):
        raise Http404("No such area")
    require(user, capability, area)
    return area


def require(user: AnyUser, capability: Capability, area: Area) -> None:
    if not can(user, capability, area):
        raise PermissionDenied(f"Your role does not allow this in {area.name}")


def require_anywhere(user: AnyUser, capability: Capability) -> None:
    if not can_anywhere(user, capability):
        raise PermissionDenied("Your role does not allow this")


def audit_events_visible_to(user: AnyUser) -> AuditEventQuerySet:
    """Audit rows about areas inside the user's audit reach.

    Rows with no area (sign-in attempts for unknown usernames) belong to no force: only a force-wide
    administrator sees them, as the installation's security contact.
    """
    tops = scope_areas(user, Capability.VIEW_AUDIT)
    visible = AuditEvent.objects.in_areas([area.path for area in tops])
    if any(area.parent_id is None for area in scope_areas(user, Capability.MANAGE_USERS)):
        visible = visible | AuditEvent.objects.filter(area__isnull=True)
    return visible


def _account_areas(target: User) -> list[Area]:
    """The areas that decide who manages an account: its current roles' areas, or, with no role
    left, every area it has held a role in (so it stays manageable by those areas' administrators)."""
    current = [m.area for m in Membership.objects.filter(user=target).select_related("area")]
    if current:
        return current
    return [a.area for a in AccountArea.objects.filter(user=target).select_related("area")]


def can_manage_user(acting_user: AnyUser, target: User) -> bool:
    """Administrators manage other accounts whose every area lies inside their reach; never their own.

    The one "may manage" rule behind granting, revoking, disabling, resetting passwords and revoking
    tokens (issue 11 item 4). An account with no area at all (made by a command, never given a role)
    is managed by force-wide administrators only.
    """
    if not getattr(acting_user, "is_authenticated", False) or acting_user.pk == target.pk:
        return False
    tops = scope_areas(acting_user, Capability.MANAGE_USERS)
    if not tops:
        return False
    areas = _account_areas(target)
    if not areas:
        return any(top.parent_id is None for top in tops)
    return all(any(top.contains(area) for top in tops) for area in areas)


def can_grant(acting_user: AnyUser, target: User, area: Area) -> bool:
    """Grant (or revoke) a role in `area`: the area is within the administrator's reach and they may
    manage the account. Nobody changes their own roles: another administrator must."""
    return can(acting_user, Capability.MANAGE_USERS, area) and can_manage_user(acting_user, target)


def require_manage_user(acting_user: AnyUser, target: User) -> None:
    if not can_manage_user(acting_user, target):
        raise PermissionDenied("You may not change this account")


def require_grant(acting_user: AnyUser, target: User, area: Area) -> None:
    if not can_grant(acting_user, target, area):
        raise PermissionDenied(f"You may not change this account's roles in {area.name}")


def users_visible_to(acting_user: AnyUser) -> QuerySet[User]:
    """Accounts an administrator may see: those with a role inside their reach, and those with no role
    left that once had one there."""
    tops = scope_areas(acting_user, Capability.MANAGE_USERS)
    if not tops:
        return User.objects.none()
    reach = Area.objects.within_any(tops)
    member_ids = Membership.objects.filter(area__in=reach).values("user_id")
    former_ids = AccountArea.objects.filter(area__in=reach).exclude(user__memberships__isnull=False).values("user_id")
    condition = Q(pk__in=member_ids) | Q(pk__in=former_ids)
    if any(top.parent_id is None for top in tops):
        condition |= Q(memberships__isnull=True, account_areas__isnull=True)
    return User.objects.filter(condition).distinct().order_by("username")


def get_user_for_manager(acting_user: AnyUser, user_id: int) -> User:
    user = users_visible_to(acting_user).filter(pk=user_id).first()
    if user is None:
        raise Http404("No such user")
    return user


def import_forces(user: AnyUser) -> list[Area]:
    """The forces a user may import data for: those where they hold an import role force-wide."""
    return [area for area in scope_areas(user, Capability.IMPORT_DATA) if area.parent_id is None]


def import_runs_visible_to(user: AnyUser):  # noqa: ANN201 - a QuerySet of crime.ImportRun
    """Import runs for the user's import forces, and any run they started themselves."""
    from beatbook.crime.models import ImportRun

    if not can_anywhere(user, Capability.IMPORT_DATA):
        return ImportRun.objects.none()
    return ImportRun.objects.filter(Q(force__in=import_forces(user)) | Q(started_by=user))


def can_in_force(user: AnyUser, capability: Capability, force: Area) -> bool:
    """Whether one of the user's memberships grants `capability` anywhere inside `force` (scrutiny work is
    force-wide: a chief inspector of a division drafts the force's paper)."""
    return any(m.area.force_id == force.pk for m in _granting(user, capability))


def require_in_force(user: AnyUser, capability: Capability, force: Area) -> None:
    if not can_in_force(user, capability, force):
        raise PermissionDenied("Your role does not allow this")


SCRUTINY_CAPABILITIES = (Capability.SCRUTINISE, Capability.DRAFT_SCRUTINY_PAPERS, Capability.ANSWER_PUBLIC_QUESTIONS)


def scrutiny_forces(user: AnyUser) -> list[Area]:
    """The forces whose scrutiny workspace the user may open (scrutiny, drafting or answering roles)."""
    ids = {m.area.force_id for c in SCRUTINY_CAPABILITIES for m in _granting(user, c)}
    return list(Area.objects.filter(pk__in=ids))


def can_open_scrutiny(user: AnyUser) -> bool:
    """Whether `scrutiny_forces(user)` has any force, without reading them (the navigation asks on every page)."""
    return any(can_anywhere(user, capability) for capability in SCRUTINY_CAPABILITIES)


def content_signature(user: AnyUser, area: Area | None) -> str:
    """What about the viewer can change what a page of `area` shows: the capabilities they hold there, as
    "designate_hotspot+log_patrol+view_area…" (sorted), or "public" when signed out. Cached page fragments
    (beatbook.web.fragments) include it in their key, so two viewers share a fragment only when this module
    would let them see the same things in it."""
    if not getattr(user, "is_authenticated", False):
        return "public"
    if area is None:
        return "signed-in"
    held = sorted(capability.value for capability in Capability if can(user, capability, area))
    return "+".join(held) or "none"
