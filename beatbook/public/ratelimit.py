"""A per-client limit on public searches, so the search table cannot be walked or the site flooded.

Counts live in Django's cache (per process with the default local-memory cache; configure a shared cache
such as the database cache in production so the limit holds across workers). The client is the address
`beatbook.audit.record.client_ip` gives: REMOTE_ADDR, or the trusted proxy's forwarded address where
that is configured."""

from __future__ import annotations

import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

from beatbook.audit.record import client_ip


def limit() -> tuple[int, int]:
    """(requests, seconds): PUBLIC_SEARCH_RATE, default 30 a minute."""
    requests, seconds = getattr(settings, "PUBLIC_SEARCH_RATE", (30, 60))
    return int(requests), int(seconds)


def retry_after(request: HttpRequest, bucket: str = "public-search") -> int:
    """0 if the request may go ahead (and counts it), else the seconds until the client may try again."""
    requests, seconds = limit()
    window = int(time.time() // seconds)
    key = f"ratelimit:{bucket}:{client_ip(request) or 'unknown'}:{window}"
    cache.add(key, 0, timeout=seconds + 1)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=seconds + 1)
        count = 1
    if count <= requests:
        return 0
    return max(1, (window + 1) * seconds - int(time.time()))
