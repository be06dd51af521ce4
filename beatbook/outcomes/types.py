"""Home Office crime outcome types and police.uk's outcome categories, and which of them are positive.

Home Office outcome types: "Crime outcomes in England and Wales" (user guide, table of outcome types 1–22).
Positive here means the sanction and out-of-court outcomes the Home Office groups as "charged/summonsed"
and "out-of-court (formal and informal)": types 1, 1A, 2, 3, 4, 6, 7 and 8. police.uk publishes a crime's
latest outcome only as a category (https://data.police.uk/about/#outcomes); where only that exists, the
categories that follow a charge, summons, caution, penalty, warning or community resolution count.
"""

from __future__ import annotations

from django.db import models


class OutcomeType(models.TextChoices):
    CHARGED = "1", "Charged or summonsed"
    CHARGED_ALTERNATIVE = "1A", "Charged or summonsed (alternative offence)"
    YOUTH_CAUTION = "2", "Caution – youths"
    ADULT_CAUTION = "3", "Caution – adults"
    TAKEN_INTO_CONSIDERATION = "4", "Taken into consideration"
    OFFENDER_DIED = "5", "Offender died"
    PENALTY_NOTICE = "6", "Penalty notice for disorder"
    CANNABIS_WARNING = "7", "Cannabis or khat warning"
    COMMUNITY_RESOLUTION = "8", "Community resolution"
    NOT_IN_PUBLIC_INTEREST_CPS = "9", "Prosecution not in the public interest (CPS)"
    NOT_IN_PUBLIC_INTEREST_POLICE = "10", "Formal action not in the public interest (police)"
    PROSECUTION_PREVENTED_AGE = "11", "Prosecution prevented – suspect under age"
    PROSECUTION_PREVENTED_ILL = "12", "Prosecution prevented – suspect too ill"
    PROSECUTION_PREVENTED_VICTIM = "13", "Prosecution prevented – victim or key witness dead or too ill"
    EVIDENTIAL_VICTIM_DECLINES_UNIDENTIFIED = "14", "Evidential difficulties: suspect not identified, victim declines"
    EVIDENTIAL_SUSPECT_IDENTIFIED = "15", "Evidential difficulties: suspect identified"
    EVIDENTIAL_VICTIM_DECLINES = "16", "Evidential difficulties: victim does not support action"
    TIME_LIMIT = "17", "Prosecution time limit expired"
    NO_SUSPECT = "18", "Investigation complete – no suspect identified"
    DIVERSIONARY = "20", "Further action by another body"
    NOT_IN_PUBLIC_INTEREST_INVESTIGATION = "21", "Further investigation not in the public interest"
    DIVERSION = "22", "Diversionary, educational or intervention activity"


POSITIVE_TYPES = {"1", "1A", "2", "3", "4", "6", "7", "8"}

# police.uk outcome categories that follow a positive Home Office outcome type.
POSITIVE_POLICE_UK = {
    "awaiting court outcome",
    "court result unavailable",
    "court case unable to proceed",
    "defendant found not guilty",
    "defendant sent to crown court",
    "offender deprived of property",
    "offender fined",
    "offender given absolute discharge",
    "offender given a caution",
    "offender given community sentence",
    "offender given conditional discharge",
    "offender given a drugs possession warning",
    "offender given penalty notice",
    "offender given suspended prison sentence",
    "offender ordered to pay compensation",
    "offender otherwise dealt with",
    "offender sent to prison",
    "suspect charged as part of another case",
    "local resolution",
}


def is_positive(outcome_type: str, police_uk_category: str = "") -> bool:
    """A Home Office outcome type where there is one, else police.uk's category."""
    if outcome_type:
        return outcome_type in POSITIVE_TYPES
    return police_uk_category.strip().lower() in POSITIVE_POLICE_UK


# The police.uk outcome category (its public name, as `outcome_status.category` and outcome routes give it) that
# Beatbook publishes for a force export's Home Office outcome type, on its police.uk API.
#
# Beatbook's choice, stated as such: neither police.uk's API documentation (data.police.uk/docs/method/
# outcomes-for-crime lists the categories only) nor ../shared/POLICE_UK.md §3.3 or REFERENCE.md gives the
# table police.uk uses. Each type goes to the category whose name says the same thing, using the category names
# of POLICE_UK.md §3.3 and DOMAIN.md §1.2 and police.uk's 2014 note on the outcomes framework
# (data.gov.uk/forum/policeuk-data/new-police-outcome-categories-and-bug-fix: "Formal action is not in the
# public interest" took what had been "No further action" or "Unable to proceed"; drugs possession warnings
# left "caution"). Charges stay "Suspect charged": Beatbook holds no court result, and police.uk publishes
# no court outcomes from June 2019 (POLICE_UK.md §3.3). No outcome type yet: "Under investigation", as
# police.uk's own files say of such a crime.
POLICE_UK_CATEGORY = {
    OutcomeType.CHARGED: "Suspect charged",
    OutcomeType.CHARGED_ALTERNATIVE: "Suspect charged",
    OutcomeType.YOUTH_CAUTION: "Offender given a caution",
    OutcomeType.ADULT_CAUTION: "Offender given a caution",
    OutcomeType.TAKEN_INTO_CONSIDERATION: "Suspect charged as part of another case",
    OutcomeType.OFFENDER_DIED: "Unable to prosecute suspect",
    OutcomeType.PENALTY_NOTICE: "Offender given a penalty notice",
    OutcomeType.CANNABIS_WARNING: "Offender given a drugs possession warning",
    OutcomeType.COMMUNITY_RESOLUTION: "Local resolution",
    OutcomeType.NOT_IN_PUBLIC_INTEREST_CPS: "Formal action is not in the public interest",
    OutcomeType.NOT_IN_PUBLIC_INTEREST_POLICE: "Formal action is not in the public interest",
    OutcomeType.PROSECUTION_PREVENTED_AGE: "Unable to prosecute suspect",
    OutcomeType.PROSECUTION_PREVENTED_ILL: "Unable to prosecute suspect",
    OutcomeType.PROSECUTION_PREVENTED_VICTIM: "Unable to prosecute suspect",
    OutcomeType.EVIDENTIAL_VICTIM_DECLINES_UNIDENTIFIED: "Investigation complete; no suspect identified",
    OutcomeType.EVIDENTIAL_SUSPECT_IDENTIFIED: "Unable to prosecute suspect",
    OutcomeType.EVIDENTIAL_VICTIM_DECLINES: "Unable to prosecute suspect",
    OutcomeType.TIME_LIMIT: "Unable to prosecute suspect",
    OutcomeType.NO_SUSPECT: "Investigation complete; no suspect identified",
    OutcomeType.DIVERSIONARY: "Action to be taken by another organisation",
    OutcomeType.NOT_IN_PUBLIC_INTEREST_INVESTIGATION: "Further investigation is not in the public interest",
    OutcomeType.DIVERSION: "Further action is not in the public interest",
}
UNDER_INVESTIGATION = "Under investigation"


def police_uk_category(outcome_type: str) -> str:
    """police.uk's public category name for a Home Office outcome type: "Under investigation" for none yet ("");
    "Status update unavailable" (police.uk's category for that) for a type outside the table."""
    if not outcome_type:
        return UNDER_INVESTIGATION
    return POLICE_UK_CATEGORY.get(outcome_type, "Status update unavailable")
