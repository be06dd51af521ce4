from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

import numpy as np
from django.utils import timezone

from beatbook.areas.models import Area
from beatbook.crime.imports import do_import_source
from beatbook.crime.models import Incident
from beatbook.crime.sources import iter_sources
from beatbook.crime.tests.conftest import SAMPLE
from beatbook.hotspots import analysis
from beatbook.hotspots.actions import do_designate_hotspot, do_log_patrol_visit


def test_the_page_lists_the_top_cells_with_place_names(client_as, tmp_path) -> None:  # noqa: ANN001
    path = tmp_path / "2018-07-derbyshire-street.csv"
    path.write_bytes(SAMPLE.read_bytes().replace(b"West Yorkshire Police", b"Derbyshire Constabulary"))
    do_import_source(next(iter_sources(path)), acting_user=None)
    body = client_as("analyst").get("/areas/derbyshire/hotspots/?from=2018-07&to=2018-07&format=json&table=top-cells")
    rows = body.json()["rows"]
    assert len(rows) == 20 and rows[0]["rank"] == 1 and rows[0]["place"].startswith("On or near")
    assert rows[0]["score"] >= rows[-1]["score"] and rows[0]["cell_x"] % 250 == 0
    page = client_as("analyst").get("/areas/derbyshire/hotspots/?from=2018-07&to=2018-07")
    assert b'id="hotspot-map"' in page.content and b"Top 20 cells" in page.content


def test_cells_and_places_equal_counting_every_incident(client_as, tmp_path) -> None:  # noqa: ANN001
    # The page reads each distinct point once with its number of incidents, and the top cells' places from
    # their incidents alone: the figures must be those of placing every incident one by one.
    path = tmp_path / "2018-07-derbyshire-street.csv"
    path.write_bytes(SAMPLE.read_bytes().replace(b"West Yorkshire Police", b"Derbyshire Constabulary"))
    do_import_source(next(iter_sources(path)), acting_user=None)
    found = list(
        Incident.objects.filter(month=date(2018, 7, 1), longitude__isnull=False).values_list(
            "longitude", "latitude", "location"
        )
    )
    x, y = analysis.to_bng(np.array([f[0] for f in found]), np.array([f[1] for f in found]))
    grid = analysis.grid_covering(x, y, analysis.DEFAULT_CELL_METRES)
    rows, cols = grid.cell_of(x, y)
    by_cell: dict[tuple[int, int], Counter] = {}
    for row, col, (_, _, location) in zip(rows.tolist(), cols.tolist(), found, strict=True):
        by_cell.setdefault((grid.x0 + col * grid.size, grid.y0 + row * grid.size), Counter())[location] += 1
    client = client_as("analyst")
    for method in ("gistar", "kde", "count"):
        query = f"/areas/derbyshire/hotspots/?from=2018-07&to=2018-07&method={method}&format=json&table="
        cells = client.get(query + "cells").json()["rows"]
        assert {(c["cell_x"], c["cell_y"]): c["count"] for c in cells} == {
            cell: sum(names.values()) for cell, names in by_cell.items()
        }
        for top in client.get(query + "top-cells").json()["rows"]:
            names = by_cell.get((top["cell_x"], top["cell_y"]), Counter())
            assert top["incidents"] == sum(names.values())
            if names:
                most = max(names.values())
                assert top["place"] == min(name for name, n in names.items() if n == most)  # ties: first by name


def test_designated_hotspots_show_their_dosage(client_as, personas: dict) -> None:  # noqa: ANN001
    hotspot = do_designate_hotspot(
        area=Area.objects.get(code="staveley"),
        name="Market Place",
        cells=[(442500, 374500)],
        cell_size=250,
        starts_on=date(2020, 1, 1),
        weekly_target_minutes=120,
        acting_user=personas["inspector"],
    )
    start = timezone.now() - timedelta(hours=2)
    do_log_patrol_visit(
        hotspot=hotspot, started_at=start, ended_at=start + timedelta(minutes=12), acting_user=personas["pcso"]
    )
    rows = client_as("pcso").get("/areas/staveley/hotspots/?format=json&table=designated").json()["rows"]
    assert rows[0]["name"] == "Market Place" and rows[0]["visits_4_weeks"] == 1 and rows[0]["koper_share"] == 100
    assert client_as("outsider").get("/areas/staveley/hotspots/").status_code == 404


