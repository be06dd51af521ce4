"""Words for messages shown to people."""

from __future__ import annotations


def counted(count: int, singular: str, plural: str = "") -> str:
    """'1 row', '2 rows', '1,204 rows'; `plural` for irregular nouns ('person', 'people'). The Python twin
    of Django's `pluralize` filter, for messages built in views (not "row(s)")."""
    return f"{count:,} {singular if count == 1 else plural or singular + 's'}"
