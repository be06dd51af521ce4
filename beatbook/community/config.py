"""Community configuration: default lists, and the force's groupings of local policing units.

The groupings are keyed by LPU name because the watch scheme figures are published per community safety
partnership area, which in Derbyshire follow the LPUs (000_* 9.2). They use each LPU's reporting name
(Area.reporting_name: the configured report_name, else the name), as the report's rows do.
A later change can read these from beatbook.areas.authorities' groups instead.
"""

from __future__ import annotations

DEFAULT_MESSAGE_CATEGORIES = [
    "Bogus callers",
    "Burglaries and thefts",
    "Suspicious persons",
    "Suspicious vehicles",
    "Witness appeals",
    "Missing person appeals",
    "Community meetings",
    "Crime prevention advice",
]
DEFAULT_WATCH_TYPES = ["Neighbourhood Watch", "Farm Watch", "Community Speedwatch", "Business Watch"]

# {force code: {group: [LPU reporting names, in the order reports list them]}}
LPU_GROUPS: dict[str, dict[str, list[str]]] = {
    "derbyshire": {
        "North": ["Amber Valley", "Chesterfield", "Derbyshire Dales", "High Peak", "North East"],
        "South": ["Erewash", "Derby South"],
        "City": ["Derby North", "Derby East", "Derby West"],
    }
}


def groups_for(force_code: str) -> dict[str, list[str]]:
    return LPU_GROUPS.get(force_code, {})
