"""Community messaging (e.g. Neighbourhood Alert) and the watch schemes register.

Figures only: members, messages and surveys are counts per area and month; a watch scheme's snapshot holds
counts of coordinators and members, never their names (those stay in the messaging system).
"""

from __future__ import annotations

from django.db import models

from beatbook.areas.models import Area


class MessageCategory(models.Model):
    """A force's categories of alert message (000_* 9-10: bogus callers, burglaries and thefts, ...)."""

    force = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="message_categories")
    name = models.CharField(max_length=100)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["force", "order", "name"]
        constraints = [models.UniqueConstraint(fields=["force", "name"], name="community_category_unique")]

    def __str__(self) -> str:
        return self.name


class AlertMonth(models.Model):
    """An area's community messaging in one month. Blank means the source had no figure (not zero)."""

    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="alert_months")
    month = models.DateField(help_text="First day of the month")
    members = models.PositiveIntegerField(null=True, blank=True, help_text="Signed up at the month's end")
    messages = models.PositiveIntegerField(null=True, blank=True)
    surveys = models.PositiveIntegerField(null=True, blank=True, help_text="Surveys sent")
    responses = models.PositiveIntegerField(null=True, blank=True, help_text="Survey responses received")

    class Meta:
        ordering = ["area", "month"]
        constraints = [models.UniqueConstraint(fields=["area", "month"], name="community_alert_month_unique")]

    def __str__(self) -> str:
        return f"{self.area.name} {self.month:%Y-%m}"


class MessageCount(models.Model):
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="+")
    month = models.DateField()
    category = models.ForeignKey(MessageCategory, on_delete=models.PROTECT, related_name="counts")
    messages = models.PositiveIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["area", "month", "category"], name="community_message_count_unique")
        ]

    def __str__(self) -> str:
        return f"{self.category} {self.month:%Y-%m}: {self.messages}"


class WatchType(models.Model):
    """A kind of scheme: Neighbourhood Watch, Farm Watch, Community Speedwatch, Business Watch, ..."""

    force = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="watch_types")
    name = models.CharField(max_length=100)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["force", "order", "name"]
        constraints = [models.UniqueConstraint(fields=["force", "name"], name="community_watch_type_unique")]

    def __str__(self) -> str:
        return self.name


class SchemeStatus(models.TextChoices):
    ACTIVE = "active", "Active"
    DORMANT = "dormant", "Dormant"
    CLOSED = "closed", "Closed"


class WatchScheme(models.Model):
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="watch_schemes")
    watch_type = models.ForeignKey(WatchType, on_delete=models.PROTECT, related_name="schemes")
    name = models.CharField(max_length=200)
    started_on = models.DateField(null=True, blank=True)
    open_to_join = models.BooleanField(default=True, help_text="Shown on the public 'your area' page")

    class Meta:
        ordering = ["area", "name"]

    def __str__(self) -> str:
        return self.name


class WatchSnapshot(models.Model):
    """A scheme's counts and status on a day; the register as at a date is each scheme's latest snapshot."""

    scheme = models.ForeignKey(WatchScheme, on_delete=models.CASCADE, related_name="snapshots")
    on = models.DateField()
    status = models.CharField(max_length=20, choices=SchemeStatus.choices)
    coordinators = models.PositiveIntegerField(default=0)
    members = models.PositiveIntegerField(null=True, blank=True, help_text="All members, where known")
    members_online = models.PositiveIntegerField(default=0, help_text="Members attached to the scheme online")

    class Meta:
        ordering = ["scheme", "on"]
        constraints = [models.UniqueConstraint(fields=["scheme", "on"], name="community_snapshot_unique")]

    def __str__(self) -> str:
        return f"{self.scheme} on {self.on}"
