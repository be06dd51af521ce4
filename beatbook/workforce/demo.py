"""The demo workforce: Derbyshire's people as workforce records, calibrated to the seed paper 002_*.

At 31 August 2023 (002_* 4.1-4.2, 4.7): 2,144 police officers against an establishment of 2,110, of whom
48 are on a career break or seconded, leaving 2,096 substantively in post with the ethnicity counts of 4.7.
Neighbourhood policing in September 2023 (3.4-3.6): 145 officers against 161 posts (the LPU inspectors and
the teams' sergeants and constables), 187 PCSOs against 200 posts (194 of them in the teams).
Citizens in policing (5.1, 5.13, 5.20): 68 specials (9 on leave), 72 volunteers (61 active), 53 police
cadets and 13 joint police and fire cadets. Skills (6.3, 6.12, 11.6): taser 499 against a target of 575,
14% of officers' safety training lapsed, the vulnerability modules' completions.
Leavers run at 13.5 a month in the year to August 2022 and 10.8 in the year to August 2023 (4.5, 4.17).
From October 2023 to the month before the demo is loaded the workforce runs on (beatbook/workforce/demo_recent.py).

Everything is written with bulk_create in one transaction and one audit row: a second run changes nothing.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from beatbook.accounts.models import User
from beatbook.areas.models import Area, Level
from beatbook.audit.models import Operation
from beatbook.audit.record import record_event
from beatbook.crime.periods import add_months
from beatbook.demo.build import DEMO_LOGINS, FIRST_NAMES, LAST_NAMES
from beatbook.demo.incidents import demo_last_month
from beatbook.workforce import demo_recent
from beatbook.workforce.models import (
    Absence,
    AbsenceKind,
    Candidate,
    Certification,
    DutyHours,
    Establishment,
    Ethnicity,
    Forecast,
    LeaveReason,
    MeetingPlace,
    NamedOfficer,
    Officer,
    PopulationShare,
    Posting,
    Rank,
    Sex,
    SkillType,
    Target,
    TeamContact,
    WorkforceTarget,
)
from beatbook.workforce.skills import SKILL_TYPES

DEMO_ON = date(2023, 8, 31)
BASELINE = date(2020, 3, 31)  # the uplift programme's baseline: establishment rows date from here
SNT_OFFICER_POSTS, SNT_OFFICERS = 161, 145
TEAM_PCSO_POSTS, TEAM_PCSOS, FORCE_PCSO_POSTS = 194, 181, 6
# Force-wide officers (outside neighbourhood teams): posts and strength by rank, summing to 1,949 and 1,999
# so that with the neighbourhood teams the force has 2,110 posts and 2,144 officers.
FORCE_POSTS = {
    Rank.CONSTABLE: 1482,
    Rank.SERGEANT: 310,
    Rank.INSPECTOR: 100,
    Rank.CHIEF_INSPECTOR: 30,
    Rank.SUPERINTENDENT: 16,
    Rank.CHIEF_SUPERINTENDENT: 7,
    Rank.CHIEF_OFFICER: 4,
}
FORCE_STRENGTH = {
    Rank.CONSTABLE: 1518,
    Rank.SERGEANT: 318,
    Rank.INSPECTOR: 104,
    Rank.CHIEF_INSPECTOR: 31,
    Rank.SUPERINTENDENT: 17,
    Rank.CHIEF_SUPERINTENDENT: 7,
    Rank.CHIEF_OFFICER: 4,
}
UPLIFT_STEPS = [(date(2021, 4, 1), 94), (date(2022, 4, 1), 94), (date(2023, 4, 1), 95)]  # 283 posts (4.1)
CAREER_BREAKS, SECONDMENTS = 20, 28
ETHNICITY_COUNTS = {
    Ethnicity.ASIAN: 35,
    Ethnicity.BLACK: 9,
    Ethnicity.MIXED: 23,
    Ethnicity.OTHER: 1,
    Ethnicity.NOT_STATED: 4,
    Ethnicity.UNKNOWN: 21,
    Ethnicity.WHITE: 2003,
}
CENSUS_2021 = {
    Ethnicity.ASIAN: "5.0",
    Ethnicity.BLACK: "1.4",
    Ethnicity.MIXED: "1.9",
    Ethnicity.OTHER: "1.0",
    Ethnicity.NOT_STATED: "0",
    Ethnicity.UNKNOWN: "0",
    Ethnicity.WHITE: "90.7",
}
# 19 minority ethnic candidates in pre-employment (4.12) among 321, taking 3.2% to 3.6%.
CANDIDATES = {Ethnicity.ASIAN: 9, Ethnicity.BLACK: 4, Ethnicity.MIXED: 5, Ethnicity.OTHER: 1, Ethnicity.WHITE: 302}
LEAVERS_BY_YEAR = {date(2021, 9, 1): 162, date(2022, 9, 1): 130}  # 13.5 and 10.8 a month
SPECIALS, SPECIALS_ON_LEAVE, VOLUNTEERS, VOLUNTEERS_ACTIVE = 68, 9, 72, 61
CADET_COHORTS = {"Chesterfield cadets": 19, "Derby cadets": 20, "Buxton cadets": 14}
JOINT_CADETS = ("Ripley joint police and fire cadets", 13)
# Specials' hours a month, August 2022 to July 2023: 11,771 in all, 810 in February, 1,206 in June (5.2-5.3).
SPECIALS_HOURS = [1180, 1100, 1010, 940, 880, 835, 810, 905, 985, 1090, 1206, 830]
SPECIALS_HOURS_LAST_YEAR = 19117
VOLUNTEER_HOURS, VOLUNTEER_HOURS_LAST_YEAR = 6395, 4145  # 5.14
TASER_TRAINED, TASER_TARGET = 499, 575
MODULES_COMPLETED = {"vulnerability-1": 1345, "vulnerability-2": 1155, "vulnerability-3": 1271, "vulnerability-4": 1072}
LAPSED_SAFETY_SHARE = 0.14  # 6.3


def _allocate(total: int, weights: list[int]) -> list[int]:
    """`total` split in proportion to `weights`, by largest remainder (so the parts sum exactly)."""
    whole = sum(weights)
    shares = [total * w / whole for w in weights]
    parts = [int(s) for s in shares]
    for index in sorted(range(len(weights)), key=lambda i: parts[i] - shares[i])[: total - sum(parts)]:
        parts[index] += 1
    return parts


class _People:
    """Unsaved Officer rows with names, numbers and start dates from one seeded generator."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.rows: list[Officer] = []
        self.collars = iter(range(1001, 99999))

    def add(self, team: Area, rank: Rank, user: User | None = None, **fields: object) -> Officer:
        rng = self.rng
        number = next(self.collars)
        fields.setdefault("started_on", date(1995, 1, 1) + timedelta(days=rng.randrange(0, 9700)))
        fields.setdefault("sex", Sex.FEMALE if rng.random() < (0.55 if rank == Rank.PCSO else 0.36) else Sex.MALE)
        fields.setdefault("fte", Decimal("1.00") if rng.random() < 0.92 else Decimal(rng.choice(["0.5", "0.6", "0.8"])))
        person = Officer(
            team=team,
            rank=rank,
            first_name=user.first_name if user else rng.choice(FIRST_NAMES),
            last_name=user.last_name if user else rng.choice(LAST_NAMES),
            collar_number=str(number) if rank not in (Rank.STAFF, Rank.VOLUNTEER, Rank.CADET) else "",
            staff_number=f"DC{number:06d}",
            user=user,
            joined_team_on=fields["started_on"] if team.level == Level.TEAM else None,
            **fields,
        )
        self.rows.append(person)
        return person


