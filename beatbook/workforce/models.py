"""The force's workforce: officers, PCSOs, specials, police staff, volunteers and cadets; their absences
(career breaks, secondments); the named officer of each neighbourhood; dated establishment (posts funded);
team contact details; and the force's workforce configuration (Census shares, forecasts, targets).

The model is still called `Officer` (other apps point at it) but it holds every member of the workforce;
`rank` is the role, and for police officers their rank (see `Rank` and `OFFICER_RANKS`).
Sources of the shapes: the seed paper 002_* sections 3-6 (Derbyshire, November 2023)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from beatbook.areas.models import Area, Level

# Levels a person may be posted to: the force (force-wide departments), a division, an LPU or a team.
POSTING_LEVELS = [Level.FORCE, Level.DIVISION, Level.LPU, Level.TEAM]
# Neighbourhood policing: the teams and the LPUs that lead them (LPU inspectors), as 002_* 3.4 counts them.
NEIGHBOURHOOD_LEVELS = [Level.LPU, Level.TEAM]


class Rank(models.TextChoices):
    """Role, and rank for police officers (the Home Office workforce tables' rank bands)."""

    PCSO = "pcso", "PCSO"
    CONSTABLE = "constable", "Police constable"
    SERGEANT = "sergeant", "Police sergeant"
    INSPECTOR = "inspector", "Inspector"
    CHIEF_INSPECTOR = "chief_inspector", "Chief inspector"
    SUPERINTENDENT = "superintendent", "Superintendent"
    CHIEF_SUPERINTENDENT = "chief_superintendent", "Chief superintendent"
    CHIEF_OFFICER = "chief_officer", "Chief officer (ACC and above)"
    SPECIAL = "special", "Special constable"
    STAFF = "staff", "Police staff"
    VOLUNTEER = "volunteer", "Police support volunteer"
    CADET = "cadet", "Volunteer police cadet"


OFFICER_RANKS = [
    Rank.CONSTABLE,
    Rank.SERGEANT,
    Rank.INSPECTOR,
    Rank.CHIEF_INSPECTOR,
    Rank.SUPERINTENDENT,
    Rank.CHIEF_SUPERINTENDENT,
    Rank.CHIEF_OFFICER,
]
# People with a collar number shown on "your area" (officers, PCSOs, specials).
PUBLIC_RANKS = [*OFFICER_RANKS, Rank.PCSO, Rank.SPECIAL]


class LeaveReason(models.TextChoices):
    RETIREMENT = "retirement", "Retirement"
    RESIGNATION = "resignation", "Resignation"
    TRANSFER = "transfer", "Transfer to another force"
    DISMISSAL = "dismissal", "Dismissal"
    END_OF_CONTRACT = "end_of_contract", "End of contract or probation"
    DEATH = "death", "Death in service"
    OTHER = "other", "Other"


class Sex(models.TextChoices):
    FEMALE = "female", "Female"
    MALE = "male", "Male"


class Ethnicity(models.TextChoices):
    """The groups of 002_* 4.7 (ONS 2021 Census top-level groups, plus the HR record's own gaps)."""

    ASIAN = "asian", "Asian"
    BLACK = "black", "Black"
    MIXED = "mixed", "Mixed"
    OTHER = "other", "Other"
    NOT_STATED = "not_stated", "Not stated"
    UNKNOWN = "unknown", "Unknown"
    WHITE = "white", "White"


# Black, Asian and minority ethnic, as 002_* 4.8 counts it: neither White nor unrecorded.
MINORITY_ETHNIC = [Ethnicity.ASIAN, Ethnicity.BLACK, Ethnicity.MIXED, Ethnicity.OTHER]


def today() -> date:
    return timezone.localdate()


class OfficerQuerySet(models.QuerySet):
    def within(self, area: Area) -> OfficerQuerySet:
        return self.filter(team__path__startswith=area.path)

    def serving(self, on: date | None = None) -> OfficerQuerySet:
        """In service on `on` (default today): started by then (or no start recorded) and not yet left.

        `left_on` is the first day no longer in service."""
        on = on or today()
        return self.filter(Q(started_on__isnull=True) | Q(started_on__lte=on)).filter(
            Q(left_on__isnull=True) | Q(left_on__gt=on)
        )

    def absent(self, on: date, kinds: list[str] | None = None) -> OfficerQuerySet:
        """Away on `on`: a career break or secondment (default), or the given absence kinds."""
        away = Absence.objects.filter(kind__in=kinds or NOT_IN_POST, starts_on__lte=on).filter(
            Q(ends_on__isnull=True) | Q(ends_on__gte=on)
        )
        return self.filter(pk__in=away.values("person_id"))

    def in_post(self, on: date) -> OfficerQuerySet:
        """Serving on `on` and not on a career break or secondment."""
        return self.serving(on).exclude(pk__in=self.model.objects.absent(on).values("pk"))

    def officers(self) -> OfficerQuerySet:
        return self.filter(rank__in=OFFICER_RANKS)

    def posted_within(self, area: Area, on: date, levels: list[str] | None = None) -> OfficerQuerySet:
        """People whose posting in force on `on` is inside `area` (and, if given, to an area of `levels`).
        Someone with no posting recorded counts where their current team is."""
        postings = Posting.objects.in_force(on).filter(team__path__startswith=area.path)
        current = Q(team__path__startswith=area.path) & ~Q(pk__in=Posting.objects.values("person_id"))
        if levels:
            postings = postings.filter(team__level__in=levels)
            current &= Q(team__level__in=levels)
        return self.filter(Q(pk__in=postings.values("person_id")) | current)

    def publishable(self) -> OfficerQuerySet:
        """Officers, PCSOs and specials: the people whose names and ranks forces publish. Never police staff,
        volunteers or cadets (cadets are children)."""
        return self.filter(rank__in=PUBLIC_RANKS)


class Officer(models.Model):
    """A member of the workforce. Name, rank and team are published on "your area" for officers, PCSOs
    and specials in neighbourhood teams; sex, ethnicity, staff number, FTE, dates and reasons are personal
    HR fields (read only by HR administrators and administrators, every read audited)."""

    team = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="officers")
    rank = models.CharField(max_length=20, choices=Rank.choices)
    first_name = models.CharField(max_length=80)
    last_name = models.CharField(max_length=80)
    collar_number = models.CharField(max_length=12, blank=True)
    staff_number = models.CharField(
        max_length=20, null=True, blank=True, unique=True, help_text="The HR system's key for this person"
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="officer"
    )
    started_on = models.DateField(null=True, blank=True, help_text="Joined the force")
    joined_team_on = models.DateField(null=True, blank=True)
    left_on = models.DateField(null=True, blank=True, help_text="First day no longer in service")
    leave_reason = models.CharField(max_length=20, choices=LeaveReason.choices, blank=True)
    fte = models.DecimalField("Full-time equivalent", max_digits=3, decimal_places=2, default=Decimal("1.00"))
    sex = models.CharField(max_length=10, choices=Sex.choices, blank=True)
    ethnicity = models.CharField(max_length=12, choices=Ethnicity.choices, default=Ethnicity.UNKNOWN)
    cadet_cohort = models.CharField(max_length=80, blank=True, help_text="Cadets: the cohort (unit) they attend")
    joint_cadet = models.BooleanField(default=False, help_text="Cadets: a joint police and fire cadet")

    objects = OfficerQuerySet.as_manager()

    class Meta:
        ordering = ["team__path", "rank", "last_name", "first_name"]
        indexes = [models.Index(fields=["rank", "left_on"])]

    def __str__(self) -> str:
        return self.public_name

    @property
    def public_name(self) -> str:
        return f"{self.get_rank_display()} {self.first_name} {self.last_name}"

    @property
    def is_police_officer(self) -> bool:
        return self.rank in OFFICER_RANKS


