"""The settings an import writes with last only as long as the import, whether it commits or fails."""

from __future__ import annotations

import pytest
from django.db import connection

from beatbook.crime import loading


def _page_cache() -> int:
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        return cursor.fetchone()[0]


@pytest.mark.skipif(connection.vendor != "sqlite", reason="only SQLite's page cache is sized for an import")
def test_sqlite_page_cache_is_the_imports_only_while_it_writes(db) -> None:  # noqa: ANN001
    usual = _page_cache()
    with loading.bulk_writing():
        assert _page_cache() == -loading.IMPORT_CACHE_KIB  # negative: KiB, not pages
    assert _page_cache() == usual
    with pytest.raises(RuntimeError), loading.bulk_writing():
        raise RuntimeError("the import failed")
    assert _page_cache() == usual
