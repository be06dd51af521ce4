"""A year of demo engagements, five months of abstractions and a quarter's priorities, shaped like the seed
papers' figures (002: over 500 face-to-face engagements a month, 9.3; the groups reached in June–August,
9.7; 129 abstractions in five months, falling month by month to 16, 30% for major incidents, 3.10–3.12;
every neighbourhood with priorities set in the last three months, 9.10). Dates run to the day the demo is
loaded, so the gap and staleness checks have something current to show; a few neighbourhoods are left
without recent engagement or priorities on purpose.

The records are attributed to an inactive "demo import" account, as records migrated from the previous
apps would be, except Staveley's, which the demo officers made."""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from beatbook.accounts.models import User
from beatbook.areas.models import Area, Level
from beatbook.audit.models import Operation
from beatbook.audit.record import record_event
from beatbook.crime.periods import add_months, month_of
from beatbook.lib.dates import LocalTimeError, london_to_utc
from beatbook.neighbourhoods.actions import ensure_community_groups, quarter_start
from beatbook.neighbourhoods.models import (
    FACE_TO_FACE_METHODS,
    Abstraction,
    AbstractionReason,
    AuthoriserRank,
    CommunityGroup,
    CommunityPresence,
    Engagement,
    EngagementMethod,
    Evidence,
    Priority,
    shift_of,
)
from beatbook.workforce.models import Officer

FACE_TO_FACE_PER_MONTH = 510
OTHER_PER_MONTH = 90
# Share of face-to-face engagements reaching each group: 002 9.7 over about 1,500 engagements in 3 months.
GROUP_SHARES = {
    "young-people": 344 / 1500,
    "elderly": 205 / 1500,
    "people-with-disabilities": 76 / 1500,
    "homeless": 21 / 1500,
    "lgbtq": 21 / 1500,
    "black": 21 / 1500,
    "refugee-or-asylum-seekers": 14 / 1500,
    "muslim": 10 / 1500,
    "eastern-european": 9 / 1500,
    "traveller": 7 / 1500,
    "south-asian": 6 / 1500,
    "east-asian": 3 / 1500,
    "sikh": 3 / 1500,
    "hindu": 1 / 1500,
    "jewish": 1 / 1500,
    "rural": 0.06,
    "business": 0.08,
}
ABSTRACTIONS_BY_MONTH = [38, 31, 25, 19, 16]  # the five months before this one: 129 in all
REASON_WEIGHTS = {
    AbstractionReason.MAJOR_INCIDENT: 30,
    AbstractionReason.RESPONSE_COVER: 24,
    AbstractionReason.PUBLIC_ORDER: 16,
    AbstractionReason.CUSTODY: 12,
    AbstractionReason.TRAINING: 12,
    AbstractionReason.OTHER: 6,
}
PLACES = ["Library", "Community centre", "Market place", "Park", "High Street", "Primary school", "Leisure centre"]
ISSUES = [
    "Speeding on the main road",
    "Young people gathering by the shops in the evening",
    "Parking outside the school at pick-up time",
    "Off-road bikes on the recreation ground",
    "Litter and drug paraphernalia in the park",
    "Worries about doorstep callers",
    "",
    "",
]
PRIORITY_ISSUES = [
    ("Anti-social behaviour around the shops", "High-visibility patrols at peak times; dispersal where needed"),
    ("Speeding through the village", "Speed checks with Community Speedwatch volunteers"),
    ("Off-road motorbikes", "Patrols with partners; seizure of vehicles used anti-socially"),
    ("Drug dealing near the park", "Intelligence gathering and warrants; work with the council on lighting"),
    ("Burglary of sheds and garages", "Crime prevention advice and property marking events"),
    ("Inconsiderate parking near schools", "Joint patrols with council enforcement officers"),
]
DONE = [
    "Twelve patrols at peak times; two dispersal directions issued; reports fell over the quarter.",
    "Four speed checks held; 37 drivers warned and 5 reported.",
    "Two bikes seized under section 59; a warning letter sent to riders identified.",
    "A warrant executed and the council improved lighting on the path.",
]


def _local(day: date, hour: int, minute: int) -> datetime:
    try:
        return london_to_utc(datetime.combine(day, time(hour, minute)))
    except LocalTimeError:  # the hour the clocks skip
        return london_to_utc(datetime.combine(day, time(hour + 1, minute)))


def _importer() -> User:
    user = User.objects.filter(username="demo.import").first()
    if user is None:
        user = User(username="demo.import", first_name="Demo", last_name="import", is_active=False)
        user.set_unusable_password()
        user.save()
    return user


