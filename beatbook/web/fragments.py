"""Cached page fragments: the data-only middle of a busy page, rendered once per data version.

A view puts `fragment(request, area, "NAME")` in its context as "fragment"; the template shows the part
that holds only imported figures as

    {% if fragment.html %}{{ fragment.html }}{% else %}
    {% cache fragment.timeout NAME fragment.key %}…{% endcache %}{% endif %}

with NAME unquoted (the tag takes it as written, quotes and all). Where `fragment.html` is there, the view
may skip building what only the fragment shows: the template never looks at it. The key holds everything
that part may vary on, so a cached copy is never shown where it would differ:
- the data version (beatbook.counts.refresh): an import or a geography change starts new keys;
- the area and today's date (pages refuse future months, and "today" moves them);
- the query string, sorted (periods, filters, pages of tables);
- the viewer's content signature (beatbook.accounts.access.content_signature): two viewers share a
  fragment only when they hold the same capabilities in the area.

Never put inside such a block anything with a CSRF token, a POST form, a username, a flash message or
data that changes without an import (patrols, drafts, tasks): those parts stay outside it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.core.cache.utils import make_template_fragment_key
from django.http import HttpRequest
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.safestring import SafeString, mark_safe

from beatbook.accounts import access
from beatbook.counts.refresh import data_version


@dataclass(frozen=True)
class Fragment:
    key: str  # "<data version>|<area id>|<yyyy-mm-dd>|<capabilities>|<sorted query>"; the tag hashes it
    timeout: int  # seconds, as for beatbook.counts.cache.cached(): a stale copy is also bounded in time
    html: SafeString | None  # the fragment as cached, or None: the template renders (and caches) it


def fragment(
    request: HttpRequest,
    area: Any,
    name: str,
    *,
    timeout: int | None = None,
    keyed_on_query: bool = True,
    also_keyed_on: str = "",
) -> Fragment:
    """The key (everything the cached fragment `name` of `area`'s page varies on), its lifetime (`timeout`
    seconds, default CACHE_TIMEOUT), and the fragment itself if it is in the cache.

    A fragment that also shows what changes without an import (a public page's officers and published
    priorities) passes a short `timeout`: how long such an edit may take to show. `timeout=0`: not cached
    (nothing read; a template that allows it, such as public/neighbourhood.html, renders without storing).
    `keyed_on_query=False` leaves the query string out of the key, for a page whose cached part never reads
    it: one copy, whatever parameters a link (or somebody filling the cache) adds. `also_keyed_on` adds a
    version of what else the fragment shows (beatbook.public.page_version)."""
    lifetime = settings.CACHE_TIMEOUT if timeout is None else timeout
    query = urlencode(sorted((key, value) for key, values in request.GET.lists() for value in values))
    signature = access.content_signature(request.user, area)
    key = f"{data_version()}|{getattr(area, 'pk', '-')}|{timezone.localdate():%Y-%m-%d}|{signature}"
    key += f"|{query}" if keyed_on_query else "|"
    key += f"|{also_keyed_on}" if also_keyed_on else ""
    html = cache.get(make_template_fragment_key(name, [key])) if lifetime else None
    # Only the {% cache %} tag writes under this key, and it stores what the template rendered (escaped).
    return Fragment(key=key, timeout=lifetime, html=None if html is None else mark_safe(html))  # noqa: S308
