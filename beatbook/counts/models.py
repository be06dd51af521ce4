"""Monthly incident counts, maintained at import, so pages sum hundreds of rows instead of counting millions.

`LsoaMonthCount` holds one row per (force, LSOA, month, kind, category, NSIR type, neighbourhood crime
type) with its number of incidents; LSOA is NULL for incidents without one. `ForceMonthCount` is the same
without the LSOA, for force-wide pages; `LsoaKindMonthCount` the same per LSOA, month and kind alone, for
the tables that sum crime and ASB by LSOA (a force's five years in a fifth of the rows). All three are
exactly `COUNT(*)` over `crime.Incident` grouped so:
`beatbook.counts.refresh.refresh_counts` rewrites a force's months inside the import's transaction, and
`beatbook rebuild_counts` rewrites everything. `DataVersion` changes whenever counts or geography change;
cached pages are keyed by it.
"""

from __future__ import annotations

from django.db import models

from beatbook.areas.models import Area, Lsoa


class MonthCount(models.Model):
    force = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="+", db_index=False)
    month = models.DateField(help_text="First day of the month")
    kind = models.CharField(max_length=10, help_text="crime or asb, as Incident.kind")
    category = models.CharField(max_length=30)
    nsir_type = models.CharField(max_length=15, blank=True)
    neighbourhood_crime_type = models.CharField(max_length=30, blank=True)
    n = models.PositiveIntegerField(help_text="Incidents in the group")

    class Meta:
        abstract = True


class LsoaMonthCount(MonthCount):
    # Only the indexes the reads use: (force, month) for refreshes and force-wide LSOA tables, carrying the
    # LSOA, kind and n those tables sum (the force's LSOA rates and unassigned incidents read the index
    # alone, not rows scattered over the table); for area pages (lsoa, month) carrying every grouped column
    # and n, so SQLite sums without visiting the table (a division's five years: 1.05 s → 0.33 s at 1.5M
    # incidents).
    lsoa = models.ForeignKey(Lsoa, null=True, blank=True, on_delete=models.CASCADE, related_name="+", db_index=False)

    class Meta:
        indexes = [
            models.Index(fields=["force", "month", "lsoa", "kind", "n"], name="counts_lsoa_force_month_cover"),
            models.Index(
                fields=["lsoa", "month", "category", "nsir_type", "neighbourhood_crime_type", "kind", "n"],
                name="counts_lsoa_month_cover",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.lsoa_id or 'no LSOA'} {self.month:%Y-%m} {self.category}: {self.n}"


class ForceMonthCount(MonthCount):
    class Meta:
        indexes = [models.Index(fields=["force", "month"], name="counts_force_month")]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} {self.category}: {self.n}"


class LsoaKindMonthCount(models.Model):
    """Incidents per (force, LSOA, month, kind), summed over categories and types: the LSOA tables, areas
    below, by local authority and unassigned incidents read these, never more than two rows an LSOA-month.
    Keyed by LSOA, not by neighbourhood, so a change of geography leaves it right (an incident's LSOA
    never changes; an LSOA's neighbourhood may)."""

    force = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="+", db_index=False)
    lsoa = models.ForeignKey(Lsoa, null=True, blank=True, on_delete=models.CASCADE, related_name="+", db_index=False)
    month = models.DateField(help_text="First day of the month")
    kind = models.CharField(max_length=10, help_text="crime or asb, as Incident.kind")
    n = models.PositiveIntegerField(help_text="Incidents in the group")

    class Meta:
        # Both carry every column, so each read is of the index alone: (force, month) for a force's tables
        # and its unassigned and unlocated incidents, (lsoa, month) for an area's.
        indexes = [
            models.Index(fields=["force", "month", "lsoa", "kind", "n"], name="counts_lsoakind_force_cover"),
            models.Index(fields=["lsoa", "month", "kind", "n"], name="counts_lsoakind_lsoa_cover"),
        ]

    def __str__(self) -> str:
        return f"{self.lsoa_id or 'no LSOA'} {self.month:%Y-%m} {self.kind}: {self.n}"


class DataVersion(models.Model):
    """One row: a random token and a counter, both changed by every import and geography change (a new token
    each time, so two databases, or a rolled-back bump and the next, never share a version)."""

    token = models.CharField(max_length=32)
    number = models.PositiveBigIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.token}-{self.number}"
