"""Caching computed page results by data version: a cached result never outlives an import or a
geography change, because every entry carries the `data_version()` it was computed at.

An entry is stored under its parts alone, as (version, result), and never expires by time: a result is
only wrong once the data changes, and then the version no longer matches and the next read recomputes and
overwrites it in place. So the entries of old versions do not pile up beside the new ones (the cache
holds one entry per page part, whatever the number of imports), and culling (CACHE_MAX_ENTRIES, sized well
above the warmed set) does not throw out what the `warm_pages` job computed an hour earlier.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Hashable
from typing import TypeVar

from django.core.cache import cache

from beatbook.counts.refresh import data_version

T = TypeVar("T")
K = TypeVar("K", bound=Hashable)
_MISSING = object()
# What memcached accepts (Django's CacheKeyWarning): no spaces or control characters, at most 250 characters
# with the key prefix and version Django adds.
_MAX_KEY = 200
_SAFE_KEY = re.compile(r"[A-Za-z0-9:_.,~()\-]+")
_UNSAFE = re.compile(r"[^A-Za-z0-9_.-]")


def cache_key(parts: tuple) -> str:
    """The cache key of a result: "beatbook:" and the parts (the data version is in the value). A key that a
    memcached-style backend would refuse (spaces or other characters, over 200 characters: a tuple of ids or a
    query among the parts) keeps its first part and a SHA-256 digest of the rest, so it stays one key per
    parts on any cache backend."""
    key = "beatbook:" + ":".join(str(part) for part in parts)
    if len(key) <= _MAX_KEY and _SAFE_KEY.fullmatch(key):
        return key
    digest = hashlib.sha256(key.encode()).hexdigest()
    return f"beatbook:{_UNSAFE.sub('-', str(parts[0]))[:40]}:{digest}"


def cached(parts: tuple, compute: Callable[[], T]) -> T:
    """`compute()`, or its result cached under `parts` (hashable, str()-able values) at the current data
    version. Results must pickle. None is cached like any other result. Never expires by time."""
    key, version = cache_key(parts), data_version()
    found = cache.get(key, _MISSING)
    if _current(found, version):
        return found[1]
    result = compute()
    cache.set(key, (version, result), timeout=None)
    return result


def cached_many(parts_of: dict[K, tuple], compute: Callable[[list[K]], dict[K, T]]) -> dict[K, T]:
    """{item: result} for every item of `parts_of` ({item: its cache parts}, as `cached`): the cached results
    read in one go, and `compute(items)` ({item: result} for each item given) called once for those missing,
    so a page listing many things reads the data version and the cache once and computes the misses together."""
    version = data_version()
    keys = {item: cache_key(parts) for item, parts in parts_of.items()}
    found = cache.get_many(list(keys.values()))
    results = {item: found[key][1] for item, key in keys.items() if _current(found.get(key, _MISSING), version)}
    missing = [item for item in keys if item not in results]
    if missing:
        computed = compute(missing)
        cache.set_many({keys[item]: (version, computed[item]) for item in missing}, timeout=None)
        results.update(computed)
    return results


def _current(found: object, version: str) -> bool:
    """Whether a cache entry is a (version, result) pair of this data version."""
    return isinstance(found, tuple) and len(found) == 2 and found[0] == version
