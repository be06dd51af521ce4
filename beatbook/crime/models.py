"""Crime and ASB records, the police.uk outcomes and stop-and-search rows, and import runs.

One `Incident` table holds both recorded crimes and ASB incidents, from police.uk archive files or
from a force's own export, so every count and trend reads one place. Months are stored as the first
day of the month (police.uk publishes months, not dates). Coordinates are police.uk's anonymised
points; rows without them are kept and flagged, never dropped.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from beatbook.areas.models import Area, Lsoa
from beatbook.crime.categories import Category, NeighbourhoodCrimeType, NsirType


class Source(models.TextChoices):
    POLICE_UK = "police_uk", "police.uk archive"
    FORCE_EXPORT = "force_export", "Force incident export"


class Kind(models.TextChoices):
    CRIME = "crime", "Crime"
    ASB = "asb", "Anti-social behaviour"


class ImportStatus(models.TextChoices):
    QUEUED = "queued", "Queued"
    RUNNING = "running", "Running"
    DONE = "done", "Done"
    REFUSED = "refused", "Refused"
    FAILED = "failed", "Failed"
    SKIPPED = "skipped", "Skipped"  # an archive member that is not a data file, with the reason in `error`


FINISHED = (ImportStatus.DONE, ImportStatus.REFUSED, ImportStatus.FAILED, ImportStatus.SKIPPED)


def shown_file_name(source_name: str) -> str:
    """A source name without the server's folders: "/srv/data/x.csv" → "x.csv"; a zip member
    "/srv/data/archive.zip:2018-07/2018-07-derbyshire-street.csv" → "archive.zip:2018-07/2018-07-derbyshire-street.csv"
    (the member's path is the archive's own, not the server's). The command and the demo import from paths on
    the server, which `source_name` keeps so the command can find its runs; pages show only this."""
    container, sep, member = source_name.rpartition(":")
    if sep and len(container) > 1:  # "C:\\…" is a Windows drive, not a zip member
        return f"{_last_part(container)}:{member}"
    return _last_part(source_name)


def _last_part(path: str) -> str:
    return path.replace("\\", "/").rstrip("/").rsplit("/", 1)[-1] or path


class ImportRun(models.Model):
    """One file's import: what it was, who ran it, and every row accounted for."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    batch = models.UUIDField(null=True, blank=True, db_index=True, help_text="Runs from one upload share it")
    file_kind = models.CharField(max_length=30, help_text="street, outcomes, stop-and-search or force-asb")
    source_name = models.CharField(max_length=255, help_text="The file's name as given")
    file_sha256 = models.CharField(max_length=64, blank=True)
    force = models.ForeignKey(Area, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=10, choices=ImportStatus.choices, default=ImportStatus.QUEUED)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True, help_text="When it began running")
    finished_at = models.DateTimeField(null=True, blank=True)
    upload_path = models.CharField(max_length=255, blank=True, help_text="Stored upload awaiting processing")
    rows_total = models.PositiveIntegerField(default=0, help_text="Rows expected, for the progress bar")
    rows_read = models.PositiveIntegerField(default=0)
    inserted = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    rejected = models.PositiveIntegerField(default=0)
    removed = models.PositiveIntegerField(default=0, help_text="Rows of a replaced force-month no longer present")
    unlocated = models.PositiveIntegerField(default=0, help_text="Rows kept without coordinates or LSOA")
    unassigned = models.PositiveIntegerField(
        default=0,
        help_text="Incidents of the file's force-months in LSOAs assigned to none of the force's neighbourhoods",
    )
    months = models.JSONField(default=list, blank=True)
    forces = models.JSONField(default=dict, blank=True, help_text="Rows by force code, for a file split by force")
    warnings = models.JSONField(default=list, blank=True, help_text="What the reader of the report should know")
    rejections = models.JSONField(default=list, blank=True, help_text="The first rejections: line and reason")
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.get_status_display()})"  # shown in the audit log

    @property
    def file_name(self) -> str:
        """The source's name as a page may show it: never a server path (QA #7). See `shown_file_name`."""
        return shown_file_name(self.source_name)

    @property
    def accounted_for(self) -> bool:
        return self.rows_read == self.inserted + self.updated + self.unchanged + self.rejected

    @property
    def progress_percent(self) -> int:
        if self.status in FINISHED:
            return 100
        return min(99, int(100 * self.rows_read / self.rows_total)) if self.rows_total else 0


class IncidentQuerySet(models.QuerySet):
    def in_area(self, area: Area) -> IncidentQuerySet:
        """Incidents in the area: by LSOA below a force, by force (located or not) for a force. Below a
        force, only the force's own incidents: another force's row in a shared LSOA counts for its force.
        The area's LSOAs are looked up first, so the database can use the (lsoa_id, month) index: a path prefix
        through a join scanned every incident of the force (4.5 s for a division at national scale on PostgreSQL)."""
        if area.parent_id is None:
            return self.filter(force=area)
        lsoa_ids = list(Lsoa.objects.within(area).values_list("pk", flat=True))
        return self.filter(force_id=area.force_id, lsoa_id__in=lsoa_ids)

    def between(self, first_month, last_month) -> IncidentQuerySet:  # noqa: ANN001 - dates
        return self.filter(month__gte=first_month, month__lte=last_month)

    def with_offence_codes(self, codes) -> IncidentQuerySet:  # noqa: ANN001 - an iterable of Home Office codes
        """Incidents recorded under one of `codes`. The query repeats the partial offence-code index's own
        condition (`offence_code <> ''`): SQLite uses a partial index only when the query states its condition,
        and without it read a division's five years by LSOA instead (1.9 s → 24 ms at 2.5M incidents)."""
        return self.filter(offence_code__in=codes).exclude(offence_code="")


