"""What the public has been shown: the last version of each publishable record an inspector approved.

A record's own row is the working copy its team edits; the public pages and the police.uk-shaped feed
read only the approved copy here, so an edit after publication waits for approval before anyone outside
sees it (issue 11, item 1). Any model can be published this way if it has `public_fields()` (a dict of
JSON values, the text the public would see), `publication_area` (the area it is published for) and a
`PUBLISH_CAPABILITY` (who may approve it)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models

from beatbook.areas.models import Area


class PublishedVersion(models.Model):
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.PositiveBigIntegerField()
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="+", help_text="Published for")
    fields = models.JSONField(help_text="The approved public text, field name → value")
    version = models.PositiveIntegerField(default=1, help_text="Approvals so far; each one replaces `fields`")
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    approved_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["content_type", "object_id"], name="published_version_unique")]
        indexes = [models.Index(fields=["content_type", "area"])]

    def __str__(self) -> str:
        return f"{self.content_type.model} {self.object_id} v{self.version}"


class PlaceKind(models.TextChoices):
    AREA = "area", "Neighbourhood, team or LPU"
    AUTHORITY = "authority", "Local authority"
    STREET = "street", "Street (as police.uk publishes it)"
    POSTCODE = "postcode", "Postcode district"


class PlaceName(models.Model):
    """The search table behind "your area": only names the public already has (area names, local
    authorities, police.uk's "On or near" street names, postcode districts), never a force export's
    incident locations. `key` is the lower-cased name, or a word-start tail of it, searched by prefix."""

    neighbourhood = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10, choices=PlaceKind.choices)
    name = models.CharField(max_length=255)
    key = models.CharField(max_length=255)

    class Meta:
        indexes = [models.Index(fields=["key"])]

    def __str__(self) -> str:
        return f"{self.name} → {self.neighbourhood_id}"
