from __future__ import annotations

from ninja import Schema


class AreaOut(Schema):
    code: str
    name: str
    level: str
    parent: str | None
    neighbourhoods: int | None = None
    lsoas: int | None = None
    population: int | None = None


class OfficerOut(Schema):
    name: str
    rank: str
    collar_number: str
    team: str
    named_for: list[str]


class AreaDetailOut(AreaOut):
    ancestors: list[AreaOut]
    children: list[AreaOut]
    named_officer: str | None
    officers: list[OfficerOut]


class ErrorOut(Schema):
    error: str
