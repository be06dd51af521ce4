"""Call handling (999, 101) and social media figures, as imported.

Three call-handling sources are kept side by side, each row tied to the import batch it came from:
- `CallRecord`: one row per call from the telephony export (call level; gives median and percentiles);
- `IntervalFigure`: counts for a line over a day, a month or a longer published period (a financial year
  or "Apr 2023 - Oct 2023"), with any percentages the source printed, kept so a disagreement shows;
- `HomeOfficeMonth`: the Home Office's monthly 999 answering data for every force (police.uk, since
  November 2021).
Lines and their service levels are configuration per force (`ContactLine`).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from beatbook.areas.models import Area


class ContactLine(models.Model):
    """A telephone queue and its service level: calls answered within `service_level_seconds` meet it."""

    force = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="contact_lines")
    code = models.SlugField(max_length=40, help_text="As in import files, e.g. 999, 101-triage")
    key = models.SlugField(max_length=40, help_text="Short column prefix in reports, e.g. triage")
    name = models.CharField(max_length=100)
    group = models.CharField(max_length=20, help_text="Lines reported together: 999 or 101")
    service_level_seconds = models.PositiveIntegerField()
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["force", "order", "code"]
        constraints = [models.UniqueConstraint(fields=["force", "code"], name="contact_line_unique_code")]

    def __str__(self) -> str:
        return self.name


class ImportKind(models.TextChoices):
    CALLS = "calls", "Call-level telephony export"
    INTERVALS = "intervals", "Interval aggregates"
    HOME_OFFICE = "home-office", "Home Office 999 monthly data"
    SOCIAL = "social", "Social media monthly figures"


class ContactImport(models.Model):
    """One imported file: all its rows or none. `as_at` is the date the source's figures were taken."""

    force = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="contact_imports")
    kind = models.CharField(max_length=20, choices=ImportKind.choices)
    source_name = models.CharField(max_length=255)
    as_at = models.DateField()
    rows = models.PositiveIntegerField(default=0)
    imported_at = models.DateTimeField(auto_now_add=True)
    imported_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)

    class Meta:
        ordering = ["as_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.source_name} (as at {self.as_at})"


class CallRecord(models.Model):
    batch = models.ForeignKey(ContactImport, on_delete=models.CASCADE, related_name="calls")
    line = models.ForeignKey(ContactLine, on_delete=models.PROTECT, related_name="calls")
    call_id = models.CharField(max_length=64)
    offered_at = models.DateTimeField(help_text="UTC")
    answered = models.BooleanField()
    wait_seconds = models.PositiveIntegerField(help_text="Until answered, or until the caller hung up")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["line", "call_id"], name="contact_call_unique_id")]
        indexes = [models.Index(fields=["line", "offered_at"])]

    def __str__(self) -> str:
        return f"{self.line} call {self.call_id}"


class IntervalFigure(models.Model):
    """A line's counts over [start, end] (whole days, inclusive)."""

    batch = models.ForeignKey(ContactImport, on_delete=models.CASCADE, related_name="figures")
    line = models.ForeignKey(ContactLine, on_delete=models.PROTECT, related_name="figures")
    start = models.DateField()
    end = models.DateField()
    offered = models.PositiveIntegerField(null=True, blank=True, help_text="Blank where the source gave none")
    answered_within = models.PositiveIntegerField(null=True, blank=True, help_text="Within the service level")
    abandoned = models.PositiveIntegerField(null=True, blank=True)
    mean_wait_seconds = models.FloatField(null=True, blank=True)
    # Percentages as the source printed them (0-100), kept to compare with the counts.
    reported_within_pct = models.DecimalField(max_digits=6, decimal_places=3, null=True, blank=True)
    reported_longer_pct = models.DecimalField(max_digits=6, decimal_places=3, null=True, blank=True)
    reported_abandoned_pct = models.DecimalField(max_digits=6, decimal_places=3, null=True, blank=True)
    coverage_note = models.CharField(max_length=300, blank=True, help_text="e.g. days of data missing")

    class Meta:
        ordering = ["line", "start"]
        indexes = [models.Index(fields=["line", "start", "end"])]

    def __str__(self) -> str:
        return f"{self.line} {self.start} to {self.end}"


class HomeOfficeMonth(models.Model):
    """One force's 999 answering in one month, as the Home Office publishes it (shares in %)."""

    batch = models.ForeignKey(ContactImport, on_delete=models.CASCADE, related_name="home_office_months")
    month = models.DateField(help_text="First day of the month")
    force_name = models.CharField(max_length=100)
    calls = models.PositiveIntegerField()
    mean_answer_seconds = models.FloatField()
    under_10_pct = models.FloatField()
    from_10_to_60_pct = models.FloatField()
    over_60_pct = models.FloatField()

    class Meta:
        ordering = ["month", "force_name"]
        indexes = [models.Index(fields=["month"])]

    def __str__(self) -> str:
        return f"{self.force_name} {self.month:%Y-%m}"


class AccountScope(models.TextChoices):
    LOCAL = "local", "Local policing"
    OPERATIONAL = "operational", "Operations department"
    FORCE = "force", "Force-wide"


class SocialAccount(models.Model):
    force = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="social_accounts")
    area = models.ForeignKey(Area, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    platform = models.CharField(max_length=40)
    handle = models.CharField(max_length=200)
    scope = models.CharField(max_length=20, choices=AccountScope.choices)
    is_main = models.BooleanField(
        default=False, help_text="The force's main account on its platform (000_* 10.8-10.9 report these apart)"
    )

    class Meta:
        ordering = ["platform", "handle"]
        constraints = [
            models.UniqueConstraint(fields=["force", "platform", "handle"], name="contact_social_unique_handle")
        ]

    def __str__(self) -> str:
        return f"{self.platform} {self.handle}"


class SocialMonth(models.Model):
    batch = models.ForeignKey(ContactImport, on_delete=models.CASCADE, related_name="social_months")
    account = models.ForeignKey(SocialAccount, on_delete=models.CASCADE, related_name="months")
    month = models.DateField()
    posts = models.PositiveIntegerField()
    stories = models.PositiveIntegerField(null=True, blank=True, help_text="Stories (Instagram), apart from posts")
    engagements = models.PositiveIntegerField()
    reach = models.PositiveIntegerField(null=True, blank=True)
    followers = models.PositiveIntegerField(null=True, blank=True, help_text="At the month's end")
    comments_and_messages = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["month"]
        constraints = [models.UniqueConstraint(fields=["account", "month"], name="contact_social_unique_month")]

    def __str__(self) -> str:
        return f"{self.account} {self.month:%Y-%m}"
