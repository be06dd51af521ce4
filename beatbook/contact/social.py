"""Social media reports, in the shapes of 000_* 4.6 and 10.8-10.18.

All figures come from the monthly rows of the social media management tool's export (`SocialMonth`):
- accounts held: the accounts with figures in the last month of the chosen range (10.10-10.13 count the
  accounts "in January 2023"); by platform and scope, and by owning area;
- activity over the range: posts, stories, engagements, reach, comments and messages, with a "per year"
  figure scaled from the range's months (12 / months: 10.8 gives six months and "pa" side by side);
- audience: followers at the end of the range's last month against 12 months earlier (10.9 and 10.15 give
  the audience "as of January 2023" and its change on the previous year).
The main accounts (`SocialAccount.is_main`) are reported apart, as 10.8-10.9 do. Blank, not 0, where no
account reported a figure. A table whose months have no figures at all has no rows (not rows of blanks built
from the year before) and its caption says so and which months have figures (`SocialFigures.gap`), on the page
and in its twins alike.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from django.db.models import Max, Min

from beatbook.areas.models import Area
from beatbook.contact.models import AccountScope, SocialAccount, SocialMonth
from beatbook.web.tables import Column, Table

ACTIVITY = ("posts", "stories", "engagements", "reach", "comments_and_messages")
TOP_ACCOUNTS = 10


def _month_count(first: date, last: date) -> int:
    return (last.year - first.year) * 12 + last.month - first.month + 1


def _year_before(last: date) -> date:
    return date(last.year - 1, last.month, 1)


def _add(total: int | None, value: int | None) -> int | None:
    return value if total is None else total + (value or 0)


def _per_year(value: int | None, months: int) -> int | None:
    return None if value is None else round(value * 12 / months)


def _change_pct(now: int | None, then: int | None) -> float | None:
    return None if not now or not then else round(100 * (now - then) / then, 1)


def months_text(first: date, last: date) -> str:
    """ "January 2023" for one month, "April 2025 to March 2026" for several."""
    if (first.year, first.month) == (last.year, last.month):
        return f"{first:%B %Y}"
    return f"{first:%B %Y} to {last:%B %Y}"


class SocialFigures:
    """The force's accounts and their monthly rows over [first, last] and 12 months before `last`."""

    def __init__(self, force: Area, first: date, last: date):
        self.first, self.last, self.months = first, last, _month_count(first, last)
        self.last_month, self.earlier = date(last.year, last.month, 1), _year_before(last)
        rows = SocialMonth.objects.filter(account__force=force).select_related("account__area")
        self.in_range = list(rows.filter(month__gte=first, month__lte=last))
        self.at_end = {r.account_id: r for r in self.in_range if r.month == self.last_month}
        self.year_earlier = {r.account_id: r for r in rows.filter(month=self.earlier)}
        span = rows.aggregate(first=Min("month"), last=Max("month"))
        self.held_from, self.held_to = span["first"], span["last"]  # every month the force has figures for

    def gap(self, *, at_end: bool = False) -> str:
        """What a table is missing: "No social media figures for <the range>; figures exist for <months>" when
        the range has none (or, `at_end`, for a table read at the range's last month, when that month has
        none); "" when it has figures."""
        if self.in_range and (self.at_end or not at_end):
            return ""
        wanted = months_text(self.first, self.last) if not self.in_range else months_text(self.last, self.last)
        held = (
            f"figures exist for {months_text(self.held_from, self.held_to)}"
            if self.held_from
            else "none have been imported"
        )
        return f"No social media figures for {wanted}; {held}"

    def activity(self, accounts: set[int] | None = None) -> dict[str, int | None]:
        """Sums of ACTIVITY over the range for `accounts` (all when None)."""
        total: dict[str, int | None] = dict.fromkeys(ACTIVITY)
        for row in self.in_range:
            if accounts is None or row.account_id in accounts:
                for key in ACTIVITY:
                    if getattr(row, key) is not None:
                        total[key] = _add(total[key], getattr(row, key))
        return total

    def followers(self, months: dict[int, SocialMonth], accounts: set[int] | None = None) -> int | None:
        values = [r.followers for pk, r in months.items() if (accounts is None or pk in accounts) and r.followers]
        return sum(values) if values else None

    def held(self) -> list[SocialAccount]:
        """Accounts with figures in the range's last month."""
        return sorted((r.account for r in self.at_end.values()), key=lambda a: (a.platform, a.handle))

    def ever(self, *, year_earlier: bool = False) -> dict[int, SocialAccount]:
        """{pk: account} with figures in the range (and, with year_earlier, 12 months before its end)."""
        rows = self.in_range + (list(self.year_earlier.values()) if year_earlier else [])
        return {r.account_id: r.account for r in rows}