def test_an_inspector_designates_a_hotspot_from_the_top_cells(client_as, personas, tmp_path) -> None:  # noqa: ANN001
    from beatbook.accounts.actions import do_grant_membership
    from beatbook.accounts.models import Role
    from beatbook.hotspots.models import DesignatedHotspot

    # The sample's places are in West Yorkshire LSOAs, which count for the force only: give the inspector
    # force-wide reach for this test.
    do_grant_membership(personas["inspector"], Area.objects.get(code="derbyshire"), Role.INSPECTOR, acting_user=None)
    path = tmp_path / "2018-07-derbyshire-street.csv"
    path.write_bytes(SAMPLE.read_bytes().replace(b"West Yorkshire Police", b"Derbyshire Constabulary"))
    do_import_source(next(iter_sources(path)), acting_user=None)
    client = client_as("inspector")
    form_page = client.get("/areas/derbyshire/hotspots/designate/")
    choices = form_page.context["form"].fields["cells"].choices
    assert choices and "incidents" in choices[0][1]
    response = client.post(
        "/areas/derbyshire/hotspots/designate/",
        {
            "name": "Town centre",
            "cells": [choices[0][0], choices[1][0]],
            "starts_on": "2018-07-02",
            "weekly_target_minutes": "90",
        },
    )
    hotspot = DesignatedHotspot.objects.get(name="Town centre")
    assert response["Location"] == f"/hotspots/{hotspot.uuid}/" and len(hotspot.cells) == 2
    assert hotspot.area.code == "derbyshire" and hotspot.weekly_target_minutes == 90
    missing = client.post(
        "/areas/derbyshire/hotspots/designate/", {"name": "", "starts_on": "2018-07-02", "weekly_target_minutes": "5"}
    )
    assert b"There is a problem" in missing.content and DesignatedHotspot.objects.count() == 1


def test_the_tasking_briefing_lists_recent_places(client_as, tmp_path) -> None:  # noqa: ANN001
    from beatbook.crime.tests.test_force_export import HEADER

    lines = [HEADER] + [
        f"INC-{i},2023-03-{day:02d} 20:00,asb,ASN,,On or near High Street,53.2351,-1.4213,E01019484,no,no"
        for i, day in enumerate([1, 2, 3, 25, 26, 27, 28, 29, 30, 31])
    ]
    path = tmp_path / "incidents.csv"
    path.write_text("\n".join(lines) + "\n")
    do_import_source(next(iter_sources(path)), acting_user=None, force_code="derbyshire")
    client = client_as("analyst")
    page = client.get("/areas/derbyshire/tasking/")
    assert page.context["as_of"] == date(2023, 3, 31) and b"Daily tasking briefing" in page.content
    week = client.get("/areas/derbyshire/tasking/?format=json&table=last-7-days").json()["rows"]
    month = client.get("/areas/derbyshire/tasking/?format=json&table=last-28-days").json()["rows"]
    repeats = client.get("/areas/derbyshire/tasking/?format=json&table=repeat-locations").json()["rows"]
    assert week[0]["incidents"] == 7 and month[0]["incidents"] == 7  # 25–31 March; the 1st–3rd are older
    assert repeats == [{"place": "On or near High Street", "incidents": 7}]


def test_all_hotspots_together_are_evaluated_on_the_area_page(client_as, hotspot) -> None:  # noqa: ANN001
    rows = client_as("inspector").get("/areas/chesterfield/hotspots/?format=json&table=all-hotspots").json()["rows"]
    assert rows[0]["measure"] == "Incidents in the hotspots before / after" and len(rows) == 5
    assert rows[2]["value"] is None  # no incidents in the test database: no estimate, rather than a wrong one


OUTLINE = "53.2520, -1.3520\n53.2520, -1.3460\n53.2480, -1.3460\n53.2480, -1.3520"


def test_an_inspector_designates_a_hotspot_by_its_outline(client_as, tmp_path) -> None:  # noqa: ANN001
    from beatbook.areas.models import Lsoa
    from beatbook.crime.tests.test_force_export import HEADER
    from beatbook.hotspots.models import DesignatedHotspot
    from beatbook.hotspots.points import before_and_after

    # Four incidents inside the outline before designation, one after; the rest of the LPU is steady.
    inside, outside = "53.2500,-1.3490", "53.2351,-1.4213"
    lsoa = Lsoa.objects.within(Area.objects.get(code="staveley")).first().code
    lines = [HEADER] + [
        f"INC-{i},{when} 20:00,asb,ASN,,On or near Somewhere,{where},{lsoa},no,no"
        for i, (when, where) in enumerate(
            [("2023-02-10", inside)] * 4
            + [("2023-03-10", inside)]
            + [("2023-02-11", outside)] * 5
            + [("2023-03-11", outside)] * 5
        )
    ]
    path = tmp_path / "incidents.csv"
    path.write_text("\n".join(lines) + "\n")
    do_import_source(next(iter_sources(path)), acting_user=None, force_code="derbyshire")
    client = client_as("inspector")
    assert b'data-outline-field="id_outline"' in client.get("/areas/staveley/hotspots/designate/").content
    response = client.post(
        "/areas/staveley/hotspots/designate/",
        {"name": "Rec ground", "outline": OUTLINE, "starts_on": "2023-03-01", "weekly_target_minutes": "60"},
    )
    hotspot = DesignatedHotspot.objects.get(name="Rec ground")
    assert response["Location"] == f"/hotspots/{hotspot.uuid}/"
    assert hotspot.cells == [] and hotspot.polygon[0] == [-1.352, 53.252] and len(hotspot.polygon) == 4
    assert before_and_after(hotspot).counts == (4, 1, 5, 5)
    page = client.get(f"/hotspots/{hotspot.uuid}/")
    assert b"Drawn outline: 53.25200, -1.35200" in page.content and b"data-outline=" in page.content