class PostingQuerySet(models.QuerySet):
    def in_force(self, on: date) -> PostingQuerySet:
        """Postings in force on `on`: started by then (or since the person joined) and not yet ended."""
        return self.filter(Q(starts_on__isnull=True) | Q(starts_on__lte=on)).filter(
            Q(ends_on__isnull=True) | Q(ends_on__gte=on)
        )


class Posting(models.Model):
    """A person's posting to a team or area, from `starts_on` to `ends_on` (its last day; blank while it
    lasts). `Officer.team` is the posting in force today; the postings are its history, so establishment
    and strength at a past date count people where they were posted on that date (strength.py).
    A move ends the posting in force the day before and starts one in the new team (postings.py)."""

    person = models.ForeignKey(Officer, on_delete=models.CASCADE, related_name="postings")
    team = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="postings")
    starts_on = models.DateField(null=True, blank=True, help_text="Blank: since the person joined")
    ends_on = models.DateField(null=True, blank=True, help_text="The last day of the posting; blank while it lasts")

    objects = PostingQuerySet.as_manager()

    class Meta:
        ordering = ["person", "starts_on"]
        indexes = [models.Index(fields=["person", "starts_on"])]

    def __str__(self) -> str:
        return f"{self.team} from {self.starts_on or 'joining'}" + (f" to {self.ends_on}" if self.ends_on else "")


class AbsenceKind(models.TextChoices):
    CAREER_BREAK = "career_break", "Career break"
    SECONDMENT = "secondment", "Secondment (for example to a regional unit)"
    LEAVE = "leave", "Leave of absence (specials and volunteers)"


