"""What every request reads before its page: the session through the cache, the user with their
memberships in one query, areas and the force's months held per data version, and a public neighbourhood
page cached whole for a short time. Each still takes effect at once where it must: a sign-out, a removed
role, a renamed area, an import."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from beatbook.areas.models import Area
from beatbook.counts import area_memo
from beatbook.counts.refresh import bump_data_version
from beatbook.workforce.models import Officer

pytestmark = pytest.mark.django_db


def _tables_read(queries: CaptureQueriesContext) -> list[str]:
    return [re.search(r'FROM "(\w+)"', q["sql"]).group(1) for q in queries.captured_queries if "FROM" in q["sql"]]


def test_a_cached_signed_in_page_reads_only_the_user_with_roles_and_the_data_version(client_as) -> None:
    client = client_as("pcso")
    assert client.get("/areas/staveley/crime/").status_code == 200
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/areas/staveley/crime/").status_code == 200
    read = _tables_read(queries)
    assert "django_session" not in read  # the session comes from the cache
    assert read.count("accounts_membership") == 1 and "accounts_user" not in read  # one query for both
    assert "areas_area" not in read and "counts_forcemonthcount" not in read
    assert len(queries) <= 3


def test_sign_out_ends_the_session_in_the_cache_too(client_as) -> None:
    """A copy of the cookie taken before signing out is refused after it (SECURITY.md 7.4.1)."""
    client = client_as("inspector")
    assert client.get("/areas/").status_code == 200
    copied = Client()
    copied.cookies = client.cookies.__class__(client.cookies)
    assert client.post("/sign-out/").status_code == 302
    assert copied.get("/areas/").status_code == 302


def test_a_user_with_no_roles_still_signs_in(db) -> None:
    from beatbook.accounts.models import User  # noqa: PLC0415

    nobody = User.objects.create_user("no.roles", "no.roles@example.org", None)
    client = Client()
    client.force_login(nobody)
    assert client.get("/areas/").status_code == 200
    assert client.get("/areas/staveley/crime/").status_code == 404


def test_an_area_renamed_shows_at_once_and_callers_get_their_own_copy(client_as) -> None:
    client = client_as("pcso")
    assert b"Staveley" in client.get("/areas/staveley/crime/").content
    held = area_memo.area_by_code("staveley")
    held.name = "Changed by a caller"  # not saved: must not reach anybody else
    assert area_memo.area_by_code("staveley").name == "Staveley"
    staveley = Area.objects.get(code="staveley")
    staveley.name = "Staveley and Barrow Hill"
    staveley.save()  # changes the data version
    assert b"Staveley and Barrow Hill" in client.get("/areas/staveley/crime/").content


def test_made_up_area_codes_are_not_held(client_as) -> None:
    client = client_as("pcso")
    for n in range(5):
        assert client.get(f"/areas/no-such-area-{n}/crime/").status_code == 404
    area_memo.area_by_code("staveley")
    assert not any(code.startswith("no-such-area") for code in area_memo._held["by_code"])


@pytest.fixture
def public_page_cache(settings):  # noqa: ANN001, ANN201
    settings.PUBLIC_PAGE_CACHE_SECONDS = 60


def test_the_public_page_is_cached_for_a_minute_with_a_fresh_nonce_each_time(client: Client, public_page_cache) -> None:  # noqa: ANN001
    url = "/your-area/derbyshire/staveley/"
    first = client.get(url)
    with CaptureQueriesContext(connection) as queries:
        second = client.get(url)
    assert second.status_code == 200 and "workforce_officer" not in _tables_read(queries)
    nonce = re.compile(rb'nonce="([^"]+)"')
    assert nonce.search(first.content).group(1) != nonce.search(second.content).group(1)
    body = re.compile(rb"<main.*</main>", re.S)
    assert _unstamped(body.search(first.content).group(0)) == _unstamped(body.search(second.content).group(0))


def test_a_public_page_shows_an_edit_within_the_minute_and_an_import_at_once(client: Client, public_page_cache) -> None:  # noqa: ANN001
    url = "/your-area/derbyshire/staveley/"
    officer = Officer.objects.serving().publishable().filter(team=Area.objects.get(code="staveley").parent).first()
    assert officer.last_name.encode() in client.get(url).content
    Officer.objects.filter(pk=officer.pk).update(last_name="Renamedsurname")
    assert b"Renamedsurname" not in client.get(url).content  # within the minute: the cached page
    with time_machine.travel(timezone.now() + timedelta(seconds=61)):
        assert b"Renamedsurname" in client.get(url).content
    Officer.objects.filter(pk=officer.pk).update(last_name="Againrenamed")
    bump_data_version()  # as an import does
    assert b"Againrenamed" in client.get(url).content


def _unstamped(main: bytes) -> bytes:
    """The page without its print line, which says the minute it was printed (never cached)."""
    return re.sub(rb'<p class="govuk-body-s app-print-only">Printed [^<]*</p>', b"", main)


def _page_copies() -> int:
    """How many whole public pages the cache holds (the {% cache %} tag's keys)."""
    from django.core.cache import cache  # noqa: PLC0415

    return sum("public-neighbourhood" in key for key in cache._cache)


def test_nobody_signed_out_can_fill_the_cache_by_varying_the_url(client: Client, public_page_cache) -> None:  # noqa: ANN001
    """One copy a neighbourhood: made-up or tracking parameters share it, and a filtered or paged crime table
    is rendered fresh without being stored."""
    url = "/your-area/derbyshire/staveley/"
    body = re.compile(rb"<main.*</main>", re.S)
    plain = _unstamped(body.search(client.get(url).content).group(0))
    assert _page_copies() == 1
    for n in range(5):
        tagged = client.get(f"{url}?utm_source=feed-{n}&x={n}")
        assert _unstamped(body.search(tagged.content).group(0)) == plain
    for n in range(5):
        assert client.get(f"{url}?crime-q=burglary-{n}&crime-page={n}").status_code == 200
    assert _page_copies() == 1


def test_no_public_page_is_stored_when_the_cache_is_off(client: Client) -> None:
    assert client.get("/your-area/derbyshire/staveley/").status_code == 200
    assert _page_copies() == 0


def test_an_area_read_inside_a_rolled_back_change_is_not_held_after_the_next_change(db) -> None:
    """A geography load that fails half-way rolls its data version back with it: the next change must not
    reuse that version, or areas (and cached results) read inside the failed one would pass for current."""
    from django.db import transaction  # noqa: PLC0415

    staveley = Area.objects.get(code="staveley")
    with pytest.raises(RuntimeError), transaction.atomic():
        staveley.name = "Never committed"
        staveley.save()
        assert area_memo.area_by_code("staveley").name == "Never committed"
        raise RuntimeError("the load fails after saving the area")
    force = Area.objects.get(code="derbyshire")
    force.description = "Changed"
    force.save()  # the next change that commits
    assert area_memo.area_by_code("staveley").name == "Staveley"


def test_an_officer_saved_or_leaving_shows_on_the_public_page_at_once(
    client: Client, public_page_cache, personas, django_capture_on_commit_callbacks
) -> None:  # noqa: ANN001
    """Saving what the page shows starts a new copy once the change commits (beatbook.public.page_version)."""
    url = "/your-area/derbyshire/staveley/"
    officer = Officer.objects.serving().publishable().filter(team=Area.objects.get(code="staveley").parent).first()
    assert officer.last_name.encode() in client.get(url).content
    with django_capture_on_commit_callbacks(execute=True):
        officer.last_name = "Savedsurname"
        officer.save()
    assert b"Savedsurname" in client.get(url).content
    with django_capture_on_commit_callbacks(execute=True):
        officer.left_on = timezone.localdate()
        officer.save()
    assert b"Savedsurname" not in client.get(url).content
