"""The default telephone lines and their service levels (configuration, per force).

Service levels: 999 calls answered within 10 seconds (the Home Office's published measure; target 90%);
101 calls within 60 seconds, for the triage queue and for the second "ControlWorks" queue alike
(000_* 4.13-4.14, 002_* 8.9). A force adds lines or changes service levels with
`beatbook set_contact_line` (actions.do_set_contact_line).
"""

from __future__ import annotations

from beatbook.areas.models import Area
from beatbook.contact.models import ContactLine

# (code, key, name, group, service level in seconds)
DEFAULT_LINES = [
    ("999", "emergency", "999 emergency", "999", 10),
    ("101-triage", "triage", "101 triage", "101", 60),
    ("101-controlworks", "controlworks", "101 ControlWorks (second queue)", "101", 60),
    ("switchboard", "switchboard", "Switchboard", "101", 60),
]


def ensure_default_lines(force: Area) -> list[ContactLine]:
    """The force's lines, creating the defaults where it has none."""
    for order, (code, key, name, group, seconds) in enumerate(DEFAULT_LINES):
        ContactLine.objects.get_or_create(
            force=force,
            code=code,
            defaults={"key": key, "name": name, "group": group, "service_level_seconds": seconds, "order": order},
        )
    return list(ContactLine.objects.filter(force=force))


def lines_for(force: Area, wanted: str) -> list[ContactLine]:
    """Lines matching `wanted`: a line code (101-triage) or a group (101, 999). Empty when none match."""
    lines = ContactLine.objects.filter(force=force)
    return [line for line in lines if wanted in (line.code, line.group)]
