"""Home Office offence codes: their police.uk category and, where it applies, neighbourhood crime type.

Read from the Home Office's offence code list (data/home-office-offence-codes-to-police-uk.csv, Open
Government Licence), so force exports that carry offence codes get exact neighbourhood crime figures.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from beatbook.crime.categories import CATEGORY_BY_LABEL, Category, NeighbourhoodCrimeType

OFFENCE_FILE = Path(__file__).parent / "data" / "home-office-offence-codes-to-police-uk.csv"

# Neighbourhood crime by Home Office subgroup and code (Home Office National Crime and Policing Measures).
_NEIGHBOURHOOD_BY_SUBGROUP = {
    "Domestic burglary": NeighbourhoodCrimeType.BURGLARY_RESIDENTIAL,
    "Robbery of personal property": NeighbourhoodCrimeType.ROBBERY_PERSONAL,
    "Theft from a vehicle": NeighbourhoodCrimeType.THEFT_FROM_VEHICLE,
    "Theft from the person": NeighbourhoodCrimeType.THEFT_FROM_PERSON,
    "Theft of a motor vehicle": NeighbourhoodCrimeType.THEFT_OF_VEHICLE,
    "Vehicle interference": NeighbourhoodCrimeType.VEHICLE_INTERFERENCE,
}
_CATEGORY_FIXES = {
    "violence and sexual offences": Category.VIOLENT_CRIME,
    "public order offences": Category.PUBLIC_ORDER,
    "miscellaneous crimes": Category.OTHER_CRIME,
}


@dataclass(frozen=True)
class Offence:
    code: str
    description: str
    category: str
    neighbourhood_crime_type: str


@cache
def offences() -> dict[str, Offence]:
    table = {}
    with OFFENCE_FILE.open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            label = row["Police.uk_Cat"].strip().lower()
            category = CATEGORY_BY_LABEL.get(label) or _CATEGORY_FIXES.get(label) or Category.OTHER_CRIME
            nhc = _NEIGHBOURHOOD_BY_SUBGROUP.get(row["Offence_Subgroup"].strip(), "")
            code = row["Offence_Code"].strip().upper()
            table[code] = Offence(code, row["Offence_Description"].strip(), category, nhc)
    return table


# Offence groups the scrutiny papers report (000_* 6.1, 7.3–7.8; 004_* Q10), as Home Office offence codes.
# Drugs follow the offence list's subgroups; residential burglary is the Home Office's "Burglary Residential"
# family (28E–28H, 29A and the dwelling codes it replaced); a burglary of a home is told from one of a shed or
# garage ("other residential") by its premises, which the force export does not carry, so the split is
# configuration-free only where the force codes it (see beatbook/outcomes/groups.py).
@dataclass(frozen=True)
class OffenceGroup:
    slug: str
    label: str
    codes: frozenset[str]


def _codes_of_subgroup(*subgroups: str) -> frozenset[str]:
    with OFFENCE_FILE.open(newline="", encoding="utf-8") as handle:
        return frozenset(
            row["Offence_Code"].strip().upper()
            for row in csv.DictReader(handle)
            if row["Offence_Subgroup"].strip() in subgroups
        )


@cache
def offence_groups() -> dict[str, OffenceGroup]:
    """{slug: OffenceGroup}: drugs possession and trafficking, residential and business and community
    burglary, serious acquisitive crime (Home Office: domestic burglary, personal robbery, vehicle crime)."""
    groups = [
        OffenceGroup("drugs-possession", "Possession of drugs", _codes_of_subgroup("Possession of drugs")),
        OffenceGroup("drugs-trafficking", "Trafficking of drugs", _codes_of_subgroup("Trafficking of drugs")),
        OffenceGroup("burglary-residential", "Residential burglary", _codes_of_subgroup("Domestic burglary")),
        OffenceGroup(
            "burglary-business", "Business and community burglary", _codes_of_subgroup("Non-domestic burglary")
        ),
        OffenceGroup(
            "serious-acquisitive",
            "Serious acquisitive crime",
            _codes_of_subgroup(
                "Domestic burglary",
                "Robbery of personal property",
                "Theft from a vehicle",
                "Theft of a motor vehicle",
            ),
        ),
    ]
    return {group.slug: group for group in groups}
