"""Every write to the ASB register and the Case Review: checked, validated, atomic and audited."""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from datetime import date

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from beatbook.accounts import access
from beatbook.accounts.access import Capability
from beatbook.accounts.models import User
from beatbook.areas.models import Area, Lsoa
from beatbook.asb import rules
from beatbook.asb.models import (
    CaseReview,
    CaseReviewStatus,
    Channel,
    Power,
    PowerUse,
    QualifyingComplaint,
    Recommendation,
    SubjectKind,
)
from beatbook.asb.threshold import Complaint, threshold_met
from beatbook.asb.working_days import add_working_days
from beatbook.audit.models import Operation
from beatbook.audit.record import record_event
from beatbook.lib.dates import refuse_after_today

# Working days from receipt, when the force sets none (CASE_REVIEW_WORKING_DAYS); deadlines are local, not
# statutory (REFERENCE.md (c): e.g. North Wales acknowledges in 5 and decides in 15).
DEFAULT_WORKING_DAYS = {"acknowledge": 5, "decide": 15, "meet": 25}
REFERENCE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I to misread on the phone


def _require(user: User | None, capability: Capability, area: Area, message: str) -> None:
    if user is not None and not access.can(user, capability, area):
        raise PermissionDenied(message)


@transaction.atomic
def do_record_power_use(
    *,
    area: Area,
    power: str,
    subject_kind: str,
    subject: str,
    agency: str,
    issued_on: date,
    acting_user: User | None,
    subject_age: int | None = None,
    duration_hours: int | None = None,
    expires_on: date | None = None,
    review_on: date | None = None,
    interim: bool = False,
    granted: bool | None = None,
    prior_warning: PowerUse | None = None,
    plan: object = None,
) -> PowerUse:
    """One use of a power, checked against the rules in force on `issued_on` (beatbook.asb.rules).

    Raises ValidationError listing every rule broken, or for `issued_on` (naming the 2014 Act's commencement)
    before the powers existed; PermissionDenied without RECORD_ASB_POWER in `area`.
    """
    _require(acting_user, Capability.RECORD_ASB_POWER, area, "Your role does not allow recording ASB powers here")
    if power not in Power.values or subject_kind not in SubjectKind.values:
        raise ValidationError("Choose a power and what it was used against")
    if not subject.strip() or not agency.strip():
        raise ValidationError("Give the subject and the agency")
    refuse_after_today(issued_on, "The date the power was used")
    if prior_warning is not None and (prior_warning.power != Power.CPW or prior_warning.issued_on > issued_on):
        raise ValidationError("The prior warning must be a community protection warning given earlier")
    try:
        in_force = rules.rules_on(issued_on)
    except rules.NotInForce as error:
        raise ValidationError({"issued_on": error.messages}) from None  # the form shows it at the date
    found = rules.problems(
        in_force,
        power=power,
        subject_kind=subject_kind,
        subject_age=subject_age,
        issued_on=issued_on,
        expires_on=expires_on,
        duration_hours=duration_hours,
        has_prior_warning=prior_warning is not None,
        review_on=review_on,
    )
    if found:
        raise ValidationError(found)
    use = PowerUse.objects.create(
        force=area.force(),
        area=area,
        power=power,
        legislation=in_force.version,
        subject_kind=subject_kind,
        subject=subject.strip(),
        subject_age=subject_age,
        agency=agency.strip(),
        issued_on=issued_on,
        duration_hours=duration_hours,
        expires_on=expires_on,
        review_on=review_on,
        interim=interim,
        granted=granted,
        prior_warning=prior_warning,
        plan=plan,
        recorded_by=acting_user,
    )
    record_event(
        actor=acting_user,
        operation=Operation.COLLECTION,
        event="asb_power.recorded",
        obj=use,
        area=area,
        detail={"power": power},
    )
    return use


def case_review_neighbourhoods(local_authority_code: str) -> list[Area]:
    ids = Lsoa.objects.filter(local_authority_code=local_authority_code, neighbourhood__isnull=False).values(
        "neighbourhood_id"
    )
    return list(Area.objects.filter(pk__in=ids))


