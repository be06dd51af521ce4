"""The rules a use of an ASB power is checked against, by legislation version. Pure functions.

Sources (REFERENCE.md (b)): Anti-social Behaviour, Crime and Policing Act 2014 — s43 (a community
protection notice needs a prior written warning and a subject of 16 or over), s60 (a PSPO lasts at most
3 years), s35 (dispersal up to 48 hours), s80 (a closure notice must go to court within 48 hours), s1 (civil
injunctions, for anyone aged 10 or over). The Crime and Policing Act 2026 (Royal Assent 29 April 2026):
dispersal up to 72 hours with a mandatory review at 48 hours; the closure application window 72 hours;
Respect Orders for adults replace adult civil injunctions, which remain for under-18s; new Youth Injunctions
and Housing Injunctions; fixed penalties for PSPO and CPN breach up to £500 (from £100).

The Act commences by regulations and its commencement date is not in REFERENCE.md [verify]: it is the setting
ASB_RULES_2026_FROM (an ISO date), and until it is set the 2014 rules apply to every date from the
2014 Act's commencement (COMMENCED_2014). The Respect Order's
minimum age (18, or 16 if amended) is also [verify]; 18 is used. `rules_table` shows which rule set applies
on a date (on the ASB powers page).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, ValidationError

from beatbook.web.tables import Column, Table

ADULT = 18
# The 2014 Act's ASB powers (Parts 1 to 6: injunctions, CPNs, PSPOs, dispersal, closure) commenced on
# 20 October 2014 (SI 2014/2590); before it, none of these rules was in force.
COMMENCED_2014 = date(2014, 10, 20)
NEW_2026_POWERS = ("respect_order", "youth_injunction", "housing_injunction")


@dataclass(frozen=True)
class Rules:
    """One legislation version's limits. Hours and years are maxima; `dispersal_review_hours` is when a longer
    direction must be reviewed (None: no review duty); `powers_added` are powers that exist only from it."""

    version: str
    title: str = "Anti-social Behaviour, Crime and Policing Act 2014"
    cpn_minimum_age: int = 16
    cpn_needs_warning: bool = True
    pspo_max_years: int = 3
    dispersal_max_hours: int = 48
    dispersal_review_hours: int | None = None
    closure_application_hours: int = 48
    fixed_penalty_max_pounds: int = 100
    adult_civil_injunctions: bool = True
    respect_order_minimum_age: int = ADULT
    powers_added: tuple[str, ...] = ()


VERSIONS = {
    "2014": Rules("2014"),
    "2026": Rules(
        "2026",
        title="Crime and Policing Act 2026 changes",
        dispersal_max_hours=72,
        dispersal_review_hours=48,
        closure_application_hours=72,
        fixed_penalty_max_pounds=500,
        adult_civil_injunctions=False,
        powers_added=NEW_2026_POWERS,
    ),
}


def commencement_2026() -> date | None:
    """ASB_RULES_2026_FROM as a date; None while unset. A malformed value is a clear error."""
    text = getattr(settings, "ASB_RULES_2026_FROM", "")
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ImproperlyConfigured(
            f"ASB_RULES_2026_FROM must be a date written YYYY-MM-DD (the 2026 Act's commencement), not {text!r}"
        ) from None


class NotInForce(ValidationError):
    """A date before COMMENCED_2014, when none of the powers these rules govern existed."""


def rules_on(day: date) -> Rules:
    """The rules in force on `day`: the 2026 changes from ASB_RULES_2026_FROM (ISO date), if set.

    Raises NotInForce (a ValidationError naming the commencement date) for a day before COMMENCED_2014: the
    2014 Act's rules never applied to a use before its powers existed."""
    if day < COMMENCED_2014:
        raise NotInForce(
            f"No ASB power of the 2014 Act existed on {day:%-d %B %Y}: the powers commenced on "
            f"{COMMENCED_2014:%-d %B %Y}. Check the date"
        )
    start = commencement_2026()
    if start is not None and day >= start:
        return VERSIONS["2026"]
    return VERSIONS["2014"]


