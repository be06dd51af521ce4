"""Derbyshire's stop and search for the five years to August 2023, calibrated to 002_* 6.21, then continued
to the month before the demo is loaded.

Each year ending August has exactly the paper's total, count per reporting category and positive outcome
rate (to the whole percent); months, legislation, outcomes, ethnicity and places are invented but plausible.
From September 2023 each month repeats its month of the year to August 2023 (the mix of objects, the
positive outcome rate) moved by the trend of the last two seed years, held to ±4% a year.
Searches are placed at map points the force's demo crimes use, so areas below the force can show them.
Rows are written with bulk_create: the seed years' 9,663 rows in about 2 s, about 16,000 to mid-2026 in 3.5 s.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import numpy as np
from django.db import transaction
from django.utils import timezone

from beatbook.areas.models import Area
from beatbook.counts.refresh import bump_data_version
from beatbook.crime.models import Incident, StopSearch
from beatbook.crime.periods import add_months, months_between
from beatbook.demo.incidents import demo_last_month
from beatbook.stopsearch.models import ScrutinyPanel

LAST_MONTH = datetime(2023, 8, 1).date()
# 002_* 6.21, years ending August 2023, 2022, 2021, 2020, 2019 (newest first, as printed).
TOTALS = [2198, 1781, 2265, 1868, 1551]
BY_OBJECT = {
    # (object of search as recorded, legislation): counts
    ("Controlled drugs", "Misuse of Drugs Act 1971 (section 23)"): [1209, 918, 1392, 1222, 985],
    ("Bladed article", "Police and Criminal Evidence Act 1984 (section 1)"): [328, 328, 235, 159, 167],
    ("Article for use in theft", "Police and Criminal Evidence Act 1984 (section 1)"): [152, 141, 191, 160, 131],
    ("Going equipped", "Police and Criminal Evidence Act 1984 (section 1)"): [155, 92, 119, 86, 68],
    ("Offensive weapons", "Police and Criminal Evidence Act 1984 (section 1)"): [131, 117, 106, 69, 49],
    ("Stolen goods", "Police and Criminal Evidence Act 1984 (section 1)"): [61, 56, 61, 59, 65],
    ("Firearms", "Firearms Act 1968 (section 47)"): [42, 37, 57, 20, 16],
    ("Articles for use in criminal damage", "Police and Criminal Evidence Act 1984 (section 1)"): [60, 46, 52, 47, 35],
    ("Anything to threaten or harm anyone", "Criminal Justice and Public Order Act 1994 (section 60)"): [
        40,
        30,
        35,
        30,
        23,
    ],
    ("Fireworks", "Police and Criminal Evidence Act 1984 (section 1)"): [20, 16, 17, 16, 12],
}
POSITIVE_RATE = [0.32, 0.33, 0.32, 0.36, 0.37]
POSITIVE_OUTCOMES = (
    [
        "Arrest",
        "Community resolution",
        "Khat or Cannabis warning",
        "Summons / charged by post",
        "Caution (simple or conditional)",
        "Penalty Notice for Disorder",
    ],
    [0.5, 0.25, 0.12, 0.06, 0.04, 0.03],
)
ETHNICITIES = (
    [
        "White - English/Welsh/Scottish/Northern Irish/British",
        "White - Any other White background",
        "Black/African/Caribbean/Black British - Caribbean",
        "Black/African/Caribbean/Black British - African",
        "Asian/Asian British - Pakistani",
        "Asian/Asian British - Any other Asian background",
        "Mixed/Multiple ethnic groups - White and Black Caribbean",
        "Other ethnic group - Any other ethnic group",
        "Other ethnic group - Not stated",
    ],
    [0.74, 0.04, 0.03, 0.02, 0.05, 0.02, 0.03, 0.01, 0.06],
)


def _year_rows(rng: np.random.Generator, index: int, points: list[tuple[float, float]]) -> list[StopSearch]:
    last = add_months(LAST_MONTH, -12 * index)
    months = list(months_between(add_months(last, -11), last))
    plan = [(obj, law) for (obj, law), counts in BY_OBJECT.items() for _ in range(counts[index])]
    assert len(plan) == TOTALS[index], "002_* 6.21's categories add up to its total"
    positive = set(rng.choice(len(plan), size=round(POSITIVE_RATE[index] * len(plan)), replace=False).tolist())
    return [
        _row(rng, months[int(rng.integers(12))], obj, law, number in positive, points, f"demo-{index}-{number}")
        for number, (obj, law) in enumerate(plan)
    ]


def _later_rows(
    rng: np.random.Generator, seed_months: dict[int, int], last_month: date, points: list[tuple[float, float]]
) -> list[StopSearch]:
    """Rows for September 2023 to `last_month`: `seed_months` is the count per month of the year in the year
    to August 2023; objects and outcomes are drawn in that year's proportions."""
    trend = min(max(TOTALS[0] / TOTALS[1], 0.96), 1.04)
    objects = list(BY_OBJECT)
    weights = np.array([counts[0] for counts in BY_OBJECT.values()], dtype=float)
    weights /= weights.sum()
    rows = []
    for month in months_between(add_months(LAST_MONTH, 1), last_month):
        years = (month.year * 12 + month.month - LAST_MONTH.year * 12 - LAST_MONTH.month) / 12
        for number in range(round(seed_months[month.month] * trend**years)):
            obj, law = objects[int(rng.choice(len(objects), p=weights))]
            good = rng.random() < POSITIVE_RATE[0]
            rows.append(_row(rng, month, obj, law, good, points, f"demo-{month:%Y%m}-{number}"))
    return rows


