from __future__ import annotations

import csv
import io

from hypothesis import given
from hypothesis import strategies as st

from beatbook.lib.csvsafe import DANGEROUS_FIRST_CHARACTERS, csv_text, neutralise_cell, safe_filename

PAYLOADS = [
    "=1+2",
    "+1",
    "-1+1",
    "@SUM(A1)",
    "\t=1",
    "\r=1",
    "\n=1",
    "\0=1",
    "=cmd|'/c calc'!A1",
    '=HYPERLINK("http://x")',
    '=1+2";=1+2',
]


def parse(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


def test_known_formula_payloads_are_neutralised() -> None:
    rows = parse(csv_text(["value"], [[payload] for payload in PAYLOADS]))
    assert [row[0] for row in rows[1:]] == ["'" + payload for payload in PAYLOADS]


@given(st.lists(st.lists(st.text(), min_size=1, max_size=4), max_size=8))
def test_no_text_cell_ever_starts_dangerously_and_nothing_is_lost(rows: list[list[str]]) -> None:
    width = max((len(r) for r in rows), default=1)
    padded = [r + [""] * (width - len(r)) for r in rows]
    parsed = parse(csv_text([f"c{i}" for i in range(width)], padded))[1:]
    assert len(parsed) == len(padded)
    for original, written in zip(padded, parsed, strict=True):
        for before, after in zip(original, written, strict=True):
            assert not after.startswith(DANGEROUS_FIRST_CHARACTERS)
            assert after in (before, "'" + before)


@given(st.integers() | st.floats(allow_nan=False))
def test_numbers_stay_numbers(value: float) -> None:
    assert neutralise_cell(value) == value


@given(st.text())
def test_download_names_are_safe(name: str) -> None:
    filename = safe_filename(name, "csv")
    assert filename.endswith(".csv")
    assert all(ch.isascii() and (ch.isalnum() or ch in "._-") for ch in filename)
    assert not filename.startswith(".") and len(filename) <= 124
