"""A force-month of one kind is the unit of truth (issue 10, items 1–4)."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

from django.apps import apps as django_apps
from django.core.management import call_command

from beatbook.areas.models import Area, Level
from beatbook.crime.forces import FORCE_IDS, FORCE_NAMES, force_id_for_name
from beatbook.crime.models import ImportStatus, Incident, Kind, Outcome, StopSearch
from beatbook.crime.tests.builders import crime_id, load, outcome_row, reasons, search_row, street_row, write

STREET = "2019-07-west-yorkshire-street.csv"


def month_rows(month: str = "2019-07") -> list[tuple]:
    return sorted(
        Incident.objects.filter(force__code="west-yorkshire", month=f"{month}-01").values_list(
            "kind", "crime_id", "last_outcome", "location"
        ),
        key=str,
    )


def test_a_republished_month_replaces_crimes_asb_and_all(db, tmp_path: Path) -> None:  # noqa: ANN001
    asb1, asb2 = street_row(None, location="On or near Park"), street_row(None, location="On or near Mill Lane")
    v1 = load(write(tmp_path, STREET, [street_row("a"), street_row("b"), street_row("c"), asb1, asb2]))
    assert (v1.inserted, v1.removed) == (5, 0)
    v2 = load(
        write(tmp_path, STREET, [street_row("a"), street_row("b", outcome="Local resolution"), street_row("d"), asb1])
    )
    assert (v2.inserted, v2.updated, v2.unchanged, v2.removed) == (1, 1, 2, 2)  # C and one ASB row removed
    v3 = load(write(tmp_path, STREET, [street_row("a"), street_row("b", outcome="Local resolution"), street_row("d")]))
    assert (v3.unchanged, v3.removed) == (3, 1)
    assert month_rows() == sorted(
        [
            ("crime", crime_id("a"), "Under investigation", "On or near High Street"),
            ("crime", crime_id("b"), "Local resolution", "On or near High Street"),
            ("crime", crime_id("d"), "Under investigation", "On or near High Street"),
        ],
        key=str,
    )


def test_a_header_only_file_empties_its_month_and_no_other(db, tmp_path: Path) -> None:  # noqa: ANN001
    load(write(tmp_path, STREET, [street_row("a"), street_row(None)]))
    load(write(tmp_path, "2019-08-west-yorkshire-street.csv", [street_row("e", "2019-08")]))
    emptied = load(write(tmp_path, STREET, []))
    assert emptied.status == ImportStatus.DONE and emptied.removed == 2 and emptied.months == ["2019-07"]
    assert month_rows() == [] and len(month_rows("2019-08")) == 1
    load(write(tmp_path, "2019-07-west-yorkshire-outcomes.csv", [outcome_row("a")], kind="outcomes"))
    assert load(write(tmp_path, "2019-07-west-yorkshire-outcomes.csv", [], kind="outcomes")).removed == 1
    assert not Outcome.objects.exists()


def test_searches_belong_to_their_uk_local_month_and_files_never_touch_other_months(db, tmp_path: Path) -> None:  # noqa: ANN001
    july = write(
        tmp_path,
        "2019-07-west-yorkshire-stop-and-search.csv",
        [
            search_row("2019-07-01T00:30:00+01:00"),
            search_row("2019-06-30T23:15:00+00:00"),  # 00:15 BST on 1 July
            search_row("2019-07-15T12:00:00+00:00"),
        ],
        kind="stop-and-search",
    )
    june = write(
        tmp_path,
        "2019-06-west-yorkshire-stop-and-search.csv",
        [search_row("2019-06-30T22:59:00+00:00")],  # 23:59 BST on 30 June
        kind="stop-and-search",
    )
    runs = [load(path) for path in (july, june, july, june)]
    assert [run.rejected for run in runs] == [0, 0, 0, 0] and [run.removed for run in runs] == [0, 0, 0, 0]
    by_month = {m: StopSearch.objects.filter(month=m).count() for m in (date(2019, 6, 1), date(2019, 7, 1))}
    assert by_month == {date(2019, 6, 1): 1, date(2019, 7, 1): 3}


def test_a_search_of_another_month_is_rejected_with_the_reason(db, tmp_path: Path) -> None:  # noqa: ANN001
    june = write(
        tmp_path,
        "2019-06-west-yorkshire-stop-and-search.csv",
        [search_row("2019-06-30T23:30:00+00:00"), search_row("2019-06-10T10:00:00+00:00")],
        kind="stop-and-search",
    )
    run = load(june)
    assert (run.inserted, run.rejected) == (1, 1) and "2019-07 is not the file's month 2019-06" in reasons(run)[0]


def test_a_file_of_several_forces_is_split_by_falls_within(db, tmp_path: Path) -> None:  # noqa: ANN001
    rows = [
        street_row("a"),
        street_row("b", force="Devon & Cornwall Police", place=("-4.14", "50.37"), lsoa=("E01015001", "Plymouth 001A")),
        street_row(None, force="British Transport Police"),
    ]
    path = write(tmp_path, "all-forces-july.csv", rows)
    path.write_text(path.read_text() + path.read_text().split("\n", 1)[0] + "\n" + street_row("c") + "\n")
    run = load(path)
    assert run.status == ImportStatus.DONE and (run.rows_read, run.inserted, run.rejected) == (4, 4, 0)
    assert run.forces == {"west-yorkshire": 2, "devon-and-cornwall": 1, "btp": 1}
    assert set(Area.objects.filter(level=Level.FORCE).values_list("code", flat=True)) >= {"devon-and-cornwall", "btp"}
    assert Area.objects.get(code="btp").name == "British Transport Police"
    out = io.StringIO()
    call_command("incident_counts", "--group-by", "force", stdout=out)
    assert out.getvalue().splitlines()[1:] == ["btp,1", "devon-and-cornwall,1", "west-yorkshire,2"]


def test_a_row_of_another_force_in_a_forces_own_file_is_rejected(db, tmp_path: Path) -> None:  # noqa: ANN001
    run = load(write(tmp_path, STREET, [street_row("a"), street_row("b", force="Devon & Cornwall Police")]))
    assert (run.inserted, run.rejected) == (1, 1)
    assert reasons(run) == ["the row falls within Devon & Cornwall Police, but this is west-yorkshire's file"]


def test_police_uk_force_ids_are_shipped_and_names_map_to_them() -> None:
    assert len(FORCE_IDS) == 45 and {"northern-ireland", "btp", "metropolitan"} <= set(FORCE_IDS)
    assert force_id_for_name("Devon & Cornwall Police") == "devon-and-cornwall"
    assert force_id_for_name("British Transport Police") == "btp"
    assert force_id_for_name("Police Service of Northern Ireland") == "northern-ireland"
    assert all(force_id_for_name(name) == force_id for force_id, name in FORCE_NAMES.items())
    assert force_id_for_name("Narnia Police") is None


def test_an_unknown_force_is_refused_naming_the_line_and_the_forces(db, tmp_path: Path) -> None:  # noqa: ANN001
    run = load(write(tmp_path, "july.csv", [street_row("a"), street_row("b", force="Narnia Police")]))
    assert run.rejections[0]["line"] == 3 and "'Narnia Police' is not a police.uk force" in reasons(run)[0]
    assert "Devon & Cornwall Police" in reasons(run)[0] and not Area.objects.filter(name__icontains="narnia").exists()
    named = load(write(tmp_path, "2019-07-narnia-street.csv", [street_row("c")]))
    assert named.status == ImportStatus.REFUSED and "'narnia' is not a police.uk force id" in named.error


def test_the_migration_gives_wrongly_named_forces_police_uk_ids(db, tmp_path: Path) -> None:  # noqa: ANN001
    from importlib import import_module

    migration = import_module("beatbook.crime.migrations.0003_police_uk_force_ids")
    wrong = Area.objects.create(code="devon-cornwall", name="Devon & Cornwall Police", level=Level.FORCE, path="")
    Area.objects.filter(pk=wrong.pk).update(path=f"/{wrong.pk}/")
    transport = Area.objects.create(code="british-transport", name="British Transport", level=Level.FORCE, path="")
    Area.objects.filter(pk=transport.pk).update(path=f"/{transport.pk}/")
    right = Area.objects.create(code="btp", name="British Transport Police", level=Level.FORCE, path="")
    Area.objects.filter(pk=right.pk).update(path=f"/{right.pk}/")
    Incident.objects.create(
        force=transport, source="police_uk", kind=Kind.ASB, month=date(2019, 7, 1), category="anti-social-behaviour"
    )
    migration.correct_force_ids(django_apps, None)
    assert Area.objects.get(pk=wrong.pk).code == "devon-and-cornwall"
    assert not Area.objects.filter(code="british-transport").exists()
    assert Incident.objects.get().force_id == right.pk


def test_a_crime_id_already_stored_is_found_even_in_a_month_never_imported(db, tmp_path: Path) -> None:  # noqa: ANN001
    load(write(tmp_path, STREET, [street_row("a"), street_row("b")]))
    august = load(
        write(tmp_path, "2019-08-west-yorkshire-street.csv", [street_row("e", "2019-08"), street_row("a", "2019-08")])
    )
    assert (august.inserted, august.updated, august.rejected) == (1, 1, 0)
    devon = load(
        write(
            tmp_path,
            "2019-08-devon-and-cornwall-street.csv",
            [
                street_row("f", "2019-08", force="Devon & Cornwall Police"),
                street_row("b", "2019-08", force="Devon & Cornwall Police"),
            ],
        )
    )
    assert (devon.inserted, devon.rejected) == (1, 1) and reasons(devon) == [
        "this Crime ID was imported for another force"
    ]
    assert Incident.objects.filter(crime_id=crime_id("b"), force__code="west-yorkshire").exists()
    assert Incident.objects.count() == 4 and devon.accounted_for and august.accounted_for
