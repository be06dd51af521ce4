"""Demo ASB powers and Case Reviews calibrated to the seed papers.

- Powers used across the force in 2022/23 (002_* 9.14): 4 CBO applications, 14 civil injunctions (6
  interim), 409 community protection warnings, 87 notices (each after a warning), 89 acceptable behaviour
  contracts, 5 new PSPOs, 36 PSPO penalties, 7 closure applications and 2 closure-breach prosecutions.
- Case Review applications in 2021/22 by local authority (000_* 5.38), with a recommendation from every
  review held (5.39).
- Later months, to the month before the demo is loaded (demo_last_month): powers at the 2022/23 rate (each
  financial year has its counts, spread evenly over its months) and Case Reviews in the 2021/22 pattern each
  financial year; a decision or review that would fall after the day of loading is left pending.
Deterministic and idempotent: nothing is added when the force already has records.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from beatbook.areas.models import Area, Level, Lsoa
from beatbook.asb import actions
from beatbook.asb.models import CaseReview, Channel, Power, PowerUse
from beatbook.crime.periods import add_months, months_between
from beatbook.demo.incidents import demo_last_month

YEAR_START, YEAR_DAYS = date(2022, 4, 1), 365
POWERS_2022_23 = {"cbo": 4, "injunction": 14, "abc": 89, "pspo_penalty": 36, "closure_order": 7, "closure_breach": 2}
CPWS, CPNS, PSPOS, INTERIM_INJUNCTIONS = 409, 87, 5, 6
AGENCY = {"pspo": "District council", "pspo_penalty": "District council", "abc": "Police and housing provider"}
# Local authority: (applications, threshold not met, reviews held, withdrawn), 2021/22.
CASE_REVIEWS_2021_22 = {
    "Amber Valley": (2, 2, 0, 0),
    "Bolsover": (2, 0, 2, 0),
    "Erewash": (2, 1, 1, 0),
    "High Peak": (3, 3, 0, 0),
    "North East Derbyshire": (7, 4, 2, 1),
}


def _day(rng: random.Random, last: int = YEAR_DAYS) -> date:
    return YEAR_START + timedelta(days=rng.randrange(last))


def _use(force_areas: list[Area], rng: random.Random, power: str, issued_on: date, **extra: object) -> PowerUse:
    subject_kind = extra.pop("subject_kind", "person")
    return actions.do_record_power_use(
        area=rng.choice(force_areas),
        power=power,
        subject_kind=subject_kind,
        subject=f"Demo subject {rng.randrange(10_000)}",
        subject_age=extra.pop("subject_age", 16 + rng.randrange(50)) if subject_kind == "person" else None,
        agency=AGENCY.get(power, "Police"),
        issued_on=issued_on,
        acting_user=None,
        **extra,
    )


@transaction.atomic
def do_load_demo_powers(force: Area, today: date | None = None) -> int:
    """2022/23's uses (see the module docstring), then the later months to the month before `today` (default:
    the day it is loaded); returns the force's number of uses."""
    if PowerUse.objects.filter(force=force).exists():
        return 0
    rng = random.Random(914)  # noqa: S311 - a repeatable demo, not security
    areas = list(Area.objects.within(force).filter(level=Level.NEIGHBOURHOOD).order_by("path"))
    warnings = [_use(areas, rng, "cpw", _day(rng)) for _ in range(CPWS)]
    early = sorted((w for w in warnings if w.issued_on < date(2023, 3, 1)), key=lambda w: w.pk)
    for warning in rng.sample(early, CPNS):
        _use(
            areas,
            rng,
            "cpn",
            warning.issued_on + timedelta(days=14),
            prior_warning=warning,
            subject_age=warning.subject_age,
        )
    for index in range(PSPOS):
        start = _day(rng)
        _use(areas, rng, "pspo", start, subject_kind="place", expires_on=start + timedelta(days=3 * 365 - 1))
        del index
    for power, count in POWERS_2022_23.items():
        for index in range(count):
            extra: dict = {"interim": power == "injunction" and index < INTERIM_INJUNCTIONS}
            if power in ("closure_order", "closure_breach"):
                extra["subject_kind"] = "premises"
            if power == "cbo":
                extra["granted"] = index < 3
            _use(areas, rng, power, _day(rng), **extra)
    _later_powers(force, areas, demo_last_month(today or timezone.localdate()))
    return PowerUse.objects.filter(force=force).count()


def _spread(total: int, index: int) -> int:
    """How many of a year's `total` fall in its month `index` (0 = April): whole numbers adding up to `total`."""
    return (total * (index + 1)) // 12 - (total * index) // 12


