"""Problem-solving plans (SARA: scanning, analysis, response, assessment), after the College of Policing's
problem-solving guidance. A sergeant drafts a plan, an inspector approves it (it is then active) and later
closes it with one of the force's closure codes.

A plan belongs to a team (an area) or to a force-wide unit such as a Rural Crime Team, which is not an
area. People named in a plan (`PlanPerson`) are personal data: only roles with READ_PLAN_PEOPLE see them,
every read is audited, and no aggregate or public page uses them.
"""

from __future__ import annotations

import uuid
from datetime import date, timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q

from beatbook.areas.models import Area, Level


class ProblemType(models.TextChoices):
    ASB = "asb", "Anti-social behaviour"
    CRIME = "crime", "Crime"
    VEHICLE = "vehicle", "Vehicles"
    DRUGS = "drugs", "Drugs"
    RURAL = "rural", "Rural"
    OTHER = "other", "Other"


class PlanStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    ACTIVE = "active", "Active"
    CLOSED = "closed", "Closed"


class ForceUnit(models.Model):
    """A force-wide unit that owns plans but is not an area, e.g. a Rural Crime Team."""

    force = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="problem_units")
    code = models.SlugField(max_length=60)
    name = models.CharField(max_length=120)

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["force", "code"], name="force_unit_unique")]

    def __str__(self) -> str:
        return self.name


class ClosureCode(models.Model):
    """One of a force's closure codes for plans. No national list exists (REFERENCE.md (a)): each force
    keeps its own, in order; retired codes stay on the plans that used them."""

    force = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="closure_codes")
    code = models.SlugField(max_length=40)
    label = models.CharField(max_length=200)
    position = models.PositiveIntegerField(default=0)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["position", "code"]
        constraints = [models.UniqueConstraint(fields=["force", "code"], name="closure_code_unique")]

    def __str__(self) -> str:
        return self.label


class PlanQuerySet(models.QuerySet):
    def active_on(self, day: date) -> PlanQuerySet:
        """Plans approved on or before `day` and not closed by then (closed on `day` counts as closed)."""
        return self.filter(approved_on__lte=day).filter(Q(closed_on__isnull=True) | Q(closed_on__gt=day))

    def for_force_or_area(self, area: Area) -> PlanQuerySet:
        """Plans owned by a team inside `area`; for a force, its force-wide units' plans as well. A
        neighbourhood holds no team, so its plans are those that cover it (`places`): what its PCSOs work on."""
        if area.level == Level.NEIGHBOURHOOD:
            return self.filter(places=area)
        condition = Q(owner_area__path__startswith=area.path)
        if area.parent_id is None:
            condition |= Q(owner_unit__force=area)
        return self.filter(condition)


