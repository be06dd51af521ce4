from __future__ import annotations

from beatbook.lib.wording import counted


def test_counted_agrees_with_its_number() -> None:
    assert counted(1, "row") == "1 row"
    assert counted(0, "row") == "0 rows"
    assert counted(1204, "problem") == "1,204 problems"
    assert counted(2, "person", "people") == "2 people"
