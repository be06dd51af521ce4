from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def scrutiny_demo(django_db_setup, django_db_blocker, tmp_path_factory):  # noqa: ANN001, ANN201
    """A tenth of the demo's incidents and the scrutiny demo, loaded for a module and removed after it."""
    from django_tasks_db.models import DBTaskResult

    from beatbook.areas.models import Area
    from beatbook.crime import loading
    from beatbook.crime.models import Incident
    from beatbook.demo.build import do_load_demo_incidents
    from beatbook.scrutiny.demo import do_load_demo_scrutiny
    from beatbook.scrutiny.models import Meeting, Paper, Plan, Question

    with django_db_blocker.unblock():
        run = do_load_demo_incidents(tmp_path_factory.mktemp("demo"), scale=0.1)
        plan = do_load_demo_scrutiny(Area.objects.get(code="derbyshire"))
        yield plan
        Question.objects.all().delete()
        DBTaskResult.objects.all().delete()  # the jobs the demo queued (papers' files, askers' emails)
        for paper in Paper.objects.order_by("-version"):
            paper.delete()
        Meeting.objects.all().delete()
        Plan.objects.all().delete()
        loading.delete_ids(Incident, list(Incident.objects.filter(import_run=run).values_list("id", flat=True)))
        run.delete()


@pytest.fixture
def plan(personas):  # noqa: ANN001, ANN201
    """A plan of the Derbyshire force with priority 2 and its measure `asb-12` (ASB in the rolling 12 months)."""
    from datetime import date

    from beatbook.areas.models import Area
    from beatbook.scrutiny import actions

    force = Area.objects.get(code="derbyshire")
    made = actions.do_create_plan(
        force=force,
        title="Plan",
        starts_on=date(2021, 5, 1),
        ends_on=date(2025, 5, 1),
        acting_user=personas["scrutiny"],
    )
    priority = actions.do_add_priority(
        plan=made,
        number=2,
        title="Neighbourhood crime and ASB",
        sub_objectives=["Hot spots"],
        acting_user=personas["scrutiny"],
    )
    measure = actions.do_add_measure(
        priority=priority, slug="asb-12", name="ASB incidents", area=force, definition="asb-rolling-12",
        acting_user=personas["scrutiny"],
    )  # fmt: skip
    return {"force": force, "priority": priority, "measure": measure}
