"""The public neighbourhood page's content version: part of its cache key (beatbook.public.views), changed
whenever something it shows besides imported figures is saved or deleted (officers and named officers,
team contacts and meeting places, watch schemes, published priorities, an applied HR import), once the
change commits. So an officer who leaves disappears from the page at once; PUBLIC_PAGE_CACHE_SECONDS still
bounds what a bulk write (which sends no signals) can leave showing.

The version is a random token, not a counter, kept in the shared cache: if the cache loses it, a new token
starts new keys, and no older copy of a page can come back under a number that recurs.
"""

from __future__ import annotations

import secrets

from django.core.cache import cache
from django.db import transaction

KEY = "beatbook:public-page-version"


def public_page_version() -> str:
    """The current token (16 hex digits)."""
    version = cache.get(KEY)
    if version is None:
        cache.add(KEY, secrets.token_hex(8), timeout=None)
        version = cache.get(KEY) or "unset"
    return version


def bump_public_page_version(**_signal: object) -> None:
    """Start new keys once the current transaction commits (at once outside one): before the commit, a
    request could cache the old content under the new token."""
    transaction.on_commit(lambda: cache.set(KEY, secrets.token_hex(8), timeout=None))


def watch_public_content() -> None:
    """Connect the bump to the models the page shows (called from PublicConfig.ready)."""
    from django.db.models.signals import post_delete, post_save

    from beatbook.community.models import WatchScheme, WatchSnapshot
    from beatbook.public.models import PublishedVersion
    from beatbook.workforce.models import HrImport, MeetingPlace, NamedOfficer, Officer, TeamContact

    for model in (Officer, NamedOfficer, TeamContact, MeetingPlace, WatchScheme, WatchSnapshot, PublishedVersion):
        post_save.connect(bump_public_page_version, sender=model, dispatch_uid=f"public-page-{model.__name__}")
        post_delete.connect(bump_public_page_version, sender=model, dispatch_uid=f"public-page-del-{model.__name__}")
    post_save.connect(bump_public_page_version, sender=HrImport, dispatch_uid="public-page-HrImport")
