"""20 parallel wrong passwords lock the account after the limit, and 20 parallel audit writers keep
the hash chain intact: on SQLite always, and on PostgreSQL when the suite runs there (issue 11 item 5).
"""

from __future__ import annotations

import json

import pytest

from beatbook.audit.tests.scratch_db import on_postgresql, run_beatbook, scratch_database

VENDORS = [
    "sqlite",
    pytest.param("postgresql", marks=pytest.mark.skipif(not on_postgresql(), reason="the suite runs on SQLite")),
]


@pytest.mark.parametrize("vendor", VENDORS)
def test_parallel_trials(vendor: str, tmp_path) -> None:  # noqa: ANN001
    with scratch_database(vendor, tmp_path) as url:
        out = run_beatbook(url, module="beatbook.audit.tests.concurrent_trials").stdout
    result = json.loads(out.strip().splitlines()[-1])
    lockout, chain = result["lockout"], result["chain"]
    # Exactly the limit's worth of passwords was looked at; the other 15 were refused unread.
    assert lockout["passwords_checked"] == lockout["limit"] == 5
    assert lockout["refused_unread"] == 20 - lockout["limit"]
    assert lockout["statuses"] == ["200"]
    assert lockout["right_password_same_address"] == 200  # locked: the sign-in page again
    assert lockout["right_password_other_address"] == 302  # keyed on username and address
    assert chain["errors"] == [] and chain["written"] == chain["rows_added"] == 200
    assert chain["chain_problems"] == []
