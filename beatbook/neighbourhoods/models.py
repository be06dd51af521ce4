"""The neighbourhood teams' own records: engagement with the community, abstractions from the core
role, and the quarterly neighbourhood priorities ("you said, we did")."""

from __future__ import annotations

import uuid
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from beatbook.areas.models import Area, Level
from beatbook.lib.dates import LONDON, elapsed
from beatbook.workforce.models import Officer

DEFAULT_COMMUNITY_GROUPS = [
    "Young people",
    "Elderly",
    "People with disabilities",
    "Homeless",
    "LGBTQ+",
    "Black",
    "Refugee or asylum seekers",
    "Muslim",
    "Eastern European",
    "Traveller",
    "South Asian",
    "East Asian",
    "Sikh",
    "Hindu",
    "Jewish",
    "Rural",
    "Business",
]


class CommunityGroup(models.Model):
    """A community group a force wants to know it reaches. Each force keeps its own list; a group
    retired from the list stays on the engagements that recorded it."""

    force = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="community_groups")
    slug = models.SlugField(max_length=60)
    name = models.CharField(max_length=80)
    position = models.PositiveIntegerField(default=0)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["force", "position", "name"]
        constraints = [models.UniqueConstraint(fields=["force", "slug"], name="community_group_unique")]

    def __str__(self) -> str:
        return self.name


class CommunityPresence(models.Model):
    """A group known to live or work in an area (from the force's neighbourhood profile), so a report
    can show groups present but not reached."""

    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="community_presence")
    group = models.ForeignKey(CommunityGroup, on_delete=models.CASCADE, related_name="presence")
    source = models.CharField(max_length=120, blank=True, help_text="Where this is known from")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["area", "group"], name="community_presence_unique")]

    def __str__(self) -> str:
        return f"{self.group} in {self.area}"


class EngagementMethod(models.TextChoices):
    PATROL_CONVERSATION = "patrol_conversation", "Patrol conversation"
    COMMUNITY_MEETING = "community_meeting", "Community meeting"
    EVENT = "event", "Event"
    SCHOOL_INPUT = "school_input", "School input"
    STREET_SURGERY = "street_surgery", "Street surgery"
    CUPPA_WITH_A_COPPER = "cuppa", "Cuppa with a Copper"
    ONLINE = "online", "Online or social media"
    ALERT_MESSAGE = "alert_message", "Alert message"
    SURVEY = "survey", "Survey"


FACE_TO_FACE_METHODS = {
    EngagementMethod.PATROL_CONVERSATION,
    EngagementMethod.COMMUNITY_MEETING,
    EngagementMethod.EVENT,
    EngagementMethod.SCHOOL_INPUT,
    EngagementMethod.STREET_SURGERY,
    EngagementMethod.CUPPA_WITH_A_COPPER,
}


