"""Strict parsers for the three call-handling formats and the social media CSV (docs/data-sources.md).

Each parser reads the whole file and either returns every row or raises `ImportRejected` listing every
problem with its line number, so an import is all-or-nothing. Nothing here writes to the database.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from beatbook.contact.periods import PeriodError, parse_month, parse_period
from beatbook.lib.dates import LocalTimeError, parse_timestamp

MAX_ERRORS = 50


class ImportRejected(ValueError):
    """The file was not imported; `errors` says why, line by line."""

    def __init__(self, errors: list[str]):
        super().__init__("; ".join(errors[:5]))
        self.errors = errors


CALL_COLUMNS = ["call_id", "line", "offered_at", "outcome", "ended_at", "wait_seconds"]
INTERVAL_COLUMNS = ["line", "period", "offered", "answered_within", "abandoned", "mean_wait_seconds"]
INTERVAL_OPTIONAL = ["reported_within_pct", "reported_longer_pct", "reported_abandoned_pct", "coverage_note"]
HOME_OFFICE_COLUMNS = [
    "month",
    "force",
    "total_calls",
    "mean_answer_seconds",
    "under_10_pct",
    "from_10_to_60_pct",
    "over_60_pct",
]
SOCIAL_COLUMNS = ["platform", "handle", "scope", "area", "month", "posts", "engagements"]
SOCIAL_OPTIONAL = ["reach", "followers", "comments_and_messages", "stories"]
SOCIAL_FLAGS = {"": False, "no": False, "false": False, "0": False, "yes": True, "true": True, "1": True}


@dataclass(frozen=True)
class CallRow:
    call_id: str
    line: str
    offered_at: datetime
    answered: bool
    wait_seconds: int


@dataclass(frozen=True)
class IntervalRow:
    line: str
    start: date
    end: date
    offered: int | None
    answered_within: int | None
    abandoned: int | None
    mean_wait_seconds: float | None
    reported_within_pct: Decimal | None
    reported_longer_pct: Decimal | None
    reported_abandoned_pct: Decimal | None
    coverage_note: str


@dataclass(frozen=True)
class HomeOfficeRow:
    month: date
    force: str
    calls: int
    mean_answer_seconds: float
    under_10_pct: float
    from_10_to_60_pct: float
    over_60_pct: float


@dataclass(frozen=True)
class SocialRow:
    platform: str
    handle: str
    scope: str
    area: str
    month: date
    posts: int
    engagements: int
    reach: int | None
    followers: int | None
    comments_and_messages: int | None
    stories: int | None = None
    main: bool = False


def _rows(text: str, required: list[str], optional: list[str] = ()) -> list[tuple[int, dict[str, str]]]:
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    header = [name.strip() for name in reader.fieldnames or []]
    missing = [name for name in required if name not in header]
    if missing:
        raise ImportRejected([f"Line 1: missing column(s) {', '.join(missing)}; expected {', '.join(required)}"])
    unknown = [name for name in header if name not in required and name not in optional]
    if unknown:
        raise ImportRejected([f"Line 1: unknown column(s) {', '.join(unknown)}"])
    rows = [
        (number, {k.strip(): (v or "").strip() for k, v in row.items() if k})
        for number, row in enumerate(reader, start=2)
    ]
    if not rows:
        raise ImportRejected(["The file has a header but no rows"])
    return rows


def _count(value: str, name: str, *, blank_ok: bool = False) -> int | None:
    if value == "" and blank_ok:
        return None
    cleaned = value.replace(",", "")
    if not cleaned.isdigit():
        raise ValueError(f"{name} must be a whole number of 0 or more, not {value!r}")
    return int(cleaned)


def _number(value: str, name: str, *, blank_ok: bool = False, high: float | None = None) -> float | None:
    if value == "" and blank_ok:
        return None
    try:
        number = float(value.rstrip("%"))
    except ValueError:
        raise ValueError(f"{name} must be a number, not {value!r}") from None
    if number < 0 or (high is not None and number > high):
        raise ValueError(f"{name} must be between 0 and {high if high is not None else 'any'}, not {value!r}")
    return number


def _percent(value: str, name: str) -> Decimal | None:
    if value == "":
        return None
    try:
        number = Decimal(value.rstrip("%"))
    except InvalidOperation:
        raise ValueError(f"{name} must be a percentage like 88 or 0.71, not {value!r}") from None
    if not Decimal(0) <= number <= Decimal(100):
        raise ValueError(f"{name} must be between 0 and 100, not {value!r}")
    return number


def _collect(rows, parse):  # noqa: ANN001, ANN202 - (rows, row parser) -> parsed rows
    parsed, errors = [], []
    for number, row in rows:
        try:
            parsed.append(parse(row))
        except (ValueError, PeriodError, LocalTimeError) as error:
            errors.append(f"Line {number}: {error}")
            if len(errors) >= MAX_ERRORS:
                errors.append("Stopped after 50 problems")
                break
    if errors:
        raise ImportRejected(errors)
    return parsed


def parse_calls(text: str, line_codes: set[str]) -> list[CallRow]:
    """Call-level export: one row per call. outcome is answered or abandoned; times are ISO 8601 with an
    offset, or UK local time; wait_seconds must match ended_at - offered_at to within a second."""
    seen: set[tuple[str, str]] = set()

    def parse(row: dict[str, str]) -> CallRow:
        if row["line"] not in line_codes:
            raise ValueError(f"line {row['line']!r} is not configured; use one of {', '.join(sorted(line_codes))}")
        if not row["call_id"]:
            raise ValueError("call_id is blank")
        if (row["line"], row["call_id"]) in seen:
            raise ValueError(f"call {row['call_id']} appears twice")
        seen.add((row["line"], row["call_id"]))
        outcome = row["outcome"].lower()
        if outcome not in ("answered", "abandoned"):
            raise ValueError(f"outcome must be answered or abandoned, not {row['outcome']!r}")
        offered, ended = parse_timestamp(row["offered_at"]), parse_timestamp(row["ended_at"])
        wait = _count(row["wait_seconds"], "wait_seconds")
        if ended < offered or abs((ended - offered).total_seconds() - wait) > 1:
            raise ValueError("wait_seconds does not match ended_at minus offered_at")
        return CallRow(row["call_id"], row["line"], offered, outcome == "answered", wait)

    return _collect(_rows(text, CALL_COLUMNS), parse)


def parse_intervals(text: str, line_codes: set[str]) -> list[IntervalRow]:
    """Interval aggregates: counts per line and period (day, month, financial year or run of months).
    Counts may be blank where the source gave none; answered_within and abandoned cannot exceed offered."""

    def parse(row: dict[str, str]) -> IntervalRow:
        if row["line"] not in line_codes:
            raise ValueError(f"line {row['line']!r} is not configured; use one of {', '.join(sorted(line_codes))}")
        start, end = parse_period(row["period"])
        offered = _count(row["offered"], "offered", blank_ok=True)
        within = _count(row["answered_within"], "answered_within", blank_ok=True)
        abandoned = _count(row["abandoned"], "abandoned", blank_ok=True)
        for name, value in (("answered_within", within), ("abandoned", abandoned)):
            if value is not None and offered is not None and value > offered:
                raise ValueError(f"{name} ({value}) is more than offered ({offered})")
        return IntervalRow(
            row["line"],
            start,
            end,
            offered,
            within,
            abandoned,
            _number(row["mean_wait_seconds"], "mean_wait_seconds", blank_ok=True),
            _percent(row.get("reported_within_pct", ""), "reported_within_pct"),
            _percent(row.get("reported_longer_pct", ""), "reported_longer_pct"),
            _percent(row.get("reported_abandoned_pct", ""), "reported_abandoned_pct"),
            row.get("coverage_note", "")[:300],
        )

    parsed = _collect(_rows(text, INTERVAL_COLUMNS, INTERVAL_OPTIONAL), parse)
    keys = [(row.line, row.start, row.end) for row in parsed]
    if len(set(keys)) != len(keys):
        raise ImportRejected(["The same line and period appears more than once"])
    return parsed


def parse_home_office(text: str) -> list[HomeOfficeRow]:
    """The Home Office's 999 data: one row per force and month; the three shares must add up to 100 (±1)."""

    def parse(row: dict[str, str]) -> HomeOfficeRow:
        shares = [_number(row[key], key, high=100) for key in HOME_OFFICE_COLUMNS[4:]]
        if abs(sum(shares) - 100) > 1:
            raise ValueError(f"the three shares add up to {sum(shares):g}, not 100")
        if not row["force"]:
            raise ValueError("force is blank")
        return HomeOfficeRow(
            parse_month(row["month"]),
            row["force"],
            _count(row["total_calls"], "total_calls"),
            _number(row["mean_answer_seconds"], "mean_answer_seconds"),
            *shares,
        )

    parsed = _collect(_rows(text, HOME_OFFICE_COLUMNS), parse)
    keys = [(row.month, row.force) for row in parsed]
    if len(set(keys)) != len(keys):
        raise ImportRejected(["The same force and month appears more than once"])
    return parsed


def parse_social(text: str) -> list[SocialRow]:
    """Monthly figures per account from the social media management tool's export."""

    def parse(row: dict[str, str]) -> SocialRow:
        if row["scope"] not in ("local", "operational", "force"):
            raise ValueError(f"scope must be local, operational or force, not {row['scope']!r}")
        if not row["platform"] or not row["handle"]:
            raise ValueError("platform and handle are required")
        main = row.get("main", "").lower()
        if main not in SOCIAL_FLAGS:
            raise ValueError(f"main must be yes or no (blank: no), not {row['main']!r}")
        return SocialRow(
            row["platform"],
            row["handle"],
            row["scope"],
            row["area"],
            parse_month(row["month"]),
            _count(row["posts"], "posts"),
            _count(row["engagements"], "engagements"),
            *(_count(row.get(key, ""), key, blank_ok=True) for key in SOCIAL_OPTIONAL),
            main=SOCIAL_FLAGS[main],
        )

    return _collect(_rows(text, SOCIAL_COLUMNS, [*SOCIAL_OPTIONAL, "main"]), parse)