def _scope_label(scope: str) -> str:
    return AccountScope(scope).label


def _saying_what_is_missing(table: Table, gap: str) -> Table:
    """`table` as it is when its months have figures; otherwise with no rows and `gap` in its caption (which
    the page and the JSON twin both show)."""
    if gap:
        table.rows, table.caption = [], f"{table.caption}. {gap}."
    return table


def social_accounts(data: SocialFigures) -> Table:
    """Accounts held at the range's last month by platform and scope, with their posts and engagements
    over the range and their followers at the end."""
    groups: dict[tuple[str, str], set[int]] = defaultdict(set)
    for account in data.held():
        groups[(account.platform, account.scope)].add(account.pk)
    rows = []
    for (platform, scope), accounts in sorted(groups.items()):
        activity = data.activity(accounts)
        rows.append(
            {
                "platform": platform,
                "scope": _scope_label(scope),
                "accounts": len(accounts),
                "posts": activity["posts"],
                "engagements": activity["engagements"],
                "followers": data.followers(data.at_end, accounts),
            }
        )
    table = Table(
        "social-media-accounts",
        f"Social media accounts held in {data.last_month:%B %Y}, with posts and engagements "
        f"{data.first:%b %Y} - {data.last:%b %Y}",
        [
            Column("platform", "Platform"),
            Column("scope", "Scope"),
            Column("accounts", "Accounts", numeric=True),
            Column("posts", "Posts", numeric=True),
            Column("engagements", "Engagements", numeric=True),
            Column("followers", f"Followers at {data.last_month:%b %Y}", numeric=True),
        ],
        rows,
    )
    return _saying_what_is_missing(table, data.gap(at_end=True))


def social_accounts_by_platform(data: SocialFigures) -> Table:
    """000_* 10.10-10.13: accounts held at the range's last month, a row per platform and a column per
    scope (local policing, operations department, force-wide), then the total."""
    counts: dict[str, dict[str, int]] = defaultdict(lambda: dict.fromkeys(AccountScope.values, 0))
    for account in data.held():
        counts[account.platform][account.scope] += 1
    rows = [{"platform": p, **c, "total": sum(c.values())} for p, c in sorted(counts.items())]
    if rows:
        rows.append({"platform": "Total", **{s: sum(r[s] for r in rows) for s in [*AccountScope.values, "total"]}})
    table = Table(
        "social-media-accounts-by-platform",
        f"Social media accounts by platform and type, {data.last_month:%B %Y}",
        [
            Column("platform", "Platform"),
            *(Column(scope, label, numeric=True) for scope, label in AccountScope.choices),
            Column("total", "Total", numeric=True),
        ],
        rows,
    )
    return _saying_what_is_missing(table, data.gap(at_end=True))


def _activity_columns() -> list[Column]:
    return [
        Column("posts", "Posts", numeric=True),
        Column("posts_per_year", "Posts per year", numeric=True),
        Column("stories", "Stories", numeric=True),
        Column("engagements", "Engagements", numeric=True),
        Column("engagements_per_year", "Engagements per year", numeric=True),
        Column("reach", "Reach", numeric=True),
    ]


def _activity_row(activity: dict[str, int | None], months: int) -> dict:
    return {
        "posts": activity["posts"],
        "posts_per_year": _per_year(activity["posts"], months),
        "stories": activity["stories"],
        "engagements": activity["engagements"],
        "engagements_per_year": _per_year(activity["engagements"], months),
        "reach": activity["reach"],
    }


