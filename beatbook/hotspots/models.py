"""Designated hotspots (places given extra patrols) and the patrol visits officers log to them."""

from __future__ import annotations

import uuid
from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from beatbook.areas.models import Area


class AsbPower(models.TextChoices):
    """ASB, Crime and Policing Act 2014 tools and powers an officer may use on a patrol."""

    DISPERSAL = "dispersal", "Dispersal direction (s35)"
    CPN_WARNING = "cpn_warning", "Community protection warning"
    CPN = "cpn", "Community protection notice"
    PSPO_ENFORCEMENT = "pspo", "Public spaces protection order enforcement"
    CLOSURE_NOTICE = "closure", "Closure notice"
    SEIZURE = "seizure", "Vehicle or property seizure (s59 / s60)"
    OTHER = "other", "Other"


class DesignatedHotspot(models.Model):
    """A place an inspector has designated for extra patrols: a set of grid cells, or a drawn polygon."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    area = models.ForeignKey(
        Area,
        on_delete=models.PROTECT,
        related_name="designated_hotspots",
        help_text="The area it lies in; decides who can see and patrol it",
    )
    name = models.CharField(max_length=120)
    cell_size = models.PositiveIntegerField(default=250, help_text="Metres, for `cells`")
    cells = models.JSONField(default=list, blank=True, help_text="Lower-left BNG corners [x, y] of its cells")
    polygon = models.JSONField(null=True, blank=True, help_text="[longitude, latitude] points, where drawn instead")
    starts_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True)
    weekly_target_minutes = models.PositiveIntegerField(help_text="Patrol minutes wanted each week")
    designated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["area__path", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")), name="hotspot_ends_after_it_starts"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def last_day(self, today: date) -> date:
        """The last day to report dosage for: today, or the day the designation ended."""
        return min(today, self.ends_on) if self.ends_on else today


class PatrolVisit(models.Model):
    """One officer's visit to a designated hotspot, with what it achieved."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    hotspot = models.ForeignKey(DesignatedHotspot, on_delete=models.PROTECT, related_name="visits")
    officer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    started_at = models.DateTimeField(help_text="UTC")
    ended_at = models.DateTimeField(help_text="UTC")
    arrests = models.PositiveIntegerField(default=0)
    stop_searches = models.PositiveIntegerField(default=0)
    intelligence_submissions = models.PositiveIntegerField(default=0)
    engagements = models.PositiveIntegerField(default=0)
    asb_powers = models.JSONField(default=list, blank=True, help_text="AsbPower values used")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-started_at"]
        constraints = [
            models.CheckConstraint(condition=Q(ended_at__gt=F("started_at")), name="visit_ends_after_it_starts"),
        ]

    def __str__(self) -> str:
        return f"{self.hotspot} {self.started_at:%Y-%m-%d %H:%M}"
