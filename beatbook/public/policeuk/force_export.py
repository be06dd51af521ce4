"""A force-export crime's `persistent_id` and outcome, as police.uk would publish them.

**Persistent id.** police.uk's ids are police.uk's, so a force-export crime gets Beatbook's own: 64 lower-case
hex digits, a SHA-256 check of the row (48 digits) then the row id (16 digits). The row id is already public
(it is the record's `id`), so the id reveals nothing more; the check makes a mistyped or made-up id a 404, and
the id is found without a scan or a stored column. It holds while the row does (a force export's re-import
updates rows in place, by reference). ASB has no persistent id (`""`), as on police.uk.

**Outcome.** The export's Home Office outcome type (`CrimeDetail.outcome_type`), published as police.uk's
category name (`beatbook.outcomes.types.POLICE_UK_CATEGORY`); none yet: "Under investigation", as police.uk's
files say of such a crime. A force whose export has no `outcome_type` column shows every crime so: Beatbook
cannot tell "none yet" from "not sent", and police.uk does the same for a force that sends no outcomes (PSNI's
placeholder "Under investigation", POLICE_UK.md §3.5).

**Outcome month**: a force export holds no outcome date, so the month served is the crime's own month, the only
month Beatbook holds for it; it claims no date of decision. police.uk dates an outcome by the month the force
reported it (later); the month of a record's import is no better here (a force's first import would date five
years of outcomes to one month, after the latest month served), and an outcome with no month could not be
asked for by `date` as police.uk's routes are. So for a force export `outcomes-at-location?date=M` lists the
outcomes of crimes recorded in M, as Beatbook's own outcome rates count them
(`beatbook.outcomes.rates.COHORT_RULE`), and `outcome_status.date` is the crime's month, as for a police.uk
crime whose outcome rows Beatbook has not imported.
"""

from __future__ import annotations

import hashlib
import re
from datetime import date

from beatbook.outcomes.types import police_uk_category

CHECK_DIGITS = 48


def persistent_id(row_id: int) -> str:
    """The public 64-hex id of a force-export crime."""
    return _check(row_id) + f"{row_id:016x}"


def row_id_of(persistent: str) -> int | None:
    """The row a force-export persistent id names, or None when it is not one (wrong form or check)."""
    if not re.fullmatch(r"[0-9a-f]{64}", persistent):
        return None
    row_id = int(persistent[CHECK_DIGITS:], 16)
    return row_id if persistent[:CHECK_DIGITS] == _check(row_id) else None


def _check(row_id: int) -> str:
    return hashlib.sha256(f"beatbook force-export crime {row_id}".encode()).hexdigest()[:CHECK_DIGITS]


def outcome_status(outcome_type: str, month: date) -> dict:
    """police.uk's `outcome_status` of a force-export crime: `{category (name), date ("YYYY-MM")}`."""
    return {"category": police_uk_category(outcome_type), "date": f"{month:%Y-%m}"}
