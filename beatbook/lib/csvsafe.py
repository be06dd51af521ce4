"""Spreadsheet-safe CSV output and download file names.

A cell that starts with = + - @, tab, CR, LF or NUL can run as a formula when the file is opened
in Excel (OWASP CSV injection; ASVS 5.0 1.2.10). Such text cells get a leading apostrophe. Numbers
are written as numbers, so a genuine -3 stays a number.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from typing import Any

DANGEROUS_FIRST_CHARACTERS = ("=", "+", "-", "@", "\t", "\r", "\n", "\0")


def neutralise_cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return value
    text = str(value)
    if text.startswith(DANGEROUS_FIRST_CHARACTERS):
        return "'" + text
    return text


def csv_text(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([neutralise_cell(cell) for cell in header])
    for row in rows:
        writer.writerow([neutralise_cell(cell) for cell in row])
    return buffer.getvalue()


def safe_filename(name: str, extension: str) -> str:
    """A download name of letters, digits, dots, dashes and underscores only (no quotes, CRLF or paths)."""
    stem = re.sub(r"[^A-Za-z0-9._-]+", "-", name).strip("-.")[:120] or "download"
    return f"{stem}.{extension}"
