"""Demo community messaging and watch schemes calibrated to the seed papers.

- 000_* 9.2: Neighbourhood Watch schemes, coordinators and members attached online per area on
  31 March 2023 (North 615 / 547 / 1,895; South 184 / 168 / 844; City 216 / 194 / 348). Schemes are placed
  in the LPU's neighbourhoods at random, the counts spread over them so each area's totals are exact.
  A snapshot a year earlier holds about 12% more schemes, closed by the review of inactive watches (9.2).
- 000_* 10.3: Derbyshire Alert members, messages and Derbyshire Talking surveys by month, December 2021 to
  December 2022, force-wide; May 2022's message count is missing in the source and stays missing.
- Messages sent by category (the force's configured list) per LPU and month: SYNTHETIC (no seed paper gives
  category counts), shared out so each month's categories and areas add up to 10.3's messages exactly;
  May 2022 has no counts, as 10.3 has no message figure for it.
- The recent months (issue 17 item 3), SYNTHETIC: January 2023 to the month before the demo is loaded repeat
  2022's months (May from April and June) with members growing as they did over 2022 and messages and
  surveys by 2% a year, so today's page has data; the seed months stay exactly as 10.3 prints them.
Idempotent: nothing is added when the force already has schemes.
"""

from __future__ import annotations

import random
from datetime import date

from django.utils import timezone

from beatbook.areas.models import Area, Level
from beatbook.community.actions import (
    RegisterEntry,
    do_record_alert_months,
    do_record_message_months,
    do_record_watch_register,
    ensure_defaults,
)
from beatbook.community.models import MessageCategory, SchemeStatus, WatchScheme
from beatbook.crime.periods import months_between
from beatbook.demo.incidents import demo_last_month
from beatbook.lib.apportion import largest_remainder

ON = date(2023, 3, 31)
YEAR_EARLIER = date(2022, 3, 31)
# 000_* 9.2: LPU -> (schemes, coordinators, members attached online); the seed's "Derby South" is the demo's
# South Derbyshire LPU (its configured report_name, under which the report lists it).
NHW_2023 = {
    "Amber Valley": (58, 47, 199),
    "Chesterfield": (106, 96, 373),
    "Derbyshire Dales": (81, 71, 347),
    "High Peak": (81, 69, 176),
    "North East": (289, 264, 800),
    "Erewash": (105, 97, 419),
    "South Derbyshire": (79, 71, 425),
    "Derby North": (93, 88, 93),
    "Derby East": (41, 34, 84),
    "Derby West": (82, 72, 171),
}
# 000_* 10.3: month -> (members, messages, Derbyshire Talking surveys); None = "no data".
ALERT_2022 = {
    "2021-12": (34014, 286, 104), "2022-01": (34411, 378, 271), "2022-02": (34316, 344, 186),
    "2022-03": (34458, 262, 138), "2022-04": (34735, 347, 216), "2022-05": (34478, None, 299),
    "2022-06": (34730, 205, 339), "2022-07": (35207, 320, 371), "2022-08": (35392, 256, 234),
    "2022-09": (35549, 146, 256), "2022-10": (35819, 268, 453), "2022-11": (36003, 574, 365),
    "2022-12": (36503, 525, 522),
}  # fmt: skip
# Synthetic shares of messages by category (the default list's order); any other configured category gets
# the smallest share.
CATEGORY_WEIGHTS = [0.07, 0.24, 0.11, 0.10, 0.15, 0.06, 0.10, 0.17]


def _spread(total: int, parts: int, rng: random.Random) -> list[int]:
    """`total` split into `parts` non-negative whole numbers that add up exactly."""
    cuts = sorted(rng.randint(0, total) for _ in range(parts - 1))
    return [b - a for a, b in zip([0, *cuts], [*cuts, total], strict=True)]