@transaction.atomic
def do_load_demo_activity(force: Area, *, now: datetime | None = None, seed: int = 20230501) -> dict[str, int]:
    """Load the demo's engagements, abstractions and priorities for `force` up to `now` (default: the moment
    it runs), none later; does nothing if it has any."""
    if Engagement.objects.filter(neighbourhood__path__startswith=force.path).exists():
        return {}
    now = now or timezone.now()
    rng = random.Random(seed)  # noqa: S311 - demo data, not security
    ensure_community_groups(force)
    groups = {g.slug: g for g in CommunityGroup.objects.filter(force=force)}
    neighbourhoods = list(Area.objects.within(force).filter(level=Level.NEIGHBOURHOOD).order_by("path"))
    importer = _importer()
    staveley_users = list(User.objects.filter(username__in=["pcso.patel", "pc.jones", "ps.okafor"]))
    inspector = User.objects.filter(username="insp.clarke").first()
    quiet = set(rng.sample([n.pk for n in neighbourhoods], k=min(6, len(neighbourhoods))))
    stale = set(rng.sample([n.pk for n in neighbourhoods if n.pk not in quiet], k=min(4, len(neighbourhoods) // 10)))
    counts = {
        "presence": _load_presence(neighbourhoods, groups, rng),
        "engagements": _load_engagements(neighbourhoods, groups, quiet, importer, staveley_users, inspector, now, rng),
        "abstractions": _load_abstractions(force, importer, now, rng),
        "priorities": _load_priorities(neighbourhoods, stale, importer, staveley_users, inspector, now, rng),
    }
    record_event(actor=None, operation=Operation.COLLECTION, event="demo.activity_loaded", area=force, detail=counts)
    return counts


def _load_presence(neighbourhoods: list[Area], groups: dict, rng: random.Random) -> int:
    rows = []
    for neighbourhood in neighbourhoods:
        for slug in ("rural", "eastern-european", "south-asian", "traveller", "muslim"):
            if rng.random() < 0.12:
                rows.append(CommunityPresence(area=neighbourhood, group=groups[slug], source="Neighbourhood profile"))
    CommunityPresence.objects.bulk_create(rows)
    return len(rows)


def _load_engagements(neighbourhoods, groups, quiet, importer, staveley_users, inspector, now, rng) -> int:  # noqa: ANN001, PLR0913
    today = timezone.localdate(now)
    weights = [3 if "city" in n.name.lower() or "centre" in n.name.lower() else 1 for n in neighbourhoods]
    face_to_face = [m for m in EngagementMethod if m in FACE_TO_FACE_METHODS]
    method_weights = [40 if m == EngagementMethod.PATROL_CONVERSATION else 10 for m in face_to_face]
    other = [m for m in EngagementMethod if m not in FACE_TO_FACE_METHODS]
    engagements, links = [], []
    start = today - timedelta(days=364)
    for offset in range(365):
        day = start + timedelta(days=offset)
        per_day = (FACE_TO_FACE_PER_MONTH + OTHER_PER_MONTH) * 12 / 365
        for _ in range(int(per_day) + (rng.random() < per_day % 1)):
            neighbourhood = rng.choices(neighbourhoods, weights)[0]
            if neighbourhood.pk in quiet and (today - day).days < 40:
                continue
            in_person = rng.random() < FACE_TO_FACE_PER_MONTH / (FACE_TO_FACE_PER_MONTH + OTHER_PER_MONTH)
            method = rng.choices(face_to_face, method_weights)[0] if in_person else rng.choice(other)
            staveley = neighbourhood.parent.code == "staveley-snt" and staveley_users
            started_at = _local(day, rng.randint(8, 20), rng.choice([0, 15, 30, 45]))
            duration = rng.choice([10, 15, 20, 30, 45, 60, 90, 120])
            if started_at + timedelta(minutes=duration) > now:  # later today: it has not happened yet
                continue
            old = (today - day).days > 21
            engagements.append(
                Engagement(
                    neighbourhood=neighbourhood,
                    started_at=started_at,
                    duration_minutes=duration,
                    location=rng.choice(PLACES),
                    method=method,
                    face_to_face=in_person,
                    people_reached=rng.randint(1, 40) if in_person else rng.randint(50, 900),
                    issues_raised=rng.choice(ISSUES),
                    recorded_by=rng.choice(staveley_users) if staveley else importer,
                    created_at=started_at,
                    reviewed_by=(inspector if staveley and inspector else importer) if old else None,
                    reviewed_at=started_at + timedelta(days=7) if old else None,
                )
            )
            reached = [g for slug, g in groups.items() if rng.random() < GROUP_SHARES.get(slug, 0)] if in_person else []
            links.append(reached)
    Engagement.objects.bulk_create(engagements, batch_size=1000)
    through = Engagement.groups.through
    through.objects.bulk_create(
        [
            through(engagement_id=e.pk, communitygroup_id=g.pk)
            for e, reached in zip(engagements, links, strict=True)
            for g in reached
        ],
        batch_size=2000,
    )
    return len(engagements)


def _load_abstractions(force: Area, importer: User, now: datetime, rng: random.Random) -> int:
    today = timezone.localdate(now)
    officers = list(
        Officer.objects.serving()
        .filter(team__path__startswith=force.path, team__level=Level.TEAM)
        .select_related("team")
    )
    if not officers:
        return 0
    # One team is abstracted far more than its share, so the alert has something to find.
    busy_team = next((o.team_id for o in officers if o.team.code == "derby-city-centre-snt"), officers[0].team_id)
    weights = [6 if o.team_id == busy_team else 1 for o in officers]
    staveley = [o for o in officers if o.team.code == "staveley-snt"]
    rows = []
    first_month = add_months(month_of(today), -len(ABSTRACTIONS_BY_MONTH))
    for index, count in enumerate(ABSTRACTIONS_BY_MONTH):
        month = add_months(first_month, index)
        days = (add_months(month, 1) - month).days
        for number in range(count):
            officer = staveley[number % len(staveley)] if staveley and number < 2 else rng.choices(officers, weights)[0]
            reason = rng.choices(list(REASON_WEIGHTS), list(REASON_WEIGHTS.values()))[0]
            hour = rng.choices([7, 10, 15, 18, 23], [15, 10, 35, 30, 10])[0]
            started_at = _local(month + timedelta(days=rng.randrange(days)), hour, 0)
            emergency = rng.random() < 0.08
            # About one in eight is authorised below chief inspector; a few of those were emergencies.
            rank = (
                rng.choice([AuthoriserRank.SERGEANT, AuthoriserRank.INSPECTOR])
                if (number < 2 and staveley) or rng.random() < 0.12
                else rng.choice([AuthoriserRank.CHIEF_INSPECTOR, AuthoriserRank.SUPERINTENDENT])
            )
            rows.append(
                Abstraction(
                    officer=officer,
                    team_id=officer.team_id,
                    started_at=started_at,
                    ended_at=min(started_at + timedelta(hours=rng.choice([3, 4, 6, 8, 8, 10])), now),
                    shift=shift_of(started_at),
                    reason=reason,
                    details="Covering a shortfall" if reason == AbstractionReason.OTHER else "",
                    authorised_by="Duty officer",
                    authoriser_rank=rank,
                    emergency=emergency and number >= 2,
                    recorded_by=importer,
                    created_at=started_at,
                )
            )
    Abstraction.objects.bulk_create(rows)
    return len(rows)


def _load_priorities(neighbourhoods, stale, importer, staveley_users, inspector, now, rng) -> int:  # noqa: ANN001, PLR0913
    today = timezone.localdate(now)
    rows = []
    for neighbourhood in neighbourhoods:
        staveley = neighbourhood.parent.code == "staveley-snt" and staveley_users
        setter = rng.choice(staveley_users) if staveley else importer
        publisher = inspector if staveley and inspector else importer
        # Last quarter's, with what was done; then this quarter's (months ago for the stale ones).
        recent = today - timedelta(days=rng.randint(150, 200) if neighbourhood.pk in stale else rng.randint(3, 60))
        earlier = recent - timedelta(days=91)
        for set_on, done in ((earlier, True), (recent, False)):
            for issue, action in rng.sample(PRIORITY_ISSUES, k=rng.choice([1, 2, 2, 3])):
                rows.append(
                    Priority(
                        neighbourhood=neighbourhood,
                        quarter_start=quarter_start(set_on),
                        issue=issue,
                        planned_action=action,
                        evidence=rng.sample(Evidence.values, k=2),
                        set_on=set_on,
                        set_by=setter,
                        action_taken=rng.choice(DONE) if done else "",
                        action_on=set_on + timedelta(days=80) if done else None,
                        published_at=min(_local(set_on + timedelta(days=3), 10, 0), now),
                        published_by=publisher,
                    )
                )
    Priority.objects.bulk_create(rows)
    return len(rows)
