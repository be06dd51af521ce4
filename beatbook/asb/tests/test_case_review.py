"""The public Case Review form, staff handling of applications, and the powers register's actions."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError

from beatbook.areas.models import Area
from beatbook.asb import actions
from beatbook.asb.models import CaseReview, CaseReviewStatus, PowerUse
from beatbook.audit.models import AuditEvent

pytestmark = pytest.mark.django_db
FORM = {
    "local_authority": "E07000034",
    "applicant_name": "Sam Resident",
    "applicant_contact": "sam@example.invalid",
    "description": "Motorbikes on the estate every night",
}


@pytest.fixture(autouse=True)
def _clear_rate_limit():
    cache.clear()


def test_a_member_of_the_public_applies_without_signing_in_and_gets_a_reference(client):
    response = client.post("/case-review/derbyshire/apply/", FORM, follow=True)
    case = CaseReview.objects.get(applicant_name="Sam Resident")
    assert case.reference in response.content.decode()
    assert case.channel == "online" and case.local_authority_name == "Chesterfield"
    assert case.acknowledge_by > case.received_on


def test_the_same_application_sent_twice_is_one_application(client):
    """QA 17s: a double click on "Send application" made two Case Reviews with two references."""
    first = client.post("/case-review/derbyshire/apply/", FORM, follow=True).content.decode()
    again = client.post("/case-review/derbyshire/apply/", FORM, follow=True).content.decode()
    case = CaseReview.objects.get(applicant_name="Sam Resident")
    assert case.reference in first and case.reference in again


def test_the_honeypot_keeps_nothing(client):
    client.post("/case-review/derbyshire/apply/", FORM | {"website": "http://spam.example"})
    assert not CaseReview.objects.filter(applicant_name="Sam Resident").exists()


def test_too_many_applications_from_one_address_are_refused(client):
    for number in range(5):
        client.post("/case-review/derbyshire/apply/", FORM | {"description": f"Motorbikes, night {number}"})
    assert client.post("/case-review/derbyshire/apply/", FORM).status_code == 429
    assert CaseReview.objects.filter(applicant_name="Sam Resident").count() == 5


def test_a_missing_field_says_what_to_fix(client):
    response = client.post("/case-review/derbyshire/apply/", FORM | {"description": ""})
    assert response.status_code == 200
    assert "What has been happening?" in response.content.decode()
    assert not CaseReview.objects.exists()


def _case(**extra: object) -> CaseReview:
    return actions.do_submit_case_review(
        force=Area.objects.get(code="derbyshire"),
        local_authority_code="E07000034",
        applicant_name="Pat Caller",
        applicant_contact="01234",
        description="Noise",
        received_on=date(2023, 6, 30),
        channel="phone",
        acting_user=None,
        **extra,
    )


def test_staff_decide_the_threshold_hold_the_review_and_escalate(personas):
    complaints = [(date(2023, m, 1), date(2023, m, 10), "Police") for m in (2, 3, 4)]
    case = _case(complaints=complaints)
    actions.do_decide_threshold(
        case=case, decided_on=date(2023, 7, 5), spoc="ASB officer", acting_user=personas["partner"]
    )
    assert case.status == CaseReviewStatus.THRESHOLD_MET
    actions.do_hold_case_review(
        case=case,
        held_on=date(2023, 7, 20),
        victim_consulted=True,
        recommendations=[("Mediation", "Housing", date(2023, 8, 30))],
        acting_user=personas["inspector"],
    )
    actions.do_escalate_case_review(
        case=case, escalated_on=date(2023, 9, 1), reason="No change", acting_user=personas["inspector"]
    )
    assert case.recommendations.count() == 1 and case.escalated_on == date(2023, 9, 1)


def test_two_complaints_do_not_meet_the_threshold(personas):
    case = _case(
        complaints=[(date(2023, 5, 1), date(2023, 5, 2), "Police"), (date(2023, 6, 1), date(2023, 6, 2), "Council")]
    )
    actions.do_decide_threshold(case=case, decided_on=date(2023, 7, 5), acting_user=personas["sergeant"])
    assert case.status == CaseReviewStatus.THRESHOLD_NOT_MET
    with pytest.raises(ValidationError):
        actions.do_hold_case_review(
            case=case, held_on=date(2023, 7, 20), victim_consulted=False, recommendations=[], acting_user=None
        )


def test_staff_outside_the_authority_cannot_handle_it(personas, client_as):
    case = _case()
    with pytest.raises(PermissionDenied):
        actions.do_decide_threshold(case=case, decided_on=date(2023, 7, 5), acting_user=personas["analyst"])
    assert client_as("scrutiny").get(f"/case-reviews/{case.uuid}/").status_code == 404
    page = client_as("partner").get(f"/case-reviews/{case.uuid}/")
    assert "Pat Caller" in page.content.decode()
    assert AuditEvent.objects.filter(event="case_review.read", actor=personas["partner"]).exists()


def test_the_yearly_figures_never_name_the_applicant(client_as):
    _case()
    response = client_as("analyst").get("/areas/derbyshire/case-reviews/?year=2023-24")
    assert "Pat Caller" not in response.content.decode()
    assert client_as("analyst").get("/areas/derbyshire/case-reviews/?year=2023").status_code == 400


def test_a_cpn_without_a_warning_is_refused_with_the_reason(personas):
    staveley = Area.objects.get(code="staveley")
    options = {"area": staveley, "subject_kind": "person", "subject": "A Person", "subject_age": 17, "agency": "Police"}
    with pytest.raises(ValidationError, match="written warning"):
        actions.do_record_power_use(power="cpn", issued_on=date(2023, 3, 1), acting_user=personas["pcso"], **options)
    warning = actions.do_record_power_use(
        power="cpw", issued_on=date(2023, 2, 1), acting_user=personas["pcso"], **options
    )
    cpn = actions.do_record_power_use(
        power="cpn", issued_on=date(2023, 3, 1), prior_warning=warning, acting_user=personas["pcso"], **options
    )
    assert cpn.legislation == "2014"
    with pytest.raises(PermissionDenied):
        actions.do_record_power_use(power="cpw", issued_on=date(2023, 2, 1), acting_user=personas["analyst"], **options)


def test_dates_after_today_are_refused(personas):
    # QA 2, by kind: an event recorded as happened cannot be dated ahead.
    future = date(2099, 1, 1)
    with pytest.raises(ValidationError, match="received cannot be after today"):
        actions.do_submit_case_review(
            force=Area.objects.get(code="derbyshire"), local_authority_code="E07000034", applicant_name="Pat",
            applicant_contact="01234", description="Noise", received_on=future, channel="phone", acting_user=None,
        )  # fmt: skip
    case = _case(complaints=[(date(2023, m, 1), date(2023, m, 10), "Police") for m in (2, 3, 4)])
    with pytest.raises(ValidationError, match="threshold decision cannot be after today"):
        actions.do_decide_threshold(case=case, decided_on=future, acting_user=personas["partner"])
    with pytest.raises(ValidationError, match="withdrawn cannot be after today"):
        actions.do_withdraw_case_review(case=case, withdrawn_on=future, acting_user=personas["partner"])
    staveley = Area.objects.get(code="staveley")
    with pytest.raises(ValidationError, match="power was used cannot be after today"):
        actions.do_record_power_use(
            area=staveley, power="cpw", subject_kind="person", subject="A Person", agency="Police",
            issued_on=future, acting_user=personas["pcso"],
        )  # fmt: skip


def test_a_use_dated_before_the_powers_existed_is_refused_naming_the_commencement(personas, client_as):
    staveley = Area.objects.get(code="staveley")
    options = {"area": staveley, "subject_kind": "person", "subject": "A Person", "subject_age": 30, "agency": "Police"}
    with pytest.raises(ValidationError, match="commenced on 20 October 2014") as refused:
        actions.do_record_power_use(power="dispersal", duration_hours=24, issued_on=date(2014, 10, 19),
                                    acting_user=personas["pcso"], **options)  # fmt: skip
    assert "issued_on" in refused.value.message_dict  # said at the date, the field to fix
    assert not PowerUse.objects.exists()
    used = actions.do_record_power_use(
        power="dispersal", duration_hours=24, issued_on=date(2014, 10, 20), acting_user=personas["pcso"], **options
    )
    assert used.legislation == "2014"

    page = client_as("pcso").post(
        "/asb-powers/new/",
        {"area": staveley.pk, "power": "dispersal", "subject_kind": "person", "subject": "A Person",
         "subject_age": "30", "agency": "Police", "issued_on": "2014-06-01", "duration_hours": "24"},
    )  # fmt: skip
    assert page.status_code == 200
    assert "No ASB power of the 2014 Act existed on 1 June 2014: the powers commenced on 20 October 2014" in (
        page.content.decode()
    )
    assert PowerUse.objects.count() == 1