def test_a_bad_outline_says_which_line_to_fix(client_as) -> None:  # noqa: ANN001
    from beatbook.hotspots.models import DesignatedHotspot

    client = client_as("inspector")
    form = {"name": "Rec ground", "starts_on": "2023-03-01", "weekly_target_minutes": "60"}
    bad_line = client.post("/areas/staveley/hotspots/designate/", form | {"outline": "53.25, -1.35\nnorth of the park"})
    assert "Line 2 of the outline" in bad_line.content.decode()
    too_big = client.post(
        "/areas/staveley/hotspots/designate/", form | {"outline": "53.3, -1.5\n53.3, -1.3\n53.2, -1.3"}
    )
    assert "a hotspot should be under 4 km²" in too_big.content.decode()
    neither = client.post("/areas/staveley/hotspots/designate/", form)
    assert "Choose the hotspot&#x27;s cells or give its outline" in neither.content.decode()
    assert not DesignatedHotspot.objects.exists()


def test_the_map_has_lsoa_rates_with_a_table_twin(client_as, tmp_path) -> None:  # noqa: ANN001
    from beatbook.crime.tests.test_force_export import HEADER

    lines = [HEADER] + [
        f"INC-{i},2023-03-{day:02d} 20:00,asb,ASN,,On or near High Street,53.2351,-1.4213,E01019484,no,no"
        for i, day in enumerate(range(1, 11))
    ]
    path = tmp_path / "incidents.csv"
    path.write_text("\n".join(lines) + "\n")
    do_import_source(next(iter_sources(path)), acting_user=None, force_code="derbyshire")
    client = client_as("analyst")
    rows = client.get("/areas/derbyshire/hotspots/?format=json&table=lsoa-rates").json()["rows"]
    lsoa = next(row for row in rows if "E01019484" in row["lsoa"])
    assert lsoa["incidents"] == 10 and lsoa["rate"] == round(10_000 / lsoa["population"], 1)
    assert (lsoa["longitude"], lsoa["latitude"]) == (-1.4213, 53.2351)
    page = client.get("/areas/derbyshire/hotspots/").content
    assert b"data-lsoa-url=" in page and b"per 1,000 residents by LSOA" in page


def test_cells_ticked_in_the_ranked_table_designate_a_hotspot(client_as, personas, tmp_path) -> None:  # noqa: ANN001
    from beatbook.accounts.actions import do_grant_membership
    from beatbook.accounts.models import Role
    from beatbook.hotspots.models import DesignatedHotspot

    do_grant_membership(personas["inspector"], Area.objects.get(code="derbyshire"), Role.INSPECTOR, acting_user=None)
    path = tmp_path / "2018-07-derbyshire-street.csv"
    path.write_bytes(SAMPLE.read_bytes().replace(b"West Yorkshire Police", b"Derbyshire Constabulary"))
    do_import_source(next(iter_sources(path)), acting_user=None)
    client = client_as("inspector")
    ranked = client.get("/areas/derbyshire/hotspots/?from=2018-07&to=2018-07")
    assert b"Designate the chosen cells as a hotspot" in ranked.content
    top = ranked.context["tables"]["top_cells"].rows[-1]  # the 20th: perhaps not among the designate page's own
    cell = f"{top['cell_x']},{top['cell_y']}"
    assert f'name="cells" type="checkbox" value="{cell}"'.encode() in ranked.content
    url = f"/areas/derbyshire/hotspots/designate/?cells={cell}&cells=1,2"
    form_page = client.get(url)
    assert form_page.context["form"].initial["cells"] == [cell]  # 1,2 is not a cell corner: ignored
    assert cell in [value for value, _ in form_page.context["form"].fields["cells"].choices]
    response = client.post(
        url, {"name": "Chosen", "cells": [cell], "starts_on": "2018-07-02", "weekly_target_minutes": "90"}
    )
    assert response.status_code == 302
    assert DesignatedHotspot.objects.get(name="Chosen").cells == [[top["cell_x"], top["cell_y"]]]
    assert b"Designate the chosen cells" not in client_as("analyst").get("/areas/derbyshire/hotspots/").content


