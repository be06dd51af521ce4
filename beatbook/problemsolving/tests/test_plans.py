"""Drafting, approving, reviewing and closing plans; who sees the people named; the assessment."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from beatbook.areas.models import Area
from beatbook.audit.models import AuditEvent
from beatbook.crime.models import Incident
from beatbook.problemsolving import actions
from beatbook.problemsolving.assessment import assess
from beatbook.problemsolving.models import ClosureCode, PlanStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(personas):
    return actions.do_draft_plan(
        title="Off-road bikes on the rec",
        problem_type="vehicle",
        places=[Area.objects.get(code="staveley")],
        scan_from=date(2022, 1, 1),
        scan_to=date(2022, 12, 31),
        owner_area=Area.objects.get(code="staveley-snt"),
        acting_user=personas["sergeant"],
    )


@pytest.fixture
def codes():
    force = Area.objects.get(code="derbyshire")
    actions.do_set_closure_codes(force=force, codes=actions.DEFAULT_CLOSURE_CODES, acting_user=None)
    return list(ClosureCode.objects.filter(force=force))


def test_a_sergeant_drafts_and_an_inspector_approves_then_closes(plan, codes, personas):
    assert plan.status == PlanStatus.DRAFT
    with pytest.raises(PermissionDenied):
        actions.do_approve_plan(plan=plan, approved_on=date(2023, 1, 10), acting_user=personas["sergeant"])
    actions.do_approve_plan(plan=plan, approved_on=date(2023, 1, 10), acting_user=personas["inspector"])
    assert plan.next_review_on == date(2023, 2, 7)
    actions.do_close_plan(
        plan=plan, closure_code=codes[0], closed_on=date(2023, 6, 1), acting_user=personas["inspector"]
    )
    assert plan.status == PlanStatus.CLOSED
    events = set(AuditEvent.objects.filter(object_id=str(plan.pk)).values_list("event", flat=True))
    assert {"plan.drafted", "plan.approved", "plan.closed"} <= events


def test_it_refuses_a_closure_code_of_another_list_or_before_approval(plan, codes, personas):
    actions.do_approve_plan(plan=plan, approved_on=date(2023, 1, 10), acting_user=personas["inspector"])
    with pytest.raises(ValidationError):
        actions.do_close_plan(
            plan=plan, closure_code=codes[0], closed_on=date(2022, 1, 1), acting_user=personas["inspector"]
        )
    with pytest.raises(ValidationError, match="closing date cannot be after today"):  # QA 2, by kind
        actions.do_close_plan(
            plan=plan, closure_code=codes[0], closed_on=date(2099, 1, 1), acting_user=personas["inspector"]
        )
    codes[1].active = False
    codes[1].save()
    with pytest.raises(ValidationError):
        actions.do_close_plan(
            plan=plan, closure_code=codes[1], closed_on=date(2023, 2, 1), acting_user=personas["inspector"]
        )


def test_a_plan_needs_exactly_one_owner(personas):
    with pytest.raises(ValidationError):
        actions.do_draft_plan(
            title="No owner",
            problem_type="asb",
            places=[Area.objects.get(code="staveley")],
            scan_from=date(2022, 1, 1),
            scan_to=date(2022, 2, 1),
            acting_user=None,
        )


def test_people_named_are_shown_to_police_only_and_each_read_is_audited(plan, personas, client_as):
    actions.do_add_plan_person(plan=plan, role="offender", name="Alex Example", acting_user=personas["sergeant"])
    url = f"/problem-solving/plans/{plan.uuid}/"
    assert "Alex Example" in client_as("inspector").get(url).content.decode()
    assert AuditEvent.objects.filter(event="plan.people_read", actor=personas["inspector"]).exists()
    assert "Alex Example" not in client_as("partner").get(url).content.decode()
    assert "Alex Example" not in client_as("scrutiny").get(url).content.decode()


def test_the_overdue_review_list_names_plans_past_their_review(plan, personas, client_as):
    actions.do_approve_plan(plan=plan, approved_on=date(2023, 1, 10), acting_user=personas["inspector"])
    response = client_as("inspector").get("/areas/chesterfield/problem-solving/?format=json&table=overdue-reviews")
    assert [row["title"] for row in response.json()["rows"]] == ["Off-road bikes on the rec"]


def _incident(place_code: str, month: date, kind: str = "asb") -> Incident:
    from beatbook.areas.models import Lsoa

    lsoa = Lsoa.objects.filter(neighbourhood__code=place_code).first()
    force = Area.objects.get(code="derbyshire")
    return Incident(
        force=force,
        source="police_uk",
        kind=kind,
        month=month,
        category="anti-social-behaviour",
        lsoa=lsoa,
        lsoa_code=lsoa.code,
        fingerprint=f"{place_code}{month}{kind}{Incident.objects.count()}",
    )


def test_the_assessment_compares_before_and_after_against_the_rest_of_the_lpu(plan, personas):
    incidents = [_incident("staveley", date(2022, 11, 1)) for _ in range(10)]
    incidents += [_incident("staveley", date(2023, 2, 1)) for _ in range(5)]
    incidents += [_incident("brimington", date(2022, 11, 1)) for _ in range(20)]
    incidents += [_incident("brimington", date(2023, 2, 1)) for _ in range(20)]
    Incident.objects.bulk_create(incidents)
    actions.do_approve_plan(plan=plan, approved_on=date(2023, 1, 10), acting_user=personas["inspector"])
    result = assess(plan, today=date(2023, 3, 1))
    assert result.comparison.code == "chesterfield"
    assert (result.evaluation.hotspot_before, result.evaluation.hotspot_after) == (10, 5)
    assert (result.evaluation.comparison_before, result.evaluation.comparison_after) == (20, 20)
    assert result.evaluation.effect == pytest.approx(-0.5)


def test_the_closure_codes_command_sets_the_list_and_retires_the_rest(codes):
    from io import StringIO

    from django.core.management import CommandError, call_command

    out = StringIO()
    call_command("set_closure_codes", "derbyshire", "displaced=Problem displaced", "resolved=Resolved", stdout=out)
    assert "2 closure code(s) set" in out.getvalue()
    active = list(ClosureCode.objects.filter(force__code="derbyshire", active=True).values_list("code", flat=True))
    assert active == ["displaced", "resolved"]
    with pytest.raises(CommandError, match="CODE=LABEL"):
        call_command("set_closure_codes", "derbyshire", "no-label")


def test_a_sergeant_adds_an_action_and_marks_it_done_from_the_page(plan, client_as):
    client = client_as("sergeant")
    url = f"/problem-solving/plans/{plan.uuid}/"
    client.post(
        url + "responses/", {"action": "Letter drop", "owner": "PCSO", "agency": "Police", "due_on": "2026-01-10"}
    )
    response = plan.responses.get()
    client.post(url + f"responses/{response.pk}/status/", {"status": "done"})
    response.refresh_from_db()
    assert response.status == "done"
    rows = client.get(url + "?format=json&table=responses").json()["rows"]
    assert rows == [
        {"action": "Letter drop", "owner": "PCSO", "agency": "Police", "due_on": "2026-01-10", "status": "Done"}
    ]


def test_a_neighbourhood_page_lists_the_plans_that_cover_it(plan, personas, client_as):
    """A neighbourhood holds no team, so its page once counted nothing; it lists the plans covering it."""
    actions.do_approve_plan(plan=plan, approved_on=date(2023, 1, 10), acting_user=personas["inspector"])
    pcso = client_as("pcso")
    plans = pcso.get("/areas/staveley/problem-solving/?format=json&table=plans").json()["rows"]
    assert [row["title"] for row in plans] == ["Off-road bikes on the rec"]
    other = Area.objects.filter(level="neighbourhood").exclude(code="staveley").first()
    assert plan.places.filter(pk=other.pk).exists() is False
    from beatbook.problemsolving.models import ProblemPlan  # noqa: PLC0415

    assert not ProblemPlan.objects.for_force_or_area(other).filter(pk=plan.pk).exists()


def test_the_back_link_goes_to_plans_the_reader_can_open(plan, client_as):  # noqa: ANN001
    """QA 17s: a PCSO sees a plan through her neighbourhood, but its back link went to the owning team's
    plans page, a 404 for her: no way back."""
    pcso = client_as("pcso")
    page = pcso.get(f"/problem-solving/plans/{plan.uuid}/").content.decode()
    assert 'href="/areas/staveley/problem-solving/"' in page and "/areas/staveley-snt/problem-solving/" not in page
    assert pcso.get("/areas/staveley/problem-solving/").status_code == 200
    sergeant = client_as("sergeant").get(f"/problem-solving/plans/{plan.uuid}/").content.decode()
    assert 'href="/areas/staveley-snt/problem-solving/" class="govuk-back-link"' in sergeant