def _later_powers(force: Area, areas: list[Area], last_month: date) -> None:
    """Uses from April 2023 to `last_month` at the 2022/23 rate; a notice follows an unused warning by 14 days."""
    rng = random.Random(915)  # noqa: S311 - a repeatable demo, not security
    yearly = {"cpw": CPWS, "pspo": PSPOS, **POWERS_2022_23}
    used = set(PowerUse.objects.filter(force=force, power=Power.CPN).values_list("prior_warning_id", flat=True))
    warnings = [
        w
        for w in PowerUse.objects.filter(
            force=force, power=Power.CPW, issued_on__gte=add_months(YEAR_START, 11)
        ).order_by("pk")
        if w.pk not in used
    ]
    first = add_months(YEAR_START, 12)
    for number, month in enumerate(months_between(first, last_month)):
        made: dict[str, int] = {}
        for power, total in yearly.items():
            for _ in range(_spread(total, number % 12)):
                index = made[power] = made.get(power, -1) + 1
                extra: dict = {"interim": power == "injunction" and (number % 12 + index) % 7 < 3}
                if power in ("closure_order", "closure_breach"):
                    extra["subject_kind"] = "premises"
                if power == "cbo":
                    extra["granted"] = index % 4 < 3
                if power == "pspo":
                    extra["subject_kind"] = "place"
                day = month + timedelta(days=rng.randrange(28))
                if power == "pspo":
                    extra["expires_on"] = day + timedelta(days=3 * 365 - 1)
                use = _use(areas, rng, power, day, **extra)
                if power == "cpw":
                    warnings.append(use)
        for _ in range(_spread(CPNS, number % 12)):
            # A warning of the fortnight before the month, so the notice falls in the month.
            earlier = [w for w in warnings if month - timedelta(days=14) <= w.issued_on < month]
            if not earlier:
                continue
            warning = earlier[rng.randrange(len(earlier))]
            warnings.remove(warning)
            day = warning.issued_on + timedelta(days=14)
            _use(areas, rng, "cpn", day, prior_warning=warning, subject_age=warning.subject_age)


def _case(force: Area, code: str, rng: random.Random, n: int, met: bool, received: date) -> CaseReview:
    complaints = 3 if met else 1 + n % 2
    reports = [
        (received - timedelta(days=20 + 30 * i), received - timedelta(days=10 + 30 * i), "Police")
        for i in range(complaints)
    ]
    return actions.do_submit_case_review(
        force=force,
        local_authority_code=code,
        applicant_name=f"Demo applicant {n}",
        applicant_contact="applicant@example.invalid",
        description="Persistent noise and intimidation from a neighbouring property.",
        received_on=received,
        channel=rng.choice([Channel.ONLINE, Channel.PHONE, Channel.EMAIL]),
        complaints=reports,
        acting_user=None,
    )


@transaction.atomic
def do_load_demo_case_reviews(force: Area, today: date | None = None) -> int:
    """2021/22's applications (see the module docstring), then the same pattern each later financial year to
    the month before `today` (default: the day it is loaded); returns how many were made."""
    if CaseReview.objects.filter(force=force).exists():
        return 0
    today = today or timezone.localdate()
    codes = dict(
        Lsoa.objects.filter(force=force).values_list("local_authority_name", "local_authority_code").distinct()
    )
    made = _case_reviews_of_year(force, codes, 2021, random.Random(538), today, 0)  # noqa: S311 - a demo
    last_day = add_months(demo_last_month(today), 1) - timedelta(days=1)
    for year in range(2022, last_day.year + 1):
        rng = random.Random(538 + year)  # noqa: S311 - a repeatable demo, not security
        made = _case_reviews_of_year(force, codes, year, rng, today, made, last_day)
    return made


def _case_reviews_of_year(
    force: Area,
    codes: dict[str, str],
    year: int,
    rng: random.Random,
    today: date,
    made: int,
    last_day: date | None = None,
) -> int:
    """The financial year's applications in 2021/22's pattern, those received by `last_day` (all when None);
    returns `made` plus their number."""
    for name, (applications, not_met, reviews, withdrawn) in CASE_REVIEWS_2021_22.items():
        outcomes = ["not_met"] * not_met + ["review"] * reviews + ["withdrawn"] * withdrawn
        assert len(outcomes) == applications, name
        for outcome in outcomes:
            received = date(year, 4, 12) + timedelta(days=rng.randrange(330))
            if last_day is not None and received > last_day:
                continue
            made += 1
            case = _case(force, codes[name], rng, made, outcome != "not_met", received)
            decided = case.received_on + timedelta(days=10)
            if decided + timedelta(days=14) > today:
                continue  # still being decided when the demo was loaded
            if outcome == "withdrawn":
                actions.do_withdraw_case_review(case=case, withdrawn_on=decided, acting_user=None)
                continue
            actions.do_decide_threshold(case=case, decided_on=decided, spoc="Council ASB officer", acting_user=None)
            if outcome == "review":
                recommendation = (
                    "Joint visit by police and housing; noise monitoring",
                    "Housing provider",
                    decided + timedelta(days=30),
                )
                actions.do_hold_case_review(
                    case=case,
                    held_on=decided + timedelta(days=14),
                    victim_consulted=True,
                    recommendations=[recommendation],
                    acting_user=None,
                )
    return made


def do_load_demo_asb(force: Area) -> None:
    """The register and the Case Reviews (one call from load_demo)."""
    do_load_demo_powers(force)
    do_load_demo_case_reviews(force)
