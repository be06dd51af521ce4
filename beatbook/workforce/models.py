"""Officers and staff of neighbourhood teams, the named officer of each neighbourhood, and the
team's establishment (posts funded) to compare with its actual strength."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Count, Q

from beatbook.areas.models import Area, Level


class Rank(models.TextChoices):
    PCSO = "pcso", "PCSO"
    CONSTABLE = "constable", "Police constable"
    SERGEANT = "sergeant", "Police sergeant"
    INSPECTOR = "inspector", "Inspector"
    CHIEF_INSPECTOR = "chief_inspector", "Chief inspector"


class OfficerQuerySet(models.QuerySet):
    def within(self, area: Area) -> OfficerQuerySet:
        return self.filter(team__path__startswith=area.path)

    def serving(self) -> OfficerQuerySet:
        return self.filter(left_on__isnull=True)


class Officer(models.Model):
    """A member of a neighbourhood team. Names and ranks are published, as forces do on "your area"."""

    team = models.ForeignKey(
        Area, on_delete=models.PROTECT, related_name="officers", limit_choices_to={"level__in": [Level.TEAM, Level.LPU]}
    )
    rank = models.CharField(max_length=20, choices=Rank.choices)
    first_name = models.CharField(max_length=80)
    last_name = models.CharField(max_length=80)
    collar_number = models.CharField(max_length=12, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="officer"
    )
    joined_team_on = models.DateField(null=True, blank=True)
    left_on = models.DateField(null=True, blank=True)

    objects = OfficerQuerySet.as_manager()

    class Meta:
        ordering = ["team__path", "rank", "last_name", "first_name"]

    def __str__(self) -> str:
        return self.public_name

    @property
    def public_name(self) -> str:
        return f"{self.get_rank_display()} {self.first_name} {self.last_name}"


class NamedOfficer(models.Model):
    """The officer named as the point of contact for a neighbourhood (one officer may cover several)."""

    neighbourhood = models.OneToOneField(
        Area, on_delete=models.CASCADE, related_name="named_officer", limit_choices_to={"level": Level.NEIGHBOURHOOD}
    )
    officer = models.ForeignKey(Officer, on_delete=models.PROTECT, related_name="named_for")

    def __str__(self) -> str:
        return f"{self.officer} for {self.neighbourhood.name}"


class Establishment(models.Model):
    """Posts funded for a rank in a team."""

    team = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="establishment")
    rank = models.CharField(max_length=20, choices=Rank.choices)
    posts = models.PositiveIntegerField()

    class Meta:
        ordering = ["team__path", "rank"]
        constraints = [models.UniqueConstraint(fields=["team", "rank"], name="establishment_unique")]

    def __str__(self) -> str:
        return f"{self.team.name}: {self.posts} {self.get_rank_display()} posts"


def staffing_rows(area: Area) -> list[dict]:
    """Establishment against actual strength by rank for every team inside `area`."""
    posts = {
        (row["team_id"], row["rank"]): row["posts"]
        for row in Establishment.objects.filter(team__path__startswith=area.path).values("team_id", "rank", "posts")
    }
    actual = {
        (row["team_id"], row["rank"]): row["n"]
        for row in Officer.objects.within(area).serving().values("team_id", "rank").annotate(n=Count("id"))
    }
    totals: dict[str, dict[str, int]] = {}
    for (_, rank), count in posts.items():
        totals.setdefault(rank, {"establishment": 0, "actual": 0})["establishment"] += count
    for (_, rank), count in actual.items():
        totals.setdefault(rank, {"establishment": 0, "actual": 0})["actual"] += count
    rows = []
    for rank in Rank:
        if rank.value in totals:
            entry = totals[rank.value]
            rows.append(
                {
                    "rank": rank.label,
                    "establishment": entry["establishment"],
                    "actual": entry["actual"],
                    "difference": entry["actual"] - entry["establishment"],
                }
            )
    return rows


def neighbourhoods_without_named_officer(area: Area) -> models.QuerySet[Area]:
    return Area.objects.within(area).filter(level=Level.NEIGHBOURHOOD).filter(Q(named_officer__isnull=True))
