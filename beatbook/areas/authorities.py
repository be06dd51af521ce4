"""Local authorities as a second way of grouping a force's geography.

Each LSOA carries its local authority (from the ONS lookup), so the authorities of an area are those of
its LSOAs. Forces group authorities further, e.g. into community safety partnerships or North / South /
City: that is configuration, the setting LOCAL_AUTHORITY_GROUPS = {force code: {group: [LA codes]}}.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings

from beatbook.areas.models import Area, Lsoa


@dataclass(frozen=True)
class LocalAuthority:
    code: str
    name: str
    group: str  # the force's grouping of it, "" where none is configured


def groups_for(force: Area) -> dict[str, str]:
    """{LA code: group name} from LOCAL_AUTHORITY_GROUPS for the force."""
    configured = getattr(settings, "LOCAL_AUTHORITY_GROUPS", {}).get(force.code, {})
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