def rules_table(day: date, *, show_setting: bool = False) -> Table:
    """Which rule set applies on `day`, and its limits, as a table (slug `rules-in-force`). Before
    COMMENCED_2014 it says no rule of the 2014 Act was in force. `show_setting` (administrators) names the
    setting that commences the 2026 changes; other users only read that they are not yet in force."""
    table = Table(
        "rules-in-force",
        f"ASB rules in force on {day:%-d %B %Y}",
        [Column("rule", "Rule"), Column("applies", "What applies")],
    )
    if day < COMMENCED_2014:
        applies = f"None: the 2014 Act's ASB powers commenced on {COMMENCED_2014:%-d %B %Y}"
        table.rows = [{"rule": "Rule set", "applies": applies}]
        return table
    in_force = rules_on(day)
    start = commencement_2026()
    waiting = "not yet in force (set ASB_RULES_2026_FROM)" if show_setting else "not yet in force"
    commenced = f"from {start:%-d %B %Y}" if start else waiting
    rows = [
        ("Rule set", f"{in_force.title} ({in_force.version} rules)"),
        ("2026 Act changes", commenced),
        ("Dispersal direction, longest", f"{in_force.dispersal_max_hours} hours"),
        (
            "Dispersal direction, review",
            f"at {in_force.dispersal_review_hours} hours" if in_force.dispersal_review_hours else "no review duty",
        ),
        ("Closure notice to court application", f"within {in_force.closure_application_hours} hours"),
        ("Community protection notice", f"after a written warning, aged {in_force.cpn_minimum_age} or over"),
        ("Public spaces protection order, longest", f"{in_force.pspo_max_years} years"),
        ("Fixed penalty for PSPO or CPN breach, most", f"£{in_force.fixed_penalty_max_pounds}"),
        (
            "Civil injunction",
            "anyone aged 10 or over" if in_force.adult_civil_injunctions else "under 18 only (adults: Respect Order)",
        ),
        (
            "Respect Order, Youth Injunction, Housing Injunction",
            "available" if in_force.powers_added else "not available before the 2026 Act commences",
        ),
    ]
    table.rows = [{"rule": rule, "applies": applies} for rule, applies in rows]
    return table


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
    review_on: date | None = None,
) -> list[str]:
    """What breaks the rules, as messages saying what to fix (empty when the use is lawful)."""
    found = []
    if power in NEW_2026_POWERS and power not in rules.powers_added:
        found.append(
            "Respect Orders, Youth Injunctions and Housing Injunctions exist only once the Crime and Policing Act "
            "2026 has commenced: record a civil injunction instead"
        )
    adult = subject_kind == "person" and subject_age is not None and subject_age >= ADULT
    if power == "injunction" and adult and not rules.adult_civil_injunctions:
        found.append("Under the 2026 rules an adult gets a Respect Order, not a civil injunction: choose Respect Order")
    if power == "youth_injunction" and (subject_kind != "person" or subject_age is None or subject_age >= ADULT):
        found.append("A Youth Injunction is for a person under 18: give their age")
    if power == "respect_order" and (
        subject_kind != "person" or subject_age is None or subject_age < rules.respect_order_minimum_age
    ):
        found.append(f"A Respect Order is for a person aged {rules.respect_order_minimum_age} or over: give their age")
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
    review_after = rules.dispersal_review_hours
    needs_review = review_after is not None and duration_hours is not None and duration_hours > review_after
    if power == "dispersal" and needs_review and review_on is None:
        found.append(
            f"A dispersal direction over {review_after} hours must be reviewed at {review_after} hours: "
            "give the review date"
        )
    if power == "closure_notice" and duration_hours is not None and duration_hours > rules.closure_application_hours:
        found.append(
            f"A closure notice must go to court within {rules.closure_application_hours} hours "
            f"({rules.version} rules): shorten it or record the order application"
        )
    if expires_on is not None and expires_on < issued_on:
        found.append("It cannot expire before it was issued")
    return found
