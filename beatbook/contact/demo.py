"""Demo call handling calibrated to the seed papers, loaded through the real importers.

- 000_* 4.7: 999 calls by financial year 2017-18 to 2021-22 with calls longer than target and abandoned
  calls, and the percentages as printed (2017-18's 1.16% abandoned disagrees with 2,196 of 131,113 = 1.67%;
  the report shows the recomputed value and flags it).
- 000_* 4.8: 999 mean waits for February 2017-2022, August and December 2022 (only those months).
- 000_* 4.13: the share of 101 triage calls answered within 60 seconds in December 2021, March and
  December 2022, as printed (the paper gives no counts).
- 000_* 4.15: monthly mean waits of 101 triage and ControlWorks, Nov 2021 - Dec 2022; November 2022 missing
  8-10 days of data.
- 002_* 8.7 and 8.9: 999, 101 triage and ControlWorks by financial year to October 2023 (counts derived
  from the printed percentages, rounded to the nearest call).
- A month of call-level data (November 2023, synthetic) so medians and percentiles show.
- Home Office 999 data for 43 forces, November 2021 - October 2023: Derbyshire's calls and answering as in
  002_* 8.7; the other forces are SYNTHETIC, placed so Derbyshire ranks 12th of 43 on mean time to answer
  for April to December 2022 (000_* 4.9).
- Social media, January 2022 - January 2023, exact where 000_* 4.6 and 10.8-10.15 give figures
  (beatbook/contact/demo_social.py explains which), then from February 2023 to the month before the demo is
  loaded, SYNTHETIC, continuing each account held in January 2023.
- The recent months (issue 17 item 3), SYNTHETIC: monthly 999 and 101 figures from December 2023 (after the
  call-level month) and Home Office data from November 2023, each to the month before the demo is loaded,
  continuing April-October 2023 (002_* 8.7, 8.9) with the seasons and a gentle trend. They are later
  imports of their own, so every seed period's figures stay as printed.
Idempotent: nothing is loaded when the force already has demo imports.
"""

from __future__ import annotations

import math
import random
from datetime import date, datetime, timedelta

from django.utils import timezone

from beatbook.areas.models import Area, Level
from beatbook.contact.actions import do_import_contact_file
from beatbook.contact.demo_social import demo_social_csv, demo_social_recent_rows, demo_social_rows
from beatbook.contact.models import ContactImport, ImportKind
from beatbook.contact.periods import month_end
from beatbook.crime.periods import months_between
from beatbook.demo.incidents import demo_last_month

SOURCE_2023 = "Demo: PCC Neighbourhood Policing report, February 2023 (000_* 4.7, 4.15)"
SOURCE_2023_NOV = "Demo: PCC Neighbourhood Policing report, November 2023 (002_* 8.7, 8.9)"