def _row(
    rng: np.random.Generator,
    month: date,
    obj: str,
    law: str,
    good: bool,
    points: list[tuple[float, float]],
    fingerprint: str,
) -> StopSearch:
    day, hour = int(rng.integers(1, 28)), int(rng.choice(24, p=_HOURS))
    outcome = str(rng.choice(POSITIVE_OUTCOMES[0], p=POSITIVE_OUTCOMES[1])) if good else "A no further action disposal"
    lon, lat = points[int(rng.integers(len(points)))] if points else (None, None)
    return StopSearch(
        force_id=0,
        month=month,
        searched_at=datetime(month.year, month.month, day, hour, int(rng.integers(60)), tzinfo=UTC),
        search_type=str(rng.choice(["Person search", "Person and Vehicle search"], p=[0.8, 0.2])),
        gender=str(rng.choice(["Male", "Female"], p=[0.88, 0.12])),
        age_range=str(rng.choice(["10-17", "18-24", "25-34", "over 34"], p=[0.15, 0.35, 0.3, 0.2])),
        self_defined_ethnicity=str(rng.choice(ETHNICITIES[0], p=ETHNICITIES[1])),
        legislation=law,
        object_of_search=obj,
        outcome=outcome,
        outcome_linked_to_object=("True" if rng.random() < 0.8 else "False") if good else "",
        longitude=lon,
        latitude=lat,
        fingerprint=fingerprint,
    )


_HOURS = np.array([3, 2, 2, 1, 1, 1, 1, 2, 3, 4, 5, 5, 5, 5, 6, 7, 7, 7, 7, 7, 6, 6, 5, 4], dtype=float)
_HOURS /= _HOURS.sum()


@transaction.atomic
def do_load_demo_stop_search(force: Area, *, seed: int = 20230831, today: date | None = None) -> int:
    """Replace the force's stop-and-search rows with the demo's, to the month before `today` (default: the
    day it is loaded); returns the number written."""
    rng = np.random.default_rng(seed)
    # Every crime point the force has (sorted, so the seed gives the same demo), for searches across the force.
    points = sorted(
        Incident.objects.filter(force=force, longitude__isnull=False)
        .order_by()
        .values_list("longitude", "latitude")
        .distinct()
    )
    StopSearch.objects.filter(force=force).delete()
    rows = [row for index in range(len(TOTALS)) for row in _year_rows(rng, index, points)]
    seed_months = dict.fromkeys(range(1, 13), 0)
    for row in rows[: TOTALS[0]]:
        seed_months[row.month.month] += 1
    last_month = demo_last_month(today or timezone.localdate())
    rows += _later_rows(np.random.default_rng(seed + 1), seed_months, last_month, points)
    for row in rows:
        row.force_id = force.pk
    StopSearch.objects.bulk_create(rows, batch_size=2000)
    bump_data_version()  # the stop-and-search page's tables are cached by data version, as an import's are
    _panels(force, last_month)
    return len(rows)


def _panels(force: Area, last_month: date) -> None:
    """Three monthly external scrutiny panels (002_* 6.20), each reviewing searches with body-worn video, then
    one a month to `last_month` (on its second Wednesday) whose findings repeat theirs in turn."""
    ScrutinyPanel.objects.filter(force=force).delete()
    seed = _seed_panels()
    later = []
    for number, month in enumerate(months_between(add_months(LAST_MONTH, 1), last_month)):
        held_on = month + timedelta(days=(2 - month.weekday()) % 7 + 7)
        later.append((held_on, *seed[number % len(seed)][1:]))
    ScrutinyPanel.objects.bulk_create(
        [
            ScrutinyPanel(
                force=force,
                held_on=held_on,
                panel="External scrutiny panel (IAG and OPCC)",
                search_references=[f"SS-{held_on:%y%m}-{n:03d}" for n in range(1, 11)],
                body_worn_video_reviewed=bwv,
                findings=findings,
                actions=actions,
            )
            for held_on, bwv, findings, actions in [*seed, *later]
        ]
    )


def _seed_panels() -> list[tuple[date, int, str, str]]:
    """The panels of June to August 2023: (held on, videos reviewed, findings, actions)."""
    return [
        (
            datetime(2023, 6, 14).date(),
            8,
            "Grounds well recorded in 9 of 10; one search of a young person lacked an explanation of the power used.",
            "Feedback to the officer; youth panel to see the video.",
        ),
        (
            datetime(2023, 7, 12).date(),
            10,
            "Good de-escalation seen on video; two records did not give the officer's station.",
            "Reminder to all response teams on GOWISELY.",
        ),
        (
            datetime(2023, 8, 9).date(),
            9,
            "All grounds reasonable; one record's outcome not linked to the object of search questioned.",
            "Supervisor review of outcome-linked recording.",
        ),
    ]