# Still on the force's strength but not substantively in post (002_* 4.2 counts them; 4.7 leaves them out).
NOT_IN_POST = [AbsenceKind.CAREER_BREAK, AbsenceKind.SECONDMENT]


class Absence(models.Model):
    """A career break or secondment: still on the force's strength, not substantively in post (002_* 4.2, 4.7)."""

    person = models.ForeignKey(Officer, on_delete=models.CASCADE, related_name="absences")
    kind = models.CharField(max_length=20, choices=AbsenceKind.choices)
    starts_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True, help_text="Last day away; blank while it continues")

    class Meta:
        ordering = ["person", "starts_on"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} from {self.starts_on}"


class NamedOfficer(models.Model):
    """The officer named as the point of contact for a neighbourhood (one officer may cover several)."""

    neighbourhood = models.OneToOneField(
        Area, on_delete=models.CASCADE, related_name="named_officer", limit_choices_to={"level": Level.NEIGHBOURHOOD}
    )
    officer = models.ForeignKey(Officer, on_delete=models.PROTECT, related_name="named_for")

    def __str__(self) -> str:
        return f"{self.officer} for {self.neighbourhood.name}"


class Establishment(models.Model):
    """Posts funded for a role or rank in an area, from `starts_on` until a later row replaces it."""

    team = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="establishment")
    rank = models.CharField(max_length=20, choices=Rank.choices)
    posts = models.PositiveIntegerField()
    starts_on = models.DateField(default=date(2000, 1, 1))

    class Meta:
        ordering = ["team__path", "rank", "starts_on"]
        constraints = [models.UniqueConstraint(fields=["team", "rank", "starts_on"], name="establishment_unique_dated")]

    def __str__(self) -> str:
        return f"{self.team.name}: {self.posts} {self.get_rank_display()} posts from {self.starts_on}"


class TeamContact(models.Model):
    """Public contact details of a team beyond the area's email and phone: social media links.

    Shown on "your area" and in the police.uk-shaped feed (its contact_details keys)."""

    team = models.OneToOneField(Area, on_delete=models.CASCADE, related_name="team_contact")
    facebook = models.URLField(blank=True)
    twitter = models.URLField("X (Twitter)", blank=True)
    instagram = models.URLField(blank=True)
    youtube = models.URLField(blank=True)

    def __str__(self) -> str:
        return f"Contact details of {self.team.name}"

    def links(self) -> dict[str, str]:
        return {
            key: getattr(self, key) for key in ("facebook", "twitter", "instagram", "youtube") if getattr(self, key)
        }


class MeetingPlace(models.Model):
    """Where and when the public can meet the team (a surgery, a regular meeting)."""

    team = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="meeting_places")
    name = models.CharField(max_length=120)
    address = models.CharField(max_length=200, blank=True)
    postcode = models.CharField(max_length=10, blank=True)
    times = models.CharField(max_length=200, help_text="For example: first Tuesday of the month, 6pm to 7pm")

    class Meta:
        ordering = ["team", "name"]

    def __str__(self) -> str:
        return f"{self.name}: {self.times}"


class PopulationShare(models.Model):
    """Configuration: a force area's population share of an ethnic group (Census 2021, as 002_* 4.7 prints)."""

    force = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="population_shares")
    ethnicity = models.CharField(max_length=12, choices=Ethnicity.choices)
    percent = models.DecimalField(max_digits=5, decimal_places=2)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["force", "ethnicity"], name="population_share_unique")]

    def __str__(self) -> str:
        return f"{self.get_ethnicity_display()} {self.percent}%"


class Candidate(models.Model):
    """Candidates in pre-employment on a date, by ethnicity: a projection, not yet the workforce (002_* 4.12)."""

    force = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="candidates")
    on = models.DateField()
    ethnicity = models.CharField(max_length=12, choices=Ethnicity.choices)
    count = models.PositiveIntegerField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["force", "on", "ethnicity"], name="candidate_unique")]

    def __str__(self) -> str:
        return f"{self.count} {self.get_ethnicity_display()} candidates on {self.on}"


class Forecast(models.Model):
    """Planned joiners and leavers of a role in a month (002_* 4.15-4.17)."""

    force = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="workforce_forecasts")
    month = models.DateField(help_text="The first day of the month")
    rank = models.CharField(max_length=20, choices=Rank.choices, default=Rank.CONSTABLE)
    joiners = models.DecimalField(max_digits=6, decimal_places=1)
    leavers = models.DecimalField(max_digits=6, decimal_places=1)

    class Meta:
        ordering = ["month"]
        constraints = [models.UniqueConstraint(fields=["force", "month", "rank"], name="forecast_unique")]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m}: {self.joiners} joiners, {self.leavers} leavers"


