"""Reference layers for maps that need no basemap: local authority and MSOA outlines a force loads (ONS,
Open Government Licence), and each of its areas' outline (or label point) derived from them."""

from __future__ import annotations

from django.db import models

from beatbook.areas.models import Area


class ShapeKind(models.TextChoices):
    LOCAL_AUTHORITY = "local_authority", "Local authority"
    MSOA = "msoa", "MSOA"
    AREA = "area", "Policing area"


class ReferenceShape(models.Model):
    """One outline in WGS84, simplified for drawing. Near borders it can differ from the true boundary by the
    simplification (and, when approximate, by the shares); `beatbook.maps.locate` still places points by
    neighbourhoods' outlines on purpose, so the answer matches the map the user sees.

    For kind AREA, `geometry` is the union of the MSOAs its LSOAs lie in when they are whole MSOAs
    (`aligned`); otherwise an approximate outline, its LSOAs' shares of MSOAs it shares with other areas
    (`beatbook.maps.outlines`). Rows loaded before approximate outlines existed may have no geometry, only
    the label point."""

    force = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20, choices=ShapeKind.choices)
    code = models.CharField(max_length=100, help_text="ONS code, or the area's code for kind AREA")
    name = models.CharField(max_length=200)
    area = models.OneToOneField(Area, null=True, blank=True, on_delete=models.CASCADE, related_name="reference_shape")
    geometry = models.JSONField(null=True, blank=True, help_text="A GeoJSON Polygon or MultiPolygon, lon/lat")
    label_longitude = models.FloatField()
    label_latitude = models.FloatField()
    aligned = models.BooleanField(default=True, help_text="For areas: the outline is exact (whole MSOAs)")
    source = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["force", "kind", "code"]
        constraints = [models.UniqueConstraint(fields=["force", "kind", "code"], name="reference_shape_unique")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.name}"
