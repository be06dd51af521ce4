"""Dated postings: strength at a date counts people where they were posted on that date."""

from __future__ import annotations

import importlib
from datetime import date

import pytest
from django.apps import apps

from beatbook.areas.models import Area, Level
from beatbook.jobs.inline import run_queued_jobs
from beatbook.workforce import actions, strength
from beatbook.workforce.models import Officer, Posting, Rank, staffing_rows
from beatbook.workforce.tests.test_hr_import_scale import HEADER

pytestmark = pytest.mark.django_db
BEFORE, MOVE, AFTER = date(2023, 5, 31), date(2023, 6, 1), date(2023, 6, 2)


def _teams() -> tuple[Area, Area]:
    first, second = Area.objects.filter(level=Level.TEAM, path__startswith=_force().path).order_by("path")[:2]
    return first, second


def _force() -> Area:
    return Area.objects.get(code="derbyshire")


def _constables(area: Area, on: date) -> int:
    return next((r["actual"] for r in staffing_rows(area, on) if r["rank"] == "Police constable"), 0)


def _neighbourhood_officers(area: Area, on: date) -> int:
    return strength.strength_row(area, strength.GROUPS[2], on)["strength"]


def test_strength_before_a_move_counts_the_old_team(personas) -> None:  # noqa: ANN001
    old, new = _teams()
    person = actions.do_add_person(
        team=old, rank=Rank.CONSTABLE, first_name="Mo", last_name="Ver", started_on=date(2020, 1, 6),
        acting_user=personas["hr"],
    )  # fmt: skip
    counts = {area: (_constables(area, BEFORE), _neighbourhood_officers(area, BEFORE)) for area in (old, new)}
    actions.do_change_person(person, {"team": new}, acting_user=personas["hr"], posted_on=MOVE)
    assert [(p.team, p.starts_on, p.ends_on) for p in person.postings.order_by("starts_on")] == [
        (old, date(2020, 1, 6), BEFORE),
        (new, MOVE, None),
    ]
    # Before the move: still counted in the old team, at both the establishment table and the strength table.
    assert (_constables(old, BEFORE), _neighbourhood_officers(old, BEFORE)) == counts[old]
    assert (_constables(new, BEFORE), _neighbourhood_officers(new, BEFORE)) == counts[new]
    # From the move: in the new one.
    assert _constables(old, AFTER) == counts[old][0] - 1 and _constables(new, AFTER) == counts[new][0] + 1
    assert _neighbourhood_officers(new, MOVE) == counts[new][1] + 1
    # The force counts them throughout, once.
    assert _constables(_force(), BEFORE) == _constables(_force(), AFTER)


def test_the_edit_page_dates_a_move_and_the_person_page_lists_postings(personas, client_as) -> None:  # noqa: ANN001
    old, new = _teams()
    person = actions.do_add_person(
        team=old, rank=Rank.PCSO, first_name="Pat", last_name="Moss", started_on=date(2021, 3, 1), fte="1",
        acting_user=personas["hr"],
    )  # fmt: skip
    client = client_as("hr")
    page = client.get(f"/people/{person.pk}/edit/").content.decode()
    assert "In this team or area from" in page
    data = {"team": new.pk, "rank": Rank.PCSO, "first_name": "Pat", "last_name": "Moss", "fte": "1",
            "started_on": "2021-03-01", "ethnicity": "unknown", "posted_on": "2023-06-01"}  # fmt: skip
    response = client.post(f"/people/{person.pk}/edit/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert list(person.postings.order_by("starts_on").values_list("team", "starts_on", "ends_on")) == [
        (old.pk, date(2021, 3, 1), BEFORE),
        (new.pk, MOVE, None),
    ]
    detail = client.get(f"/people/{person.pk}/").content.decode()
    assert "1 June 2023 to now" in detail and "1 March 2021 to 31 May 2023" in detail


