"""After an import commits, a job warms the pages' caches; once it has run, the first request is a cache hit."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.management import call_command
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from beatbook.areas.models import Area
from beatbook.counts.refresh import bump_data_version, data_version
from beatbook.counts.tasks import warm_pages
from beatbook.counts.warm import areas_to_warm
from beatbook.crime.imports import do_import_source
from beatbook.crime.sources import iter_sources
from beatbook.crime.tests.conftest import sample_for

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_earlier_jobs() -> None:
    DBTaskResult.objects.all().delete()  # the session's load_demo queued one


@pytest.fixture
def worker(monkeypatch):  # noqa: ANN001, ANN201
    """Runs the queued jobs in this process, as `beatbook worker --batch` would."""
    from django_tasks_db.management.commands import db_worker

    # The worker closes stale connections between jobs; inside the test's transaction that would end it.
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    return lambda: call_command("worker", "--batch", "--no-startup-delay", "--worker-id", "test-worker", verbosity=0)


def import_sample(tmp_path: Path, capture) -> None:  # noqa: ANN001
    (tmp_path / "2018-07").mkdir()
    path = tmp_path / "2018-07" / "2018-07-derbyshire-street.csv"
    path.write_bytes(sample_for())
    with capture(execute=True):
        (source,) = list(iter_sources(path))
        do_import_source(source, acting_user=None)


def warm_jobs() -> list[DBTaskResult]:
    return list(DBTaskResult.objects.filter(task_path=warm_pages.module_path).order_by("enqueued_at"))


def test_an_import_queues_a_warm_job_for_its_force(tmp_path, django_capture_on_commit_callbacks) -> None:  # noqa: ANN001
    import_sample(tmp_path, django_capture_on_commit_callbacks)
    (job,) = warm_jobs()
    force = Area.objects.get(code="derbyshire")
    assert job.status == TaskResultStatus.READY
    assert job.args_kwargs["args"] == [force.pk, data_version()]


def test_after_the_job_the_first_requests_are_cache_hits(
    tmp_path, django_capture_on_commit_callbacks, worker, client_as, monkeypatch
) -> None:  # noqa: ANN001
    import_sample(tmp_path, django_capture_on_commit_callbacks)
    worker()
    (job,) = warm_jobs()
    assert job.status == TaskResultStatus.SUCCESSFUL
    force = Area.objects.get(code="derbyshire")
    assert job.return_value["areas"] == len(areas_to_warm(force)) > 1

    def not_called(*args: object) -> None:
        raise AssertionError("computed, not read from the cache")

    from beatbook.crime import views as crime_views
    from beatbook.hotspots import views as hotspot_views

    monkeypatch.setattr(crime_views, "_area_report", not_called)
    monkeypatch.setattr(crime_views, "offence_group_tables", not_called)
    monkeypatch.setattr(hotspot_views, "_scored_cells", not_called)
    monkeypatch.setattr(hotspot_views, "_lsoa_rates_for_map", not_called)
    client = client_as("analyst")
    for area in ("derbyshire", "north-division", "chesterfield"):
        assert client.get(f"/areas/{area}/crime/").status_code == 200
        assert client.get(f"/areas/{area}/crime/?format=csv&table=lsoa-rates").status_code == 200
        assert client.get(f"/areas/{area}/hotspots/").status_code == 200
        assert client.get(f"/areas/{area}/hotspots/?format=json&table=cells").status_code == 200


def test_a_job_queued_before_a_later_change_leaves_the_warming_to_the_later_job(worker) -> None:  # noqa: ANN001
    force = Area.objects.get(code="derbyshire")
    warm_pages.enqueue(force.pk, data_version())
    bump_data_version()  # another import committed meanwhile
    worker()
    (job,) = warm_jobs()
    assert job.status == TaskResultStatus.SUCCESSFUL and "skipped" in job.return_value


def test_load_demo_ends_by_queueing_a_warm_job() -> None:
    call_command("load_demo", "--quiet", "--allow-production", "--without-incidents", "--without-activity")
    force = Area.objects.get(code="derbyshire")
    assert warm_jobs()[-1].args_kwargs["args"] == [force.pk, data_version()]


def test_the_job_rebuilds_the_public_search_names(worker) -> None:  # noqa: ANN001
    """An import brings new "On or near" streets: the job after it rebuilds the force's search rows, so the
    public "your area" search finds them without anyone running refresh_public_places."""
    from beatbook.public.models import PlaceName

    force = Area.objects.get(code="derbyshire")
    held = PlaceName.objects.filter(neighbourhood__path__startswith=force.path)
    before = held.count()
    held.delete()
    warm_pages.enqueue(force.pk, data_version())
    worker()
    (job,) = warm_jobs()
    assert job.return_value["place_names"] == before == held.count() > 0


def test_warming_first_refreshes_the_planner_statistics() -> None:
    """The job ANALYZEs the incident and count tables before warming: in one statement on PostgreSQL, one
    table a statement on SQLite (which plans without statistics until told to)."""
    from django.db import connection  # noqa: PLC0415
    from django.test.utils import CaptureQueriesContext  # noqa: PLC0415

    from beatbook.counts.warm import warm_force  # noqa: PLC0415

    with CaptureQueriesContext(connection) as queries:
        warm_force(Area.objects.get(code="derbyshire"))
    analyzed = [q["sql"] for q in queries.captured_queries if q["sql"].startswith("ANALYZE")]
    if connection.vendor == "postgresql":
        assert analyzed == [
            'ANALYZE "crime_incident", "counts_forcemonthcount", "counts_lsoamonthcount", "counts_lsoakindmonthcount"'
        ]
    else:
        assert analyzed == [
            'ANALYZE "crime_incident"',
            'ANALYZE "counts_forcemonthcount"',
            'ANALYZE "counts_lsoamonthcount"',
            'ANALYZE "counts_lsoakindmonthcount"',
        ]
        with connection.cursor() as cursor:
            cursor.execute("SELECT COUNT(*) FROM sqlite_master WHERE name = 'sqlite_stat1'")  # ANALYZE made it
            assert cursor.fetchone()[0] == 1
