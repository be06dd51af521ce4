"""Caching computed page results by data version: a cached result never outlives an import or a
geography change, because every key includes `data_version()`."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from django.conf import settings
from django.core.cache import cache

from beatbook.counts.refresh import data_version

T = TypeVar("T")
_MISSING = object()


def cached(parts: tuple, compute: Callable[[], T]) -> T:
    """`compute()`, or its result cached under `parts` (hashable, str()-able values) and the data version.

    Results must pickle. None is cached like any other result."""
    key = "beatbook:" + ":".join(str(part) for part in (data_version(), *parts))
    found = cache.get(key, _MISSING)
    if found is not _MISSING:
        return found
    result = compute()
    cache.set(key, result, timeout=settings.CACHE_TIMEOUT)
    return result
