"""Public scrutiny: the Police and Crime Plan and its measures, Performance Scrutiny Meetings, their papers
and public questions.

The overseer is called the local policing body (its title is `settings.LOCAL_POLICING_BODY_TITLE`):
Police and Crime Commissioners are due to be replaced by mayors or policing boards from 2028.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

from beatbook.areas.models import Area


class Plan(models.Model):
    """A Police and Crime Plan for a force, for its period (e.g. 2021–2025)."""

    force = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="+")
    title = models.CharField(max_length=200)
    starts_on = models.DateField()
    ends_on = models.DateField()

    class Meta:
        ordering = ["-starts_on"]

    def __str__(self) -> str:
        return self.title


class PlanPriority(models.Model):
    """A numbered priority of the plan ("Priority 2: Neighbourhood crime and anti-social behaviour")."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="priorities")
    number = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["plan", "number"]
        constraints = [models.UniqueConstraint(fields=["plan", "number"], name="plan_priority_number_unique")]

    def __str__(self) -> str:
        return f"Priority {self.number}: {self.title}"


class SubObjective(models.Model):
    priority = models.ForeignKey(PlanPriority, on_delete=models.CASCADE, related_name="sub_objectives")
    number = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=300)

    class Meta:
        ordering = ["priority", "number"]
        constraints = [models.UniqueConstraint(fields=["priority", "number"], name="sub_objective_number_unique")]

    def __str__(self) -> str:
        return f"Sub-objective {self.number}: {self.title}"


class Direction(models.TextChoices):
    DOWN = "down", "Lower is better"
    UP = "up", "Higher is better"
    NONE = "none", "Neither (context)"


class Measure(models.Model):
    """A measure of a plan priority: computed by Beatbook from a registry definition (`definition`, see
    measures.py) over `area`, or entered by hand (`definition` empty) with each value's source and date."""

    slug = models.SlugField(max_length=80, unique=True)
    priority = models.ForeignKey(PlanPriority, on_delete=models.CASCADE, related_name="measures")
    name = models.CharField(max_length=200)
    definition = models.CharField(max_length=60, blank=True, help_text="Registry key; empty for entered by hand")
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="+")
    direction = models.CharField(max_length=4, choices=Direction.choices, default=Direction.DOWN)
    target = models.FloatField(null=True, blank=True)
    how_counted = models.TextField(blank=True, help_text="For measures entered by hand: what is counted and where")

    class Meta:
        ordering = ["priority", "name"]

    def __str__(self) -> str:
        return self.name

    @property
    def computed(self) -> bool:
        return bool(self.definition)


class MeasureEntry(models.Model):
    """A value entered by hand for a measure Beatbook does not compute (drones, grants, road safety)."""

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="entries")
    period_end = models.DateField(help_text="Last day of the period the value covers")
    value = models.FloatField()
    source = models.CharField(max_length=300)
    source_date = models.DateField(help_text="When the source published the figure")
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    entered_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["measure", "period_end"]
        constraints = [models.UniqueConstraint(fields=["measure", "period_end"], name="measure_entry_unique")]

    def __str__(self) -> str:
        return f"{self.measure}: {self.value} to {self.period_end}"


class Meeting(models.Model):
    """A Performance Scrutiny Meeting: the local policing body holds the chief constable to account."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    force = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="+")
    title = models.CharField(max_length=300)
    starts_at = models.DateTimeField(help_text="UTC")
    place = models.CharField(max_length=200, help_text="An address, or 'Online'")
    online = models.BooleanField(default=False)
    priority = models.ForeignKey(PlanPriority, null=True, blank=True, on_delete=models.PROTECT, related_name="meetings")
    questions_published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-starts_at"]

    def __str__(self) -> str:
        return f"{self.title} ({timezone.localtime(self.starts_at):%d %B %Y})"


class AgendaItem(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda")
    number = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=300)

    class Meta:
        ordering = ["meeting", "number"]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class PaperStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted"
    PUBLISHED = "published", "Published"


class FilesStatus(models.TextChoices):
    """Where a published paper's DOCX and PDF are: made by a job on the queue (scrutiny/tasks.py), never by
    a web process."""

    NONE = "", "Not published"
    QUEUED = "queued", "Being prepared"
    READY = "ready", "Ready"
    FAILED = "failed", "Failed"


class Paper(models.Model):
    """A paper for a meeting. Once published it never changes: every figure is frozen into `snapshot`
    with its data date, and a correction is a new version (`replaces`) with a note."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="papers")
    title = models.CharField(max_length=300)
    report_by = models.CharField(max_length=200, default="Chief Constable")
    version = models.PositiveSmallIntegerField(default=1)
    replaces = models.OneToOneField("self", null=True, blank=True, on_delete=models.PROTECT, related_name="replaced_by")
    correction_note = models.TextField(blank=True)
    status = models.CharField(max_length=10, choices=PaperStatus.choices, default=PaperStatus.DRAFT)
    data_to = models.DateField(help_text="The last month of data the live elements show")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    submitted_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # {"data_date": ISO date the data was read, "elements": {block id: table JSON}}; set once, at publication.
    snapshot = models.JSONField(null=True, blank=True)
    docx = models.BinaryField(null=True, blank=True)
    pdf = models.BinaryField(null=True, blank=True)
    files_status = models.CharField(max_length=10, choices=FilesStatus.choices, default=FilesStatus.NONE, blank=True)
    files_error = models.TextField(blank=True, help_text="Why the last job making the files failed")
    files_job = models.CharField(max_length=64, blank=True, help_text="The id of the last job queued to make them")

    class Meta:
        ordering = ["meeting", "-version"]

    def __str__(self) -> str:
        return f"{self.title} (version {self.version})"

    @property
    def is_published(self) -> bool:
        return self.status == PaperStatus.PUBLISHED

    @property
    def files_ready(self) -> bool:
        return self.files_status == FilesStatus.READY


