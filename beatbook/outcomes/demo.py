"""Burglary detail and outcomes for the Derbyshire demo, calibrated to 000_* 7.3–7.8 and 004_* Q10.

- Residential burglaries: 75% of a home (004_* Q10), the rest sheds, garages and outbuildings.
- Attendance: 91% of residential burglaries, 95% of home burglaries; CSIs at 65.8% of home burglaries
  (000_* 7.3, 7.4, 7.6; held for every period, as the demo has no finer source).
- Positive outcome rate for residential burglary: 5.5% in the 12 months to March 2023 against 4.9% the
  year before (000_* 7.8 "5.5%, an increase from 4.9% in 2022"; 004_* Q10), 5% in earlier years.
- The North East LPU has 433 residential burglaries in the 12 months to March 2023 and 346 the year
  before (004_* Q10): the demo moves the invented places of other LPUs' burglaries (never their number or
  month) to make it so, so force figures are unchanged. Its own positive outcome rates are 5.5% and 4.9%
  and 75% of its residential burglaries are in homes, as 004_* Q10 says: the LPU's burglaries get exactly
  those shares and the rest of the force the remainder, so the force's shares stay exact too.
- After the seed periods (April 2023 to the demo's last month, `demo_last_month`) each month continues the
  last seed year: 5.5% positive, 75% in homes, the same outcome types and attendance. Its most recent months
  still have crimes under investigation (no outcome type yet), as a real force's do: half of the last
  month's, halving every two months (UNDER_INVESTIGATION), none a year back. So the cohort rate of a recent
  period rises as investigations finish, as rates.COHORT_RULE says.
Needs the demo incidents; with none it does nothing.
"""

from __future__ import annotations

from datetime import date

import numpy as np
from django.db import connection, transaction
from django.utils import timezone

from beatbook.areas.models import Area, Level
from beatbook.counts.refresh import refresh_counts
from beatbook.crime.models import Incident, Kind
from beatbook.crime.offences import offence_groups
from beatbook.crime.periods import add_months
from beatbook.demo.incidents import SEED_LAST_MONTH, demo_last_month
from beatbook.outcomes.models import CrimeDetail, Premises
from beatbook.public.policeuk.common import WINDOW_MONTHS

YEARS = {  # (first, last month): positive outcome rate
    (date(2022, 4, 1), date(2023, 3, 1)): 0.055,
    (date(2021, 4, 1), date(2022, 3, 1)): 0.049,
}
EARLIER_RATE = 0.05
NORTH_EAST = {(date(2022, 4, 1), date(2023, 3, 1)): 433, (date(2021, 4, 1), date(2022, 3, 1)): 346}
HOME_SHARE, ATTENDED_HOME, ATTENDED_OTHER, CSI_HOME = 0.75, 0.95, 0.79, 0.658  # 0.75·0.95 + 0.25·0.79 = 0.91
POSITIVE_TYPES = (["1", "3", "4", "8"], [0.7, 0.1, 0.1, 0.1])
OTHER_TYPES = (["18", "14", "15", "16"], [0.7, 0.1, 0.1, 0.1])
LAST_SEED_YEAR = (date(2022, 4, 1), date(2023, 3, 1))  # the year the later months continue


def under_investigation_share(months_back: int) -> float:
    """Share of a month's crimes with no outcome yet, `months_back` months before the demo's last month:
    0.5 in the last month, halving every two months, none from 12 months back."""
    return 0.5 * 0.5 ** (months_back / 2) if months_back < 12 else 0.0  # noqa: PLR2004 - a year