# 000_* 4.7: (financial year, calls, longer than target, % longer, abandoned, % abandoned)
NINES_2017_22 = [
    ("2017-18", 131113, 22168, "17", 2196, "1.16"),
    ("2018-19", 138406, 27666, "20", 1003, "0.72"),
    ("2019-20", 152944, 49311, "32", 1392, "0.9"),
    ("2020-21", 138575, 35880, "26", 966, "0.7"),
    ("2021-22", 167358, 42848, "26", 949, "0.56"),
]
# 000_* 4.15: month -> (triage mean wait, ControlWorks mean wait), seconds; None = N/A.
WAITS_101 = {
    "2021-11": (None, 532), "2021-12": (None, 409), "2022-01": (37, 222), "2022-02": (34, 212),
    "2022-03": (37, 292), "2022-04": (39, 328), "2022-05": (49, 375), "2022-06": (81, 475),
    "2022-07": (75, 527), "2022-08": (97, 596), "2022-09": (95, 509), "2022-10": (81, 488),
    "2022-11": (80, 890), "2022-12": (53, 189),
}  # fmt: skip
# 000_* 4.8: 999 mean wait (seconds) in the months the paper gives.
NINES_MEAN_WAIT = {
    "2017-02": 7, "2018-02": 7, "2019-02": 6, "2020-02": 8, "2021-02": 6, "2022-02": 7, "2022-08": 9,
    "2022-12": 6,
}  # fmt: skip
# 000_* 4.13: share of 101 triage calls answered within 60 seconds, as printed (no counts given).
TRIAGE_WITHIN_60 = {"2021-12": "80.81", "2022-03": "76.55", "2022-12": "67.40"}
NOV_2022_GAP = "Not representative: about 8-10 days of data missing (hardware upgrade)"
# 002_* 8.7 and 8.9: line -> [(period, calls, mean ring time s, % within service level, % abandoned)]
TABLES_2023 = {
    "999": [
        ("2019-20", 152944, 10, "64", "0.90"),
        ("2020-21", 138575, 8, "71", "0.70"),
        ("2021-22", 167506, 8, "70", "0.61"),
        ("2022-23", 166288, 7, "88", "0.71"),
        ("2023-04/2023-10", 115687, 6, "91", "0.48"),
    ],
    "101-triage": [
        ("2022-01/2022-03", 54762, 36, "78", "4.11"),
        ("2022-23", 235230, 66, "64", "5.96"),
        ("2023-04/2023-10", 77773, 110, "47", "15.79"),
    ],
    "101-controlworks": [
        ("2019-20", 315625, 237, "30", "23.19"),
        ("2020-21", 285351, 378, "25", "29.10"),
        ("2021-22", 250234, 393, "23", "28.43"),
        ("2022-23", 169699, 366, "31", "20.32"),
        ("2023-04/2023-10", 133543, 251, "37", "17.50"),
    ],
}
FORCES = [
    "Avon and Somerset", "Bedfordshire", "Cambridgeshire", "Cheshire", "City of London", "Cleveland", "Cumbria",
    "Derbyshire", "Devon and Cornwall", "Dorset", "Durham", "Dyfed-Powys", "Essex", "Gloucestershire",
    "Greater Manchester", "Gwent", "Hampshire", "Hertfordshire", "Humberside", "Kent", "Lancashire",
    "Leicestershire", "Lincolnshire", "Merseyside", "Metropolitan Police", "Norfolk", "North Wales",
    "North Yorkshire", "Northamptonshire", "Northumbria", "Nottinghamshire", "South Wales", "South Yorkshire",
    "Staffordshire", "Suffolk", "Surrey", "Sussex", "Thames Valley", "Warwickshire", "West Mercia",
    "West Midlands", "West Yorkshire", "Wiltshire",
]  # fmt: skip
DERBYSHIRE_RANK = 12
RECENT_LINES_FROM, RECENT_HOME_OFFICE_FROM = date(2023, 12, 1), date(2023, 11, 1)
# line -> (calls a month, mean wait s, share within service level, share abandoned, calls' change a year):
# April-October 2023 in 002_* 8.7 and 8.9 (calls a month = 115,687 / 7 and so on).
RECENT_LINES = {
    "999": (115687 / 7, 6.0, 0.91, 0.0048, 1.02),
    "101-triage": (77773 / 7, 110.0, 0.47, 0.1579, 0.98),
    "101-controlworks": (133543 / 7, 251.0, 0.37, 0.1750, 0.98),
}


def _intervals_2023_feb() -> str:
    lines = [
        "line,period,offered,answered_within,abandoned,mean_wait_seconds,reported_within_pct,reported_longer_pct,"
        "reported_abandoned_pct,coverage_note"
    ]
    for year, calls, longer, longer_pct, abandoned, abandoned_pct in NINES_2017_22:
        lines.append(f"999,{year},{calls},{calls - longer},{abandoned},,,{longer_pct},{abandoned_pct},")
    for month, wait in NINES_MEAN_WAIT.items():
        lines.append(f"999,{month},,,,{wait},,,,")
    for month, waits in WAITS_101.items():
        note = NOV_2022_GAP if month == "2022-11" else ""
        for code, wait in zip(("101-triage", "101-controlworks"), waits, strict=True):
            within = TRIAGE_WITHIN_60.get(month, "") if code == "101-triage" else ""
            if wait is not None or within:
                shown = "" if wait is None else wait
                lines.append(f"{code},{month},,,,{shown},{within},,,{note}")
    return "\n".join(lines) + "\n"


def _intervals_2023_nov() -> str:
    lines = [
        "line,period,offered,answered_within,abandoned,mean_wait_seconds,reported_within_pct,reported_abandoned_pct"
    ]
    for code, rows in TABLES_2023.items():
        for period, calls, wait, within_pct, abandoned_pct in rows:
            within = round(calls * int(within_pct) / 100)
            abandoned = round(calls * float(abandoned_pct) / 100)
            lines.append(f"{code},{period},{calls},{within},{abandoned},{wait},{within_pct},{abandoned_pct}")
    return "\n".join(lines) + "\n"


