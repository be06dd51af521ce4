"""Crime and ASB classifications: police.uk categories, NSIR ASB types, and neighbourhood crime.

"Neighbourhood crime" (Home Office, 2021) is domestic burglary, personal robbery, theft from the
person and vehicle offences. police.uk's categories are coarser (its burglary includes business
burglary, its robbery includes business robbery), so a figure built from police.uk data alone is an
approximation and is labelled so. Force exports that carry Home Office offence groups are exact.
"""

from __future__ import annotations

from django.db import models


class Category(models.TextChoices):
    ANTI_SOCIAL_BEHAVIOUR = "anti-social-behaviour", "Anti-social behaviour"
    BICYCLE_THEFT = "bicycle-theft", "Bicycle theft"
    BURGLARY = "burglary", "Burglary"
    CRIMINAL_DAMAGE_ARSON = "criminal-damage-arson", "Criminal damage and arson"
    DRUGS = "drugs", "Drugs"
    OTHER_THEFT = "other-theft", "Other theft"
    POSSESSION_OF_WEAPONS = "possession-of-weapons", "Possession of weapons"
    PUBLIC_ORDER = "public-order", "Public order"
    ROBBERY = "robbery", "Robbery"
    SHOPLIFTING = "shoplifting", "Shoplifting"
    THEFT_FROM_THE_PERSON = "theft-from-the-person", "Theft from the person"
    VEHICLE_CRIME = "vehicle-crime", "Vehicle crime"
    VIOLENT_CRIME = "violent-crime", "Violence and sexual offences"
    OTHER_CRIME = "other-crime", "Other crime"
    PUBLIC_DISORDER_WEAPONS = "public-disorder-weapons", "Public disorder and weapons"  # before May 2013


CATEGORY_BY_LABEL = {label.lower(): slug for slug, label in Category.choices}


class NsirType(models.TextChoices):
    PERSONAL = "personal", "Personal"
    NUISANCE = "nuisance", "Nuisance"
    ENVIRONMENTAL = "environmental", "Environmental"


# NSIR closure codes used by force incident systems, and the full names, to the three types.
NSIR_BY_CODE = {"asp": NsirType.PERSONAL, "asn": NsirType.NUISANCE, "ase": NsirType.ENVIRONMENTAL}
NSIR_BY_NAME = {choice.label.lower(): choice for choice in NsirType} | {
    f"asb - {choice.label.lower()}": choice for choice in NsirType
}


class NeighbourhoodCrimeType(models.TextChoices):
    """The Home Office neighbourhood crime types, as the seed papers' tables name them."""

    BURGLARY_RESIDENTIAL = "burglary-residential", "Burglary – residential"
    ROBBERY_PERSONAL = "robbery-personal", "Robbery of personal property"
    THEFT_FROM_VEHICLE = "theft-from-vehicle", "Theft from motor vehicle"
    THEFT_FROM_PERSON = "theft-from-person", "Theft from the person"
    THEFT_OF_VEHICLE = "theft-of-vehicle", "Theft of motor vehicle"
    VEHICLE_INTERFERENCE = "vehicle-interference", "Vehicle interference"


# From police.uk categories alone: the closest fit, flagged as an approximation wherever shown.
NEIGHBOURHOOD_CRIME_APPROXIMATION = {
    Category.BURGLARY: "Burglary (all, incl. business)",
    Category.ROBBERY: "Robbery (all, incl. business)",
    Category.THEFT_FROM_THE_PERSON: "Theft from the person",
    Category.VEHICLE_CRIME: "Vehicle crime (all)",
}
