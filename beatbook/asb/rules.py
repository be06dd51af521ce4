"""The rules a use of an ASB power is checked against, by legislation version. Pure functions.

Sources (REFERENCE.md (b)): Anti-social Behaviour, Crime and Policing Act 2014 — s43 (a community
protection notice needs a prior written warning and a subject of 16 or over), s60 (a PSPO lasts at most
3 years), s35 (dispersal up to 48 hours). The Crime and Policing Act 2026 raises dispersal to 72 hours.
Its commencement date is not in REFERENCE.md [verify]: it is the setting ASB_RULES_2026_FROM, and until
set the 2014 rules apply to every date.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.conf import settings


@dataclass(frozen=True)
class Rules:
    version: str
    cpn_minimum_age: int = 16
    cpn_needs_warning: bool = True
    pspo_max_years: int = 3
    dispersal_max_hours: int = 48


VERSIONS = {
    "2014": Rules("2014"),
    "2026": Rules("2026", dispersal_max_hours=72),
}


def rules_on(day: date) -> Rules:
    """The rules in force on `day`: the 2026 changes from ASB_RULES_2026_FROM (ISO date), if set."""
    start = getattr(settings, "ASB_RULES_2026_FROM", "")
    if start and day >= date.fromisoformat(start):
        return VERSIONS["2026"]
    return VERSIONS["2014"]


def _years_later(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def problems(
    rules: Rules,
    *,
    power: str,
    subject_kind: str,
    subject_age: int | None,
    issued_on: date,
    expires_on: date | None,
    duration_hours: int | None,
    has_prior_warning: bool,
) -> list[str]:
    """What breaks the rules, as messages saying what to fix (empty when the use is lawful)."""
    found = []
    if power == "cpn":
        if rules.cpn_needs_warning and not has_prior_warning:
            found.append("A community protection notice needs a written warning first: link the warning")
        if subject_kind == "person" and (subject_age is None or subject_age < rules.cpn_minimum_age):
            found.append(
                f"A community protection notice can only be given to a person aged {rules.cpn_minimum_age} or over"
            )
    if power == "pspo":
        if expires_on is None:
            found.append("Give the date the PSPO ends")
        elif expires_on > _years_later(issued_on, rules.pspo_max_years):
            found.append(f"A PSPO lasts at most {rules.pspo_max_years} years")
    if power == "dispersal" and (duration_hours is None or duration_hours > rules.dispersal_max_hours):
        found.append(f"A dispersal direction lasts at most {rules.dispersal_max_hours} hours ({rules.version} rules)")
    if expires_on is not None and expires_on < issued_on:
        found.append("It cannot expire before it was issued")
    return found