class Incident(models.Model):
    # Indexes cost import speed, so only those the reads need: (force, month, kind) serves force
    # queries (hence no separate force index), lsoa serves area queries.
    # No database constraint, as for lsoa below: PostgreSQL checks a deferred foreign key once per inserted
    # row at commit (2 s of a 220,000-row import here); the importer writes only the force it has just read
    # or created in the same transaction, and PROTECT still refuses deleting a force through Django.
    force = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="+", db_index=False, db_constraint=False)
    source = models.CharField(max_length=20, choices=Source.choices)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    # NULL, not "", where absent: the unique constraints below apply only to rows that have one.
    crime_id = models.CharField(max_length=100, null=True, blank=True, help_text="police.uk Crime ID")  # noqa: DJ001
    reference = models.CharField(max_length=60, null=True, blank=True, help_text="Force's incident reference")  # noqa: DJ001
    month = models.DateField(help_text="First day of the month recorded")
    occurred_at = models.DateTimeField(null=True, blank=True, help_text="UTC; force exports only")
    category = models.CharField(max_length=30, choices=Category.choices)
    nsir_type = models.CharField(max_length=15, choices=NsirType.choices, blank=True)
    neighbourhood_crime_type = models.CharField(max_length=30, choices=NeighbourhoodCrimeType.choices, blank=True)
    offence_code = models.CharField(max_length=20, blank=True, help_text="Home Office offence code; force exports only")
    longitude = models.FloatField(null=True, blank=True)
    latitude = models.FloatField(null=True, blank=True)
    location = models.CharField(max_length=255, blank=True)
    lsoa_code = models.CharField(max_length=9, blank=True)
    # No database constraint: PostgreSQL's per-row foreign-key check cost a fifth of an import's time (measured
    # with bench/bench_import.py), and the importer writes only LSOA ids it has just read or created in the same
    # transaction; nothing in Beatbook deletes LSOAs, and PROTECT still refuses it through Django.
    lsoa = models.ForeignKey(
        Lsoa, null=True, blank=True, on_delete=models.PROTECT, related_name="+", db_constraint=False
    )
    last_outcome = models.CharField(max_length=100, blank=True)
    context = models.TextField(blank=True)
    repeat_location = models.BooleanField(default=False)
    repeat_victim = models.BooleanField(default=False)
    fingerprint = models.CharField(max_length=40, help_text="Hash of the row's content, to tell changes apart")
    # Bookkeeping only: no database constraint or index, which would cost every imported row a check.
    import_run = models.ForeignKey(
        ImportRun,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_index=False,
        db_constraint=False,
    )

    objects = IncidentQuerySet.as_manager()

    class Meta:
        indexes = [
            models.Index(fields=["force", "month", "kind"]),
            # The offence-group tables (drug offences on the crime page, outcome rates) count by offence code
            # and month; only force-export rows carry a code, so police.uk imports never touch this index, and
            # on PostgreSQL it covers the area filter (a division's five years: 4.9 s → an index-only scan).
            models.Index(
                fields=["offence_code", "month"],
                include=["lsoa", "force", "kind"],
                condition=~Q(offence_code=""),
                name="incident_offence_month",
            ),
        ]
        constraints = [
            models.UniqueConstraint(fields=["crime_id"], condition=Q(crime_id__isnull=False), name="incident_crime_id"),
            models.UniqueConstraint(
                fields=["force", "reference"], condition=Q(reference__isnull=False), name="incident_force_reference"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_category_display()} {self.month:%Y-%m} {self.location}"


class ForceMonthRow(models.Model):
    """What every row of a police.uk file without IDs has: its force-month, its content fingerprint (how
    a re-import recognises it) and the import that brought it."""

    force = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="+")
    month = models.DateField(db_index=True)
    longitude = models.FloatField(null=True, blank=True)
    latitude = models.FloatField(null=True, blank=True)
    fingerprint = models.CharField(max_length=40)
    import_run = models.ForeignKey(
        ImportRun,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_index=False,
        db_constraint=False,
    )

    class Meta:
        abstract = True


class Outcome(ForceMonthRow):
    """A row of a police.uk outcomes file: an outcome recorded for a crime in a month."""

    crime_id = models.CharField(max_length=100, db_index=True)
    outcome_type = models.CharField(max_length=100)
    location = models.CharField(max_length=255, blank=True)
    lsoa_code = models.CharField(max_length=9, blank=True)

    def __str__(self) -> str:
        return f"{self.crime_id[:8]}… {self.outcome_type}"


class StopSearch(ForceMonthRow):
    """A row of a police.uk stop-and-search file (the force is known only from the file name)."""

    searched_at = models.DateTimeField(null=True, blank=True)
    search_type = models.CharField(max_length=60)
    part_of_operation = models.CharField(max_length=10, blank=True)
    operation = models.CharField(max_length=255, blank=True)
    gender = models.CharField(max_length=20, blank=True)
    age_range = models.CharField(max_length=20, blank=True)
    self_defined_ethnicity = models.CharField(max_length=150, blank=True)
    officer_defined_ethnicity = models.CharField(max_length=30, blank=True)
    legislation = models.CharField(max_length=150, blank=True)
    object_of_search = models.CharField(max_length=100, blank=True)
    outcome = models.CharField(max_length=100, blank=True)
    outcome_linked_to_object = models.CharField(max_length=10, blank=True)
    removal_of_more_than_outer_clothing = models.CharField(max_length=10, blank=True)

    def __str__(self) -> str:
        return f"{self.search_type} {self.month:%Y-%m}"
