"""Writes to the geography: create or update areas, and load a whole force configuration."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.db import transaction
from django.utils.text import slugify

from beatbook.accounts.models import User
from beatbook.areas.config import LsoaRow
from beatbook.areas.models import CHILD_LEVEL, Area, Level, Lsoa
from beatbook.audit.models import Operation
from beatbook.audit.record import record_event


@dataclass
class GeographyLoadSummary:
    force: Area
    areas_created: int = 0
    areas_updated: int = 0
    lsoas_created: int = 0
    lsoas_updated: int = 0
    lsoas_unassigned: int = 0


def _unique_code(name: str, level: str, force_code: str, taken: set[str]) -> str:
    base = slugify(name) or level
    for candidate in (base, f"{base}-{level}", f"{force_code}-{base}-{level}"):
        if candidate not in taken:
            return candidate
    raise ValueError(f"Cannot find a unique code for {name!r}")


def _upsert_area(
    name: str, level: Level, parent: Area | None, code: str, summary: GeographyLoadSummary, **details: str
) -> Area:
    if parent is not None and CHILD_LEVEL.get(Level(parent.level)) != level:
        raise ValueError(f"A {level.label} cannot sit under a {parent.get_level_display()}")
    area = Area.objects.filter(code=code).first()
    if area is None:
        area = Area.objects.create(code=code, name=name, level=level, parent=parent, path="", **details)
        area.path = (parent.path if parent else "/") + f"{area.pk}/"
        area.save(update_fields=["path"])
        summary.areas_created += 1
        return area
    changed = (
        area.name != name
        or area.parent_id != (parent.pk if parent else None)
        or any(getattr(area, k) != v for k, v in details.items())
    )
    if changed:
        old_path = area.path
        area.name, area.parent = name, parent
        for key, value in details.items():
            setattr(area, key, value)
        area.path = (parent.path if parent else "/") + f"{area.pk}/"
        area.save()
        if old_path != area.path:
            for descendant in Area.objects.filter(path__startswith=old_path).exclude(pk=area.pk):
                descendant.path = area.path + descendant.path[len(old_path) :]
                descendant.save(update_fields=["path"])
        summary.areas_updated += 1
    return area


@transaction.atomic
def do_load_geography(
    config: dict, lsoa_rows: list[LsoaRow], *, acting_user: User | None, illustrative_assignment: bool = True
) -> GeographyLoadSummary:
    """Create or update a force's areas from a checked configuration, and its LSOAs.

    Safe to re-run: areas are matched on their code, LSOAs on theirs. Each LSOA goes to a
    neighbourhood of the LPU(s) covering its local authority: the authority's LSOAs, in MSOA and
    code order, are split into equal consecutive runs across those neighbourhoods in configuration
    order. That keeps most MSOAs together but is not a real boundary, hence `illustrative_assignment`.
    """
    force_conf = config["force"]
    force_code = force_conf["code"]
    taken = set(Area.objects.exclude(path__startswith=_force_path(force_code)).values_list("code", flat=True))
    summary = GeographyLoadSummary(force=None)  # type: ignore[arg-type]
    force = _upsert_area(
        force_conf["name"],
        Level.FORCE,
        None,
        force_code,
        summary,
        public_phone=force_conf.get("public_phone", ""),
        description=force_conf.get("description", ""),
        public_url=force_conf.get("public_url", ""),
        alert_signup_url=force_conf.get("alert_signup_url", ""),
    )
    summary.force = force
    taken.add(force_code)
    neighbourhoods_by_authority: dict[str, list[Area]] = defaultdict(list)

    def code_for(name: str, level: Level) -> str:
        code = _unique_code(name, level.value, force_code, taken)
        taken.add(code)
        return code

    for division_conf in config["divisions"]:
        division = _upsert_area(
            division_conf["name"], Level.DIVISION, force, code_for(division_conf["name"], Level.DIVISION), summary
        )
        for lpu_conf in division_conf["lpus"]:
            lpu = _upsert_area(lpu_conf["name"], Level.LPU, division, code_for(lpu_conf["name"], Level.LPU), summary)
            for team_conf in lpu_conf["teams"]:
                team = _upsert_area(
                    team_conf["name"], Level.TEAM, lpu, code_for(team_conf["name"], Level.TEAM), summary
                )
                for name in team_conf["neighbourhoods"]:
                    neighbourhood = _upsert_area(
                        name, Level.NEIGHBOURHOOD, team, code_for(name, Level.NEIGHBOURHOOD), summary
                    )
                    for authority in lpu_conf["local_authorities"]:
                        neighbourhoods_by_authority[authority].append(neighbourhood)

    _load_lsoas(force, lsoa_rows, neighbourhoods_by_authority, illustrative_assignment, summary)
    record_event(
        actor=acting_user,
        operation=Operation.COLLECTION,
        event="geography.loaded",
        obj=force,
        area=force,
        detail={k: v for k, v in vars(summary).items() if k != "force"},
    )
    return summary


def _force_path(force_code: str) -> str:
    force = Area.objects.filter(code=force_code, level=Level.FORCE).first()
    return force.path if force else "//never//"


def _load_lsoas(
    force: Area,
    rows: list[LsoaRow],
    neighbourhoods_by_authority: dict[str, list[Area]],
    illustrative: bool,
    summary: GeographyLoadSummary,
) -> None:
    by_authority: dict[str, list[LsoaRow]] = defaultdict(list)
    for row in rows:
        by_authority[row.local_authority_code].append(row)
    existing = {lsoa.code: lsoa for lsoa in Lsoa.objects.filter(code__in=[r.code for r in rows])}
    to_create, to_update = [], []
    fields = [
        "name",
        "msoa_code",
        "msoa_name",
        "local_authority_code",
        "local_authority_name",
        "population",
        "households",
        "area_hectares",
        "force",
        "neighbourhood",
        "assignment_is_illustrative",
    ]
    for authority, authority_rows in by_authority.items():
        authority_rows.sort(key=lambda r: (r.msoa_code, r.code))
        targets = neighbourhoods_by_authority.get(authority, [])
        for index, row in enumerate(authority_rows):
            neighbourhood = targets[index * len(targets) // len(authority_rows)] if targets else None
            if neighbourhood is None:
                summary.lsoas_unassigned += 1
            values = {
                "name": row.name,
                "msoa_code": row.msoa_code,
                "msoa_name": row.msoa_name,
                "local_authority_code": row.local_authority_code,
                "local_authority_name": row.local_authority_name,
                "population": row.population,
                "households": row.households,
                "area_hectares": row.area_hectares,
                "force": force,
                "neighbourhood": neighbourhood,
                "assignment_is_illustrative": illustrative and neighbourhood is not None,
            }
            lsoa = existing.get(row.code)
            if lsoa is None:
                to_create.append(Lsoa(code=row.code, **values))
            elif any(getattr(lsoa, key) != value for key, value in values.items()):
                for key, value in values.items():
                    setattr(lsoa, key, value)
                to_update.append(lsoa)
    Lsoa.objects.bulk_create(to_create, batch_size=500)
    Lsoa.objects.bulk_update(to_update, fields, batch_size=500)
    summary.lsoas_created, summary.lsoas_updated = len(to_create), len(to_update)