class Engagement(models.Model):
    """One engagement activity recorded by an officer. Issues raised and follow-up are free text that may
    name people: they are shown only to police roles, and reading them is audited."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    neighbourhood = models.ForeignKey(
        Area, on_delete=models.PROTECT, related_name="engagements", limit_choices_to={"level": Level.NEIGHBOURHOOD}
    )
    started_at = models.DateTimeField(help_text="UTC")
    duration_minutes = models.PositiveIntegerField()
    location = models.CharField(max_length=200)
    method = models.CharField(max_length=30, choices=EngagementMethod.choices)
    face_to_face = models.BooleanField(help_text="Set from the method")
    groups = models.ManyToManyField(CommunityGroup, blank=True, related_name="engagements")
    people_reached = models.PositiveIntegerField()
    issues_raised = models.TextField(blank=True)
    follow_up = models.TextField(blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1, help_text="Edits so far; an edit names the one it began from")
    withdrawn_at = models.DateTimeField(null=True, blank=True, help_text="Withdrawn by its recorder: not counted")

    class Meta:
        ordering = ["-started_at"]
        indexes = [models.Index(fields=["neighbourhood", "started_at"])]

    def __str__(self) -> str:
        # UK time, as the officer entered it (stored in UTC: a summer 00:30 start is the day before in UTC).
        return (
            f"{self.get_method_display()} in {self.neighbourhood.name}, {self.started_at.astimezone(LONDON):%Y-%m-%d}"
        )


class AbstractionReason(models.TextChoices):
    MAJOR_INCIDENT = "major_incident", "Supporting a major or significant incident"
    RESPONSE_COVER = "response_cover", "Response cover"
    PUBLIC_ORDER = "public_order", "Public order or event"
    CUSTODY = "custody", "Custody or constant watch"
    TRAINING = "training", "Training"
    OTHER = "other", "Other"


class AuthoriserRank(models.TextChoices):
    """Ranks in order of seniority; the policy needs chief inspector or above."""

    SERGEANT = "sergeant", "Sergeant"
    INSPECTOR = "inspector", "Inspector"
    CHIEF_INSPECTOR = "chief_inspector", "Chief inspector"
    SUPERINTENDENT = "superintendent", "Superintendent"
    CHIEF_SUPERINTENDENT = "chief_superintendent", "Chief superintendent"
    CHIEF_OFFICER = "chief_officer", "Chief officer (ACC and above)"


AUTHORISING_RANKS = {
    AuthoriserRank.CHIEF_INSPECTOR,
    AuthoriserRank.SUPERINTENDENT,
    AuthoriserRank.CHIEF_SUPERINTENDENT,
    AuthoriserRank.CHIEF_OFFICER,
}


class Shift(models.TextChoices):
    EARLY = "early", "Early (06:00–14:00)"
    LATE = "late", "Late (14:00–22:00)"
    NIGHT = "night", "Night (22:00–06:00)"


def shift_of(started_at) -> str:  # noqa: ANN001 - an aware datetime
    """The shift an abstraction started in, by UK local time."""
    hour = started_at.astimezone(LONDON).hour
    return Shift.EARLY if 6 <= hour < 14 else Shift.LATE if 14 <= hour < 22 else Shift.NIGHT


class Abstraction(models.Model):
    """A neighbourhood officer taken away from their core role, with who authorised it."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    officer = models.ForeignKey(Officer, on_delete=models.PROTECT, related_name="abstractions")
    team = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="abstractions", help_text="When abstracted")
    started_at = models.DateTimeField(help_text="UTC")
    ended_at = models.DateTimeField(help_text="UTC")
    shift = models.CharField(max_length=10, choices=Shift.choices, help_text="From the UK local start time")
    reason = models.CharField(max_length=20, choices=AbstractionReason.choices)
    details = models.TextField(blank=True)
    authorised_by = models.CharField(max_length=120, help_text="Name of the officer who authorised it")
    authoriser_rank = models.CharField(max_length=30, choices=AuthoriserRank.choices)
    emergency = models.BooleanField(default=False, help_text="An emergency or life at risk")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    version = models.PositiveIntegerField(default=1, help_text="Edits so far; an edit names the one it began from")
    withdrawn_at = models.DateTimeField(null=True, blank=True, help_text="Withdrawn by its recorder: not counted")

    class Meta:
        ordering = ["-started_at"]
        indexes = [models.Index(fields=["team", "started_at"])]
        constraints = [
            models.CheckConstraint(condition=Q(ended_at__gt=F("started_at")), name="abstraction_ends_after_start"),
        ]

    def __str__(self) -> str:
        return f"{self.officer} {self.started_at.astimezone(LONDON):%Y-%m-%d %H:%M}"  # UK time, as entered

    @property
    def hours(self) -> float:
        return elapsed(self.started_at, self.ended_at) / timedelta(hours=1)

    @property
    def breaches_policy(self) -> bool:
        """Abstracting a neighbourhood officer needs a chief inspector or above, unless life is at risk."""
        return not self.emergency and self.authoriser_rank not in AUTHORISING_RANKS


class Evidence(models.TextChoices):
    CRIME_DATA = "crime_data", "Crime and ASB data"
    SURVEY = "survey", "Survey"
    CONSULTATION = "consultation", "Consultation or community meeting"
    ENGAGEMENT = "engagement", "Engagement with the community"
    PARTNERS = "partners", "Partner agencies"


class Priority(models.Model):
    """A neighbourhood's priority for a quarter: the issue, the action planned and the evidence behind it,
    then what was done. Published priorities appear on the public pages and the police.uk feed."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    neighbourhood = models.ForeignKey(
        Area, on_delete=models.PROTECT, related_name="priorities", limit_choices_to={"level": Level.NEIGHBOURHOOD}
    )
    quarter_start = models.DateField(help_text="First day of the quarter it is set for")
    issue = models.CharField(max_length=300)
    planned_action = models.TextField()
    evidence = models.JSONField(default=list, help_text="Evidence values it came from")
    set_on = models.DateField()
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    action_taken = models.TextField(blank=True)
    action_on = models.DateField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    version = models.PositiveIntegerField(default=1, help_text="Edits so far; an edit names the one it began from")

    # What `beatbook.public.published` needs to publish it: the public text, where, and who approves.
    PUBLISH_CAPABILITY = "publish_priorities"
    PUBLIC_FIELDS = ("issue", "planned_action", "action_taken", "set_on", "action_on")

    class Meta:
        ordering = ["neighbourhood__path", "-quarter_start", "issue"]

    def __str__(self) -> str:
        return f"{self.neighbourhood.name}: {self.issue}"

    @property
    def publication_area(self) -> Area:
        return self.neighbourhood

    def public_fields(self) -> dict[str, str | None]:
        """The text the public would see, as JSON values (dates ISO)."""
        values = {name: getattr(self, name) for name in self.PUBLIC_FIELDS}
        return {k: v.isoformat() if hasattr(v, "isoformat") else v for k, v in values.items()}


class RecordChange(models.Model):
    """One edit or withdrawal of a neighbourhood record: who changed what, when, from which version.
    Kept for good; the record itself holds only the latest text."""

    content_type = models.ForeignKey("contenttypes.ContentType", on_delete=models.PROTECT, related_name="+")
    object_id = models.PositiveBigIntegerField()
    version = models.PositiveIntegerField(help_text="The version this change made")
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    changed_at = models.DateTimeField(default=timezone.now)
    changes = models.JSONField(help_text="field → [before, after], as text")
    withdrawn = models.BooleanField(default=False)

    class Meta:
        ordering = ["changed_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["content_type", "object_id", "version"], name="record_change_unique")
        ]

    def __str__(self) -> str:
        return f"{self.content_type.model} {self.object_id} v{self.version}"