def can_manage_case_review(user: User, local_authority_code: str) -> bool:
    """Case Review staff whose reach includes a neighbourhood in the application's local authority."""
    return any(
        access.can(user, Capability.MANAGE_CASE_REVIEWS, area)
        for area in case_review_neighbourhoods(local_authority_code)
    )


def _new_reference() -> str:
    while True:
        reference = "CR-" + "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(8))
        if not CaseReview.objects.filter(reference=reference).exists():
            return reference


def _deadlines(received_on: date) -> dict[str, date]:
    days = DEFAULT_WORKING_DAYS | getattr(settings, "CASE_REVIEW_WORKING_DAYS", {})
    return {f"{step}_by": add_working_days(received_on, n) for step, n in days.items() if step != "meet"} | {
        "meet_by": add_working_days(received_on, days["meet"])
    }


def _authority(force: Area, code: str) -> str:
    name = (
        Lsoa.objects.filter(force=force, local_authority_code=code)
        .values_list("local_authority_name", flat=True)
        .first()
    )
    if name is None:
        raise ValidationError("Choose a local authority in the force's area")
    return name


@transaction.atomic
def do_submit_case_review(
    *,
    force: Area,
    local_authority_code: str,
    applicant_name: str,
    applicant_contact: str,
    description: str,
    received_on: date,
    channel: str,
    acting_user: User | None,
    applicant_postcode: str = "",
    on_behalf_of_someone_else: bool = False,
    complaints: Sequence[tuple[date, date, str]] = (),
    request: object = None,
) -> CaseReview:
    """An application, from the public form (`acting_user` anonymous or None, channel online) or recorded by
    staff (MANAGE_CASE_REVIEWS in the local authority). Deadlines are working days from receipt."""
    if getattr(acting_user, "is_authenticated", False) and not can_manage_case_review(
        acting_user, local_authority_code
    ):
        raise PermissionDenied("Your role does not allow recording Case Review applications there")
    if channel not in Channel.values:
        raise ValidationError("Say how the application was made")
    if not (applicant_name.strip() and applicant_contact.strip() and description.strip()):
        raise ValidationError("Give the applicant's name, a way to contact them and what has been happening")
    refuse_after_today(received_on, "The date the application was received")
    # The same application sent twice (a double click, or the form sent again after a slow answer) is one
    # application, under its first reference: a second would be counted and worked twice (QA 17s).
    same = CaseReview.objects.filter(
        force=force, local_authority_code=local_authority_code, received_on=received_on,
        applicant_name=applicant_name.strip(), applicant_contact=applicant_contact.strip(),
        description=description.strip(),
    ).first()  # fmt: skip
    if same is not None:
        return same
    case = CaseReview.objects.create(
        reference=_new_reference(),
        force=force,
        local_authority_code=local_authority_code,
        local_authority_name=_authority(force, local_authority_code),
        channel=channel,
        received_on=received_on,
        applicant_name=applicant_name.strip(),
        applicant_contact=applicant_contact.strip(),
        applicant_postcode=applicant_postcode.strip().upper(),
        description=description.strip(),
        on_behalf_of_someone_else=on_behalf_of_someone_else,
        recorded_by=acting_user if getattr(acting_user, "is_authenticated", False) else None,
        **_deadlines(received_on),
    )
    for incident_on, reported_on, agency in complaints:
        _add_complaint(case, incident_on, reported_on, agency)
    record_event(
        actor=acting_user,
        operation=Operation.COLLECTION,
        event="case_review.received",
        obj=case,
        area=force,
        request=request,
        detail={"channel": channel},
    )
    return case


def _add_complaint(case: CaseReview, incident_on: date, reported_on: date, agency: str) -> QualifyingComplaint:
    if reported_on < incident_on:
        raise ValidationError("A complaint cannot be reported before the behaviour happened")
    if reported_on > case.received_on:
        raise ValidationError("A complaint must be made before the application")
    return QualifyingComplaint.objects.create(
        case_review=case, incident_on=incident_on, reported_on=reported_on, agency=agency.strip() or "Not known"
    )


