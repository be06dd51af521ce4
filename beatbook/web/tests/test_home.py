"""The home page says what needs doing, by role."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from beatbook.areas.models import Area
from beatbook.neighbourhoods.actions import do_record_engagement, do_set_priority


def test_an_inspector_sees_reviews_and_priorities_waiting_with_totals(client_as, personas: dict) -> None:  # noqa: ANN001
    staveley = Area.objects.get(code="staveley")
    for hours in (1, 2, 3):
        do_record_engagement(
            neighbourhood=staveley,
            started_at=timezone.now() - timedelta(hours=hours),
            duration_minutes=30,
            location="Library",
            method="street_surgery",
            people_reached=5,
            acting_user=personas["pcso"],
        )
    do_set_priority(
        neighbourhood=staveley,
        issue="Speeding",
        planned_action="Checks",
        evidence=["survey"],
        acting_user=personas["sergeant"],
    )
    html = client_as("inspector").get("/").content.decode()
    assert "What needs doing" in html
    assert "3 engagements waiting for review in Chesterfield" in html
    assert "1 priority waiting to be published in Chesterfield" in html
    assert "neighbourhoods without priorities set in three months in Chesterfield" in html
    pcso = client_as("pcso").get("/").content.decode()
    assert "waiting for review" not in pcso  # PCSOs do not review
    assert "without priorities set in three months in Staveley" not in pcso  # Staveley has one now


def test_nothing_waiting_says_so(client_as) -> None:  # noqa: ANN001
    assert "Nothing is waiting for you." in client_as("partner").get("/").content.decode()


def test_plans_overdue_for_review_are_on_the_home_page(client_as, personas: dict) -> None:  # noqa: ANN001
    from datetime import date

    from beatbook.problemsolving import actions as plan_actions

    plan = plan_actions.do_draft_plan(
        title="Off-road bikes on the rec",
        problem_type="vehicle",
        places=[Area.objects.get(code="staveley")],
        scan_from=date(2022, 1, 1),
        scan_to=date(2022, 12, 31),
        owner_area=Area.objects.get(code="staveley-snt"),
        acting_user=personas["sergeant"],
    )
    assert "overdue for review" not in client_as("sergeant").get("/").content.decode()  # a draft has no review
    plan_actions.do_approve_plan(plan=plan, approved_on=date(2023, 1, 10), acting_user=personas["inspector"])
    assert (
        "1 problem-solving plan overdue for review in Staveley SNT" in client_as("sergeant").get("/").content.decode()
    )
    assert (
        "1 problem-solving plan overdue for review in Chesterfield" in client_as("inspector").get("/").content.decode()
    )
    assert "overdue for review" not in client_as("pcso").get("/").content.decode()  # PCSOs do not run plans


def test_withdrawn_records_leave_the_home_page_totals(client_as, personas: dict) -> None:  # noqa: ANN001
    """QA 17s: the home page still counted an engagement or abstraction its recorder had withdrawn (48 waiting
    for review on the home page, 47 in the engagement page's queue)."""
    from beatbook.neighbourhoods.actions import do_record_abstraction
    from beatbook.neighbourhoods.own_records import do_withdraw_record

    staveley = Area.objects.get(code="staveley")
    engagements = [
        do_record_engagement(
            neighbourhood=staveley,
            started_at=timezone.now() - timedelta(hours=hours),
            duration_minutes=30,
            location="Library",
            method="street_surgery",
            people_reached=5,
            acting_user=personas["constable"],
        )  # fmt: skip
        for hours in (1, 2)
    ]
    abstractions = [
        do_record_abstraction(
            officer=personas["constable"].officer,
            started_at=timezone.now() - timedelta(hours=hours),
            ended_at=timezone.now() - timedelta(hours=hours - 2),
            reason="training",
            authorised_by="Sgt Someone",
            authoriser_rank="sergeant",
            acting_user=personas["constable"],
        )  # fmt: skip
        for hours in (5, 9)
    ]
    do_withdraw_record(record=engagements[0], expected_version=1, acting_user=personas["constable"])
    do_withdraw_record(record=abstractions[0], expected_version=1, acting_user=personas["constable"])
    inspector = client_as("inspector")
    home = inspector.get("/").content.decode()
    assert "1 engagement waiting for review in Chesterfield" in home
    assert "Waiting for your review (1)" in inspector.get("/areas/chesterfield/engagement/").content.decode()
    assert "1 abstraction without chief inspector authority since last month in Staveley SNT" in (
        client_as("sergeant").get("/").content.decode()
    )
