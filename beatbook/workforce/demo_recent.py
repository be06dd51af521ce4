"""The demo workforce's recent months (issue 17 item 3), SYNTHETIC: from October 2023, after the seed's last
dated figures (the Home Office census and skills at 30 September 2023), to the month before the demo is
loaded, so today's workforce pages have data.

- Leavers continue at 10.8 a month (002_* 4.17, the year to August 2023), force-wide constables and sergeants.
- Constables join in intakes every other month (the forecast's months), 22 an intake, which holds strength
  near the establishment of 2,110; the forecast runs on at the same rates.
- Specials' hours repeat August 2022 to July 2023 (5.2-5.3) and volunteers' hours 5.14's monthly mean, each
  2% up a year.
- Safety training, first aid, stop and search and taser are renewed each year (14% lapsed, 499 taser).

Everything here draws from its own seeded generator and is dated after September 2023, so the seed periods'
figures stay exactly as the papers print them.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal

from beatbook.areas.models import Area
from beatbook.crime.periods import add_months, months_between
from beatbook.workforce.models import (
    Certification,
    DutyHours,
    Ethnicity,
    Forecast,
    LeaveReason,
    Officer,
    Rank,
    SkillType,
)

RECENT_FROM = date(2023, 10, 1)
FIRST_INTAKE = date(2023, 11, 1)  # the forecast's intakes fall in odd months from September 2022
INTAKE, LEAVERS_A_MONTH, YEARLY_GROWTH = 22, 10.8, 1.02
RENEWED = ("personal-safety", "first-aid", "stop-and-search")
SEED_SKILLS_ON = date(2023, 9, 30)
# Joiners' ethnicity: about 5% minority ethnic, a little above the 2.4% in post (4.7, 4.12).
JOINER_ETHNICITY = {
    Ethnicity.WHITE: 93,
    Ethnicity.ASIAN: 3,
    Ethnicity.MIXED: 2,
    Ethnicity.BLACK: 1,
    Ethnicity.UNKNOWN: 1,
}
SPECIALS_HOURS_FROM = date(2022, 8, 1)  # the seed's 12 months of specials' hours start here


def recent_joiners(add: Callable[..., Officer], force: Area, last_month: date, rng: random.Random) -> list[Officer]:
    """Unsaved constables joining the force in each intake from November 2023 to `last_month`; `add` is
    the demo's person maker (its own generator)."""
    joiners = []
    groups, weights = list(JOINER_ETHNICITY), list(JOINER_ETHNICITY.values())
    for intake in months_between(FIRST_INTAKE, last_month):
        if (intake.year * 12 + intake.month - FIRST_INTAKE.year * 12 - FIRST_INTAKE.month) % 2:
            continue
        for _ in range(INTAKE):
            person = add(force, Rank.CONSTABLE, started_on=intake + timedelta(days=rng.randrange(0, 5)))
            person.ethnicity = rng.choices(groups, weights)[0]
            joiners.append(person)
    return joiners


def recent_leavers(candidates: list[Officer], last_month: date, rng: random.Random) -> list[Officer]:
    """Mark 10.8 a month of `candidates` (saved officers in post in September 2023) as leaving from
    October 2023 to `last_month`. Returns those changed (for one bulk_update)."""
    reasons = [LeaveReason.RETIREMENT] * 5 + [LeaveReason.RESIGNATION] * 4 + [LeaveReason.TRANSFER] * 2
    months = list(months_between(RECENT_FROM, last_month))
    counts = [int(LEAVERS_A_MONTH * (n + 1)) - int(LEAVERS_A_MONTH * n) for n in range(len(months))]
    chosen = rng.sample(candidates, min(sum(counts), len(candidates)))
    leavers = iter(chosen)
    for month, count in zip(months, counts, strict=True):
        for person in [next(leavers, None) for _ in range(count)]:
            if person is None:
                break
            person.left_on = month + timedelta(days=rng.randrange(0, 28))
            person.leave_reason = rng.choice(reasons)
    return [person for person in chosen if person.left_on]


def recent_forecast(force: Area, last_month: date) -> list[Forecast]:
    """The forecast on from September 2024 (the seed's runs to August 2024) to `last_month`."""
    return [
        Forecast(
            force=force,
            month=month,
            joiners=Decimal(INTAKE) if (month.month % 2) else Decimal("0"),
            leavers=Decimal(str(LEAVERS_A_MONTH)),
        )
        for month in months_between(date(2024, 9, 1), last_month)
    ]


def recent_hours(
    specials: list[Officer], volunteers: list[Officer], seed_hours: list[int], volunteer_year: int, last_month: date
) -> list[DutyHours]:
    """Duty hours from August 2023 to `last_month`: the specials' seed months repeated, volunteers at the
    seed year's monthly mean, 2% up a year, spread over the active people."""
    rng = random.Random(20230801)  # noqa: S311 - demo data, not security
    rows = []
    for n, month in enumerate(months_between(add_months(SPECIALS_HOURS_FROM, 12), last_month)):
        growth = YEARLY_GROWTH ** ((n + 1) / 12)
        for people, total in (
            (specials, seed_hours[n % 12] * growth),
            (volunteers, volunteer_year / 12 * growth),
        ):
            weights = [rng.randint(1, 4) for _ in people]
            for person, weight in zip(people, weights, strict=True):
                hours = round(total * weight / sum(weights))
                if hours:
                    rows.append(DutyHours(person=person, month=month, hours=hours))
    return rows


def recent_certifications(
    serving: list[Officer], last_day: date, lapsed_share: float, taser: int
) -> list[Certification]:
    """Each year after September 2023 up to `last_day`: safety training, first aid and stop and search
    renewed by those still serving (`lapsed_share` not), and `taser` of the constables and sergeants."""
    rng = random.Random(20230930)  # noqa: S311 - demo data, not security
    skills = {code: SkillType.objects.get(code=code) for code in (*RENEWED, "taser")}
    rows = []

    def certify(person: Officer, code: str, completed: date) -> None:
        expires = completed + timedelta(days=skills[code].valid_days)
        rows.append(Certification(person=person, skill=skills[code], completed_on=completed, expires_on=expires))

    year = 1
    while (anniversary := SEED_SKILLS_ON.replace(year=SEED_SKILLS_ON.year + year)) - timedelta(days=300) <= last_day:
        still = [p for p in serving if p.left_on is None or p.left_on > anniversary]
        armed = [p for p in still if p.rank in (Rank.CONSTABLE, Rank.SERGEANT)]
        renewals = [
            (person, code) for person in rng.sample(still, round((1 - lapsed_share) * len(still))) for code in RENEWED
        ] + [(person, "taser") for person in rng.sample(armed, min(taser, len(armed)))]
        for person, code in renewals:
            completed = anniversary - timedelta(days=rng.randrange(0, 300))
            if completed <= last_day:  # a renewal not yet due by the demo's last day is not made
                certify(person, code, completed)
        year += 1
    return rows