class Target(models.TextChoices):
    TASER_TRAINED = "taser_trained", "Taser-trained officers"
    SPECIALS_HOURS = "specials_hours", "Special constables' duty hours a month"
    SPECIALS = "specials", "Special constables"


class WorkforceTarget(models.Model):
    force = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="workforce_targets")
    target = models.CharField(max_length=20, choices=Target.choices)
    value = models.PositiveIntegerField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["force", "target"], name="workforce_target_unique")]

    def __str__(self) -> str:
        return f"{self.get_target_display()}: {self.value}"


class DutyHours(models.Model):
    """Hours a special constable or volunteer gave in a month (002_* 5.2-5.3, 5.14)."""

    person = models.ForeignKey(Officer, on_delete=models.CASCADE, related_name="duty_hours")
    month = models.DateField(help_text="The first day of the month")
    hours = models.DecimalField(max_digits=6, decimal_places=1)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["person", "month"], name="duty_hours_unique")]

    def __str__(self) -> str:
        return f"{self.hours} hours in {self.month:%Y-%m}"


class SkillType(models.Model):
    """A skill and how long a certificate stays valid (None: never lapses, as a completed training module)."""

    code = models.SlugField(max_length=40, unique=True)
    name = models.CharField(max_length=120)
    valid_days = models.PositiveIntegerField(null=True, blank=True)
    needed_to_deploy = models.BooleanField(
        default=False, help_text="Lapsed certification means deployable status is reviewed (002_* 6.3)"
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Certification(models.Model):
    person = models.ForeignKey(Officer, on_delete=models.CASCADE, related_name="certifications")
    skill = models.ForeignKey(SkillType, on_delete=models.PROTECT, related_name="certifications")
    completed_on = models.DateField()
    expires_on = models.DateField(null=True, blank=True, help_text="First day no longer valid")

    class Meta:
        ordering = ["person", "skill", "-completed_on"]
        indexes = [models.Index(fields=["skill", "expires_on"])]

    def __str__(self) -> str:
        return f"{self.skill} on {self.completed_on}"


def establishment_on(on: date) -> models.QuerySet[Establishment]:
    """The establishment rows in force on `on`: for each (area, rank), the latest starting on or before it."""
    latest = (
        Establishment.objects.filter(team=models.OuterRef("team"), rank=models.OuterRef("rank"), starts_on__lte=on)
        .order_by("-starts_on")
        .values("pk")[:1]
    )
    return Establishment.objects.filter(pk=models.Subquery(latest))


def staffing_rows(area: Area, on: date | None = None) -> list[dict]:
    """Establishment against actual strength (headcount) by rank for everyone posted inside `area` on `on`
    (by the posting in force that day)."""
    on = on or today()
    posts: dict[str, int] = {}
    for row in establishment_on(on).filter(team__path__startswith=area.path).values("rank", "posts"):
        posts[row["rank"]] = posts.get(row["rank"], 0) + row["posts"]
    actual: dict[str, int] = {}
    for row in Officer.objects.posted_within(area, on).serving(on).values("rank").annotate(n=models.Count("id")):
        actual[row["rank"]] = row["n"]
    rows = []
    for rank in Rank:
        if rank.value in posts or (rank.value in actual and rank in PUBLIC_RANKS):
            establishment = posts.get(rank.value, 0)
            rows.append(
                {
                    "rank": rank.label,
                    "establishment": establishment,
                    "actual": actual.get(rank.value, 0),
                    "difference": actual.get(rank.value, 0) - establishment,
                }
            )
    return rows


class HrImport(models.Model):
    """An uploaded HR snapshot: previewed (its difference shown), then applied once, all-or-nothing, by a job
    on the queue (workforce/tasks.py): queued → applied, or failed with the reason (and nothing changed)."""

    class Status(models.TextChoices):
        PREVIEWED = "previewed", "Previewed"
        QUEUED = "queued", "Being applied"
        APPLIED = "applied", "Applied"
        FAILED = "failed", "Failed"

    uuid = models.UUIDField(unique=True, editable=False)
    force = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="hr_imports")
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    uploaded_at = models.DateTimeField(default=timezone.now)
    file_name = models.CharField(max_length=200)
    content = models.TextField(help_text="The file as uploaded (personal data: kept for the audit of the import)")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PREVIEWED)
    summary = models.JSONField(default=dict, blank=True)
    applied_at = models.DateTimeField(null=True, blank=True)
    queued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    error = models.TextField(blank=True, help_text="Why applying failed (nothing was changed)")
    job = models.CharField(max_length=64, blank=True, help_text="The id of the job applying it")

    class Meta:
        ordering = ["-uploaded_at"]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.get_status_display()})"
