"""Skills and certification: validity rules, each person's certificates and deployable status, the
forecast of expiries by month, taser-trained officers against target, and training modules completed.

Validity (002_* 6.3, 6.12, 6.19, 11.6): personal safety training (PPST) and first aid are re-certified
within 365 days and lapse after; taser authorisation lapses 12 months after the last training; stop and
search is refreshed annually; conflict management and de-escalation refreshes every two years (the College
of Policing's programme, 6.5); the seven vulnerability modules, once done, do not lapse."""

from __future__ import annotations

import math
from datetime import date

from django.db.models import Max, Q, QuerySet

from beatbook.areas.models import Area, Level
from beatbook.crime.periods import add_months
from beatbook.web.tables import Column, Table
from beatbook.workforce.models import (
    OFFICER_RANKS,
    Certification,
    Officer,
    Rank,
    SkillType,
    Target,
    WorkforceTarget,
)

SKILL_TYPES: dict[str, dict] = {
    "personal-safety": {"name": "Personal safety training (PPST)", "valid_days": 365, "needed_to_deploy": True},
    "first-aid": {"name": "Emergency first aid", "valid_days": 365, "needed_to_deploy": True},
    "taser": {"name": "Taser", "valid_days": 365, "needed_to_deploy": False},
    "stop-and-search": {"name": "Stop and search", "valid_days": 365, "needed_to_deploy": False},
    "conflict-management": {
        "name": "Conflict management and de-escalation",
        "valid_days": 730,
        "needed_to_deploy": False,
    },
    "vulnerability-1": {"name": "Vulnerability module 1: safeguarding", "valid_days": None, "needed_to_deploy": False},
    "vulnerability-2": {
        "name": "Vulnerability module 2: child protection",
        "valid_days": None,
        "needed_to_deploy": False,
    },
    "vulnerability-3": {
        "name": "Vulnerability module 3: domestic abuse",
        "valid_days": None,
        "needed_to_deploy": False,
    },
    "vulnerability-4": {
        "name": "Vulnerability module 4: stalking and harassment",
        "valid_days": None,
        "needed_to_deploy": False,
    },
    "vulnerability-5": {
        "name": "Vulnerability module 5: missing and exploitation",
        "valid_days": None,
        "needed_to_deploy": False,
    },
    "vulnerability-6": {
        "name": "Vulnerability module 6: sexting and indecent images of children",
        "valid_days": None,
        "needed_to_deploy": False,
    },
    "vulnerability-7": {
        "name": "Vulnerability module 7: vulnerable adults",
        "valid_days": None,
        "needed_to_deploy": False,
    },
}


def is_valid(expires_on: date | None, on: date) -> bool:
    """A certificate is valid on `on` when it never lapses or lapses after `on` (expires_on is the first
    day it is no longer valid)."""
    return expires_on is None or expires_on > on


def _population(area: Area, on: date) -> QuerySet[Officer]:
    """Who the skills figures are about: police officers in post on `on` (002_* 6.3 counts deployable officers)."""
    return Officer.objects.within(area).filter(rank__in=OFFICER_RANKS).in_post(on)


def _holders(skill: SkillType, people: QuerySet[Officer], on: date) -> tuple[int, int]:
    """(people with a valid certificate, people whose every certificate has lapsed) on `on`."""
    done = Certification.objects.filter(skill=skill, person__in=people, completed_on__lte=on)
    valid = done.filter(Q(expires_on__isnull=True) | Q(expires_on__gt=on)).values("person").distinct().count()
    return valid, done.values("person").distinct().count() - valid


def skills_summary(area: Area, on: date) -> Table:
    """Table `skills`: for each skill, officers in post with a valid certificate, with lapsed ones, and none."""
    people = _population(area, on)
    total = people.count()
    rows = []
    for skill in SkillType.objects.all():
        valid, lapsed = _holders(skill, people, on)
        rows.append(
            {
                "skill": skill.name,
                "valid_for": f"{skill.valid_days} days" if skill.valid_days else "Does not lapse",
                "valid": valid,
                "lapsed": lapsed,
                "never": total - valid - lapsed,
                "lapsed_percent": round(100 * lapsed / total, 1) if total else None,
            }
        )
    return Table(
        name="skills",
        caption=f"Certification of the {total:,} officers in post in {area.name} on {on:%-d %B %Y}",
        columns=[
            Column("skill", "Skill"),
            Column("valid_for", "Valid for"),
            Column("valid", "Valid", True),
            Column("lapsed", "Lapsed", True),
            Column("never", "Not trained", True),
            Column("lapsed_percent", "% lapsed", True),
        ],
        rows=rows,
    )


