"""The community presence file: which of the force's community groups live or work in which areas, from
the force's neighbourhood profiles. CSV, UTF-8, header `area,group,source`; one row per area and group."""

from __future__ import annotations

import csv
import io

from django.core.exceptions import ValidationError

HEADER = ["area", "group", "source"]
MAX_BYTES = 2_000_000


def parse_presence_csv(raw: bytes) -> list[tuple[str, str, str]]:
    """(area code, group, source) rows, or a ValidationError naming each broken line."""
    if len(raw) > MAX_BYTES:
        raise ValidationError(f"The file is larger than {MAX_BYTES // 1_000_000} MB: split it by area")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationError("The file is not UTF-8 text: save it as ‘CSV UTF-8’") from None
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader, None)
        if header is None or [cell.strip().lower() for cell in header] != HEADER:
            raise ValidationError(f"The first line must be exactly: {','.join(HEADER)}")
        rows, problems = [], []
        for line in reader:
            if not any(cell.strip() for cell in line):
                continue
            if len(line) != len(HEADER):
                problems.append(f"line {reader.line_num}: {len(line)} columns, expected {len(HEADER)}")
            elif not line[0].strip() or not line[1].strip():
                problems.append(f"line {reader.line_num}: the area and the group are needed")
            else:
                rows.append((line[0].strip(), line[1].strip(), line[2].strip()))
    except csv.Error as error:
        raise ValidationError(f"line {reader.line_num}: {error}") from None
    if problems:
        raise ValidationError(problems[:20])
    return rows