class ProblemPlan(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    force = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="+")
    title = models.CharField(max_length=200)
    problem_type = models.CharField(max_length=20, choices=ProblemType.choices)
    owner_area = models.ForeignKey(
        Area, null=True, blank=True, on_delete=models.PROTECT, related_name="problem_plans", help_text="Owning team"
    )
    owner_unit = models.ForeignKey(ForceUnit, null=True, blank=True, on_delete=models.PROTECT, related_name="plans")
    partners = models.CharField(max_length=300, blank=True, help_text="Partner agencies involved")
    # Scanning: which of Beatbook's incidents the plan covers, plus references added by hand.
    places = models.ManyToManyField(Area, blank=True, related_name="+", help_text="Neighbourhoods it covers")
    hotspot = models.ForeignKey(
        "hotspots.DesignatedHotspot", null=True, blank=True, on_delete=models.PROTECT, related_name="problem_plans"
    )
    categories = models.JSONField(default=list, blank=True, help_text="police.uk category slugs; empty = all")
    scan_from = models.DateField(help_text="First month scanned")
    scan_to = models.DateField(help_text="Last month scanned")
    manual_references = models.TextField(blank=True, help_text="Incident or call references, one a line")
    # Analysis: the problem analysis triangle, each side with its controller.
    victim = models.TextField(blank=True, help_text="Victim or target")
    guardian = models.TextField(blank=True)
    offender = models.TextField(blank=True)
    handler = models.TextField(blank=True)
    location = models.TextField(blank=True)
    manager = models.TextField(blank=True)
    # Assessment options.
    comparison_area = models.ForeignKey(Area, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    asb_only = models.BooleanField(default=False, help_text="Assess ASB incidents only")
    status = models.CharField(max_length=10, choices=PlanStatus.choices, default=PlanStatus.DRAFT)
    drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    approved_on = models.DateField(null=True, blank=True)
    review_interval_days = models.PositiveIntegerField(default=28)
    next_review_on = models.DateField(null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    closed_on = models.DateField(null=True, blank=True)
    closure_code = models.ForeignKey(ClosureCode, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    closure_note = models.TextField(blank=True)

    objects = PlanQuerySet.as_manager()

    class Meta:
        ordering = ["title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(owner_area__isnull=True, owner_unit__isnull=False)
                | Q(owner_area__isnull=False, owner_unit__isnull=True),
                name="plan_has_one_owner",
            ),
            models.CheckConstraint(condition=Q(scan_to__gte=models.F("scan_from")), name="plan_scan_in_order"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def owner_name(self) -> str:
        return self.owner_unit.name if self.owner_unit_id else self.owner_area.name

    def review_overdue(self, today: date) -> bool:
        return self.status == PlanStatus.ACTIVE and self.next_review_on is not None and self.next_review_on < today

    def following_review(self, day: date) -> date:
        return day + timedelta(days=self.review_interval_days)


class PersonRole(models.TextChoices):
    VICTIM = "victim", "Victim"
    OFFENDER = "offender", "Offender"
    GUARDIAN = "guardian", "Guardian"
    HANDLER = "handler", "Handler"
    MANAGER = "manager", "Place manager"
    WITNESS = "witness", "Witness"


class PlanPerson(models.Model):
    """A person named in a plan: personal data (see the module docstring)."""

    plan = models.ForeignKey(ProblemPlan, on_delete=models.CASCADE, related_name="people")
    role = models.CharField(max_length=20, choices=PersonRole.choices)
    name = models.CharField(max_length=200)
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["role", "name"]

    def __str__(self) -> str:
        return f"{self.get_role_display()} in {self.plan}"


class ResponseStatus(models.TextChoices):
    PLANNED = "planned", "Planned"
    IN_PROGRESS = "in_progress", "In progress"
    DONE = "done", "Done"
    DROPPED = "dropped", "Dropped"


class PlanResponse(models.Model):
    """One action of the response: who does what, for which agency, by when."""

    plan = models.ForeignKey(ProblemPlan, on_delete=models.CASCADE, related_name="responses")
    action = models.CharField(max_length=300)
    owner = models.CharField(max_length=120, help_text="A role or team, e.g. 'SNT sergeant'")
    agency = models.CharField(max_length=120)
    due_on = models.DateField()
    status = models.CharField(max_length=20, choices=ResponseStatus.choices, default=ResponseStatus.PLANNED)

    class Meta:
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return self.action


class PlanReview(models.Model):
    plan = models.ForeignKey(ProblemPlan, on_delete=models.CASCADE, related_name="reviews")
    reviewed_on = models.DateField()
    note = models.TextField()
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-reviewed_on", "-pk"]

    def __str__(self) -> str:
        return f"Review of {self.plan} on {self.reviewed_on}"


class TaskingMeeting(models.Model):
    """A daily or weekly tasking meeting: who attended (by role), what was decided, the plans and hotspots
    it looked at."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="tasking_meetings")
    held_on = models.DateField()
    attendees = models.JSONField(default=list, help_text="Roles present, e.g. ['Inspector', 'SNT sergeant']")
    notes = models.TextField(blank=True)
    plans = models.ManyToManyField(ProblemPlan, blank=True, related_name="tasking_meetings")
    hotspots = models.ManyToManyField("hotspots.DesignatedHotspot", blank=True, related_name="tasking_meetings")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-held_on", "-pk"]

    def __str__(self) -> str:
        return f"Tasking meeting, {self.area.name}, {self.held_on}"


class TaskingAction(models.Model):
    meeting = models.ForeignKey(TaskingMeeting, on_delete=models.CASCADE, related_name="actions")
    action = models.CharField(max_length=300)
    owner = models.CharField(max_length=120)
    due_on = models.DateField()
    status = models.CharField(max_length=20, choices=ResponseStatus.choices, default=ResponseStatus.PLANNED)

    class Meta:
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return self.action