def test_the_hr_import_takes_an_optional_posted_on_column(personas) -> None:  # noqa: ANN001
    old, new = _teams()
    force = _force()
    header = HEADER + ",posted_on"
    first = f"{header}\nP001,Ann,Able,constable,,{old.code},2019-04-01,,,1,,,,,2020-01-01\nP002,Ben,Best,pcso,,{old.code},2019-04-01,,,1,,,,,\n"
    run = actions.do_upload_hr_snapshot(force, file_name="a.csv", data=first.encode(), acting_user=personas["hr"])
    actions.do_queue_hr_snapshot(run, acting_user=personas["hr"])
    run_queued_jobs()
    ann, ben = Officer.objects.get(staff_number="P001"), Officer.objects.get(staff_number="P002")
    assert list(ann.postings.values_list("team", "starts_on")) == [(old.pk, date(2020, 1, 1))]
    assert list(ben.postings.values_list("team", "starts_on")) == [(old.pk, date(2019, 4, 1))]  # since joining
    moved = first.replace(f"P001,Ann,Able,constable,,{old.code},2019-04-01,,,1,,,,,2020-01-01",
                          f"P001,Ann,Able,constable,,{new.code},2019-04-01,,,1,,,,,2023-06-01")  # fmt: skip
    run = actions.do_upload_hr_snapshot(force, file_name="b.csv", data=moved.encode(), acting_user=personas["hr"])
    actions.do_queue_hr_snapshot(run, acting_user=personas["hr"])
    run_queued_jobs()
    assert list(ann.postings.order_by("starts_on").values_list("team", "starts_on", "ends_on")) == [
        (old.pk, date(2020, 1, 1), BEFORE),
        (new.pk, MOVE, None),
    ]
    assert Officer.objects.posted_within(old, BEFORE).filter(pk=ann.pk).exists()
    assert Officer.objects.posted_within(new, MOVE).filter(pk=ann.pk).exists()


def test_a_move_before_the_person_joined_is_refused(personas) -> None:  # noqa: ANN001
    from django.core.exceptions import ValidationError

    old, new = _teams()
    person = actions.do_add_person(
        team=old, rank=Rank.CONSTABLE, first_name="Early", last_name="Bird", started_on=date(2022, 1, 1),
        acting_user=personas["hr"],
    )  # fmt: skip
    with pytest.raises(ValidationError, match="before the person joined"):
        actions.do_change_person(person, {"team": new}, acting_user=personas["hr"], posted_on=date(2021, 1, 1))
    assert Officer.objects.get(pk=person.pk).team == old


def test_the_migration_posts_everyone_from_their_join_date(personas) -> None:  # noqa: ANN001
    old, _ = _teams()
    person = Officer.objects.create(
        team=old, rank=Rank.SERGEANT, first_name="Pre", last_name="Dated", started_on=date(2015, 9, 1)
    )
    Posting.objects.all().delete()
    migration = importlib.import_module("beatbook.workforce.migrations.0005_dated_postings_and_queued_hr_imports")
    migration.post_everyone(apps, None)
    assert list(person.postings.values_list("team", "starts_on", "ends_on")) == [(old.pk, date(2015, 9, 1), None)]
    assert Posting.objects.count() == Officer.objects.count()


def test_a_posting_dated_after_today_is_refused_in_the_preview_and_on_the_person_page(personas, client_as) -> None:  # noqa: ANN001
    # QA 2: a move dated 2099-01-01 was applied; today's team list and strength-at-date then disagreed.
    from beatbook.workforce import hr_import

    old, new = _teams()
    row = f"P001,Ann,Able,constable,,{new.code},2019-04-01,,,1,,,,,2099-01-01"
    data = f"{HEADER},posted_on\n{row}\n".encode()
    with pytest.raises(hr_import.HrImportError) as raised:
        actions.do_upload_hr_snapshot(_force(), file_name="a.csv", data=data, acting_user=personas["hr"])
    assert any("Line 2" in e and "posted_on: 2099-01-01 is after today" in e for e in raised.value.errors)
    assert not Officer.objects.filter(staff_number="P001").exists()
    person = actions.do_add_person(
        team=old, rank=Rank.PCSO, first_name="Pat", last_name="Moss", started_on=date(2021, 3, 1), fte="1",
        acting_user=personas["hr"],
    )  # fmt: skip
    form = {"team": new.pk, "rank": Rank.PCSO, "first_name": "Pat", "last_name": "Moss", "fte": "1",
            "started_on": "2021-03-01", "ethnicity": "unknown", "posted_on": "2099-01-01"}  # fmt: skip
    response = client_as("hr").post(f"/people/{person.pk}/edit/", form)
    assert response.status_code == 200 and "cannot start after today" in response.content.decode()
    assert Officer.objects.get(pk=person.pk).team == old and person.postings.count() == 1
