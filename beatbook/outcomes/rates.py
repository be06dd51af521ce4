"""Positive outcome rates by offence group, area and period, and the residential burglary table.

Cohort rule: the crimes recorded in the period, with whatever outcome each has now (an outcome recorded
after the period still counts; a crime still under investigation counts in the denominator only). So a
recent period's rate rises as investigations finish. This is the Home Office's "outcomes of crimes recorded
in the period" method (Crime outcomes in England and Wales, user guide), not outcomes recorded in it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count

from beatbook.areas.models import Area
from beatbook.crime.models import Incident, Kind
from beatbook.crime.offences import offence_groups
from beatbook.crime.periods import Period
from beatbook.outcomes.models import Premises
from beatbook.outcomes.types import is_positive
from beatbook.web.tables import Column, Table

COHORT_RULE = (
    "Outcomes of crimes recorded in the period, whenever the outcome came: recent periods rise as "
    "investigations finish. Positive: charge or summons, caution, offences taken into consideration, penalty "
    "notice, cannabis or khat warning, community resolution (Home Office outcome types 1–4 and 6–8; police.uk "
    "outcome categories mapped where only those exist)."
)
NO_OUTCOME_DATA = "No outcome data: none of these crimes has an outcome recorded, so no rate is given"
GROUPS = ["drugs-possession", "drugs-trafficking", "burglary-residential", "burglary-business", "serious-acquisitive"]


@dataclass
class Tally:
    crimes: int = 0
    positive: int = 0
    with_outcome: int = 0  # crimes with an outcome type or a police.uk outcome category recorded
    by_premises: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    attended: int = 0
    attendance_known: int = 0
    home_csi: int = 0
    home_csi_known: int = 0

    @property
    def has_outcome_data(self) -> bool:
        """False where none of the crimes has any outcome recorded (e.g. a force export without outcome types
        for the group): a rate of 0% would then be a fiction, so it is not available (QA #5)."""
        return self.with_outcome > 0

    @property
    def rate(self) -> float | None:
        """Positive outcomes as a % of crimes recorded; None with no crimes or no outcome data at all."""
        return round(100 * self.positive / self.crimes, 1) if self.crimes and self.has_outcome_data else None


def tallies(area: Area, periods: list[Period], slugs: list[str]) -> dict[tuple[str, int], Tally]:
    """{(group slug, period index): Tally} for crimes recorded in the area in each period."""
    groups = offence_groups()
    result = {(slug, i): Tally() for slug in slugs for i in range(len(periods))}
    if not periods:
        return result
    codes = {code for slug in slugs for code in groups[slug].codes}
    rows = (
        Incident.objects.in_area(area)
        .with_offence_codes(codes)
        .filter(kind=Kind.CRIME, month__gte=periods[0].first, month__lte=periods[-1].last)
        .order_by()
        .values_list(
            "offence_code",
            "month",
            "last_outcome",
            "detail__outcome_type",
            "detail__premises",
            "detail__attended",
            "detail__csi_attended",
        )
        .annotate(n=Count("id"))
    )
    for code, month, category, outcome_type, premises, attended, csi, n in rows:
        positive = is_positive(outcome_type or "", category)
        for slug in slugs:
            if code not in groups[slug].codes:
                continue
            for index, period in enumerate(periods):
                if period.contains(month):
                    tally = result[(slug, index)]
                    tally.crimes += n
                    tally.positive += n if positive else 0
                    tally.with_outcome += n if (outcome_type or category) else 0
                    tally.by_premises[premises or ""] += n
                    if attended is not None:
                        tally.attendance_known += n
                        tally.attended += n if attended else 0
                    if premises == Premises.HOME and csi is not None:
                        tally.home_csi_known += n
                        tally.home_csi += n if csi else 0
    return result


def positive_outcomes(area: Area, periods: list[Period]) -> Table:
    found = tallies(area, periods, GROUPS)
    groups = offence_groups()
    return Table(
        name="positive-outcomes",
        caption=f"Positive outcome rate by offence group, {area.name} (outcomes of crimes recorded in the period)",
        columns=[
            Column("group", "Offence group"),
            Column("period", "Period"),
            Column("crimes", "Crimes recorded", True),
            Column("positive", "Positive outcomes", True),
            Column("rate", "Positive outcome rate (%)", True),
            Column("note", "Note"),
        ],
        rows=[
            _group_row(groups[slug].label, period, found[(slug, i)])
            for slug in GROUPS
            for i, period in enumerate(periods)
        ],
    )


def _group_row(label: str, period: Period, tally: Tally) -> dict[str, object]:
    """One group and period. Without any outcome recorded, positive and rate are empty (None) and the note
    says why; with outcomes recorded and none positive, they are real zeros."""
    known = tally.has_outcome_data
    return {
        "group": label,
        "period": period.label,
        "crimes": tally.crimes,
        "positive": tally.positive if known else None,
        "rate": tally.rate,
        "note": NO_OUTCOME_DATA if tally.crimes and not known else "",
    }


def _percent(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def burglary(area: Area, periods: list[Period]) -> Table:
    """Residential burglary (of a home, other residential) and business and community burglary by period,
    with the positive outcome rate and attendance where the force export records them (000_* 7.3–7.8)."""
    found = tallies(area, periods, ["burglary-residential", "burglary-business"])
    rows = []
    for i, period in enumerate(periods):
        residential, business = found[("burglary-residential", i)], found[("burglary-business", i)]
        homes = residential.by_premises.get(Premises.HOME, 0)
        rows.append(
            {
                "period": period.label,
                "residential": residential.crimes,
                "home": homes,
                "other_residential": residential.by_premises.get(Premises.OTHER_RESIDENTIAL, 0),
                "home_share": _percent(homes, residential.crimes),
                "business": business.crimes,
                "positive_rate": residential.rate,
                "attended": _percent(residential.attended, residential.attendance_known),
                "csi_home": _percent(residential.home_csi, residential.home_csi_known),
            }
        )
    return Table(
        name="burglary",
        caption=f"Burglary, {area.name}",
        columns=[
            Column("period", "Period"),
            Column("residential", "Residential burglaries", True),
            Column("home", "Of a home", True),
            Column("other_residential", "Other residential", True),
            Column("home_share", "In homes (%)", True),
            Column("business", "Business and community", True),
            Column("positive_rate", "Residential: positive outcome rate (%)", True),
            Column("attended", "Residential: attended (%)", True),
            Column("csi_home", "Homes: CSI attended (%)", True),
        ],
        rows=rows,
    )
