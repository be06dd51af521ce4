"""Social media reports (000_* 10.8-10.18): accounts by platform and scope, and monthly activity."""

from __future__ import annotations

from collections import Counter

from django.db.models import Sum

from beatbook.areas.models import Area
from beatbook.contact.models import AccountScope, SocialAccount, SocialMonth
from beatbook.web.tables import Column, Table


def social_accounts(force: Area) -> Table:
    """Accounts held, by platform and scope, with the latest month's posts and engagements."""
    counts = Counter(SocialAccount.objects.filter(force=force).values_list("platform", "scope"))
    activity = {
        (row["account__platform"], row["account__scope"]): row
        for row in SocialMonth.objects.filter(account__force=force)
        .values("account__platform", "account__scope")
        .annotate(posts=Sum("posts"), engagements=Sum("engagements"), followers=Sum("followers"))
    }
    rows = [
        {
            "platform": platform,
            "scope": AccountScope(scope).label,
            "accounts": count,
            "posts": activity.get((platform, scope), {}).get("posts"),
            "engagements": activity.get((platform, scope), {}).get("engagements"),
            "followers": activity.get((platform, scope), {}).get("followers"),
        }
        for (platform, scope), count in sorted(counts.items())
    ]
    return Table(
        "social-media-accounts",
        "Social media accounts, with posts and engagements in the imported months",
        [
            Column("platform", "Platform"),
            Column("scope", "Scope"),
            Column("accounts", "Accounts", numeric=True),
            Column("posts", "Posts", numeric=True),
            Column("engagements", "Engagements", numeric=True),
            Column("followers", "Followers (sum of months)", numeric=True),
        ],
        rows,
    )


def social_by_month(force: Area, first, last) -> Table:  # noqa: ANN001 - dates
    """Posts, engagements, reach, followers and comments and messages per platform and month (sums over
    the platform's accounts; blank where no account reported the figure)."""
    rows = (
        SocialMonth.objects.filter(account__force=force, month__gte=first, month__lte=last)
        .values("month", "account__platform")
        .annotate(
            posts=Sum("posts"),
            engagements=Sum("engagements"),
            reach=Sum("reach"),
            followers=Sum("followers"),
            comments_and_messages=Sum("comments_and_messages"),
        )
        .order_by("month", "account__platform")
    )
    return Table(
        "social-media-by-month",
        "Social media activity by month",
        [
            Column("month", "Month"),
            Column("platform", "Platform"),
            Column("posts", "Posts", numeric=True),
            Column("engagements", "Engagements", numeric=True),
            Column("reach", "Reach", numeric=True),
            Column("followers", "Followers", numeric=True),
            Column("comments_and_messages", "Comments and messages", numeric=True),
        ],
        [
            {"month": f"{r['month']:%Y-%m}", "platform": r["account__platform"]}
            | {k: r[k] for k in ("posts", "engagements", "reach", "followers", "comments_and_messages")}
            for r in rows
        ],
    )