@transaction.atomic
def do_load_demo_workforce(
    force: Area, logins: dict[str, tuple[User, Rank, str]], *, acting_user: User | None, today: date | None = None
) -> int:
    """Load the demo workforce unless the force already has people, running on to the month before `today`
    (default: the day it runs). `logins` maps a demo username to its user, rank and the code of the area
    their Officer record sits in. Returns the people created."""
    if Officer.objects.within(force).exists():
        return 0
    last_month = demo_last_month(today or timezone.localdate())
    rng = random.Random(20231128)  # noqa: S311 - demo data; the date of the seed paper 002_*
    people = _People(rng)
    recent = _People(random.Random(20231001))  # noqa: S311 - its own generator, so the seed figures never move
    recent.rows, recent.collars = people.rows, people.collars
    team_members, team_posts = _neighbourhood_teams(force, people, logins)
    force_officers = [people.add(force, rank) for rank, count in FORCE_STRENGTH.items() for _ in range(count)]
    force_pcsos = [people.add(force, Rank.PCSO) for _ in range(FORCE_PCSO_POSTS)]
    _uplift_joiners(force_officers, rng)
    leavers = _leavers(force, people, rng)
    officers = [p for p in people.rows if p.rank in FORCE_STRENGTH and p not in leavers]
    away = _assign_ethnicity(officers, rng)
    citizens = _citizens(force, people, rng)
    demo_recent.recent_joiners(recent.add, force, last_month, recent.rng)
    Officer.objects.bulk_create(people.rows, batch_size=1000)
    # Each person has been in their team since they joined (strength at a date reads the dated postings).
    Posting.objects.bulk_create(
        [Posting(person=p, team=p.team, starts_on=p.started_on) for p in people.rows], batch_size=2000
    )
    Absence.objects.bulk_create(
        [
            Absence(person=p, kind=kind, starts_on=date(2022, 10, 1) + timedelta(days=rng.randrange(300)))
            for p, kind in away
        ]
        + [Absence(person=p, kind=AbsenceKind.LEAVE, starts_on=date(2023, 5, 1)) for p in citizens["on_leave"]]
    )
    _name_officers(team_members)
    _establishment(force, team_posts)
    _configuration(force)
    _duty_hours(citizens, rng)
    away_ids = {id(person) for person, _ in away}
    in_post = [o for o in officers if id(o) not in away_ids]
    _certifications(in_post, force_pcsos, citizens["specials"], rng)
    _recent_months(force, in_post, citizens, last_month, recent.rng)
    _contacts(list(team_members))
    record_event(
        actor=acting_user,
        operation=Operation.COLLECTION,
        event="workforce.demo_loaded",
        obj=force,
        area=force,
        detail={"people": len(people.rows)},
    )
    return len(people.rows)