def social_main_accounts(data: SocialFigures) -> Table:
    """000_* 10.8: each main account's posts, stories, engagements and reach over the range, with posts
    and engagements scaled to a year (x 12 / the range's months)."""
    main = sorted((a for a in data.ever().values() if a.is_main), key=lambda a: (a.platform, a.handle))
    rows = [
        {"platform": a.platform, "handle": a.handle} | _activity_row(data.activity({a.pk}), data.months) for a in main
    ]
    table = Table(
        "social-media-main-accounts",
        f"Main accounts' activity, {data.first:%b %Y} - {data.last:%b %Y} ({data.months} months; per year = x 12 / "
        f"{data.months})",
        [Column("platform", "Platform"), Column("handle", "Account"), *_activity_columns()],
        rows,
    )
    return _saying_what_is_missing(table, data.gap())


def _audience_row(data: SocialFigures, accounts: set[int]) -> dict:
    now = data.followers(data.at_end, accounts)
    then = data.followers(data.year_earlier, accounts)
    return {"followers": now, "followers_year_earlier": then, "change_pct": _change_pct(now, then)}


def _audience_columns(data: SocialFigures) -> list[Column]:
    return [
        Column("followers", f"Followers at {data.last_month:%b %Y}", numeric=True),
        Column("followers_year_earlier", f"Followers at {data.earlier:%b %Y}", numeric=True),
        Column("change_pct", "% change on the year", numeric=True, change=True),
    ]


def social_audience(data: SocialFigures) -> Table:
    """000_* 10.9: the main accounts' followers at the range's last month against 12 months earlier, per
    account and in total."""
    main = {pk: a for pk, a in data.ever(year_earlier=True).items() if a.is_main}
    rows = [
        {"platform": a.platform, "handle": a.handle} | _audience_row(data, {pk})
        for pk, a in sorted(main.items(), key=lambda item: (item[1].platform, item[1].handle))
    ]
    if rows:
        rows.append({"platform": "Total", "handle": ""} | _audience_row(data, set(main)))
    table = Table(
        "social-media-audience",
        f"Audience of the main accounts at {data.last_month:%B %Y} and a year earlier",
        [Column("platform", "Platform"), Column("handle", "Account"), *_audience_columns(data)],
        rows,
    )
    return _saying_what_is_missing(table, data.gap(at_end=True))


def social_by_scope(data: SocialFigures) -> Table:
    """000_* 10.15 and 4.6: per scope, accounts held at the end, posts, engagements and comments and
    messages over the range (each also per year), and followers at the end against a year earlier (the
    accounts then, including any merged since)."""
    every = data.ever(year_earlier=True)
    rows = []
    for scope, label in AccountScope.choices:
        accounts = {pk for pk, a in every.items() if a.scope == scope}
        if not accounts:
            continue
        activity = data.activity(accounts)
        rows.append(
            {
                "scope": label,
                "accounts": sum(1 for pk in accounts if pk in data.at_end),
                "posts": activity["posts"],
                "posts_per_year": _per_year(activity["posts"], data.months),
                "engagements": activity["engagements"],
                "engagements_per_year": _per_year(activity["engagements"], data.months),
                "comments_and_messages": activity["comments_and_messages"],
                "comments_per_year": _per_year(activity["comments_and_messages"], data.months),
            }
            | _audience_row(data, accounts)
        )
    table = Table(
        "social-media-by-scope",
        f"Social media by type of account, {data.first:%b %Y} - {data.last:%b %Y} ({data.months} months)",
        [
            Column("scope", "Type of account"),
            Column("accounts", f"Accounts at {data.last_month:%b %Y}", numeric=True),
            Column("posts", "Posts", numeric=True),
            Column("posts_per_year", "Posts per year", numeric=True),
            Column("engagements", "Engagements", numeric=True),
            Column("engagements_per_year", "Engagements per year", numeric=True),
            Column("comments_and_messages", "Comments and messages", numeric=True),
            Column("comments_per_year", "Comments and messages per year", numeric=True),
            *_audience_columns(data),
        ],
        rows,
    )
    return _saying_what_is_missing(table, data.gap())