def _check_manager(user: User | None, case: CaseReview) -> None:
    if user is not None and not can_manage_case_review(user, case.local_authority_code):
        raise PermissionDenied("Your role does not allow handling this application")


def _audit(case: CaseReview, event: str, user: User | None, **detail: object) -> None:
    record_event(actor=user, operation=Operation.ALTERATION, event=event, obj=case, area=case.force, detail=detail)


@transaction.atomic
def do_add_complaint(
    *, case: CaseReview, incident_on: date, reported_on: date, agency: str, acting_user: User | None
) -> QualifyingComplaint:
    _check_manager(acting_user, case)
    complaint = _add_complaint(case, incident_on, reported_on, agency)
    _audit(case, "case_review.complaint_added", acting_user)
    return complaint


@transaction.atomic
def do_decide_threshold(
    *, case: CaseReview, decided_on: date, acting_user: User | None, spoc: str = "", discretionary: bool = False
) -> CaseReview:
    """Apply the threshold to the complaints; `discretionary` holds a review anyway (s104(5))."""
    _check_manager(acting_user, case)
    if case.status not in (CaseReviewStatus.RECEIVED,):
        raise ValidationError("The threshold has already been decided")
    refuse_after_today(decided_on, "The date of the threshold decision")
    complaints = [Complaint(c.incident_on, c.reported_on) for c in case.complaints.all()]
    met = threshold_met(complaints, case.received_on) or discretionary
    case.threshold_met = met
    case.threshold_decided_on = decided_on
    case.acknowledged_on = case.acknowledged_on or decided_on
    case.status = CaseReviewStatus.THRESHOLD_MET if met else CaseReviewStatus.THRESHOLD_NOT_MET
    case.single_point_of_contact = spoc or case.single_point_of_contact
    case.save()
    _audit(case, "case_review.threshold_decided", acting_user, met=met, discretionary=discretionary)
    return case


@transaction.atomic
def do_hold_case_review(
    *,
    case: CaseReview,
    held_on: date,
    victim_consulted: bool,
    recommendations: Sequence[tuple[str, str, date]],
    acting_user: User | None,
) -> CaseReview:
    """Record the review meeting and its recommendations (text, owner, due date)."""
    _check_manager(acting_user, case)
    if case.status != CaseReviewStatus.THRESHOLD_MET:
        raise ValidationError("A review is held once the threshold is met")
    refuse_after_today(held_on, "The date the review was held")
    for text, owner, due_on in recommendations:
        if not text.strip() or not owner.strip():
            raise ValidationError("Each recommendation needs what is to be done and who owns it")
        Recommendation.objects.create(case_review=case, text=text.strip(), owner=owner.strip(), due_on=due_on)
    case.review_held_on = held_on
    case.victim_consulted = victim_consulted
    case.status = CaseReviewStatus.REVIEWED
    case.save()
    _audit(case, "case_review.review_held", acting_user, recommendations=len(recommendations))
    return case


@transaction.atomic
def do_withdraw_case_review(*, case: CaseReview, withdrawn_on: date, acting_user: User | None) -> CaseReview:
    _check_manager(acting_user, case)
    refuse_after_today(withdrawn_on, "The date the application was withdrawn")
    case.withdrawn_on = withdrawn_on
    case.status = CaseReviewStatus.WITHDRAWN
    case.save(update_fields=["withdrawn_on", "status"])
    _audit(case, "case_review.withdrawn", acting_user)
    return case


@transaction.atomic
def do_escalate_case_review(
    *, case: CaseReview, escalated_on: date, reason: str, acting_user: User | None
) -> CaseReview:
    """The applicant asks the local policing body (PCC, mayor or board) to review how it was handled."""
    _check_manager(acting_user, case)
    if case.threshold_decided_on is None:
        raise ValidationError("An application is escalated after its threshold decision or review")
    if not reason.strip():
        raise ValidationError("Say why the applicant is dissatisfied")
    refuse_after_today(escalated_on, "The date of the escalation")
    case.escalated_on = escalated_on
    case.escalation_reason = reason.strip()
    case.save(update_fields=["escalated_on", "escalation_reason"])
    _audit(case, "case_review.escalated", acting_user)
    return case
