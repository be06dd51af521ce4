"""The values police.uk has published in its archive files since its first month, December 2010.

Every value a row may carry is checked against these; anything else rejects the row with the reason.

Sources: ../shared/POLICE_UK.md §3.2–3.4 (headers, categories, stop-and-search fields); police.uk's
category changes (September 2011: "Other crime" split into criminal damage and arson, shoplifting, other
theft, drugs, public disorder and weapons; May 2013: "Violent crime" renamed "Violence and sexual
offences", "Public disorder and weapons" split into "Public order" and "Possession of weapons", "Other
theft" split into "Bicycle theft", "Theft from the person" and "Other theft"); the Home Office's 2001 and
2011 census ethnicity classifications that the self-defined ethnicity column uses.
"""

from __future__ import annotations

from datetime import date

from beatbook.crime.categories import CATEGORY_BY_LABEL, Category

FIRST_MONTH = date(2010, 12, 1)  # police.uk's first published month

# Crime type labels of every era → our category slugs.
CRIME_TYPES = CATEGORY_BY_LABEL | {"violent crime": Category.VIOLENT_CRIME}

SEARCH_TYPES = frozenset({"Person search", "Vehicle search", "Person and Vehicle search"})
GENDERS = frozenset({"", "Male", "Female", "Other"})
AGE_RANGES = frozenset({"", "under 10", "10-17", "18-24", "25-34", "over 34"})
OFFICER_ETHNICITIES = frozenset({"", "White", "Black", "Asian", "Mixed", "Other"})
TRUE_FALSE = frozenset({"", "True", "False"})

_SELF_DEFINED_2011 = {
    "White": [
        "English/Welsh/Scottish/Northern Irish/British",
        "Irish",
        "Gypsy or Irish Traveller",
        "Any other White background",
    ],
    "Mixed/Multiple ethnic groups": [
        "White and Black Caribbean",
        "White and Black African",
        "White and Asian",
        "Any other Mixed/Multiple ethnic background",
    ],
    "Asian/Asian British": ["Indian", "Pakistani", "Bangladeshi", "Chinese", "Any other Asian background"],
    "Black/African/Caribbean/Black British": ["African", "Caribbean", "Any other Black/African/Caribbean background"],
    "Other ethnic group": ["Arab", "Any other ethnic group", "Not stated"],
}
_SELF_DEFINED_2001 = {
    "White": ["British", "Irish", "Any other White background"],
    "Mixed": ["White and Black Caribbean", "White and Black African", "White and Asian", "Any other Mixed background"],
    "Asian or Asian British": ["Indian", "Pakistani", "Bangladeshi", "Any other Asian background"],
    "Black or Black British": ["Caribbean", "African", "Any other Black background"],
    "Other ethnic group": ["Chinese", "Any other ethnic group", "Not stated"],
}
SELF_DEFINED_ETHNICITIES = frozenset(
    {""}
    | {
        f"{group} - {detail}"
        for table in (_SELF_DEFINED_2011, _SELF_DEFINED_2001)
        for group, details in table.items()
        for detail in details
    }
)

SEARCH_OUTCOMES = frozenset(
    {
        "",
        "False",  # early files wrote the outcome as a boolean where there was none
        "True",
        "A no further action disposal",
        "Arrest",
        "Community resolution",
        "Summons / charged by post",
        "Penalty Notice for Disorder",
        "Khat or Cannabis warning",
        "Caution (simple or conditional)",
        "Nothing found - no further action",
        "Suspect arrested",
        "Suspect summonsed to court",
        "Offender cautioned",
        "Offender given drugs possession warning",
        "Offender given penalty notice",
        "Local resolution",
        "Article found - Detailed outcome unavailable",
    }
)

# Column sizes: a field longer than its column is rejected, so PostgreSQL and SQLite keep the same rows.
# Each equals the model field's max_length (tests/test_field_limits checks they agree).
STREET_LIMITS = {
    "Crime ID": 100,
    "Location": 255,
    "LSOA name": 100,
    "Last outcome category": 100,
    "Context": 2000,
}
OUTCOME_LIMITS = {"Crime ID": 100, "Location": 255, "Outcome type": 100}
STOP_SEARCH_LIMITS = {
    "Policing operation": 255,
    "Legislation": 150,
    "Object of search": 100,
}