def recent_alert_months(last_month: date, rng: random.Random) -> dict[date, dict[str, int]]:
    """Derbyshire Alert figures from January 2023 to `last_month`: each month as the same month of 2022 (May
    as the mean of April and June, 10.3 having no message figure for it), messages and surveys 2% up a
    year, members growing by 2022's monthly gain (Dec 2021 to Dec 2022), each within ±10%."""
    seed = {int(month[5:]): values for month, values in ALERT_2022.items() if month.startswith("2022")}
    seed[5] = (seed[5][0], (seed[4][1] + seed[6][1]) // 2, seed[5][2])
    gain = (ALERT_2022["2022-12"][0] - ALERT_2022["2021-12"][0]) / 12
    members = ALERT_2022["2022-12"][0]
    figures = {}
    for n, month in enumerate(months_between(date(2023, 1, 1), last_month), start=1):
        _members, messages, surveys = seed[month.month]
        trend = 1.02 ** (n / 12)
        members += round(gain * rng.uniform(0.5, 1.5))
        figures[month] = {
            "members": members,
            "messages": round(messages * trend * rng.uniform(0.9, 1.1)),
            "surveys": round(surveys * trend * rng.uniform(0.9, 1.1)),
        }
    return figures


def do_load_demo_community(force: Area, *, today: date | None = None) -> int:
    """Load the demo for `force` once, its messaging to the month before `today` (default: the day it runs).
    Returns the number of schemes created."""
    ensure_defaults(force)
    if WatchScheme.objects.filter(area__path__startswith=force.path).exists():
        return 0
    rng = random.Random(92)  # noqa: S311 - demo figures, not secrets
    lpus = {a.name: a for a in Area.objects.within(force).filter(level=Level.LPU)}
    now, before = [], []
    for lpu_name, (schemes, coordinators, online) in NHW_2023.items():
        lpu = lpus.get(lpu_name)
        if lpu is None:
            continue
        places = list(Area.objects.within(lpu).filter(level=Level.NEIGHBOURHOOD)) or [lpu]
        # Coordinators: at most one per scheme where there are fewer than schemes, else spread.
        if coordinators <= schemes:
            leads = [1] * coordinators + [0] * (schemes - coordinators)
            rng.shuffle(leads)
        else:
            leads = [1 + n for n in _spread(coordinators - schemes, schemes, rng)]
        closed = round(schemes * 0.12)
        for n, (lead, members) in enumerate(zip(leads, _spread(online, schemes, rng), strict=True)):
            place = rng.choice(places)
            started = date(2005 + rng.randrange(16), rng.randrange(1, 13), 1)
            entry = RegisterEntry(
                place,
                "Neighbourhood Watch",
                f"{place.name} Watch {n + 1}",
                started,
                SchemeStatus.ACTIVE,
                lead,
                None,
                members,
            )
            now.append(entry)
            before.append(entry)
        for n in range(closed):
            place = rng.choice(places)
            gone = RegisterEntry(
                place,
                "Neighbourhood Watch",
                f"{place.name} Watch (closed) {n + 1}",
                date(2010, 1, 1),
                SchemeStatus.ACTIVE,
                1,
                None,
                rng.randrange(0, 4),
            )
            before.append(gone)
            now.append(
                RegisterEntry(**(vars(gone) | {"status": SchemeStatus.CLOSED, "coordinators": 0, "members_online": 0}))
            )
    do_record_watch_register(force=force, on=YEAR_EARLIER, entries=before, acting_user=None)
    do_record_watch_register(force=force, on=ON, entries=now, acting_user=None)
    figures = {
        date(int(month[:4]), int(month[5:]), 1): {"members": members, "messages": messages, "surveys": surveys}
        for month, (members, messages, surveys) in ALERT_2022.items()
    }
    # Its own seed, after the seed months, so those months' figures and counts never move.
    figures |= recent_alert_months(demo_last_month(today or timezone.localdate()), random.Random(20230101))  # noqa: S311
    do_record_alert_months(area=force, figures=figures, acting_user=None)
    _record_message_counts(force, [lpus[name] for name in NHW_2023 if name in lpus], figures, rng)
    return len(now)


def _record_message_counts(force: Area, lpus: list[Area], figures: dict[date, dict], rng: random.Random) -> None:
    """Each month's messages (10.3) shared out by area and category; months with no figure get no counts."""
    categories = list(MessageCategory.objects.filter(force=force).values_list("name", flat=True))
    weights = [
        CATEGORY_WEIGHTS[n] if n < len(CATEGORY_WEIGHTS) else min(CATEGORY_WEIGHTS) for n in range(len(categories))
    ]
    area_weights = [rng.uniform(0.6, 1.4) for _ in lpus]
    counts = {}
    for month, values in figures.items():
        if values["messages"] is None or not lpus:
            continue
        for area, total in zip(lpus, largest_remainder(values["messages"], area_weights), strict=True):
            shares = largest_remainder(total, [w * rng.uniform(0.7, 1.3) for w in weights])
            counts[area, month] = dict(zip(categories, shares, strict=True))
    do_record_message_months(force=force, counts=counts, acting_user=None)
