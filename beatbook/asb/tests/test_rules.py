"""The legal rules for powers, the Case Review threshold and working days (pure functions)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.test import override_settings
from hypothesis import given
from hypothesis import strategies as st

from beatbook.asb import rules
from beatbook.asb.threshold import Complaint, qualifies, qualifying_count, threshold_met
from beatbook.asb.working_days import add_working_days, is_working_day


def _check(power: str, **overrides: object) -> list[str]:
    options = {
        "power": power,
        "subject_kind": "person",
        "subject_age": 30,
        "issued_on": date(2023, 1, 10),
        "expires_on": None,
        "duration_hours": None,
        "has_prior_warning": True,
    } | overrides
    return rules.problems(rules.VERSIONS["2014"], **options)


def test_a_cpn_needs_a_prior_warning_and_a_subject_of_16_or_over():
    assert _check("cpn") == []
    assert "written warning first" in _check("cpn", has_prior_warning=False)[0]
    assert "16 or over" in _check("cpn", subject_age=15)[0]
    assert _check("cpn", subject_kind="body", subject_age=None) == []


def test_a_pspo_lasts_at_most_three_years():
    assert _check("pspo", expires_on=date(2026, 1, 10)) == []
    assert "at most 3 years" in _check("pspo", expires_on=date(2026, 1, 11))[0]


def test_dispersal_is_48_hours_until_the_2026_changes_are_configured():
    assert _check("dispersal", duration_hours=48) == []
    assert "48 hours" in _check("dispersal", duration_hours=72)[0]
    with override_settings(ASB_RULES_2026_FROM="2026-06-01"):
        assert rules.rules_on(date(2026, 5, 31)).dispersal_max_hours == 48
        assert rules.rules_on(date(2026, 6, 1)).dispersal_max_hours == 72


def test_no_rules_apply_before_the_2014_act_commenced():
    assert rules.rules_on(rules.COMMENCED_2014).version == "2014"
    with pytest.raises(rules.NotInForce, match="commenced on 20 October 2014"):
        rules.rules_on(date(2014, 10, 19))
    assert "None: the 2014 Act's ASB powers commenced" in rules.rules_table(date(2014, 1, 1)).rows[0]["applies"]


def test_the_statutory_threshold_is_three_qualifying_complaints():
    applied = date(2023, 6, 30)
    good = [Complaint(date(2023, m, 1), date(2023, m, 20)) for m in (2, 3, 4)]
    assert threshold_met(good, applied)
    late_report = Complaint(date(2023, 1, 1), date(2023, 2, 15))  # more than a month after the behaviour
    assert not qualifies(late_report, applied)
    assert not threshold_met([*good[:2], late_report], applied)
    # The same incident reported to two agencies counts once.
    assert qualifying_count([*good[:2], Complaint(date(2023, 3, 1), date(2023, 3, 21))], applied) == 2
    with override_settings(CASE_REVIEW_THRESHOLD=2):
        assert threshold_met(good[:2], applied)


def test_a_complaint_older_than_six_months_does_not_qualify():
    assert not qualifies(Complaint(date(2022, 12, 1), date(2022, 12, 5)), date(2023, 6, 6))
    assert qualifies(Complaint(date(2022, 12, 1), date(2022, 12, 5)), date(2023, 6, 5))


def test_working_days_skip_weekends_and_england_and_wales_bank_holidays():
    assert not is_working_day(date(2023, 4, 7))  # Good Friday
    assert not is_working_day(date(2023, 4, 10))  # Easter Monday
    assert not is_working_day(date(2023, 5, 8))  # the King's coronation bank holiday
    assert add_working_days(date(2023, 4, 6), 1) == date(2023, 4, 11)
    assert add_working_days(date(2023, 12, 22), 2) == date(2023, 12, 28)


@given(st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31)), st.integers(min_value=1, max_value=40))
def test_adding_working_days_lands_on_a_working_day_after_the_start(start: date, days: int):
    end = add_working_days(start, days)
    assert end > start and is_working_day(end)
    assert sum(is_working_day(start + timedelta(days=i)) for i in range(1, (end - start).days + 1)) == days


@pytest.mark.parametrize("power", ["cpw", "abc", "injunction"])
def test_powers_without_special_rules_pass(power: str):
    assert _check(power) == []


@pytest.mark.django_db
def test_the_reminder_command_lists_orders_due(personas):
    from io import StringIO

    from django.core.management import call_command
    from django.utils import timezone

    from beatbook.areas.models import Area
    from beatbook.asb.actions import do_record_power_use

    today = timezone.localdate()
    do_record_power_use(
        area=Area.objects.get(code="staveley"),
        power="pspo",
        subject_kind="place",
        subject="Market Place",
        agency="Council",
        issued_on=today - timedelta(days=1000),
        expires_on=today + timedelta(days=10),
        acting_user=None,
    )
    out = StringIO()
    call_command("asb_reminders", "derbyshire", stdout=out)
    assert "1 order(s) due" in out.getvalue()


def test_the_2026_rule_set_is_complete():
    new_rules = rules.VERSIONS["2026"]
    assert (new_rules.dispersal_max_hours, new_rules.dispersal_review_hours, new_rules.closure_application_hours) == (
        72,
        48,
        72,
    )
    assert not new_rules.adult_civil_injunctions
    assert set(new_rules.powers_added) == {"respect_order", "youth_injunction", "housing_injunction"}

    def check(power: str, *, new: bool = False, **overrides: object) -> list[str]:
        if not new:
            return _check(power, **overrides)
        options = {"subject_kind": "person", "subject_age": 30, "issued_on": date(2026, 7, 1), "expires_on": None}
        return rules.problems(
            new_rules, power=power, **(options | {"duration_hours": None, "has_prior_warning": True} | overrides)
        )

    # Dispersal: 72 hours, reviewed at 48.
    assert check("dispersal", new=True, duration_hours=72, review_on=date(2026, 7, 3)) == []
    assert "reviewed at 48 hours" in check("dispersal", new=True, duration_hours=72)[0]
    assert check("dispersal", new=True, duration_hours=48) == []
    # Closure: 48 hours to court under 2014, 72 under 2026.
    assert "within 48 hours" in check("closure_notice", subject_kind="premises", duration_hours=72)[0]
    assert check("closure_notice", new=True, subject_kind="premises", duration_hours=72) == []
    # Adults get Respect Orders; civil injunctions stay for under-18s.
    assert "Respect Order" in check("injunction", new=True)[0]
    assert check("injunction", new=True, subject_age=15) == []
    assert check("respect_order", new=True) == []
    assert "18 or over" in check("respect_order", new=True, subject_age=17)[0]
    assert check("youth_injunction", new=True, subject_age=15) == []
    assert "under 18" in check("youth_injunction", new=True, subject_age=19)[0]
    assert check("housing_injunction", new=True) == []
    # None of the new powers exists under the 2014 rules.
    for power in rules.NEW_2026_POWERS:
        assert (
            "only once the Crime and Policing Act 2026"
            in check(power, subject_age=20 if power != "youth_injunction" else 15)[0]
        )


@pytest.mark.django_db
def test_an_admin_sees_which_rule_set_applies_on_a_date(client_as):
    url = "/areas/derbyshire/asb-powers/?on=2026-07-01&format=json&table=rules-in-force"
    rows = {row["rule"]: row["applies"] for row in client_as("admin").get(url).json()["rows"]}
    assert "2014 rules" in rows["Rule set"] and rows["2026 Act changes"] == "not yet in force (set ASB_RULES_2026_FROM)"
    with override_settings(ASB_RULES_2026_FROM="2026-06-01"):
        rows = {row["rule"]: row["applies"] for row in client_as("admin").get(url).json()["rows"]}
        assert "2026 rules" in rows["Rule set"] and rows["Dispersal direction, longest"] == "72 hours"
        early = client_as("admin").get(url.replace("2026-07-01", "2026-05-31")).json()["rows"]
        assert "2014 rules" in early[0]["applies"]
    assert client_as("admin").get("/areas/derbyshire/asb-powers/?on=1/6/2026").status_code == 400


@pytest.mark.django_db
def test_only_an_admin_reads_the_name_of_the_setting(client_as):
    """QA finding 15: other users read that the 2026 changes are not yet in force, not a setting's name."""
    url = "/areas/derbyshire/asb-powers/?on=2026-07-01&format=json&table=rules-in-force"
    rows = {row["rule"]: row["applies"] for row in client_as("analyst").get(url).json()["rows"]}
    assert rows["2026 Act changes"] == "not yet in force"
    page = client_as("analyst").get("/areas/derbyshire/asb-powers/").content.decode()
    assert "ASB_RULES_2026_FROM" not in page


@pytest.mark.django_db
def test_no_2014_act_rules_before_its_asb_powers_commenced(client_as):
    """QA finding 15: the 2014 Act's ASB powers commenced on 20 October 2014 (SI 2014/2590)."""
    url = "/areas/derbyshire/asb-powers/?format=json&table=rules-in-force&on="
    before = client_as("analyst").get(url + "2014-01-01").json()["rows"]
    assert before == [{"rule": "Rule set", "applies": "None: the 2014 Act's ASB powers commenced on 20 October 2014"}]
    assert "None" in client_as("analyst").get(url + "2014-10-19").json()["rows"][0]["applies"]
    on_the_day = client_as("analyst").get(url + "2014-10-20").json()["rows"]
    assert "2014 rules" in on_the_day[0]["applies"]