def _calls_sample(rng: random.Random) -> str:
    lines = ["call_id,line,offered_at,outcome,ended_at,wait_seconds"]
    start = datetime(2023, 11, 1)
    for code, count, typical, abandon in (
        ("999", 1200, 6, 0.005),
        ("101-triage", 500, 90, 0.12),
        ("101-controlworks", 400, 250, 0.18),
    ):
        for n in range(count):
            offered = start + timedelta(seconds=rng.randrange(30 * 86400))
            wait = int(rng.expovariate(1 / typical))
            outcome = "abandoned" if rng.random() < abandon else "answered"
            ended = offered + timedelta(seconds=wait)
            lines.append(
                f"{code}-{n:05d},{code},{offered:%Y-%m-%dT%H:%M:%S}+00:00,{outcome},"
                f"{ended:%Y-%m-%dT%H:%M:%S}+00:00,{wait}"
            )
    return "\n".join(lines) + "\n"


def _months(first: date, count: int) -> list[date]:
    return [date(first.year + (first.month - 1 + n) // 12, (first.month - 1 + n) % 12 + 1, 1) for n in range(count)]


def _seasons(month: date) -> float:
    """Busier in summer (peak July) by 8% either side; April-October averages 1.05."""
    return 1 + 0.08 * math.cos((month.month - 7) / 12 * 2 * math.pi)


def _recent_calls(code: str, month: date) -> int:
    """A line's calls in a month after the seed periods: its April-October 2023 rate, with the seasons and
    its yearly change from mid-2023."""
    per_month, _wait, _within, _abandoned, change = RECENT_LINES[code]
    april_to_october = sum(_seasons(date(2023, m, 1)) for m in range(4, 11)) / 7
    years = (month.year - 2023) + (month.month - 7) / 12
    return round(per_month / april_to_october * _seasons(month) * change**years)


def _intervals_recent(rng: random.Random, last_month: date) -> str:
    """Monthly aggregates for each line from December 2023 to `last_month` (empty when it is earlier), and
    once March 2024 is in, the whole of 2023-24 (see _year_2023_24)."""
    lines = ["line,period,offered,answered_within,abandoned,mean_wait_seconds"]
    recent: dict[str, list[tuple[int, int, int, float]]] = {code: [] for code in RECENT_LINES}
    for month in months_between(RECENT_LINES_FROM, last_month):
        for code, (_calls, wait, within, abandoned, _change) in RECENT_LINES.items():
            offered = _recent_calls(code, month)
            busy = _seasons(month) - 1  # waits and abandonment rise a little in busy months
            answered_within = round(offered * min(0.99, within * (1 - busy) + rng.uniform(-0.02, 0.02)))
            lost = round(offered * abandoned * (1 + 2 * busy) * rng.uniform(0.9, 1.1))
            mean_wait = round(wait * (1 + 2 * busy) * rng.uniform(0.9, 1.1), 1)
            lines.append(f"{code},{month:%Y-%m},{offered},{answered_within},{lost},{mean_wait}")
            if month <= date(2024, 3, 1):
                recent[code].append((offered, answered_within, lost, mean_wait))
    if last_month >= date(2024, 3, 1):
        lines += [_year_2023_24(code, figures) for code, figures in recent.items()]
    return "\n".join(lines) + "\n"


def _year_2023_24(code: str, december_to_march: list[tuple[int, int, int, float]]) -> str:
    """The whole financial year 2023-24 for a line, so its year row counts twelve months: April-October as
    002_* 8.7 and 8.9 print them, November at the line's recent rate (that month is the call-level sample),
    and December-March as recorded. A CSV line (offered, within, abandoned, calls-weighted mean wait)."""
    period = next(row for row in TABLES_2023[code] if row[0] == "2023-04/2023-10")
    _period, calls, wait, within_pct, abandoned_pct = period
    november = _recent_calls(code, date(2023, 11, 1))
    _per_month, typical_wait, within, abandoned, _change = RECENT_LINES[code]
    parts = [
        (calls, round(calls * int(within_pct) / 100), round(calls * float(abandoned_pct) / 100), float(wait)),
        (november, round(november * within), round(november * abandoned), typical_wait),
        *december_to_march,
    ]
    offered = sum(part[0] for part in parts)
    mean_wait = round(sum(part[0] * part[3] for part in parts) / offered, 1)
    return f"{code},2023-24,{offered},{sum(p[1] for p in parts)},{sum(p[2] for p in parts)},{mean_wait}"


def _force_bases(rng: random.Random) -> dict[str, float]:
    """The other forces' typical mean time to answer (s): 11 faster than Derbyshire's ~7 s, the other 31
    slower, so Derbyshire ranks 12th of 43."""
    others = [name for name in FORCES if name != "Derbyshire"]
    rng.shuffle(others)
    return {name: (3.5 + 2.5 * i / 10 if i < DERBYSHIRE_RANK - 1 else 8.6 + 0.4 * i) for i, name in enumerate(others)}


def _home_office(rng: random.Random, months: list[date], bases: dict[str, float]) -> str:
    lines = ["month,force,total_calls,mean_answer_seconds,under_10_pct,from_10_to_60_pct,over_60_pct"]
    derbyshire_calls = {2021: 167506 // 12, 2022: 166288 // 12, 2023: 115687 // 7}  # by financial year
    for month in months:
        key = f"{month:%Y-%m}"
        for name in FORCES:
            if name == "Derbyshire" and month >= RECENT_HOME_OFFICE_FROM:
                calls, wait, under = _recent_calls("999", month), round(6 + rng.uniform(-0.5, 0.5), 1), 91
            elif name == "Derbyshire":
                calls = derbyshire_calls[month.year if month.month >= 4 else month.year - 1]
                wait = NINES_MEAN_WAIT.get(key, 7)  # 000_* 4.8 where it gives the month
                under = 91 if month >= date(2023, 4, 1) else (88 if month >= date(2022, 4, 1) else 70)
            else:
                calls = rng.randrange(6000, 40000)
                wait = round(bases[name] + rng.uniform(-0.4, 0.4), 1)
                under = round(max(40.0, min(97.0, 100 - 3.2 * wait)), 1)
            middle = round((100 - under) * 0.8, 1)
            lines.append(f"{key},{name},{calls},{wait},{under},{middle},{round(100 - under - middle, 1)}")
    return "\n".join(lines) + "\n"


def _social(force: Area, rng: random.Random) -> list[dict]:
    lpus = list(Area.objects.within(force).filter(level=Level.LPU).values_list("name", flat=True))
    return demo_social_rows(lpus, rng)


def do_load_demo_contact(force: Area, *, today: date | None = None) -> int:
    """Load the demo imports for `force` (once), the recent months to the one before `today` (default: the
    day it runs). Returns the number of files imported."""
    if ContactImport.objects.filter(force=force, source_name__startswith="Demo").exists():
        return 0
    rng = random.Random(999)  # noqa: S311 - demo figures, not secrets
    calls = _calls_sample(rng)
    bases = _force_bases(rng)
    home_office = _home_office(rng, _months(date(2021, 11, 1), 24), bases)
    social = _social(force, rng)  # drawn after the Home Office figures, as before: the same draws, same figures
    files = [
        (ImportKind.INTERVALS, _intervals_2023_feb(), SOURCE_2023, date(2023, 2, 1)),
        (ImportKind.INTERVALS, _intervals_2023_nov(), SOURCE_2023_NOV, date(2023, 11, 1)),
        (ImportKind.CALLS, calls, "Demo: synthetic call-level sample, November 2023", date(2023, 12, 1)),
        (
            ImportKind.HOME_OFFICE,
            home_office,
            "Demo: Home Office 999 data (other forces synthetic)",
            date(2023, 11, 15),
        ),
        (
            ImportKind.SOCIAL,
            demo_social_csv(social),
            "Demo: social media export, January 2022 - January 2023 (000_* 4.6, 10.8-10.15)",
            date(2023, 1, 31),
        ),
    ]
    last_month = demo_last_month(today or timezone.localdate())
    recent = random.Random(20231201)  # noqa: S311 - its own seed, so the seed-period figures never move
    files.append(
        (
            ImportKind.SOCIAL,
            demo_social_csv(demo_social_recent_rows(social, last_month, random.Random(20230201))),  # noqa: S311
            f"Demo: social media export, February 2023 - {last_month:%B %Y} (synthetic)",
            month_end(last_month),
        )
    )
    if last_month >= RECENT_LINES_FROM:
        as_at = month_end(last_month)
        files += [
            (
                ImportKind.INTERVALS,
                _intervals_recent(recent, last_month),
                "Demo: monthly call handling from December 2023 (synthetic)",
                as_at,
            ),
            (
                ImportKind.HOME_OFFICE,
                _home_office(recent, list(months_between(RECENT_HOME_OFFICE_FROM, last_month)), bases),
                "Demo: Home Office 999 data, recent months (synthetic)",
                as_at,
            ),
        ]
    for kind, text, source, as_at in files:
        do_import_contact_file(force=force, kind=kind, text=text, source_name=source, as_at=as_at, acting_user=None)
    return len(files)
