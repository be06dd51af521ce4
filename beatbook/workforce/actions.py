"""Writes to officers, named-officer assignments and establishment, each audited."""

from __future__ import annotations

from django.db import transaction

from beatbook.accounts.models import User
from beatbook.areas.models import Area, Level
from beatbook.audit.models import Operation
from beatbook.audit.record import record_event
from beatbook.workforce.models import Establishment, NamedOfficer, Officer, Rank


@transaction.atomic
def do_add_officer(
    *,
    team: Area,
    rank: Rank,
    first_name: str,
    last_name: str,
    collar_number: str = "",
    user: User | None = None,
    acting_user: User | None,
) -> Officer:
    if team.level not in (Level.TEAM, Level.LPU):
        raise ValueError("Officers belong to a neighbourhood team or a local policing unit")
    officer = Officer.objects.create(
        team=team, rank=rank, first_name=first_name, last_name=last_name, collar_number=collar_number, user=user
    )
    record_event(actor=acting_user, operation=Operation.COLLECTION, event="officer.added", obj=officer, area=team)
    return officer


@transaction.atomic
def do_name_officer_for_neighbourhood(neighbourhood: Area, officer: Officer, *, acting_user: User | None) -> None:
    if neighbourhood.level != Level.NEIGHBOURHOOD:
        raise ValueError("A named officer is for a neighbourhood")
    current = NamedOfficer.objects.filter(neighbourhood=neighbourhood).first()
    if current and current.officer_id == officer.pk:
        return
    NamedOfficer.objects.update_or_create(neighbourhood=neighbourhood, defaults={"officer": officer})
    record_event(
        actor=acting_user,
        operation=Operation.ALTERATION,
        event="neighbourhood.named_officer_set",
        obj=neighbourhood,
        area=neighbourhood,
        detail={"officer_id": officer.pk},
    )


@transaction.atomic
def do_set_establishment(team: Area, rank: Rank, posts: int, *, acting_user: User | None) -> None:
    if posts < 0:
        raise ValueError("Posts cannot be negative")
    row, created = Establishment.objects.get_or_create(team=team, rank=rank, defaults={"posts": posts})
    if not created and row.posts == posts:
        return
    if not created:
        row.posts = posts
        row.save(update_fields=["posts"])
    record_event(
        actor=acting_user,
        operation=Operation.ALTERATION,
        event="team.establishment_set",
        obj=team,
        area=team,
        detail={"rank": str(rank), "posts": posts},
    )
