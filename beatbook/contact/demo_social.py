"""Demo social media export: January 2022 - January 2023 calibrated to 000_* 4.6 and 10.8-10.15, then on.

Exact at the seed's dates (everything else is SYNTHETIC, placed around them):
- 10.10-10.13, accounts in January 2023: Twitter local 9, operations 9, force-wide 9; Facebook local 42,
  force-wide 7; Instagram 4. The demo also holds one LinkedIn account (10.8 reports its activity; 10.10's
  count does not list it). 14 more local accounts (Facebook 10, Twitter 4) report until September 2022 and
  are then merged (10.14).
- 10.8, the main accounts over the six months July - December 2022: Facebook 790 posts and 82,000
  engagements (164k a year), Twitter 730 and 7,600, LinkedIn 32 and 184, Instagram 120 posts, 285 stories,
  reach 540,000 and 16,100 engagements.
- 10.9, the main accounts' followers: 400,000 in January 2023, 320,000 a year before (+25%).
- 10.15, local (Safer Neighbourhood) accounts over February 2022 - January 2023: 8,300 posts, 67,000
  engagements; followers 190,000 in January 2023 against 198,953 a year before (-4.5%).
- 4.6, local accounts' comments and messages in August and September 2022: 9,871 (59,226 a year).

The recent months (issue 17 item 3), SYNTHETIC: February 2023 to the month before the demo is loaded, for
the accounts held in January 2023 (demo_social_recent_rows). Each account's activity runs on at its seed
monthly mean (the main accounts' over 10.8's six months, the others' over the seed year; the local accounts
together at 10.15's year, 8,300 posts and 67,000 engagements), varied by up to 15% either way. Followers
continue the seed year's change: the main accounts' own (+25% a year in all), the local accounts' -4.5% a
year, the others' held to between -0.5% and +2% of January 2023's followers a month. A later import of its
own, with its own generator, so the seed months' figures never move.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date

from beatbook.contact.social import ACTIVITY
from beatbook.crime.periods import months_between
from beatbook.lib.apportion import largest_remainder

MONTHS = [date(2022 + (n // 12), n % 12 + 1, 1) for n in range(13)]  # Jan 2022 - Jan 2023
SIX_MONTHS = [m for m in MONTHS if date(2022, 7, 1) <= m <= date(2022, 12, 1)]
LAST_YEAR = MONTHS[1:]
AUG_SEP = [date(2022, 8, 1), date(2022, 9, 1)]
MERGED_AFTER = date(2022, 9, 1)
# (platform, scope, accounts held in January 2023) - 000_* 10.11-10.13, and the LinkedIn account of 10.8.
HELD = [
    ("Twitter", "local", 9), ("Twitter", "operational", 9), ("Twitter", "force", 9),
    ("Facebook", "local", 42), ("Facebook", "force", 7), ("Instagram", "force", 4), ("LinkedIn", "force", 1),
]  # fmt: skip
MERGED = [("Facebook", 10), ("Twitter", 4)]
# 10.8 over SIX_MONTHS: platform -> {figure: total}; 10.9: followers (Jan 2022, Jan 2023).
MAIN = {
    "Facebook": ({"posts": 790, "engagements": 82000}, (170000, 210000)),
    "Twitter": ({"posts": 730, "engagements": 7600}, (124000, 150000)),
    "LinkedIn": ({"posts": 32, "engagements": 184}, (7000, 10000)),
    "Instagram": ({"posts": 120, "stories": 285, "reach": 540000, "engagements": 16100}, (19000, 30000)),
}
LOCAL_YEAR = {"posts": 8300, "engagements": 67000}  # 10.15, over LAST_YEAR
LOCAL_FOLLOWERS = (198953, 190000)  # 10.15: Jan 2022, Jan 2023 (-4.5%)
LOCAL_COMMENTS_AUG_SEP = 9871  # 4.6
FIELDS = ("posts", "stories", "engagements", "reach", "followers", "comments_and_messages")
RECENT_FROM = date(2023, 2, 1)
RECENT_VARIATION = 0.15  # each recent month's activity within 15% of the account's seed monthly mean
FOLLOWER_CHANGE_BOUNDS = (-0.005, 0.02)  # a month, as shares of January 2023's followers


@dataclass
class DemoAccount:
    platform: str
    handle: str
    scope: str
    area: str
    main: bool
    months: list[date]


def _accounts(lpus: list[str]) -> list[DemoAccount]:
    accounts = []
    for platform, scope, count in HELD:
        for n in range(count):
            main = scope == "force" and n == 0
            handle = f"@demo{platform.lower()}main" if main else f"@demo{platform.lower()}{scope}{n + 1}"
            area = lpus[n % len(lpus)] if scope == "local" and lpus else ""
            accounts.append(DemoAccount(platform, handle, scope, area, main, list(MONTHS)))
    for platform, count in MERGED:
        for n in range(count):
            area = lpus[n % len(lpus)] if lpus else ""
            months = [m for m in MONTHS if m <= MERGED_AFTER]
            accounts.append(
                DemoAccount(platform, f"@demo{platform.lower()}merged{n + 1}", "local", area, False, months)
            )
    return accounts


def _fill(cells: dict, keys: list[tuple[str, date]], field: str, total: int, rng: random.Random) -> None:
    for key, value in zip(keys, largest_remainder(total, [rng.uniform(0.5, 1.5) for _ in keys]), strict=True):
        cells[key][field] = value


def _followers(cells: dict, account: DemoAccount, first: int, last: int | None) -> None:
    for index, month in enumerate(account.months):
        value = first if last is None else round(first + (last - first) * index / 12)
        cells[(account.handle, month)]["followers"] = value


def demo_social_rows(lpus: list[str], rng: random.Random) -> list[dict]:
    """Rows of the social import (one per account and month) for the demo, with the exact figures above."""
    accounts = _accounts(lpus)
    cells: dict[tuple[str, date], dict] = {}
    for a in accounts:
        for month in a.months:
            posts = rng.randrange(5, 60)
            cells[(a.handle, month)] = {
                "posts": posts,
                "stories": rng.randrange(20, 60) if a.platform == "Instagram" else None,
                "engagements": posts * rng.randrange(5, 40),
                "reach": posts * rng.randrange(200, 2000),
                "followers": rng.randrange(500, 20000),
                "comments_and_messages": rng.randrange(0, 300),
            }
    for a in accounts:
        if a.main:
            figures, (before, after) = MAIN[a.platform]
            for field, total in figures.items():
                _fill(cells, [(a.handle, m) for m in SIX_MONTHS], field, total, rng)
            _followers(cells, a, before, after)
    local = [a for a in accounts if a.scope == "local"]
    for field, total in LOCAL_YEAR.items():
        _fill(cells, [(a.handle, m) for a in local for m in a.months if m in LAST_YEAR], field, total, rng)
    _fill(cells, [(a.handle, m) for a in local for m in a.months if m in AUG_SEP], "comments_and_messages",
          LOCAL_COMMENTS_AUG_SEP, rng)  # fmt: skip
    starts = largest_remainder(LOCAL_FOLLOWERS[0], [rng.uniform(0.5, 1.5) for _ in local])
    kept = [(a, start) for a, start in zip(local, starts, strict=True) if a.months[-1] == MONTHS[-1]]
    ends = largest_remainder(LOCAL_FOLLOWERS[1], [start for _, start in kept])
    for (a, start), end in zip(kept, ends, strict=True):
        _followers(cells, a, start, end)
    for a, start in zip(local, starts, strict=True):
        if a.months[-1] != MONTHS[-1]:
            _followers(cells, a, start, None)
    return [
        {"platform": a.platform, "handle": a.handle, "scope": a.scope, "area": a.area, "main": "yes" if a.main else "",
         "month": f"{month:%Y-%m}", **cells[(a.handle, month)]}
        for a in accounts
        for month in a.months
    ]  # fmt: skip


def _mean(values: list[int | None]) -> float | None:
    known = [value for value in values if value is not None]
    return sum(known) / len(known) if known else None


def _follower_slope(first: dict, last: dict) -> float:
    """An account's change in followers a month after January 2023, from its rows for January 2022 (`first`)
    and January 2023 (`last`): the local accounts' together fell 4.5% that year (10.15; each remaining one
    grew, taking on the merged accounts' followers), so each falls at that rate; the others continue their
    own change, held to FOLLOWER_CHANGE_BOUNDS (the seed gives no audience for most, whose followers are
    random)."""
    if last["scope"] == "local":
        return last["followers"] * (LOCAL_FOLLOWERS[1] / LOCAL_FOLLOWERS[0] - 1) / 12
    low, high = (share * last["followers"] for share in FOLLOWER_CHANGE_BOUNDS)
    return min(high, max(low, (last["followers"] - first["followers"]) / 12))


def _held_in_january_2023(seed_rows: list[dict]) -> dict[str, dict[str, dict]]:
    """{handle: {"YYYY-MM": row}} for the accounts with figures in January 2023 (not those merged in 2022)."""
    by_account: dict[str, dict[str, dict]] = {}
    for row in seed_rows:
        by_account.setdefault(row["handle"], {})[row["month"]] = row
    return {handle: rows for handle, rows in by_account.items() if f"{MONTHS[-1]:%Y-%m}" in rows}


def _seed_means(held: dict[str, dict[str, dict]]) -> dict[str, dict[str, float | None]]:
    """{handle: {figure: the seed's monthly mean}}: the main accounts' over 10.8's six months, the others' over
    the seed year, the local accounts' scaled so together they continue 10.15's year (the merged accounts'
    share moving to those that remain)."""
    means = {}
    for handle, rows in held.items():
        months = SIX_MONTHS if rows[f"{MONTHS[-1]:%Y-%m}"]["main"] else LAST_YEAR
        means[handle] = {key: _mean([rows[f"{m:%Y-%m}"][key] for m in months]) for key in ACTIVITY}
    local = [handle for handle, rows in held.items() if rows[f"{MONTHS[-1]:%Y-%m}"]["scope"] == "local"]
    for key, total in LOCAL_YEAR.items():
        share = total / 12 / sum(means[handle][key] for handle in local)
        for handle in local:
            means[handle][key] *= share
    return means


def demo_social_recent_rows(seed_rows: list[dict], last_month: date, rng: random.Random) -> list[dict]:
    """Rows from RECENT_FROM to `last_month` (none when it is earlier) for the accounts `seed_rows` hold in
    January 2023, continuing them as the module docstring says."""
    held = _held_in_january_2023(seed_rows)
    means = _seed_means(held)
    recent = []
    for handle, rows in held.items():
        first, last = rows[f"{MONTHS[0]:%Y-%m}"], rows[f"{MONTHS[-1]:%Y-%m}"]
        slope = _follower_slope(first, last)
        account = {key: last[key] for key in ("platform", "handle", "scope", "area", "main")}
        for n, month in enumerate(months_between(RECENT_FROM, last_month), start=1):
            figures = {
                key: None if mean is None else round(mean * rng.uniform(1 - RECENT_VARIATION, 1 + RECENT_VARIATION))
                for key, mean in means[handle].items()
            }
            followers = max(0, round(last["followers"] + slope * n))
            recent.append(account | {"month": f"{month:%Y-%m}", "followers": followers, **figures})
    return recent


def demo_social_csv(rows: list[dict]) -> str:
    """Rows (demo_social_rows, demo_social_recent_rows) as the social import's CSV."""
    header = ["platform", "handle", "scope", "area", "main", "month", *FIELDS]
    lines = [",".join(header)]
    for row in rows:
        lines.append(",".join("" if row[key] is None else str(row[key]) for key in header))
    return "\n".join(lines) + "\n"