@transaction.atomic
def do_load_demo_outcomes(force: Area, *, seed: int = 20230331, last_month: date | None = None) -> int:
    """Write CrimeDetail for the force's residential burglaries; returns how many. `last_month` (default the
    demo's, from today) is the month whose crimes are most often still under investigation."""
    rng = np.random.default_rng(seed)
    last_month = last_month or demo_last_month(timezone.localdate())
    codes = offence_groups()["burglary-residential"].codes
    burglaries = Incident.objects.filter(force=force, kind=Kind.CRIME, offence_code__in=codes)
    if not burglaries.exists():
        return 0
    lpu = Area.objects.filter(parent__parent=force, level=Level.LPU, name="North East").first()
    in_lpu: set[int] = set()
    if lpu is not None:
        _place_in_north_east(rng, force, lpu, burglaries)
        in_lpu = set(burglaries.filter(lsoa__neighbourhood__path__startswith=lpu.path).values_list("id", flat=True))
    CrimeDetail.objects.filter(incident__force=force).delete()
    details = []
    # A seed year, None for the years before them, or a later month (each its own group, as the share still
    # under investigation is by month).
    by_period: dict[tuple[date, date] | date | None, list[int]] = {}
    rows = list(burglaries.order_by("id").values_list("id", "month"))
    for pk, month in rows:
        period = month if month > SEED_LAST_MONTH else next((p for p in YEARS if p[0] <= month <= p[1]), None)
        by_period.setdefault(period, []).append(pk)
    for period, ids in by_period.items():
        lpu_ids = [pk for pk in ids if pk in in_lpu]
        rest = [pk for pk in ids if pk not in in_lpu]
        later = isinstance(period, date)
        rate = YEARS[LAST_SEED_YEAR] if later else YEARS.get(period, EARLIER_RATE)
        positive = _split_exact(rng, len(lpu_ids), len(rest), rate)
        home = _split_exact(rng, len(lpu_ids), len(rest), HOME_SHARE)
        open_share = under_investigation_share(_months_between(period, last_month)) if later else 0.0
        still_open = rng.random(len(ids)) < open_share
        for index, pk in enumerate(lpu_ids + rest):
            kinds = POSITIVE_TYPES if positive[index] else OTHER_TYPES
            is_home = bool(home[index])
            outcome = str(rng.choice(kinds[0], p=kinds[1]))
            details.append(
                CrimeDetail(
                    incident_id=pk,
                    outcome_type="" if still_open[index] else outcome,
                    premises=Premises.HOME if is_home else Premises.OTHER_RESIDENTIAL,
                    attended=bool(rng.random() < (ATTENDED_HOME if is_home else ATTENDED_OTHER)),
                    csi_attended=bool(rng.random() < CSI_HOME) if is_home else None,
                )
            )
    CrimeDetail.objects.bulk_create(details, batch_size=5000)
    return len(details)


def _months_between(first: date, last: date) -> int:
    """Whole months from `first` to `last` (0 for the same month; never negative)."""
    return max(0, (last.year - first.year) * 12 + last.month - first.month)


def _split_exact(rng: np.random.Generator, first: int, second: int, share: float) -> np.ndarray:
    """Flags for `first` then `second` rows: exactly round(share·first) True among the first and
    round(share·(first + second)) True in all, so both the LPU's share and the force's come out exact."""
    whole = round(share * (first + second))
    part = min(round(share * first), whole)
    head = np.zeros(first, dtype=bool)
    head[:part] = True
    tail = np.zeros(second, dtype=bool)
    tail[: min(whole - part, second)] = True
    rng.shuffle(head)
    rng.shuffle(tail)
    return np.concatenate([head, tail])


def _place_in_north_east(rng: np.random.Generator, force: Area, lpu: Area, burglaries) -> None:  # noqa: ANN001
    """Move burglaries' places into or out of the LPU until each NORTH_EAST year has its count."""
    inside = Incident.objects.filter(force=force, lsoa__neighbourhood__path__startswith=lpu.path)
    places_in = list(inside.exclude(longitude=None).values_list("lsoa_id", "lsoa_code", "longitude", "latitude")[:500])
    outside = Incident.objects.filter(force=force, lsoa__isnull=False).exclude(
        lsoa__neighbourhood__path__startswith=lpu.path
    )
    places_out = list(
        outside.exclude(longitude=None).values_list("lsoa_id", "lsoa_code", "longitude", "latitude")[:500]
    )
    if not places_in or not places_out:
        return
    moved = []
    for (first, last), target in NORTH_EAST.items():
        year = burglaries.filter(month__gte=first, month__lte=last)
        here = list(year.filter(lsoa__neighbourhood__path__startswith=lpu.path).order_by("id"))
        if len(here) < target:
            others = list(year.exclude(lsoa__neighbourhood__path__startswith=lpu.path).order_by("id"))
            chosen, places = [others[i] for i in rng.permutation(len(others))[: target - len(here)]], places_in
        else:
            chosen, places = [here[i] for i in rng.permutation(len(here))[: len(here) - target]], places_out
        for incident in chosen:
            incident.lsoa_id, incident.lsoa_code, incident.longitude, incident.latitude = places[
                int(rng.integers(len(places)))
            ]
            moved.append(incident)
    Incident.objects.bulk_update(moved, ["lsoa_id", "lsoa_code", "longitude", "latitude"], batch_size=2000)
    # The moved crimes changed LSOA after the counts were built: recount their months, or the LSOA counts
    # (every area page below the force) disagree with the incidents while the force's totals still match.
    if moved:
        refresh_counts(force, {incident.month for incident in moved})


