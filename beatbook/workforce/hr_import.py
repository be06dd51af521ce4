"""The HR snapshot import: a strict parser for the force's HR extract (docs/data-sources.md, "HR snapshot"),
the difference it would make (joiners, leavers, moves, changes), and applying it all-or-nothing.

A person is matched on `staff_number`. Applying the same file twice changes nothing the second time:
every write compares first. People in Beatbook but not in the extract are listed, never changed (an
extract may be partial; a leaver is recorded by a leaving date)."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from beatbook.areas.models import Area
from beatbook.workforce.models import POSTING_LEVELS, AbsenceKind, Ethnicity, LeaveReason, Officer, Rank, Sex, today

COLUMNS = [
    "staff_number",
    "first_name",
    "last_name",
    "role",
    "collar_number",
    "team",
    "started_on",
    "left_on",
    "leave_reason",
    "fte",
    "sex",
    "ethnicity",
    "absence",
    "absence_from",
    "posted_on",
]
REQUIRED = ["staff_number", "first_name", "last_name", "role", "team"]
MAX_ROWS = 50_000
MAX_BYTES = 10 * 1024 * 1024


class HrImportError(ValueError):
    """The file cannot be imported; `errors` lists every problem, each naming its line and column."""

    def __init__(self, errors: list[str]) -> None:
        super().__init__("; ".join(errors[:5]))
        self.errors = errors


@dataclass
class Row:
    line: int
    values: dict[str, Any]


@dataclass
class Diff:
    joiners: list[dict] = field(default_factory=list)
    leavers: list[dict] = field(default_factory=list)
    moves: list[dict] = field(default_factory=list)
    changes: list[dict] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.joiners or self.leavers or self.moves or self.changes)

    def summary(self) -> dict[str, int]:
        return {
            "joiners": len(self.joiners),
            "leavers": len(self.leavers),
            "moves": len(self.moves),
            "changes": len(self.changes),
            "missing": len(self.missing),
        }


def _date(text: str, where: str, errors: list[str]) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        errors.append(f"{where}: “{text[:20]}” is not a date written YYYY-MM-DD")
        return None


def _choice(text: str, choices: list[str], where: str, errors: list[str], blank: str = "") -> str:
    if not text:
        return blank
    value = text.strip().lower().replace(" ", "_")
    if value not in choices:
        errors.append(f"{where}: “{text[:30]}” is not one of {', '.join(choices)}")
    return value


def parse(data: bytes, force: Area) -> list[Row]:
    """Rows of a UTF-8 CSV with the COLUMNS header (any order; extra columns are an error). Raises
    HrImportError listing every problem (unknown team codes, bad dates, duplicate staff numbers...)."""
    if len(data) > MAX_BYTES:
        raise HrImportError([f"The file is larger than {MAX_BYTES // (1024 * 1024)} MB"])
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise HrImportError(["The file is not UTF-8 text: save it as “CSV UTF-8”"]) from None
    # strict: a broken quote is an error, never a silently swallowed rest of the file (SECURITY.md)
    reader = csv.DictReader(io.StringIO(text, newline=""), strict=True)
    try:
        return _parse_rows(reader, force)
    except csv.Error as error:
        raise HrImportError([f"Line {reader.line_num}: the CSV is broken ({error}); check its quotes"]) from None


def _parse_rows(reader: csv.DictReader, force: Area) -> list[Row]:
    header = reader.fieldnames or []
    missing = [c for c in REQUIRED if c not in header]
    extra = [c for c in header if c not in COLUMNS]
    if missing or extra:
        problems = [f"Missing columns: {', '.join(missing)}"] if missing else []
        problems += [f"Unknown columns: {', '.join(extra)}"] if extra else []
        raise HrImportError([*problems, f"The columns are: {', '.join(COLUMNS)}"])
    teams = {a.code: a for a in Area.objects.within(force).filter(level__in=POSTING_LEVELS)}
    errors: list[str] = []
    rows: list[Row] = []
    seen: dict[str, int] = {}
    for index, raw in enumerate(reader):
        line = index + 2
        if line > MAX_ROWS + 1:
            raise HrImportError([f"More than {MAX_ROWS} rows: split the file"])
        cells = {c: (raw.get(c) or "").strip() for c in COLUMNS}
        values = _row(cells, line, teams, errors)
        number = cells["staff_number"]
        if number in seen:
            errors.append(f"Line {line}: staff number {number} is also on line {seen[number]}")
        seen[number] = line
        rows.append(Row(line, values))
    if errors:
        raise HrImportError(errors)
    return rows


def _row(cells: dict[str, str], line: int, teams: dict[str, Area], errors: list[str]) -> dict[str, Any]:
    where = f"Line {line}"
    for column in REQUIRED:
        if not cells[column]:
            errors.append(f"{where}, {column}: required")
    if cells["team"] and cells["team"] not in teams:
        errors.append(f"{where}, team: “{cells['team'][:40]}” is not a team or area code of this force")
    fte = Decimal("1")
    if cells["fte"]:
        try:
            fte = Decimal(cells["fte"])
        except InvalidOperation:
            errors.append(f"{where}, fte: “{cells['fte'][:10]}” is not a number")
        if not Decimal("0") <= fte <= Decimal("1"):
            errors.append(f"{where}, fte: must be from 0 to 1")
    values = {
        "staff_number": cells["staff_number"][:20],
        "first_name": cells["first_name"][:80],
        "last_name": cells["last_name"][:80],
        "rank": _choice(cells["role"], Rank.values, f"{where}, role", errors),
        "collar_number": cells["collar_number"][:12],
        "team": teams.get(cells["team"]),
        "started_on": _date(cells["started_on"], f"{where}, started_on", errors),
        "left_on": _date(cells["left_on"], f"{where}, left_on", errors),
        "leave_reason": _choice(cells["leave_reason"], LeaveReason.values, f"{where}, leave_reason", errors),
        "fte": fte,
        "sex": _choice(cells["sex"], Sex.values, f"{where}, sex", errors),
        "ethnicity": _choice(cells["ethnicity"], Ethnicity.values, f"{where}, ethnicity", errors, Ethnicity.UNKNOWN),
        "absence": _choice(cells["absence"], AbsenceKind.values, f"{where}, absence", errors),
        "absence_from": _date(cells["absence_from"], f"{where}, absence_from", errors),
        # Optional: the day the person started in `team` (a joiner: default their start; a move: default the
        # day the snapshot is applied).
        "posted_on": _date(cells["posted_on"], f"{where}, posted_on", errors),
    }
    if values["left_on"] and not values["leave_reason"]:
        errors.append(f"{where}, leave_reason: required when left_on is given")
    if values["posted_on"] and values["started_on"] and values["posted_on"] < values["started_on"]:
        errors.append(f"{where}, posted_on: before started_on (a posting starts when or after the person joined)")
    if values["posted_on"] and values["posted_on"] > today():
        errors.append(f"{where}, posted_on: {values['posted_on']:%Y-%m-%d} is after today (a move is dated once made)")
    if values["absence"] and not values["absence_from"]:
        errors.append(f"{where}, absence_from: required when absence is given")
    return values


PERSON_FIELDS = ["first_name", "last_name", "rank", "collar_number", "started_on", "fte", "sex", "ethnicity"]


def diff(rows: list[Row], force: Area) -> Diff:
    """What applying `rows` would change. Changes name the fields, never the personal values."""
    existing = {
        p.staff_number: p for p in Officer.objects.within(force).exclude(staff_number=None).select_related("team")
    }
    open_absences = _open_absences(existing.values())
    result = Diff()
    for row in rows:
        values = row.values
        name = f"{values['first_name']} {values['last_name']}"
        person = existing.get(values["staff_number"])
        if person is None:
            result.joiners.append({"staff_number": values["staff_number"], "name": name, "team": values["team"].name})
            continue
        if values["left_on"] and person.left_on != values["left_on"]:
            result.leavers.append({"staff_number": person.staff_number, "name": name, "team": person.team.name})
        if person.team_id != values["team"].pk:
            result.moves.append(
                {"staff_number": person.staff_number, "name": name, "from": person.team.name, "to": values["team"].name}
            )
        fields = [f for f in PERSON_FIELDS if getattr(person, f) != values[f]]
        if values["absence"] and open_absences.get(person.pk) != (values["absence"], values["absence_from"]):
            fields.append("absence")
        if not values["absence"] and person.pk in open_absences:
            fields.append("absence ended")
        if fields:
            result.changes.append({"staff_number": person.staff_number, "name": name, "fields": ", ".join(fields)})
    in_file = {row.values["staff_number"] for row in rows}
    result.missing = sorted(
        number for number, person in existing.items() if number not in in_file and person.left_on is None
    )
    return result


def _open_absences(people) -> dict[int, tuple[str, date]]:  # noqa: ANN001 - Officers
    from beatbook.workforce.models import Absence

    ids = [p.pk for p in people]
    return {
        a.person_id: (a.kind, a.starts_on)
        for a in Absence.objects.filter(
            person_id__in=ids, ends_on__isnull=True, kind__in=[k.value for k in AbsenceKind]
        )
    }
