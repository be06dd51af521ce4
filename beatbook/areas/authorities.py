"""Local authorities as a second way of grouping a force's geography.

Each LSOA carries its local authority (from the ONS lookup), so the authorities of an area are those of
its LSOAs, and a neighbourhood's authority is the one most of its LSOAs lie in. Forces group authorities
further, e.g. into community safety partnerships or North / South / City: that is configuration, a JSON file
{force code: {group: [LA codes]}} named by the setting LOCAL_AUTHORITY_GROUPS_FILE.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from beatbook.areas.models import Area, Lsoa


@dataclass(frozen=True)
class LocalAuthority:
    code: str
    name: str
    group: str  # the force's grouping of it, "" where none is configured


@cache
def _read_groups(path: str) -> dict:
    if not path:
        return {}
    try:
        groups = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as error:
        raise ImproperlyConfigured(f"LOCAL_AUTHORITY_GROUPS_FILE {path}: {error}") from None
    if not isinstance(groups, dict) or not all(isinstance(v, dict) for v in groups.values()):
        raise ImproperlyConfigured(f"LOCAL_AUTHORITY_GROUPS_FILE {path}: expected {{force: {{group: [codes]}}}}")
    return groups


def groups_for(force: Area) -> dict[str, str]:
    """{LA code: group name} for the force, from LOCAL_AUTHORITY_GROUPS_FILE."""
    configured = _read_groups(getattr(settings, "LOCAL_AUTHORITY_GROUPS_FILE", "")).get(force.code, {})
    return {code: group for group, codes in configured.items() for code in codes}


def local_authorities(area: Area) -> list[LocalAuthority]:
    """The local authorities with at least one LSOA in `area`, by name."""
    pairs = (
        Lsoa.objects.within(area)
        .exclude(local_authority_code="")
        .values_list("local_authority_code", "local_authority_name")
        .distinct()
    )
    groups = groups_for(area.force())
    return sorted(
        (LocalAuthority(code, name, groups.get(code, "")) for code, name in set(pairs)), key=lambda la: la.name
    )


def neighbourhood_authorities(area: Area) -> dict[int, LocalAuthority]:
    """{neighbourhood id: the local authority most of its LSOAs lie in}, for neighbourhoods in `area`."""
    votes: dict[int, Counter] = defaultdict(Counter)
    rows = (
        Lsoa.objects.within(area)
        .filter(neighbourhood__isnull=False)
        .values_list("neighbourhood_id", "local_authority_code", "local_authority_name")
    )
    for neighbourhood_id, code, name in rows:
        votes[neighbourhood_id][(code, name)] += 1
    groups = groups_for(area.force())
    result = {}
    for neighbourhood_id, counter in votes.items():
        (code, name), _ = counter.most_common(1)[0]
        result[neighbourhood_id] = LocalAuthority(code, name, groups.get(code, ""))
    return result


def by_authority_rows(area: Area, counts: dict[int, int], label: str) -> list[dict]:
    """Rows {local_authority, group, <label>} for counts keyed by neighbourhood id, with every authority of
    the area (zeros included), then one row per group where groups are configured."""
    placed = neighbourhood_authorities(area)
    totals: dict[str, Counter] = defaultdict(Counter)
    for neighbourhood_id, n in counts.items():
        authority = placed.get(neighbourhood_id)
        totals[authority.code if authority else ""][label] += n
    return rows_by_authority(area, totals, [label])


def rows_by_authority(
    area: Area,
    totals: Mapping[str, Mapping[str, int]],
    keys: Sequence[str],
    *,
    names: Mapping[str, str] | None = None,
    not_placed: str = "Not placed",
    also: Sequence[tuple[str, Mapping[str, int]]] = (),
    total: str = "",
) -> list[dict]:
    """Rows {local_authority, group, <key>…} from `totals` {LA code: {key: n}} ("" for counts placed in no
    authority): one per authority of `area` (zeros included) and per other authority in `totals` (named
    from `names`), then a `not_placed` row if "" has counts and a row per (label, counts) of `also` with
    counts, then (if `total` is given) a row so labelled with the sum of those rows, then "All of <group>"
    per configured group. The rows before the total and group rows add up to the sums of `totals` and
    `also`; the group rows repeat the authorities'."""
    authorities = local_authorities(area)
    known = {la.code for la in authorities}
    groups = groups_for(area.force())
    authorities += sorted(
        (
            LocalAuthority(code, (names or {}).get(code, code), groups.get(code, ""))
            for code in totals
            if code and code not in known
        ),
        key=lambda la: la.name,
    )

    def counts(code: str) -> dict[str, int]:
        return {key: totals.get(code, {}).get(key, 0) for key in keys}

    rows = [{"local_authority": la.name, "group": la.group, **counts(la.code)} for la in authorities]
    for label, extra in [(not_placed, counts("")), *also]:
        if any(extra.get(key, 0) for key in keys):
            rows.append({"local_authority": label, "group": "", **{key: extra.get(key, 0) for key in keys}})
    if total:  # the area's total, before the group rows so it is not read as adding them in again
        rows.append({"local_authority": total, "group": "", **{key: sum(row[key] for row in rows) for key in keys}})
    group_totals: dict[str, Counter] = defaultdict(Counter)
    for la in authorities:
        if la.group:
            group_totals[la.group].update(counts(la.code))
    rows += [
        {"local_authority": f"All of {group}", "group": group, **{key: n[key] for key in keys}}
        for group, n in sorted(group_totals.items())
    ]
    return rows
