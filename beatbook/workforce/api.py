"""The workforce over the API (/api/v1/workforce/): people (HR administrators and administrators; reads
audited), named officers, and the strength tables. Same access helpers and `do_*` actions as the pages."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Router, Schema, Status
from ninja.errors import HttpError

from beatbook.accounts import access
from beatbook.accounts.access import Capability
from beatbook.api.crime import TableOut
from beatbook.api.schemas import ErrorOut
from beatbook.areas.models import Area, Level
from beatbook.audit.models import Operation
from beatbook.audit.record import record_event
from beatbook.web.forms import check_date_window
from beatbook.workforce import actions, representation, strength
from beatbook.workforce.models import POSTING_LEVELS, Ethnicity, LeaveReason, Officer, Rank, Sex, today
from beatbook.workforce.people_views import person_for

router = Router()
ERRORS = {400: ErrorOut, 403: ErrorOut, 404: ErrorOut}


class PersonOut(Schema):
    id: int
    first_name: str
    last_name: str
    rank: str
    collar_number: str
    staff_number: str | None
    team: str
    started_on: date | None
    left_on: date | None
    leave_reason: str
    fte: Decimal
    sex: str
    ethnicity: str
    named_for: list[str]


class PersonIn(Schema):
    team: str
    rank: Rank
    first_name: str
    last_name: str
    collar_number: str = ""
    staff_number: str | None = None
    started_on: date | None = None
    fte: Decimal = Decimal("1")
    sex: Sex | None = None
    ethnicity: Ethnicity = Ethnicity.UNKNOWN


class PersonPatch(Schema):
    team: str | None = None
    rank: Rank | None = None
    first_name: str | None = None
    last_name: str | None = None
    collar_number: str | None = None
    staff_number: str | None = None
    started_on: date | None = None
    fte: Decimal | None = None
    sex: Sex | None = None
    ethnicity: Ethnicity | None = None


class LeavingIn(Schema):
    left_on: date
    leave_reason: LeaveReason


class NamedOfficerIn(Schema):
    officer_id: int


def _out(person: Officer) -> PersonOut:
    return PersonOut(
        id=person.pk,
        first_name=person.first_name,
        last_name=person.last_name,
        rank=person.rank,
        collar_number=person.collar_number,
        staff_number=person.staff_number,
        team=person.team.code,
        started_on=person.started_on,
        left_on=person.left_on,
        leave_reason=person.leave_reason,
        fte=person.fte,
        sex=person.sex,
        ethnicity=person.ethnicity,
        named_for=sorted(n.neighbourhood.code for n in person.named_for.select_related("neighbourhood")),
    )


def _team(request: HttpRequest, code: str) -> Area:
    team = access.get_area_for_user(request.user, code, Capability.MANAGE_WORKFORCE)
    if team.level not in POSTING_LEVELS:
        raise ValidationError({"team": "Post people to a force, division, local policing unit or team"})
    return team


def _invalid(error: ValidationError) -> Status:
    return Status(400, {"error": " ".join(error.messages)})


@router.get("/areas/{code}/people", response={200: list[PersonOut], **ERRORS}, summary="People in an area")
def list_people(request: HttpRequest, code: str, serving: bool = True) -> list[PersonOut]:
    """Everyone posted inside the area (serving today unless `serving=false`), with their HR fields. The
    read is audited."""
    area = access.get_area_for_user(request.user, code, Capability.MANAGE_WORKFORCE)
    people = Officer.objects.within(area).select_related("team")
    if serving:
        people = people.serving()
    record_event(
        actor=request.user, operation=Operation.CONSULTATION, event="workforce.people.listed", obj=area, area=area
    )
    return [_out(person) for person in people]


@router.get("/people/{person_id}", response={200: PersonOut, **ERRORS}, summary="One person's record")
def get_person(request: HttpRequest, person_id: int) -> PersonOut:
    person = person_for(request.user, person_id)
    actions.record_hr_read(person, acting_user=request.user, request=request)
    return _out(person)


@router.post("/people", response={201: PersonOut, **ERRORS}, summary="Add a person")
def add_person(request: HttpRequest, payload: PersonIn) -> Status:
    fields = payload.dict()
    fields["sex"] = fields["sex"] or ""
    try:
        fields["team"] = _team(request, payload.team)
        person = actions.do_add_person(acting_user=request.user, **fields)
    except ValidationError as error:
        return _invalid(error)
    return Status(201, _out(person))


@router.post("/people/{person_id}/changes", response={200: PersonOut, **ERRORS}, summary="Change or move a person")
def change_person(request: HttpRequest, person_id: int, payload: PersonPatch) -> PersonOut | Status:
    person = person_for(request.user, person_id)
    changes = payload.dict(exclude_unset=True)
    try:
        if "team" in changes:
            changes["team"] = _team(request, changes["team"])
        actions.do_change_person(person, changes, acting_user=request.user)
    except ValidationError as error:
        return _invalid(error)
    return _out(person)


@router.post("/people/{person_id}/leaving", response={200: PersonOut, **ERRORS}, summary="Record leaving")
def record_leaving(request: HttpRequest, person_id: int, payload: LeavingIn) -> PersonOut | Status:
    person = person_for(request.user, person_id)
    try:
        actions.do_record_leaving(
            person, left_on=payload.left_on, reason=payload.leave_reason, acting_user=request.user
        )
    except ValidationError as error:
        return _invalid(error)
    return _out(person)


@router.post(
    "/neighbourhoods/{code}/named-officer",
    response={200: PersonOut, **ERRORS},
    summary="Name a neighbourhood's officer",
)
def name_officer(request: HttpRequest, code: str, payload: NamedOfficerIn) -> PersonOut | Status:
    neighbourhood = access.get_area_for_user(request.user, code, Capability.MANAGE_WORKFORCE)
    if neighbourhood.level != Level.NEIGHBOURHOOD:
        return Status(400, {"error": "Named officers are for neighbourhoods"})
    officer = person_for(request.user, payload.officer_id)
    try:
        actions.do_name_officer_for_neighbourhood(neighbourhood, officer, acting_user=request.user)
    except ValidationError as error:
        return _invalid(error)
    return _out(officer)


@router.get("/areas/{code}/strength", response={200: list[TableOut], **ERRORS}, summary="Strength and representation")
def area_strength(request: HttpRequest, code: str, on: date | None = None) -> list[TableOut]:
    """The tables of /areas/CODE/workforce/ on `on` (default today): strength against establishment,
    officers by ethnicity (small numbers suppressed below the force), and joiners and leavers by month."""
    area = access.get_area_for_user(request.user, code, Capability.VIEW_ESTABLISHMENT)
    on = on or today()
    try:
        check_date_window(on)
    except ValidationError as error:
        raise HttpError(400, f"on: {error.messages[0]}") from None
    tables = [
        strength.strength_against_establishment(area, on),
        representation.officers_by_ethnicity(area, on),
        strength.joiners_and_leavers(area, on),
    ]
    return [TableOut(**table.as_json()) for table in tables]
