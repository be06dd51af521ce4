"""What a force export knows about a crime beyond the incident row: its Home Office outcome type, the
premises of a burglary (a home, a shed, garage or outbuilding, or a business or community building), and
attendance. Written by the force export's optional columns (docs/data-sources.md) and by the demo."""

from __future__ import annotations

from django.db import models

from beatbook.crime.models import Incident
from beatbook.outcomes.types import OutcomeType


class Premises(models.TextChoices):
    HOME = "home", "Home"
    OTHER_RESIDENTIAL = "other_residential", "Other residential (shed, garage, outbuilding)"
    BUSINESS = "business", "Business and community"
    OTHER = "other", "Other (not a building: street, vehicle, open land)"


class CrimeDetail(models.Model):
    incident = models.OneToOneField(Incident, on_delete=models.CASCADE, related_name="detail")
    outcome_type = models.CharField(max_length=3, choices=OutcomeType.choices, blank=True)
    premises = models.CharField(max_length=20, choices=Premises.choices, blank=True)
    attended = models.BooleanField(null=True, help_text="Officers attended; None where not recorded")
    csi_attended = models.BooleanField(null=True, help_text="A crime scene investigator attended")

    def __str__(self) -> str:
        return f"{self.incident_id}: {self.outcome_type or 'no outcome yet'}"