class Section(models.Model):
    """A numbered section; its blocks are numbered section.paragraph (5.2) as in the seed papers."""

    paper = models.ForeignKey(Paper, on_delete=models.CASCADE, related_name="sections")
    number = models.PositiveSmallIntegerField()
    heading = models.CharField(max_length=300)
    sub_objective = models.ForeignKey(SubObjective, null=True, blank=True, on_delete=models.SET_NULL)

    class Meta:
        ordering = ["paper", "number"]
        constraints = [models.UniqueConstraint(fields=["paper", "number"], name="section_number_unique")]

    def __str__(self) -> str:
        return f"{self.number}. {self.heading}"


class Block(models.Model):
    """One numbered paragraph: narrative (sanitised HTML), or a live element with caption, period and source."""

    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="blocks")
    number = models.PositiveSmallIntegerField()
    html = models.TextField(blank=True, help_text="Sanitised with nh3 when saved")
    element = models.CharField(max_length=120, blank=True, help_text="elements.py key, e.g. crime:asb-by-type")
    caption = models.CharField(max_length=300, blank=True)
    source = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["section", "number"]
        constraints = [models.UniqueConstraint(fields=["section", "number"], name="block_number_unique")]

    def __str__(self) -> str:
        return self.reference

    @property
    def reference(self) -> str:
        return f"{self.section.number}.{self.number}"


class Theme(models.TextChoices):
    VISIBLE_POLICING = "visible_policing", "Visible policing"
    VEHICLE_RELATED = "vehicle_related", "Vehicle related"
    SPECIFIC_LOCATION = "specific_location", "Specific location"
    POLICE_PERFORMANCE = "police_performance", "Police performance"
    MISCELLANEOUS = "miscellaneous", "Miscellaneous"


class QuestionStatus(models.TextChoices):
    RECEIVED = "received", "Received"
    REJECTED = "rejected", "Not accepted"
    ACCEPTED = "accepted", "Accepted, with the force for an answer"
    ANSWERED = "answered", "Answer drafted"
    APPROVED = "approved", "Answer approved"
    PUBLISHED = "published", "Published"


class Question(models.Model):
    """A public question for a meeting. The asker's name and email are personal data: never published,
    read only by scrutiny officers (audited). The public see the area only ("Resident from Bolsover")."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="questions")
    number = models.PositiveSmallIntegerField(null=True, blank=True)
    asker_name = models.CharField(max_length=200)
    asker_email = models.EmailField(
        blank=True, help_text="Optional; erased SCRUTINY_ASKER_EMAIL_RETENTION_DAYS after publication (askers.py)"
    )
    asker_email_erased_at = models.DateTimeField(null=True, blank=True)
    received_email_sent_at = models.DateTimeField(null=True, blank=True)
    published_email_sent_at = models.DateTimeField(null=True, blank=True)
    email_error = models.TextField(blank=True, help_text="Why the last email to the asker could not be sent")
    area = models.CharField(max_length=100, help_text="The asker's district, as published")
    text = models.TextField()
    theme = models.CharField(max_length=20, choices=Theme.choices)
    status = models.CharField(max_length=10, choices=QuestionStatus.choices, default=QuestionStatus.RECEIVED)
    received_at = models.DateTimeField(default=timezone.now)
    rejection_reason = models.TextField(blank=True)
    answer_due_on = models.DateField(null=True, blank=True)
    answer = models.TextField(blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["meeting", "number", "received_at"]

    def __str__(self) -> str:
        return f"Q{self.number or '?'} for {self.meeting}"

    @property
    def asked_by(self) -> str:
        return f"Resident from {self.area}"

    @property
    def reference(self) -> str:
        """The reference the asker is given (in their first email): Q- and the first 8 hex digits of the uuid."""
        return f"Q-{self.uuid.hex[:8].upper()}"
