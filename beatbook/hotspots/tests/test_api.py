"""Hotspots, tasking and patrol logging over the API: the pages' rules and tables."""

from __future__ import annotations

from beatbook.api.tests.test_neighbourhoods_api import api_client, post
from beatbook.audit.models import AuditEvent


def test_a_phone_reads_the_hotspot_and_logs_a_patrol(hotspot, personas: dict) -> None:  # noqa: ANN001
    phone = api_client(personas["pcso"])
    body = phone.get(f"/api/v1/hotspots/{hotspot.uuid}").json()
    assert body["name"] == "Market Place" and body["area"] == "staveley" and body["cells"] == [[442500, 374500]]
    response = post(
        phone,
        f"hotspots/{hotspot.uuid}/patrols",
        {"started_at": "2026-03-29T00:30:00", "ended_at": "2026-03-29T03:30:00", "arrests": 1},
    )
    assert response.status_code == 201, response.content
    assert response.json()["minutes"] == 120  # the clocks went forward: UK local times, real minutes
    assert AuditEvent.objects.filter(event="patrol.logged", actor=personas["pcso"]).exists()
    assert phone.get(f"/api/v1/hotspots/{hotspot.uuid}").json()["visits_last_12_weeks"] in (0, 1)


def test_bad_patrols_are_refused_with_what_to_fix(hotspot, personas: dict) -> None:  # noqa: ANN001
    phone = api_client(personas["pcso"])
    before = post(
        phone, f"hotspots/{hotspot.uuid}/patrols", {"started_at": "2026-01-01T18:00", "ended_at": "2026-01-01T18:10"}
    )
    assert before.status_code == 400 and "outside that" in before.json()["error"]
    skipped = post(
        phone, f"hotspots/{hotspot.uuid}/patrols", {"started_at": "2026-03-29T01:30", "ended_at": "2026-03-29T02:30"}
    )
    assert skipped.status_code == 400 and "does not exist" in skipped.json()["error"]
    analyst = post(
        api_client(personas["analyst"]),
        f"hotspots/{hotspot.uuid}/patrols",
        {"started_at": "2026-03-02T18:00", "ended_at": "2026-03-02T18:10"},
    )
    assert analyst.status_code == 403
    assert api_client(personas["outsider"]).get(f"/api/v1/hotspots/{hotspot.uuid}").status_code == 404


def test_the_area_hotspots_and_tasking_have_the_pages_tables(hotspot, personas: dict) -> None:  # noqa: ANN001
    phone = api_client(personas["inspector"])
    body = phone.get("/api/v1/areas/chesterfield/hotspots").json()
    assert [h["name"] for h in body["hotspots"]] == ["Market Place"]
    assert [t["table"] for t in body["tables"]] == ["designated"]  # no incidents loaded: no cells
    assert phone.get("/api/v1/areas/chesterfield/hotspots?method=magic").status_code == 400
    assert phone.get("/api/v1/areas/chesterfield/hotspots?to=March").status_code == 400
    reversed_period = phone.get("/api/v1/areas/chesterfield/hotspots?from=2026-03&to=2026-01")
    assert reversed_period.status_code == 400 and "swap them" in reversed_period.json()["error"]
    briefing = phone.get("/api/v1/areas/chesterfield/tasking").json()
    assert [h["name"] for h in briefing["hotspots_today"]] == ["Market Place"]
    assert briefing["tables"][-1]["table"] == "behind"


def test_patrol_counts_have_the_form_s_limits(hotspot, personas: dict) -> None:  # noqa: ANN001
    """A negative count was a server error and a trillion arrests were saved: both refused with 400."""
    from beatbook.hotspots.models import PatrolVisit

    phone = api_client(personas["pcso"])
    visit = {"started_at": "2026-03-02T18:00", "ended_at": "2026-03-02T18:10"}
    for field, value in (("arrests", -1), ("stop_searches", 51), ("engagements", 10**12)):
        response = post(phone, f"hotspots/{hotspot.uuid}/patrols", visit | {field: value})
        assert response.status_code == 400, (field, value)
        assert field in response.json()["error"]
    assert not PatrolVisit.objects.exists()
    assert post(phone, f"hotspots/{hotspot.uuid}/patrols", visit | {"arrests": 50}).status_code == 201