# Outcome-type mixes for the demo's other crimes, by police.uk category: plausible shapes after the Home Office
# "Crime outcomes in England and Wales" bulletins (thefts mostly closed with no suspect identified, violence
# mostly on evidential difficulties, weapons and shoplifting charged more often), not calibrated to a seed
# paper. Only the police.uk API reads them (see do_load_demo_other_outcomes).
THEFT_MIX = {"1": 0.04, "8": 0.02, "14": 0.05, "15": 0.08, "16": 0.06, "18": 0.72, "21": 0.03}
OTHER_MIXES = {
    "violent-crime": {"1": 0.07, "3": 0.02, "8": 0.03, "10": 0.02, "14": 0.1, "15": 0.2, "16": 0.4, "18": 0.12,
                      "21": 0.03, "22": 0.01},
    "shoplifting": {"1": 0.2, "3": 0.03, "6": 0.02, "8": 0.08, "15": 0.1, "16": 0.05, "18": 0.5, "21": 0.02},
    "public-order": {"1": 0.08, "3": 0.03, "6": 0.03, "8": 0.05, "15": 0.15, "16": 0.25, "18": 0.3, "21": 0.08,
                     "22": 0.03},
    "possession-of-weapons": {"1": 0.4, "3": 0.1, "8": 0.05, "15": 0.2, "16": 0.05, "18": 0.1, "21": 0.05,
                              "22": 0.05},
    "drugs": {"1": 0.2, "3": 0.05, "7": 0.25, "8": 0.2, "15": 0.15, "20": 0.05, "22": 0.1},
    "other-crime": {"1": 0.1, "3": 0.03, "8": 0.02, "14": 0.05, "15": 0.2, "16": 0.25, "18": 0.25, "20": 0.05,
                    "21": 0.05},
}  # fmt: skip


@transaction.atomic
def do_load_demo_other_outcomes(force: Area, *, seed: int = 20260401, last_month: date | None = None) -> int:
    """Give the demo's other crimes of the police.uk API's 36 months (the only ones it serves) outcome types,
    so that it shows outcomes in every category but drugs; returns how many. Only crimes outside every offence
    group the outcomes pages count (rates.GROUPS: drugs, burglary, serious acquisitive crime), so those pages
    and the seed tables stay exactly as they were; its own random stream, so the burglary outcomes are
    untouched. Months after the seed years keep crimes under investigation as do_load_demo_outcomes does (no
    row: no outcome type yet)."""
    from beatbook.outcomes.rates import GROUPS  # noqa: PLC0415 - rates reads the tables this module fills

    rng = np.random.default_rng(seed)
    last_month = last_month or demo_last_month(timezone.localdate())
    counted = {code for slug in GROUPS for code in offence_groups()[slug].codes}
    crimes = Incident.objects.filter(force=force, kind=Kind.CRIME).exclude(offence_code__in=counted)
    CrimeDetail.objects.filter(incident__in=crimes).delete()
    crimes = crimes.filter(month__gte=add_months(last_month, -(WINDOW_MONTHS - 1)), month__lte=last_month)
    rows = list(crimes.order_by("id").values_list("id", "category", "month"))
    if not rows:
        return 0
    ids = np.array([row[0] for row in rows])
    categories = np.array([row[1] for row in rows])
    open_share = {
        month: under_investigation_share(_months_between(month, last_month)) if month > SEED_LAST_MONTH else 0.0
        for month in {row[2] for row in rows}
    }
    still_open = rng.random(len(rows)) < np.array([open_share[row[2]] for row in rows])
    types = np.empty(len(rows), dtype=object)
    for category in sorted(set(categories.tolist())):
        mix = OTHER_MIXES.get(category, THEFT_MIX)
        mask = categories == category
        types[mask] = rng.choice(list(mix), size=int(mask.sum()), p=list(mix.values()))
    settled = ~still_open
    # Plain tuples through executemany: model instances for some 130,000 rows cost load_demo seconds.
    table, columns = CrimeDetail._meta.db_table, "incident_id, outcome_type, premises, attended, csi_attended"
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {table} ({columns}) VALUES (%s, %s, '', NULL, NULL)",  # noqa: S608 - names from the model
            list(zip(ids[settled].tolist(), types[settled].tolist(), strict=True)),
        )
    return int(settled.sum())
