"""The policing geography: force → division → LPU → neighbourhood team → neighbourhood, and LSOAs.

Areas form one tree in one table. Each row stores its materialised `path` ("/1/4/17/"), so
"everything inside this area" is a single indexed prefix query, which is what access checks need.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q


class Level(models.TextChoices):
    FORCE = "force", "Force"
    DIVISION = "division", "Division"
    LPU = "lpu", "Local policing unit"
    TEAM = "team", "Neighbourhood team"
    NEIGHBOURHOOD = "neighbourhood", "Neighbourhood"


LEVEL_ORDER = [Level.FORCE, Level.DIVISION, Level.LPU, Level.TEAM, Level.NEIGHBOURHOOD]
# Which level each level's children are: the tree is strict so reports can rely on it.
CHILD_LEVEL = {parent: child for parent, child in zip(LEVEL_ORDER, LEVEL_ORDER[1:], strict=False)}


class AreaQuerySet(models.QuerySet):
    def within(self, area: Area) -> AreaQuerySet:
        """The area itself and everything below it."""
        return self.filter(path__startswith=area.path)

    def within_any(self, areas: list[Area]) -> AreaQuerySet:
        """Every area inside at least one of `areas` (an empty list gives nothing)."""
        condition = Q(pk__in=[])
        for area in areas:
            condition |= Q(path__startswith=area.path)
        return self.filter(condition)

    def forces(self) -> AreaQuerySet:
        return self.filter(level=Level.FORCE)


class Area(models.Model):
    code = models.SlugField(max_length=100, unique=True, help_text="Stable identifier used in URLs and commands")
    name = models.CharField(max_length=200)
    level = models.CharField(max_length=20, choices=Level.choices)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="children")
    path = models.CharField(max_length=255, db_index=True, editable=False)
    # Public contact details for a team or neighbourhood (shown on "your area" pages later).
    public_email = models.EmailField(blank=True)
    public_phone = models.CharField(max_length=40, blank=True)
    description = models.TextField(blank=True)
    public_url = models.URLField(blank=True, help_text="The force's or team's web page")
    alert_signup_url = models.URLField(blank=True, help_text="Where the public sign up to community alerts")
    report_name = models.CharField(
        max_length=200, blank=True, help_text="Short name the force's reports use for this area, if not its name"
    )

    objects = AreaQuerySet.as_manager()

    class Meta:
        ordering = ["path"]
        constraints = [
            models.CheckConstraint(
                condition=Q(level=Level.FORCE, parent__isnull=True) | (~Q(level=Level.FORCE) & Q(parent__isnull=False)),
                name="area_force_is_root",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_level_display()})"

    @property
    def reporting_name(self) -> str:
        """The label the force's papers use for this area in report tables (e.g. Derbyshire's "Derby South" for
        the South Derbyshire LPU, 000_* 5.26 and 9.2): its configured `report_name`, else its name."""
        return self.report_name or self.name

    @property
    def ancestor_ids(self) -> list[int]:
        return [int(part) for part in self.path.strip("/").split("/") if part]

    def ancestors(self) -> list[Area]:
        """From the force down to the parent, in order. Read once for this object and its path: a public
        page asks several times (breadcrumbs, contacts, schemes), and a move changes the path."""
        memo = self.__dict__.get("_ancestors_memo")
        if memo is None or memo[0] != self.path:
            from beatbook.counts.area_memo import areas_by_id  # counts imports this module

            ids = self.ancestor_ids[:-1]
            by_id = areas_by_id(ids)
            memo = (self.path, [by_id[pk] for pk in ids if pk in by_id])
            self._ancestors_memo = memo
        return list(memo[1])

    @property
    def force_id(self) -> int:
        return self.ancestor_ids[0]

    def force(self) -> Area:
        if self.level == Level.FORCE:
            return self
        known = self.ancestors()
        return known[0] if known and known[0].pk == self.force_id else Area.objects.get(pk=self.force_id)

    def contains(self, other: Area) -> bool:
        return other.path.startswith(self.path)

    @property
    def child_level(self) -> str | None:
        return CHILD_LEVEL.get(Level(self.level))


def area_containing(areas: list[Area], path: str) -> Area | None:
    """Which of `areas` (none inside another) holds the area with materialised `path`, if any."""
    return next((area for area in areas if path.startswith(area.path)), None)


class LsoaQuerySet(models.QuerySet):
    def within(self, area: Area) -> LsoaQuerySet:
        """LSOAs whose neighbourhood lies inside `area`, or that belong to `area`'s force when it is a force."""
        if area.level == Level.FORCE:
            return self.filter(force=area)
        return self.filter(neighbourhood__path__startswith=area.path)


class Lsoa(models.Model):
    """A 2011 census Lower Layer Super Output Area, the smallest area police.uk publishes."""

    code = models.CharField(max_length=9, unique=True)
    name = models.CharField(max_length=100)
    msoa_code = models.CharField(max_length=9, blank=True)
    msoa_name = models.CharField(max_length=100, blank=True)
    local_authority_code = models.CharField(max_length=9, blank=True)
    local_authority_name = models.CharField(max_length=100)
    population = models.PositiveIntegerField(null=True, blank=True, help_text="2011 census usual residents")
    households = models.PositiveIntegerField(null=True, blank=True)
    area_hectares = models.PositiveIntegerField(null=True, blank=True)
    force = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="force_lsoas")
    neighbourhood = models.ForeignKey(
        Area,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="lsoas",
        help_text="Empty where the force has not assigned the LSOA to a neighbourhood yet",
    )
    assignment_is_illustrative = models.BooleanField(
        default=False, help_text="True where the neighbourhood was assigned for demonstration, not by the force"
    )

    objects = LsoaQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = "LSOA"

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"
