"""Page results are cached by data version: they never expire by time, a new version recomputes them in
place, and the file cache is sized so culling cannot throw out the warmed pages."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.cache.backends.filebased import FileBasedCache

from beatbook.counts.cache import cache_key, cached
from beatbook.counts.refresh import bump_data_version

pytestmark = pytest.mark.django_db


def test_a_result_is_computed_once_per_data_version_and_replaced_in_place() -> None:
    calls = []

    def compute() -> list[int]:
        calls.append(1)
        return [len(calls)]

    assert cached(("part", 1), compute) == [1]
    assert cached(("part", 1), compute) == [1]
    bump_data_version()  # an import committed
    assert cached(("part", 1), compute) == [2]
    assert cached(("part", 1), compute) == [2]
    assert len(calls) == 2
    assert cache.get(cache_key(("part", 1)))[1] == [2]  # one entry, overwritten: old versions do not pile up


def test_a_result_never_expires_by_time(monkeypatch) -> None:  # noqa: ANN001
    timeouts = []
    real_set = cache.set
    monkeypatch.setattr(
        cache, "set", lambda key, value, timeout: (timeouts.append(timeout), real_set(key, value, timeout))
    )
    cached(("part", 2), lambda: "result")
    assert timeouts == [None]


def test_a_none_result_is_cached_too() -> None:
    calls = []
    assert cached(("part", 3), lambda: calls.append(1)) is None
    assert cached(("part", 3), lambda: calls.append(1)) is None
    assert len(calls) == 1


def test_in_the_file_cache_a_result_outlives_the_cache_timeout(tmp_path, monkeypatch) -> None:  # noqa: ANN001
    """Production's file cache: a warmed result is still there a day later if the data has not changed."""
    import time

    file_cache = FileBasedCache(str(tmp_path), {"TIMEOUT": settings.CACHE_TIMEOUT, "OPTIONS": {"MAX_ENTRIES": 50}})
    monkeypatch.setattr("beatbook.counts.cache.cache", file_cache)
    assert cached(("part", 4), lambda: "warmed") == "warmed"
    now = time.time()
    monkeypatch.setattr(time, "time", lambda: now + 24 * 3600)
    assert cached(("part", 4), lambda: "recomputed") == "warmed"


def test_culling_sits_far_above_the_national_warm_set() -> None:
    """44 forces × 13 warmed areas × about 6 cached parts each ≈ 3,500 entries; FileBasedCache culls a random
    third of its files once it holds CACHE_MAX_ENTRIES."""
    assert settings.CACHE_MAX_ENTRIES >= 10 * 44 * 13 * 6


def test_assigning_lsoas_in_bulk_changes_the_data_version() -> None:
    """Bulk writes send no save signals; cached pages never expire by time, so the action must say so."""
    from beatbook.areas.actions import do_assign_lsoas
    from beatbook.areas.models import Area, Level, Lsoa
    from beatbook.counts.refresh import data_version

    force = Area.objects.get(code="derbyshire")
    lsoa = Lsoa.objects.filter(force=force, neighbourhood__isnull=False).first()
    other = Area.objects.filter(level=Level.NEIGHBOURHOOD, path__startswith=force.path).exclude(
        pk=lsoa.neighbourhood_id
    )
    before = data_version()
    assert do_assign_lsoas(force, {lsoa.code: other.first()}, acting_user=None) == 1
    assert data_version() != before


def test_a_key_with_spaces_or_too_long_is_digested_one_key_per_parts() -> None:
    """The tasking briefing's key held "(1, 4, 3)": memcached refuses spaces (Django's CacheKeyWarning)."""
    plain = cache_key(("hotspot-cells", 7, "2026-01-01"))
    assert plain == "beatbook:hotspot-cells:7:2026-01-01"
    spaced = cache_key(("tasking-briefing", 81, (1, 4, 3), True))
    assert " " not in spaced and spaced.startswith("beatbook:tasking-briefing:")
    assert spaced != cache_key(("tasking-briefing", 81, (1, 4, 4), True))
    assert spaced == cache_key(("tasking-briefing", 81, (1, 4, 3), True))
    long = cache_key(("fragment", "x" * 300))
    assert len(long) <= 200
