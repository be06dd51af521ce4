"""The force's stop-and-search reporting categories, police.uk's outcome values and ethnic groups.

police.uk's `Object of search` values (https://data.police.uk/about/#stop-and-search) are finer in some
places and coarser in others than the categories a force reports (002_* 6.21: drugs, bladed article,
articles for use in theft, going equipped, offensive weapons, stolen goods, firearms, other search powers),
so each force keeps a mapping (`ObjectMapping`); `DEFAULT_MAPPING` applies where it has none. A force export
may carry the finer values police.uk folds together ("Bladed article", "Going equipped"): the defaults map
them too. Anything unmapped counts as "Other search powers".
"""

from __future__ import annotations

from django.db import models


class ReportingCategory(models.TextChoices):
    DRUGS = "drugs", "Drugs"
    BLADED_ARTICLE = "bladed_article", "Bladed article"
    THEFT_ARTICLES = "theft_articles", "Articles for use in theft"
    GOING_EQUIPPED = "going_equipped", "Going equipped"
    OFFENSIVE_WEAPONS = "offensive_weapons", "Offensive weapons"
    STOLEN_GOODS = "stolen_goods", "Stolen goods"
    FIREARMS = "firearms", "Firearms"
    OTHER = "other", "Other search powers"


DEFAULT_MAPPING = {
    "controlled drugs": ReportingCategory.DRUGS,
    "psychoactive substances": ReportingCategory.DRUGS,
    "bladed article": ReportingCategory.BLADED_ARTICLE,
    "article for use in theft": ReportingCategory.THEFT_ARTICLES,
    "going equipped": ReportingCategory.GOING_EQUIPPED,
    "offensive weapons": ReportingCategory.OFFENSIVE_WEAPONS,
    "stolen goods": ReportingCategory.STOLEN_GOODS,
    "firearms": ReportingCategory.FIREARMS,
}

# police.uk outcomes. The Home Office counts every outcome other than no further action as positive
# ("Police powers and procedures: stop and search", technical annex: "arrest rate" and "positive outcome").
NO_FURTHER_ACTION = {
    "a no further action disposal",
    "nothing found - no further action",
    "",
}


def is_positive(outcome: str) -> bool:
    return outcome.strip().lower() not in NO_FURTHER_ACTION


# Self-defined ethnicity (police.uk's 2011 Census 18+1 categories) to the top-level groups the Home Office
# and the Census 2021 shares use; "Not stated" is kept apart, never guessed.
ETHNIC_GROUPS = ["white", "black", "asian", "mixed", "other"]
GROUP_LABELS = {"white": "White", "black": "Black", "asian": "Asian", "mixed": "Mixed", "other": "Other"}
_PREFIXES = {
    "white": "white",
    "black": "black",
    "asian": "asian",
    "mixed": "mixed",
    "other ethnic group": "other",
}


def ethnic_group(self_defined: str) -> str:
    """'white', 'black', 'asian', 'mixed', 'other' or 'not_stated' for a police.uk self-defined value."""
    text = self_defined.strip().lower()
    if not text or "not stated" in text:
        return "not_stated"
    for prefix, group in _PREFIXES.items():
        if text.startswith(prefix):
            return group
    return "not_stated"
