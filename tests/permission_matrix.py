"""The permission matrix: every URL pattern × method × role, and the status each must get.

Roles are the demo personas (see conftest.py) plus "anonymous" and "outsider" (an inspector of
another force). Area URLs use the Chesterfield LPU: inside the reach of the inspector, chief
inspector, force-wide roles and the Chesterfield partner; outside the Staveley PCSO, constable and
sergeant (404, as if it did not exist); and outside the other force's inspector (404).
A URL pattern without an entry here fails test_every_url_pattern_is_in_the_matrix.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

ALL_ROLES = [
    "anonymous",
    "pcso",
    "constable",
    "sergeant",
    "inspector",
    "chief_inspector",
    "analyst",
    "scrutiny",
    "partner",
    "admin",
    "outsider",
]
SIGNED_IN = [role for role in ALL_ROLES if role != "anonymous"]


def every(status: int, **exceptions: int) -> dict[str, int]:
    return {role: exceptions.get(role, status) for role in ALL_ROLES}


# Reach of the Chesterfield LPU: who sees it (200) and who gets 404.
CHESTERFIELD = every(200, anonymous=302, pcso=404, constable=404, sergeant=404, outsider=404)
CHESTERFIELD_API = CHESTERFIELD | {"anonymous": 401}


@dataclass
class Case:
    name: str
    method: str
    expected: dict[str, int]
    kwargs: Any = field(default_factory=dict)  # dict, or a callable(personas) -> dict
    data: dict[str, str] = field(default_factory=dict)


def _pc_jones(personas: dict) -> dict:
    return {"user_id": personas["constable"].pk}


def _pc_jones_membership(personas: dict) -> dict:
    membership = personas["constable"].memberships.first()
    return {"user_id": personas["constable"].pk, "membership_id": membership.pk}


def _staveley_hotspot(personas: dict) -> dict:
    from datetime import date

    from beatbook.areas.models import Area
    from beatbook.hotspots.actions import do_designate_hotspot

    hotspot = do_designate_hotspot(
        area=Area.objects.get(code="staveley"),
        name="Matrix hotspot",
        cells=[(442500, 374500)],
        cell_size=250,
        starts_on=date(2026, 1, 5),
        weekly_target_minutes=60,
        acting_user=personas["inspector"],
    )
    return {"hotspot_uuid": hotspot.uuid}


ADMIN_ONLY = every(403, anonymous=302, admin=200)
IMPORTERS = every(403, anonymous=302, analyst=200, admin=200)

MATRIX: list[Case] = [
    Case("web:home", "GET", every(200, anonymous=302)),
    Case("accounts:login", "GET", every(200)),
    Case("accounts:logout", "GET", every(405)),
    Case("accounts:logout", "POST", every(302)),
    Case("accounts:profile", "GET", every(200, anonymous=302)),
    Case("accounts:token_create", "GET", every(405, anonymous=302)),
    Case("accounts:token_create", "POST", every(200, anonymous=302), data={"name": "phone"}),
    Case("accounts:token_revoke", "POST", every(404, anonymous=302), kwargs={"token_id": 999999}),
    Case("accounts:user_list", "GET", ADMIN_ONLY),
    Case("accounts:user_detail", "GET", ADMIN_ONLY, kwargs=_pc_jones),
    Case("accounts:user_set_active", "POST", ADMIN_ONLY | {"admin": 302}, kwargs=_pc_jones, data={"active": "1"}),
    Case("accounts:membership_revoke", "POST", ADMIN_ONLY | {"admin": 302}, kwargs=_pc_jones_membership),
    Case("areas:index", "GET", every(200, anonymous=302)),
    Case("areas:detail", "GET", CHESTERFIELD, kwargs={"code": "chesterfield"}),
    Case("areas:officers", "GET", CHESTERFIELD, kwargs={"code": "chesterfield"}),
    Case("areas:lsoas", "GET", CHESTERFIELD, kwargs={"code": "chesterfield"}),
    Case("crime:area", "GET", CHESTERFIELD, kwargs={"code": "chesterfield"}),
    Case("hotspots:area", "GET", CHESTERFIELD, kwargs={"code": "chesterfield"}),
    Case("hotspots:tasking", "GET", CHESTERFIELD, kwargs={"code": "chesterfield"}),
    Case(
        "hotspots:designate",
        "GET",
        CHESTERFIELD | {"analyst": 403, "scrutiny": 403, "partner": 403, "admin": 403},
        kwargs={"code": "chesterfield"},
    ),
    # A hotspot designated in Staveley: every Derbyshire role whose reach includes it sees it; the
    # partner and the Chesterfield inspector too; only police roles may log a patrol there.
    Case("hotspots:detail", "GET", every(200, anonymous=302, outsider=404), kwargs=_staveley_hotspot),
    Case(
        "hotspots:log_patrol",
        "GET",
        every(200, anonymous=302, analyst=403, scrutiny=403, partner=403, admin=403, outsider=404),
        kwargs=_staveley_hotspot,
    ),
    Case("crime:imports", "GET", IMPORTERS),
    Case(
        "crime:import_report",
        "GET",
        every(403, anonymous=302, analyst=404, admin=404),
        kwargs={"run_uuid": "00000000-0000-0000-0000-000000000000"},
    ),
    Case("audit:index", "GET", every(403, anonymous=302, inspector=200, chief_inspector=200, admin=200, outsider=200)),
    Case("api:api-root", "GET", every(404, anonymous=404)),
    Case("api:openapi-json", "GET", every(200)),
    Case("api:openapi-view", "GET", every(200)),
    Case("api:list_areas", "GET", every(200, anonymous=401)),
    Case("api:get_area", "GET", CHESTERFIELD_API, kwargs={"code": "chesterfield"}),
    Case("api:area_crime", "GET", CHESTERFIELD_API, kwargs={"code": "chesterfield"}),
]