def test_the_briefing_links_cells_to_their_hotspot_and_patrol_form(client_as, personas, tmp_path) -> None:  # noqa: ANN001
    import numpy as np

    from beatbook.crime.tests.test_force_export import HEADER
    from beatbook.hotspots.analysis import to_bng

    lines = [HEADER] + [
        f"INC-{i},2023-03-{day:02d} 20:00,asb,ASN,,On or near High Street,53.2351,-1.4213,E01019484,no,no"
        for i, day in enumerate([25, 26, 27, 28])
    ]
    path = tmp_path / "incidents.csv"
    path.write_text("\n".join(lines) + "\n")
    do_import_source(next(iter_sources(path)), acting_user=None, force_code="derbyshire")
    x, y = to_bng(np.array([-1.4213]), np.array([53.2351]))
    cell = (int(x[0] // 250 * 250), int(y[0] // 250 * 250))
    today = timezone.localdate()
    hotspot = do_designate_hotspot(
        area=Area.objects.get(code="staveley"),
        name="High Street",
        cells=[cell],
        cell_size=250,
        starts_on=today - timedelta(days=30),
        weekly_target_minutes=60,
        acting_user=personas["inspector"],
    )
    ended = do_designate_hotspot(
        area=Area.objects.get(code="staveley"),
        name="Old place",
        cells=[cell],
        cell_size=250,
        starts_on=date(2022, 1, 3),
        ends_on=date(2022, 3, 31),
        weekly_target_minutes=60,
        acting_user=personas["inspector"],
    )
    form_url = f"/hotspots/{hotspot.uuid}/patrols/new/"
    html = client_as("analyst").get("/areas/derbyshire/tasking/").content.decode()
    assert f'href="/hotspots/{hotspot.uuid}/"' in html  # the top cell links to its hotspot
    assert f'href="{form_url}"' not in html  # but an analyst logs no patrols: no patrol link
    assert "/patrols/new/" not in html.split("<table")[0]  # an analyst logs no patrols: no button
    assert f"/hotspots/{ended.uuid}/patrols/new/" not in html
    week = client_as("analyst").get("/areas/derbyshire/tasking/?format=json&table=last-7-days").json()["rows"]
    assert week[0]["hotspot"] == "High Street" and not week[0].get("patrol")
    behind = client_as("analyst").get("/areas/derbyshire/tasking/?format=json&table=behind").json()["rows"]
    assert [row["name"] for row in behind] == ["High Street"]  # the ended designation is no one's task now
    pcso = client_as("pcso").get("/areas/staveley/tasking/").content.decode()
    assert f'href="{form_url}" role="button"' in pcso  # one tap from the briefing to the patrol form
    assert 'class="govuk-body-s app-print-only">Printed' in pcso


def test_a_reversed_malformed_or_future_period_is_refused_with_a_message(client_as, tmp_path) -> None:  # noqa: ANN001
    path = tmp_path / "2018-07-derbyshire-street.csv"
    path.write_bytes(SAMPLE.read_bytes().replace(b"West Yorkshire Police", b"Derbyshire Constabulary"))
    do_import_source(next(iter_sources(path)), acting_user=None)
    client = client_as("analyst")
    for query, message in [
        ("from=2018-09&to=2018-07", "The start (September 2018) is after the end (July 2018): swap them or change one"),
        ("from=last-spring", "from must be a month written YYYY-MM"),
        ("to=2999-01", "to: January 2999 is in the future"),
        ("from=1990-01&to=2018-07", "Choose a period of at most 10 years"),
        ("from=2010-01&to=2010-03", "There are no figures for January 2010 to March 2010"),
    ]:
        page = client.get(f"/areas/derbyshire/hotspots/?{query}")
        assert page.status_code == 200
        text = page.content.decode()
        assert "There is a problem" in text and message in text, query
        assert "the page shows May 2018 to July 2018 instead" in text, query
        twin = client.get(f"/areas/derbyshire/hotspots/?{query}&format=json&table=top-cells")
        assert twin.status_code == 400 and message in twin.content.decode(), query
    assert (
        "There is a problem" not in client.get("/areas/derbyshire/hotspots/?from=2018-07&to=2018-07").content.decode()
    )


def test_a_briefing_for_a_malformed_or_future_day_says_what_to_fix(client_as) -> None:  # noqa: ANN001
    client = client_as("inspector")
    for day, message in [("yesterday", "date must be a day written YYYY-MM-DD"), ("2999-01-01", "and today")]:
        page = client.get(f"/areas/chesterfield/tasking/?date={day}").content.decode()
        assert "There is a problem" in page and message in page, day
        assert client.get(f"/areas/chesterfield/tasking/?date={day}&format=json&table=behind").status_code == 400
    assert client.get("/api/v1/areas/chesterfield/tasking?date=2999-01-01").status_code == 400
    assert "There is a problem" not in client.get("/areas/chesterfield/tasking/").content.decode()
