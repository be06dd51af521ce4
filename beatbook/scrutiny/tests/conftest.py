from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def scrutiny_demo(django_db_setup, django_db_blocker, tmp_path_factory):  # noqa: ANN001, ANN201
    """A tenth of the demo's incidents and the scrutiny demo, loaded for a module and removed after it."""
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
        for paper in Paper.objects.order_by("-version"):
            paper.delete()
        Meeting.objects.all().delete()
        Plan.objects.all().delete()
        loading.delete_ids(Incident, list(Incident.objects.filter(import_run=run).values_list("id", flat=True)))
        run.delete()
