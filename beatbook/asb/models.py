"""The ASB tools and powers register, and the ASB Case Review (formerly the Community Trigger).

Powers: each use of an Anti-social Behaviour, Crime and Policing Act 2014 power (or an acceptable
behaviour contract, which is not statutory) against a person, premises or place, checked against the rules
of the legislation version in force (beatbook/asb/rules.py). Subjects' names are personal data.

Case Review: an application (online, or recorded by staff), its qualifying complaints, the threshold
decision, the review and its recommendations, and any escalation to the local policing body. Applicants'
details are personal data; only the yearly counts are published.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

from beatbook.areas.models import Area


class Power(models.TextChoices):
    CPW = "cpw", "Community protection warning"
    CPN = "cpn", "Community protection notice"
    PSPO = "pspo", "Public spaces protection order (new)"
    PSPO_PENALTY = "pspo_penalty", "Fixed penalty for failing to comply with a PSPO"
    CLOSURE_NOTICE = "closure_notice", "Closure notice"
    CLOSURE_ORDER = "closure_order", "Closure order application"
    CLOSURE_BREACH = "closure_breach", "Prosecution for breach of a closure order"
    INJUNCTION = "injunction", "Civil injunction"
    CBO = "cbo", "Criminal behaviour order application"
    DISPERSAL = "dispersal", "Dispersal direction"
    ABC = "abc", "Acceptable behaviour contract"
    SCPO = "scpo", "Serious crime prevention order"
    # Crime and Policing Act 2026 (beatbook.asb.rules: refused before ASB_RULES_2026_FROM).
    RESPECT_ORDER = "respect_order", "Respect Order (adults, 2026 Act)"
    YOUTH_INJUNCTION = "youth_injunction", "Youth Injunction (2026 Act)"
    HOUSING_INJUNCTION = "housing_injunction", "Housing Injunction (2026 Act)"


class SubjectKind(models.TextChoices):
    PERSON = "person", "A person"
    PREMISES = "premises", "Premises"
    PLACE = "place", "A public place"
    BODY = "body", "A business or other body"


class PowerUseQuerySet(models.QuerySet):
    def within(self, area: Area) -> PowerUseQuerySet:
        return self.filter(area__path__startswith=area.path)


class PowerUse(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    force = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="+")
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="asb_power_uses")
    power = models.CharField(max_length=20, choices=Power.choices)
    legislation = models.CharField(max_length=10, help_text="The rules version it was checked against")
    subject_kind = models.CharField(max_length=10, choices=SubjectKind.choices)
    subject = models.CharField(max_length=200, help_text="Name or address: personal data")
    subject_age = models.PositiveIntegerField(null=True, blank=True, help_text="Age on the day, for a person")
    agency = models.CharField(max_length=120)
    issued_on = models.DateField()
    duration_hours = models.PositiveIntegerField(null=True, blank=True, help_text="For dispersal and closure")
    expires_on = models.DateField(null=True, blank=True)
    review_on = models.DateField(null=True, blank=True)
    interim = models.BooleanField(default=False, help_text="An interim injunction")
    granted = models.BooleanField(null=True, blank=True, help_text="For applications: granted by the court")
    prior_warning = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="+", help_text="The CPW before a CPN"
    )
    plan = models.ForeignKey(
        "problemsolving.ProblemPlan", null=True, blank=True, on_delete=models.SET_NULL, related_name="asb_powers"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = PowerUseQuerySet.as_manager()

    class Meta:
        ordering = ["-issued_on", "-pk"]
        indexes = [models.Index(fields=["force", "issued_on", "power"])]

    def __str__(self) -> str:
        return f"{self.get_power_display()} on {self.issued_on}"


class Channel(models.TextChoices):
    ONLINE = "online", "Online form"
    PHONE = "phone", "Phone"
    EMAIL = "email", "Email"
    LETTER = "letter", "Letter"
    IN_PERSON = "in_person", "In person"


class CaseReviewStatus(models.TextChoices):
    RECEIVED = "received", "Received"
    THRESHOLD_MET = "threshold_met", "Threshold met: review to be held"
    THRESHOLD_NOT_MET = "threshold_not_met", "Threshold not met"
    REVIEWED = "reviewed", "Review held"
    WITHDRAWN = "withdrawn", "Withdrawn"


class CaseReview(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    reference = models.CharField(max_length=20, unique=True)
    force = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="+")
    local_authority_code = models.CharField(max_length=9)
    local_authority_name = models.CharField(max_length=100)
    channel = models.CharField(max_length=10, choices=Channel.choices)
    received_on = models.DateField()
    # Personal data: the applicant.
    applicant_name = models.CharField(max_length=200)
    applicant_contact = models.CharField(max_length=200, help_text="Phone or email")
    applicant_postcode = models.CharField(max_length=10, blank=True)
    description = models.TextField()
    on_behalf_of_someone_else = models.BooleanField(default=False)
    status = models.CharField(max_length=20, choices=CaseReviewStatus.choices, default=CaseReviewStatus.RECEIVED)
    single_point_of_contact = models.CharField(max_length=200, blank=True)
    acknowledge_by = models.DateField()
    decide_by = models.DateField()
    meet_by = models.DateField(null=True, blank=True)
    acknowledged_on = models.DateField(null=True, blank=True)
    threshold_decided_on = models.DateField(null=True, blank=True)
    threshold_met = models.BooleanField(null=True, blank=True)
    review_held_on = models.DateField(null=True, blank=True)
    victim_consulted = models.BooleanField(default=False)
    withdrawn_on = models.DateField(null=True, blank=True)
    escalated_on = models.DateField(null=True, blank=True, help_text="Referred to the local policing body")
    escalation_reason = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-received_on", "-pk"]

    def __str__(self) -> str:
        return self.reference


class QualifyingComplaint(models.Model):
    """A complaint about the behaviour: when it happened, when and to whom it was reported."""

    case_review = models.ForeignKey(CaseReview, on_delete=models.CASCADE, related_name="complaints")
    incident_on = models.DateField()
    reported_on = models.DateField()
    agency = models.CharField(max_length=120)

    class Meta:
        ordering = ["reported_on", "pk"]

    def __str__(self) -> str:
        return f"Complaint to {self.agency} on {self.reported_on}"


class Recommendation(models.Model):
    case_review = models.ForeignKey(CaseReview, on_delete=models.CASCADE, related_name="recommendations")
    text = models.TextField()
    owner = models.CharField(max_length=120)
    due_on = models.DateField()
    done_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return self.text[:60]