def social_by_area(data: SocialFigures) -> Table:
    """Accounts owned by an area (local policing), by the area's reporting name: accounts held at the end,
    posts, engagements, comments and messages over the range, followers at the end."""
    by_area: dict[str, set[int]] = defaultdict(set)
    for pk, account in data.ever().items():
        if account.area is not None:
            by_area[account.area.reporting_name].add(pk)
    rows = []
    for name, accounts in sorted(by_area.items()):
        activity = data.activity(accounts)
        rows.append(
            {
                "area": name,
                "accounts": sum(1 for pk in accounts if pk in data.at_end),
                "posts": activity["posts"],
                "engagements": activity["engagements"],
                "comments_and_messages": activity["comments_and_messages"],
                "followers": data.followers(data.at_end, accounts),
            }
        )
    table = Table(
        "social-media-by-area",
        f"Area accounts, {data.first:%b %Y} - {data.last:%b %Y}",
        [
            Column("area", "Area"),
            Column("accounts", f"Accounts at {data.last_month:%b %Y}", numeric=True),
            Column("posts", "Posts", numeric=True),
            Column("engagements", "Engagements", numeric=True),
            Column("comments_and_messages", "Comments and messages", numeric=True),
            Column("followers", f"Followers at {data.last_month:%b %Y}", numeric=True),
        ],
        rows,
    )
    return _saying_what_is_missing(table, data.gap())


def social_top_accounts(data: SocialFigures) -> Table:
    """The TOP_ACCOUNTS accounts with the most engagements over the range (ties by handle)."""
    rows = []
    for pk, account in data.ever().items():
        activity = data.activity({pk})
        rows.append(
            {
                "handle": account.handle,
                "platform": account.platform,
                "scope": _scope_label(account.scope),
                "area": account.area.reporting_name if account.area else "",
                "posts": activity["posts"],
                "engagements": activity["engagements"],
                "followers": data.followers(data.at_end, {pk}),
            }
        )
    rows.sort(key=lambda r: (-(r["engagements"] or 0), r["handle"]))
    table = Table(
        "social-media-top-accounts",
        f"The {TOP_ACCOUNTS} accounts with the most engagements, {data.first:%b %Y} - {data.last:%b %Y}",
        [
            Column("handle", "Account"),
            Column("platform", "Platform"),
            Column("scope", "Type"),
            Column("area", "Area"),
            Column("posts", "Posts", numeric=True),
            Column("engagements", "Engagements", numeric=True),
            Column("followers", f"Followers at {data.last_month:%b %Y}", numeric=True),
        ],
        rows[:TOP_ACCOUNTS],
    )
    return _saying_what_is_missing(table, data.gap())


def social_by_month(data: SocialFigures) -> Table:
    """Posts, stories, engagements, reach, followers (at month end) and comments and messages per platform
    and month: sums over the platform's accounts; blank where no account reported the figure."""
    totals: dict[tuple[date, str], dict[str, int | None]] = defaultdict(lambda: dict.fromkeys([*ACTIVITY, "followers"]))
    for row in data.in_range:
        total = totals[(row.month, row.account.platform)]
        for key in [*ACTIVITY, "followers"]:
            if getattr(row, key) is not None:
                total[key] = _add(total[key], getattr(row, key))
    table = Table(
        "social-media-by-month",
        f"Social media activity by month, {data.first:%b %Y} - {data.last:%b %Y}",
        [
            Column("month", "Month"),
            Column("platform", "Platform"),
            Column("posts", "Posts", numeric=True),
            Column("stories", "Stories", numeric=True),
            Column("engagements", "Engagements", numeric=True),
            Column("reach", "Reach", numeric=True),
            Column("followers", "Followers", numeric=True),
            Column("comments_and_messages", "Comments and messages", numeric=True),
        ],
        [{"month": f"{month:%Y-%m}", "platform": platform} | t for (month, platform), t in sorted(totals.items())],
    )
    return _saying_what_is_missing(table, data.gap())


def social_tables(data: SocialFigures) -> list[Table]:
    """Every social media table of the contact page, in page order."""
    return [
        social_accounts(data),
        social_accounts_by_platform(data),
        social_main_accounts(data),
        social_audience(data),
        social_by_scope(data),
        social_by_area(data),
        social_top_accounts(data),
        social_by_month(data),
    ]
