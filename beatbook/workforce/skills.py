"""Skills and certification: validity rules, each person's certificates and deployable status, the
forecast of expiries by month, taser-trained officers against target, and training modules completed.

Validity (002_* 6.3, 6.12, 6.19, 11.6): personal safety training (PPST) and first aid are re-certified
within 365 days and lapse after; taser authorisation lapses 12 months after the last training; stop and
search is refreshed annually; conflict management and de-escalation refreshes every two years (the College
of Policing's programme, 6.5); the seven vulnerability modules, once done, do not lapse."""

from __future__ import annotations

from datetime import date

SKILL_TYPES: dict[str, dict] = {
    "personal-safety": {"name": "Personal safety training (PPST)", "valid_days": 365, "needed_to_deploy": True},
    "first-aid": {"name": "Emergency first aid", "valid_days": 365, "needed_to_deploy": True},
    "taser": {"name": "Taser", "valid_days": 365, "needed_to_deploy": False},
    "stop-and-search": {"name": "Stop and search", "valid_days": 365, "needed_to_deploy": False},
    "conflict-management": {
        "name": "Conflict management and de-escalation",
        "valid_days": 730,
        "needed_to_deploy": False,
    },
    "vulnerability-1": {"name": "Vulnerability module 1: safeguarding", "valid_days": None, "needed_to_deploy": False},
    "vulnerability-2": {
        "name": "Vulnerability module 2: child protection",
        "valid_days": None,
        "needed_to_deploy": False,
    },
    "vulnerability-3": {
        "name": "Vulnerability module 3: domestic abuse",
        "valid_days": None,
        "needed_to_deploy": False,
    },
    "vulnerability-4": {
        "name": "Vulnerability module 4: stalking and harassment",
        "valid_days": None,
        "needed_to_deploy": False,
    },
    "vulnerability-5": {
        "name": "Vulnerability module 5: missing and exploitation",
        "valid_days": None,
        "needed_to_deploy": False,
    },
    "vulnerability-6": {
        "name": "Vulnerability module 6: sexting and indecent images of children",
        "valid_days": None,
        "needed_to_deploy": False,
    },
    "vulnerability-7": {
        "name": "Vulnerability module 7: vulnerable adults",
        "valid_days": None,
        "needed_to_deploy": False,
    },
}


def is_valid(expires_on: date | None, on: date) -> bool:
    """A certificate is valid on `on` when it never lapses or lapses after `on` (expires_on is the first
    day it is no longer valid)."""
    return expires_on is None or expires_on > on