def deployable(area: Area, on: date) -> Table:
    """Table `deployable`: officers in post whose safety training and first aid are all valid (002_* 6.3)."""
    people = _population(area, on)
    total = people.count()
    needed = list(SkillType.objects.filter(needed_to_deploy=True))
    ok = people
    for skill in needed:
        valid = Certification.objects.filter(skill=skill, completed_on__lte=on).filter(
            Q(expires_on__isnull=True) | Q(expires_on__gt=on)
        )
        ok = ok.filter(pk__in=valid.values("person_id"))
    count = ok.count() if needed else 0
    rows = [
        {"status": "Deployable (all required skills valid)", "officers": count},
        {"status": "Required certification lapsed or missing", "officers": total - count},
    ]
    for row in rows:
        row["percent"] = round(100 * row["officers"] / total, 1) if total else None
    return Table(
        name="deployable",
        caption="Deployable status: personal safety training and first aid",
        columns=[Column("status", "Status"), Column("officers", "Officers", True), Column("percent", "%", True)],
        rows=rows,
    )


def taser(area: Area, on: date) -> Table:
    """Table `taser`: taser-trained officers (valid authorisation) against the force target (002_* 6.12)."""
    skill = SkillType.objects.filter(code="taser").first()
    target = WorkforceTarget.objects.filter(force_id=area.force_id, target=Target.TASER_TRAINED).first()
    officers = specials = 0
    if skill:
        valid = Certification.objects.filter(skill=skill, completed_on__lte=on).filter(expires_on__gt=on)
        serving = Officer.objects.within(area).in_post(on).filter(pk__in=valid.values("person_id"))
        officers = serving.filter(rank__in=OFFICER_RANKS).count()
        specials = serving.filter(rank=Rank.SPECIAL).count()
    goal = target.value if target and area.level == Level.FORCE else None
    rows = [
        {
            "group": "Officers",
            "trained": officers,
            "target": goal,
            "gap": officers - goal if goal is not None else None,
        },
        {"group": "Special constables", "trained": specials, "target": None, "gap": None},
    ]
    return Table(
        name="taser",
        caption=f"Taser-trained officers on {on:%-d %B %Y}",
        columns=[
            Column("group", "Group"),
            Column("trained", "Trained (authorisation valid)", True),
            Column("target", "Target", True),
            Column("gap", "Trained less target", True),
        ],
        rows=rows,
    )


def expiry_forecast(area: Area, on: date, months: int = 12) -> Table:
    """Table `expiry-forecast`: for each month after `on`, officers whose latest certificate of each lapsing
    skill expires in it, and the course places to plan (10% over, 002_* 6.4)."""
    people = _population(area, on)
    skills = list(SkillType.objects.filter(valid_days__isnull=False))
    first = add_months(on.replace(day=1), 1)
    counts: dict[tuple[str, str], int] = {}
    for skill in skills:
        latest = (
            Certification.objects.filter(skill=skill, person__in=people, completed_on__lte=on)
            .values("person")
            .annotate(last=Max("expires_on"))
            .values_list("last", flat=True)
        )
        for expires in latest:
            if expires and expires >= first:
                key = (f"{expires:%Y-%m}", skill.code)
                counts[key] = counts.get(key, 0) + 1
    rows = []
    for step in range(months):
        month = f"{add_months(first, step):%Y-%m}"
        row: dict = {"month": month}
        for skill in skills:
            row[skill.code] = counts.get((month, skill.code), 0)
        total = sum(row[s.code] for s in skills)
        row["places"] = math.ceil(total * 1.1)
        rows.append(row)
    return Table(
        name="expiry-forecast",
        caption=f"Certificates expiring each month after {on:%B %Y}",
        columns=[
            Column("month", "Month"),
            *[Column(s.code, s.name, True) for s in skills],
            Column("places", "Course places to plan (+10%)", True),
        ],
        rows=rows,
    )


def modules_completed(area: Area, on: date) -> Table:
    """Table `modules-completed`: people who have completed each vulnerability module (002_* 11.6)."""
    rows = []
    for skill in SkillType.objects.filter(code__startswith="vulnerability-").order_by("code"):
        done = Certification.objects.filter(skill=skill, completed_on__lte=on, person__team__path__startswith=area.path)
        rows.append({"module": skill.name, "completed": done.values("person").distinct().count()})
    return Table(
        name="modules-completed",
        caption="Vulnerability training: people who have completed each module",
        columns=[Column("module", "Module"), Column("completed", "People completed", True)],
        rows=rows,
    )
