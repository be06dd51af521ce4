"""Writes to the geography: create or update areas, and load a whole force configuration."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, replace

from django.db import transaction
from django.utils.text import slugify

from beatbook.accounts.models import User
from beatbook.areas.config import LsoaRow, neighbourhood_centres
from beatbook.areas.models import CHILD_LEVEL, Area, Level, Lsoa
from beatbook.areas.placement import Placement, equal_runs, place_by_location
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
    lsoas_inherited: int = 0
    assigned_by_location: bool = False
    msoas_split: int = 0  # by the location rule, between neighbourhoods (their outlines are approximate)


def _resolve_assignments(force: Area, pairs: list[tuple[str, str]]) -> dict[str, Area]:
    neighbourhoods = Area.objects.within(force).filter(level=Level.NEIGHBOURHOOD)
    by_key = {area.code: area for area in neighbourhoods} | {area.name.lower(): area for area in neighbourhoods}
    resolved = {}
    for lsoa_code, key in pairs:
        area = by_key.get(key) or by_key.get(key.lower())
        if area is None:
            raise ValueError(f"{lsoa_code}: {key!r} is not a neighbourhood of {force.name}")
        resolved[lsoa_code] = area
    return resolved


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
    config: dict,
    lsoa_rows: list[LsoaRow],
    *,
    acting_user: User | None,
    illustrative_assignment: bool = True,
    lsoa_lookup: list[tuple[str, str, str]] | None = None,
    assignments: list[tuple[str, str]] | None = None,
    msoa_centroids: dict[str, tuple[float, float]] | None = None,
) -> GeographyLoadSummary:
    """Create or update a force's areas from a checked configuration, and its LSOAs.

    Safe to re-run: areas are matched on their code, LSOAs on theirs. Each LSOA goes to a
    neighbourhood of the LPU(s) covering its local authority: in equal consecutive runs of the
    authority's LSOAs, or, when the configuration gives `neighbourhood_centres`, whole MSOAs to the
    nearest neighbourhood by `msoa_centroids` (MSOA code → (latitude, longitude); rules in
    beatbook/areas/placement.py). Neither is a real boundary, hence `illustrative_assignment`.

    `assignments` ((LSOA code, neighbourhood code or name) pairs, the force's own) then override that;
    `lsoa_lookup` (2011 code, 2021 code, 2021 name) gives 2021 LSOAs their predecessors' neighbourhood.
    Raises ValueError (nothing written) for an assignment naming an unknown LSOA or neighbourhood, or
    for `neighbourhood_centres` without `msoa_centroids`.
    """
    centres = neighbourhood_centres(config)
    if centres is not None and not msoa_centroids:
        raise ValueError(
            "The configuration gives neighbourhood_centres, so LSOAs are assigned by location and need MSOA "
            "centroids: give the MSOA outlines (load_geography --msoas FILE.geojson)"
        )
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
    centre_of: dict[Area, tuple[float, float]] = {}

    def code_for(name: str, level: Level) -> str:
        code = _unique_code(name, level.value, force_code, taken)
        taken.add(code)
        return code

    for division_conf in config["divisions"]:
        division = _upsert_area(
            division_conf["name"], Level.DIVISION, force, code_for(division_conf["name"], Level.DIVISION), summary
        )
        for lpu_conf in division_conf["lpus"]:
            lpu = _upsert_area(
                lpu_conf["name"],
                Level.LPU,
                division,
                code_for(lpu_conf["name"], Level.LPU),
                summary,
                report_name=lpu_conf.get("report_name", ""),
            )
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
                    if centres is not None:
                        centre_of[neighbourhood] = centres[name]

    # The force's own names for authorities where they differ from the ONS file's ("Derby City", not "Derby").
    renamed = config.get("local_authority_names", {})
    lsoa_rows = [
        replace(r, local_authority_name=renamed.get(r.local_authority_code, r.local_authority_name)) for r in lsoa_rows
    ]
    if centres is not None:
        placement = place_by_location(lsoa_rows, neighbourhoods_by_authority, centre_of, msoa_centroids or {})
        summary.assigned_by_location, summary.msoas_split = True, len(placement.split_msoas)
    else:
        placement = Placement(equal_runs(lsoa_rows, neighbourhoods_by_authority))
    _load_lsoas(force, lsoa_rows, placement, illustrative_assignment, summary)
    if assignments:
        do_assign_lsoas(force, _resolve_assignments(force, assignments), acting_user=acting_user)
    if lsoa_lookup:
        summary.lsoas_inherited = inherit_2021_lsoas(force, lsoa_lookup)
    summary.lsoas_unassigned = Lsoa.objects.filter(force=force, neighbourhood__isnull=True).count()
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
    placement: Placement,
    illustrative: bool,
    summary: GeographyLoadSummary,
) -> None:
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
    # Rows are written in the order the equal runs always used (authority, MSOA, code), so LSOA ids stay as they were.
    first_seen = {code: index for index, code in enumerate(dict.fromkeys(r.local_authority_code for r in rows))}
    for row in sorted(rows, key=lambda r: (first_seen[r.local_authority_code], r.msoa_code, r.code)):
        neighbourhood = placement.neighbourhoods.get(row.code)
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
    if to_create or to_update:
        _geography_changed()


@transaction.atomic
def do_assign_lsoas(force: Area, assignments: dict[str, Area | None], *, acting_user: User | None) -> int:
    """Assign the force's LSOAs (by code) to neighbourhoods of the force, as the force decides (not
    illustrative). Returns how many changed. Raises ValueError naming an LSOA or neighbourhood that is not
    the force's; nothing is written then."""
    lsoas = {lsoa.code: lsoa for lsoa in Lsoa.objects.filter(force=force, code__in=list(assignments))}
    unknown = sorted(set(assignments) - set(lsoas))
    if unknown:
        raise ValueError(f"{', '.join(unknown[:10])}: not an LSOA of {force.name}")
    changed = []
    for code, neighbourhood in assignments.items():
        if neighbourhood is not None and (
            neighbourhood.level != Level.NEIGHBOURHOOD or not force.contains(neighbourhood)
        ):
            raise ValueError(f"{neighbourhood.name} is not a neighbourhood of {force.name}")
        lsoa = lsoas[code]
        if lsoa.neighbourhood_id != (neighbourhood.pk if neighbourhood else None) or lsoa.assignment_is_illustrative:
            lsoa.neighbourhood, lsoa.assignment_is_illustrative = neighbourhood, False
            changed.append(lsoa)
    Lsoa.objects.bulk_update(changed, ["neighbourhood", "assignment_is_illustrative"], batch_size=500)
    if changed:
        _geography_changed()
        record_event(
            actor=acting_user,
            operation=Operation.COLLECTION,
            event="geography.lsoas_assigned",
            obj=force,
            area=force,
            detail={lsoa.code: lsoa.neighbourhood.code if lsoa.neighbourhood else None for lsoa in changed[:200]},
        )
    return len(changed)