def _recent_months(
    force: Area, in_post: list[Officer], citizens: dict[str, list[Officer]], last_month: date, rng: random.Random
) -> None:
    """Leavers, forecast, duty hours and renewed training after the seed periods (demo_recent)."""
    staying = [o for o in in_post if o.team.level == Level.FORCE and o.user_id is None and o.left_on is None]
    leavers = demo_recent.recent_leavers(
        [o for o in staying if o.rank in (Rank.CONSTABLE, Rank.SERGEANT)], last_month, rng
    )
    Officer.objects.bulk_update(leavers, ["left_on", "leave_reason"], batch_size=1000)
    Forecast.objects.bulk_create(demo_recent.recent_forecast(force, last_month))
    hours = demo_recent.recent_hours(
        citizens["specials"][SPECIALS_ON_LEAVE:],
        citizens["volunteers"][:VOLUNTEERS_ACTIVE],
        SPECIALS_HOURS,
        VOLUNTEER_HOURS,
        last_month,
    )
    DutyHours.objects.bulk_create(hours, batch_size=2000)
    last_day = add_months(last_month, 1) - timedelta(days=1)
    serving = [o for o in in_post if o.left_on is None or o.left_on > date(2023, 9, 30)]
    certifications = demo_recent.recent_certifications(serving, last_day, LAPSED_SAFETY_SHARE, TASER_TRAINED)
    Certification.objects.bulk_create(certifications, batch_size=2000)


def _neighbourhood_teams(
    force: Area, people: _People, logins: dict[str, tuple[User, Rank, str]]
) -> tuple[dict[Area, list[Officer]], dict[Area, dict[Rank, int]]]:
    """Inspectors for the LPUs; sergeants, constables and PCSOs for the teams, a few posts vacant.
    Returns each team's members and its posts by rank."""
    rng = people.rng
    by_place = {(code, rank): user for user, rank, code in logins.values()}
    lpus = list(Area.objects.within(force).filter(level=Level.LPU).order_by("path"))
    for lpu in lpus:
        people.add(lpu, Rank.INSPECTOR, by_place.get((lpu.code, Rank.INSPECTOR)))
    teams = list(Area.objects.within(force).filter(level=Level.TEAM).order_by("path").prefetch_related("children"))
    sizes = [max(1, len(team.children.all())) for team in teams]
    sergeants = [1 + (size > 4) for size in sizes]
    constables = _allocate(SNT_OFFICER_POSTS - len(lpus) - sum(sergeants), sizes)
    pcsos = _allocate(TEAM_PCSO_POSTS, sizes)
    officer_gaps = _gaps(SNT_OFFICER_POSTS - SNT_OFFICERS, constables, rng)
    pcso_gaps = _gaps(TEAM_PCSO_POSTS - TEAM_PCSOS, pcsos, rng)
    members: dict[Area, list[Officer]] = {}
    posts: dict[Area, dict[Rank, int]] = {}
    for index, team in enumerate(teams):
        counts = {
            Rank.SERGEANT: sergeants[index],
            Rank.CONSTABLE: constables[index] - officer_gaps[index],
            Rank.PCSO: pcsos[index] - pcso_gaps[index],
        }
        posts[team] = {Rank.SERGEANT: sergeants[index], Rank.CONSTABLE: constables[index], Rank.PCSO: pcsos[index]}
        members[team] = [
            people.add(team, rank, by_place.get((team.code, rank)) if n == 0 else None)
            for rank, count in counts.items()
            for n in range(count)
        ]
    return members, posts


