"""Stop-and-search configuration and the scrutiny panel log.

Searches themselves are `beatbook.crime.models.StopSearch` rows (police.uk files and the demo).
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

from beatbook.areas.models import Area
from beatbook.stopsearch.categories import ReportingCategory


class ObjectMapping(models.Model):
    """Configuration: how a force reports a police.uk `Object of search` value (case-insensitive)."""

    force = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="+")
    object_of_search = models.CharField(max_length=100, help_text="Lower case, as police.uk spells it")
    category = models.CharField(max_length=20, choices=ReportingCategory.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["force", "object_of_search"], name="object_mapping_unique")]

    def __str__(self) -> str:
        return f"{self.object_of_search} → {self.get_category_display()}"


class ScrutinyPanel(models.Model):
    """One external scrutiny panel meeting (002_* 6.20: monthly, chaired by the IAG and the OPCC, with full
    access to body-worn video): what it reviewed, what it found, what it asked for."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    force = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="+")
    held_on = models.DateField()
    panel = models.CharField(max_length=120, help_text="e.g. External scrutiny panel (IAG and OPCC)")
    search_references = models.JSONField(default=list, blank=True, help_text="References of searches reviewed")
    body_worn_video_reviewed = models.PositiveIntegerField(default=0)
    findings = models.TextField(blank=True)
    actions = models.TextField(blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)
    version = models.PositiveIntegerField(default=1, help_text="Raised by each edit; a stale edit is refused")

    class Meta:
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return f"{self.panel} {self.held_on:%Y-%m-%d}"