def _geography_changed() -> None:
    """Bulk writes send no save signals (beatbook.counts.signals): change the data version here, so cached
    area pages (which never expire by time) are recomputed with the new assignment."""
    from beatbook.counts.refresh import bump_data_version  # counts imports the areas' models

    bump_data_version()


def inherit_2021_lsoas(force: Area, lookup: list[tuple[str, str, str]]) -> int:
    """2021 LSOAs (police.uk publishes by them) take the neighbourhood of the 2011 LSOAs they replaced.

    `lookup` rows are (2011 code, 2021 code, 2021 name), as in the ONS LSOA (2011) to LSOA (2021) lookup.
    A 2021 LSOA is created for the force where missing. Where its 2011 LSOAs lie in different
    neighbourhoods it takes the one holding most of them (then the first by code) and is marked
    illustrative, as is one inheriting an illustrative assignment. Returns how many were assigned."""
    predecessors: dict[str, list[str]] = defaultdict(list)
    names: dict[str, str] = {}
    for old, new, name in lookup:
        if old != new:
            predecessors[new].append(old)
            names[new] = name
    olds = {
        lsoa.code: lsoa
        for lsoa in Lsoa.objects.filter(force=force, code__in={o for v in predecessors.values() for o in v})
    }
    assigned = 0
    for new, old_codes in sorted(predecessors.items()):
        sources = [olds[code] for code in sorted(old_codes) if code in olds and olds[code].neighbourhood_id]
        if not sources:
            continue
        votes = Counter(lsoa.neighbourhood_id for lsoa in sources)
        order = [lsoa.neighbourhood_id for lsoa in sources]
        neighbourhood_id = max(votes, key=lambda pk: (votes[pk], -order.index(pk)))
        illustrative = len(votes) > 1 or any(lsoa.assignment_is_illustrative for lsoa in sources)
        first = sources[0]
        Lsoa.objects.update_or_create(
            code=new,
            defaults={
                "neighbourhood_id": neighbourhood_id,
                "assignment_is_illustrative": illustrative,
                "force": force,
            },
            create_defaults={
                "name": names[new] or new,
                "local_authority_code": first.local_authority_code,
                "local_authority_name": first.local_authority_name,
                "neighbourhood_id": neighbourhood_id,
                "assignment_is_illustrative": illustrative,
                "force": force,
            },
        )
        assigned += 1
    return assigned