def _gaps(total: int, posts: list[int], rng: random.Random) -> list[int]:
    gaps = [0] * len(posts)
    for _ in range(total):
        index = rng.choice([i for i, p in enumerate(posts) if p - gaps[i] > 2])
        gaps[index] += 1
    return gaps


def _uplift_joiners(officers: list[Officer], rng: random.Random) -> None:
    """About 200 constables a year joined in intakes every other month since September 2021."""
    intakes = [add_months(date(2021, 9, 1), step) for step in range(0, 24, 2)]
    constables = [o for o in officers if o.rank == Rank.CONSTABLE]
    for person in rng.sample(constables, 400):
        person.started_on = rng.choice(intakes) + timedelta(days=rng.randrange(0, 5))


def _leavers(force: Area, people: _People, rng: random.Random) -> list[Officer]:
    leavers = []
    reasons = [LeaveReason.RETIREMENT] * 5 + [LeaveReason.RESIGNATION] * 4 + [LeaveReason.TRANSFER] * 2
    for first, total in LEAVERS_BY_YEAR.items():
        for month, count in enumerate(_allocate(total, [1] * 12)):
            start = add_months(first, month)
            for _ in range(count):
                person = people.add(force, Rank.CONSTABLE if rng.random() < 0.8 else Rank.SERGEANT)
                person.started_on = min(person.started_on, start - timedelta(days=200))
                person.left_on = start + timedelta(days=rng.randrange(0, 28))
                person.leave_reason = rng.choice(reasons)
                person.ethnicity = Ethnicity.WHITE
                leavers.append(person)
    return leavers


def _assign_ethnicity(officers: list[Officer], rng: random.Random) -> list[tuple[Officer, str]]:
    """Career breaks and secondments for 48 force-wide officers; the 4.7 counts across everyone else."""
    force_wide = [o for o in officers if o.team.level == Level.FORCE and o.rank in (Rank.CONSTABLE, Rank.SERGEANT)]
    away = rng.sample(force_wide, CAREER_BREAKS + SECONDMENTS)
    kinds = [AbsenceKind.CAREER_BREAK] * CAREER_BREAKS + [AbsenceKind.SECONDMENT] * SECONDMENTS
    away_ids = {id(p) for p in away}
    in_post = [o for o in officers if id(o) not in away_ids]
    groups = [group for group, count in ETHNICITY_COUNTS.items() for _ in range(count)]
    assert len(groups) == len(in_post), (len(groups), len(in_post))  # noqa: S101 - the calibration's invariant
    rng.shuffle(groups)
    for person, group in zip(in_post, groups, strict=True):
        person.ethnicity = group
    for person in away:
        person.ethnicity = Ethnicity.WHITE if rng.random() < 0.95 else Ethnicity.ASIAN
    return list(zip(away, kinds, strict=True))


