"""A force export's optional offence-detail columns: Home Office outcome type, premises, attendance.

Each column is optional (a file without them still imports) and read strictly: a value that is not one of
those documented in docs/data-sources.md rejects the row, and the reason names the column. What the
columns mean and which outcome types are positive: `beatbook.outcomes.types` (Home Office, "Crime outcomes
in England and Wales", user guide). Premises tell a burglary of a home from one of a shed, garage or
outbuilding (both "residential" to the Home Office's offence codes 28E–28H and 29A) and from business and
community burglary (30C, 30D, 31A), which is what 000_* 7.3–7.8 and 004_* Q10 report.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache

from beatbook.crime.offences import offence_groups
from beatbook.outcomes.models import Premises
from beatbook.outcomes.types import OutcomeType

# Home Office codes for burglary "in a dwelling" (before April 2017's "residential" codes): a home, always.
DWELLING_CODES = frozenset({"28A", "28B", "28C", "28D", "29"})
_YES_NO = {
    "": None,
    "y": True,
    "yes": True,
    "true": True,
    "1": True,
    "n": False,
    "no": False,
    "false": False,
    "0": False,
}
_DASHES = re.compile(r"\s*[-–—]\s*")


def _folded(text: str) -> str:
    """Lower case, one kind of dash, single spaces: how labels are compared."""
    return " ".join(_DASHES.sub(" - ", text.strip().lower()).split())


@cache
def _outcome_types() -> dict[str, str]:
    """{code or folded label: code} for every Home Office outcome type."""
    table = {code.lower(): code for code in OutcomeType.values}
    table.update({_folded(str(label)): code for code, label in OutcomeType.choices})
    return table


def outcome_type(value: str) -> str:
    """The Home Office outcome type code ("1", "1A" … "22") for a code or its label; "" for none yet."""
    text = value.strip()
    if not text:
        return ""
    code = _outcome_types().get(text.lower()) or _outcome_types().get(_folded(text))
    if code is None:
        raise ValueError(
            f"outcome_type {value!r} is not a Home Office outcome type: write its number (1, 1A, 2 … 22) or its "
            "label, e.g. 'Charged or summonsed', or leave it empty while the crime is under investigation"
        )
    return code


def premises(value: str, offence_code: str) -> str:
    """home, other_residential, business or other (""), checked against the offence code's burglary group."""
    text = value.strip().lower().replace(" ", "_").replace("-", "_")
    if not text:
        return ""
    if text not in Premises.values:
        raise ValueError(f"premises {value!r} is not one of {', '.join(Premises.values)}")
    groups = offence_groups()
    allowed: set[str] | None = None
    if offence_code in DWELLING_CODES:
        allowed = {Premises.HOME}
    elif offence_code in groups["burglary-residential"].codes:
        allowed = {Premises.HOME, Premises.OTHER_RESIDENTIAL}
    elif offence_code in groups["burglary-business"].codes:
        allowed = {Premises.BUSINESS}
    if allowed is not None and text not in allowed:
        raise ValueError(
            f"premises {text!r} does not fit offence code {offence_code}: it may be {' or '.join(sorted(allowed))}"
        )
    return text


def yes_no(value: str, column: str) -> bool | None:
    """True or False, or None where the export leaves it empty (not recorded)."""
    try:
        return _YES_NO[value.strip().lower()]
    except KeyError:
        raise ValueError(f"{column} must be yes, no or empty, not {value!r}") from None


def parse_detail(values: Mapping[str, str], kind: str, offence_code: str) -> dict[str, object] | None:
    """{column: value} for the optional columns the file has (each column is a CrimeDetail field of the
    same name), or None if it has none.

    `values` is {column: text} for the file's optional columns. An ASB row must leave them all empty: the
    detail is a crime's. Raises ValueError naming every column that is wrong, each reason starting with the
    column's name, joined by "; " (as the HR import lists every problem of a row), so one pass fixes the row."""
    if not values:
        return None
    if kind != "crime":
        filled = [column for column, text in values.items() if text.strip()]
        if filled:
            raise ValueError(f"{filled[0]} must be empty on an asb row: outcome, premises and attendance are a crime's")
        return None
    parsers = {
        "outcome_type": outcome_type,
        "premises": lambda text: premises(text, offence_code),
        "attended": lambda text: yes_no(text, "attended"),
        "csi_attended": lambda text: yes_no(text, "csi_attended"),
    }
    detail: dict[str, object] = {}
    problems = []
    for column, text in values.items():
        try:
            detail[column] = parsers[column](text)
        except ValueError as error:
            problems.append(str(error))
    if problems:
        raise ValueError("; ".join(problems))
    return detail
