"""Shared test fixtures: the demo force loaded once, and a named persona for every role.

The personas are the demo's own logins (one per role, see beatbook/demo/build.py), plus
`outsider`, an inspector of another force who must see nothing of Derbyshire.
"""

from __future__ import annotations

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client

ROLES = ["pcso", "constable", "sergeant", "inspector", "chief_inspector", "analyst", "scrutiny", "partner", "admin"]
ROLES += ["hr"]
PERSONA_USERNAMES = {
    "pcso": "pcso.patel",
    "constable": "pc.jones",
    "sergeant": "ps.okafor",
    "inspector": "insp.clarke",
    "chief_inspector": "chinsp.wright",
    "analyst": "analyst.li",
    "scrutiny": "scrutiny.shah",
    "partner": "partner.evans",
    "admin": "admin.moss",
    "outsider": "outsider.insp",
    "hr": "hr.begum",
}


def pytest_configure(config: pytest.Config) -> None:
    # Hashing passwords at full strength (1M PBKDF2 rounds) would dominate the suite's run time.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Each test process keeps its own cache (production shares one in DATA_DIR/cache with the workers).
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    # Tests edit public content and look at once; the page cache's own test turns it on.
    settings.PUBLIC_PAGE_CACHE_SECONDS = 0


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the demo force and an outsider force once; each test runs in a rolled-back transaction."""
    with django_db_blocker.unblock():
        call_command("load_demo", "--quiet", "--allow-production", "--without-incidents", "--without-activity")
        _make_outsider_force()
        from django_tasks_db.models import DBTaskResult

        # load_demo queues its warm-up job; tests that run the queue count only the jobs they queue themselves.
        DBTaskResult.objects.all().delete()


def _make_outsider_force() -> None:
    from beatbook.accounts.actions import do_create_user, do_grant_membership
    from beatbook.accounts.models import Role
    from beatbook.areas.actions import do_load_geography
    from beatbook.areas.config import LsoaRow

    config = {
        "force": {"code": "northshire", "name": "Northshire Police"},
        "divisions": [
            {
                "name": "Northshire Division",
                "lpus": [
                    {
                        "name": "Northtown",
                        "local_authorities": ["E09999999"],
                        "teams": [
                            {"name": "Northtown SNT", "neighbourhoods": ["Northtown Centre", "Northtown Riverside"]}
                        ],
                    }
                ],
            }
        ],
    }
    lsoas = [
        LsoaRow(
            f"E0199999{i}",
            f"Northtown 001{chr(65 + i)}",
            "E02999999",
            "Northtown 001",
            "E09999999",
            "Northtown",
            1500,
            600,
            50,
        )
        for i in range(3)
    ]
    summary = do_load_geography(config, lsoas, acting_user=None)
    user = do_create_user(
        username="outsider.insp",
        password="outsider-password-123",
        first_name="Olive",
        last_name="Sider",
        acting_user=None,
    )
    do_grant_membership(user, summary.force, Role.INSPECTOR, acting_user=None)


@pytest.fixture
def personas(db):
    from beatbook.accounts.models import User

    users = {u.username: u for u in User.objects.filter(username__in=PERSONA_USERNAMES.values())}
    return {role: users[username] for role, username in PERSONA_USERNAMES.items()}


@pytest.fixture
def client_as(personas):
    """client_as("inspector") gives a test client signed in as that persona ("anonymous" for none)."""

    def make(role: str) -> Client:
        client = Client()
        if role != "anonymous":
            client.force_login(personas[role])
        return client

    return make


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with an empty cache: a rolled-back test's data version can recur in the next test."""
    from django.core.cache import cache

    from beatbook.counts.area_memo import forget_areas

    cache.clear()
    forget_areas()
    yield