def _citizens(force: Area, people: _People, rng: random.Random) -> dict[str, list[Officer]]:
    recent = date(2015, 1, 1)
    specials = [
        people.add(force, Rank.SPECIAL, started_on=recent + timedelta(days=rng.randrange(3000)))
        for _ in range(SPECIALS)
    ]
    volunteers = [
        people.add(force, Rank.VOLUNTEER, started_on=recent + timedelta(days=rng.randrange(3000)), fte=Decimal("0"))
        for _ in range(VOLUNTEERS)
    ]
    cadets = [
        people.add(force, Rank.CADET, started_on=date(2022, 9, 1), fte=Decimal("0"), cadet_cohort=cohort)
        for cohort, count in CADET_COHORTS.items()
        for _ in range(count)
    ]
    cadets += [
        people.add(force, Rank.CADET, started_on=date(2022, 9, 1), fte=Decimal("0"), cadet_cohort=JOINT_CADETS[0])
        for _ in range(JOINT_CADETS[1])
    ]
    for cadet in cadets[-JOINT_CADETS[1] :]:
        cadet.joint_cadet = True
    for person in specials + volunteers:
        person.fte = Decimal("0")
    on_leave = specials[:SPECIALS_ON_LEAVE] + volunteers[VOLUNTEERS_ACTIVE:]
    return {"specials": specials, "volunteers": volunteers, "on_leave": on_leave}


def _name_officers(members: dict[Area, list[Officer]]) -> None:
    """A named officer per neighbourhood: a demo login's own neighbourhood, else constables and PCSOs in turn."""
    rows = []
    for team, staff in members.items():
        contacts = [m for m in staff if m.rank in (Rank.CONSTABLE, Rank.PCSO)]
        home = {
            m.area_id: officer
            for officer in contacts
            if officer.user
            for m in officer.user.memberships.all()
            if m.area.level == Level.NEIGHBOURHOOD
        }
        rotation = [officer for officer in contacts if officer not in home.values()] or contacts
        for index, neighbourhood in enumerate(sorted(team.children.all(), key=lambda a: a.name)):
            rows.append(
                NamedOfficer(
                    neighbourhood=neighbourhood, officer=home.get(neighbourhood.pk) or rotation[index % len(rotation)]
                )
            )
    NamedOfficer.objects.bulk_create(rows)


def _establishment(force: Area, team_posts: dict[Area, dict[Rank, int]]) -> None:
    rows = []
    for lpu in Area.objects.within(force).filter(level=Level.LPU):
        rows.append(Establishment(team=lpu, rank=Rank.INSPECTOR, posts=1, starts_on=BASELINE))
    for team, posts in team_posts.items():
        rows += [Establishment(team=team, rank=rank, posts=n, starts_on=BASELINE) for rank, n in posts.items()]
    uplift = sum(step for _, step in UPLIFT_STEPS)
    for rank, posts in FORCE_POSTS.items():
        base = posts - uplift if rank == Rank.CONSTABLE else posts
        rows.append(Establishment(team=force, rank=rank, posts=base, starts_on=BASELINE))
    added = 0
    for starts_on, step in UPLIFT_STEPS:
        added += step
        rows.append(
            Establishment(
                team=force, rank=Rank.CONSTABLE, posts=FORCE_POSTS[Rank.CONSTABLE] - uplift + added, starts_on=starts_on
            )
        )
    rows.append(Establishment(team=force, rank=Rank.PCSO, posts=FORCE_PCSO_POSTS, starts_on=BASELINE))
    Establishment.objects.bulk_create(rows)


def _configuration(force: Area) -> None:
    PopulationShare.objects.bulk_create(
        [PopulationShare(force=force, ethnicity=group, percent=Decimal(p)) for group, p in CENSUS_2021.items()]
    )
    Candidate.objects.bulk_create(
        [Candidate(force=force, on=DEMO_ON, ethnicity=group, count=n) for group, n in CANDIDATES.items()]
    )
    WorkforceTarget.objects.bulk_create(
        [
            WorkforceTarget(force=force, target=Target.TASER_TRAINED, value=TASER_TARGET),
            WorkforceTarget(force=force, target=Target.SPECIALS_HOURS, value=1000),
            WorkforceTarget(force=force, target=Target.SPECIALS, value=211),
        ]
    )
    # The forecast: leavers at last year's 10.8 a month; joiners in the planned intakes (4.5, 4.17).
    Forecast.objects.bulk_create(
        [
            Forecast(
                force=force,
                month=add_months(date(2022, 9, 1), step),
                joiners=Decimal("33.0") if step % 2 == 0 else Decimal("0"),
                leavers=Decimal("10.8"),
            )
            for step in range(24)
        ]
    )


