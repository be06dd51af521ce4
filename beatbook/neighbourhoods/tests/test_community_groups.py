"""The force's list of community groups and where each is present: the admin page, the file and the command."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from hypothesis import given, settings
from hypothesis import strategies as st

from beatbook.areas.models import Area
from beatbook.neighbourhoods import engagement_reports
from beatbook.neighbourhoods.models import CommunityGroup, CommunityPresence
from beatbook.neighbourhoods.presence_csv import parse_presence_csv


def test_an_admin_changes_the_list_and_retired_groups_stay_on_old_engagements(client_as) -> None:
    admin = client_as("admin")
    page = admin.get("/areas/derbyshire/community-groups/")
    assert "Cuppa" not in page.content.decode() and "Young people" in page.content.decode()
    response = admin.post(
        "/areas/derbyshire/community-groups/", {"part": "groups", "names": "Young people\nStudents\n\nElderly\n"}
    )
    assert response.status_code == 302
    force = Area.objects.get(code="derbyshire")
    active = list(CommunityGroup.objects.filter(force=force, active=True).order_by("position"))
    assert [g.name for g in active] == ["Young people", "Students", "Elderly"]
    assert CommunityGroup.objects.filter(force=force, slug="homeless", active=False).exists()
    duplicate = admin.post("/areas/derbyshire/community-groups/", {"part": "groups", "names": "Rural\nrural"})
    assert duplicate.status_code == 200 and "different name" in duplicate.content.decode()


def test_presence_from_a_file_feeds_the_groups_not_reached(client_as) -> None:
    admin = client_as("admin")
    admin.get("/areas/derbyshire/community-groups/")
    good = b"area,group,source\nstaveley,Traveller,2021 census\nstaveley,Rural,Neighbourhood profile\n"
    response = admin.post(
        "/areas/derbyshire/community-groups/",
        {"part": "presence", "file": SimpleUploadedFile("presence.csv", good, "text/csv")},
    )
    assert response.status_code == 302
    staveley = Area.objects.get(code="staveley")
    assert {p.group.name for p in CommunityPresence.objects.filter(area=staveley)} == {"Traveller", "Rural"}
    table = engagement_reports.groups_not_reached(staveley, date(2026, 1, 1), date(2026, 3, 31))
    assert {row["group"] for row in table.rows} >= {"Traveller", "Rural"}

    bad = b"area,group,source\nstaveley,Martians,x\nnowhere,Rural,x\n"
    refused = admin.post(
        "/areas/derbyshire/community-groups/",
        {"part": "presence", "file": SimpleUploadedFile("presence.csv", bad, "text/csv")},
    )
    text = refused.content.decode()
    assert refused.status_code == 200 and "row 2" in text and "row 3" in text
    assert CommunityPresence.objects.filter(area=staveley).count() == 2  # nothing half-written


def test_the_command_loads_presence_and_refuses_a_bad_file(db, tmp_path) -> None:
    path = tmp_path / "presence.csv"
    path.write_text("area,group,source\nstaveley,Elderly,census\n", encoding="utf-8")
    call_command("load_community_presence", str(path), "--force", "derbyshire", stdout=io.StringIO())
    assert CommunityPresence.objects.filter(area__code="staveley", group__slug="elderly").exists()
    path.write_text("where,who\n", encoding="utf-8")
    with pytest.raises(CommandError, match="first line must be exactly"):
        call_command("load_community_presence", str(path), "--force", "derbyshire")
    with pytest.raises(CommandError, match="No force"):
        call_command("load_community_presence", str(path), "--force", "atlantis")


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=400) | st.text(max_size=300).map(lambda text: ("area,group,source\n" + text).encode()))
def test_the_presence_parser_gives_rows_or_a_clear_error_for_any_input(raw: bytes) -> None:
    try:
        rows = parse_presence_csv(raw)
    except ValidationError as error:
        assert error.messages and all(message for message in error.messages)
    else:
        assert all(len(row) == 3 and row[0] and row[1] for row in rows)