def _duty_hours(citizens: dict[str, list[Officer]], rng: random.Random) -> None:
    """Hours spread over the active specials and volunteers each month, summing to the papers' totals."""
    rows = []
    active_specials = citizens["specials"][SPECIALS_ON_LEAVE:]
    last_year = _allocate(SPECIALS_HOURS_LAST_YEAR, [1] * 12)
    for step, (this, last) in enumerate(zip(SPECIALS_HOURS, last_year, strict=True)):
        for month, total in ((add_months(date(2022, 8, 1), step), this), (add_months(date(2021, 8, 1), step), last)):
            for person, hours in zip(
                active_specials, _allocate(total, [rng.randint(1, 4) for _ in active_specials]), strict=True
            ):
                rows.append(DutyHours(person=person, month=month, hours=hours))
    active_volunteers = citizens["volunteers"][:VOLUNTEERS_ACTIVE]
    for first, total in ((date(2022, 8, 1), VOLUNTEER_HOURS), (date(2021, 8, 1), VOLUNTEER_HOURS_LAST_YEAR)):
        for step, month_total in enumerate(_allocate(total, [1] * 12)):
            weights = [rng.randint(1, 4) for _ in active_volunteers]
            for person, hours in zip(active_volunteers, _allocate(month_total, weights), strict=True):
                rows.append(DutyHours(person=person, month=add_months(first, step), hours=hours))
    DutyHours.objects.bulk_create([row for row in rows if row.hours], batch_size=2000)


def _certifications(officers: list[Officer], pcsos: list[Officer], specials: list[Officer], rng: random.Random) -> None:
    """For officers in post: safety training and first aid (14% lapsed), stop and search, taser (499 valid
    at the end of September 2023, and two specials), and the vulnerability modules' completions (11.6)."""
    skills = {code: SkillType.objects.get_or_create(code=code, defaults=spec)[0] for code, spec in SKILL_TYPES.items()}
    on = date(2023, 9, 30)
    rows: list[Certification] = []

    def certify(person: Officer, code: str, completed: date) -> None:
        skill = skills[code]
        expires = completed + timedelta(days=skill.valid_days) if skill.valid_days else None
        rows.append(Certification(person=person, skill=skill, completed_on=completed, expires_on=expires))

    serving = [o for o in officers if o.left_on is None]
    lapsed_ids = {id(p) for p in rng.sample(serving, round(LAPSED_SAFETY_SHARE * len(serving)))}
    for person in serving:
        lapsed = id(person) in lapsed_ids
        for code in ("personal-safety", "first-aid"):
            certify(person, code, on - timedelta(days=rng.randrange(370, 560) if lapsed else rng.randrange(0, 360)))
        certify(person, "stop-and-search", on - timedelta(days=rng.randrange(0, 400)))
        certify(person, "conflict-management", on - timedelta(days=rng.randrange(0, 700)))
    for person in rng.sample([o for o in serving if o.rank in (Rank.CONSTABLE, Rank.SERGEANT)], TASER_TRAINED):
        certify(person, "taser", on - timedelta(days=rng.randrange(0, 364)))
    for person in specials[SPECIALS_ON_LEAVE : SPECIALS_ON_LEAVE + 2]:
        certify(person, "taser", on - timedelta(days=rng.randrange(0, 200)))
    for code, count in MODULES_COMPLETED.items():
        for person in rng.sample(serving + pcsos, count):
            certify(person, code, date(2022, 6, 1) + timedelta(days=rng.randrange(0, 480)))
    Certification.objects.bulk_create(rows, batch_size=2000)


def _contacts(teams: list[Area]) -> None:
    """Social links and a meeting place for each team (the area's email and phone come from the geography)."""
    TeamContact.objects.bulk_create(
        [TeamContact(team=team, facebook=f"https://www.facebook.com/{team.code.replace('-', '')}") for team in teams]
    )
    MeetingPlace.objects.bulk_create(
        [
            MeetingPlace(
                team=team,
                name=f"{team.name.removesuffix(' SNT')} library",
                times="First Tuesday of the month, 6pm to 7pm",
            )
            for team in teams
        ]
    )


def demo_logins() -> dict[str, tuple[User, Rank, str]]:
    """The demo logins that are officers: their user, rank and the team or LPU their record sits in."""
    logins = {login.username: login for login in DEMO_LOGINS if login.officer_rank}
    result = {}
    for user in User.objects.filter(username__in=logins):
        login = logins[user.username]
        area = Area.objects.get(code=login.area_code)
        place = area.parent if area.level == Level.NEIGHBOURHOOD else area
        result[user.username] = (user, login.officer_rank, place.code)
    return result
