from __future__ import annotations

from pathlib import Path

from beatbook.crime.imports import do_import_source
from beatbook.crime.models import ImportStatus, Outcome, StopSearch
from beatbook.crime.sources import iter_sources

OUTCOMES = """Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Outcome type
{id1},2018-07,West Yorkshire Police,West Yorkshire Police,-1.409547,53.598298,On or near Ash Mount,E01007329,Barnsley 003A,Unable to prosecute suspect
{id2},2018-07,West Yorkshire Police,West Yorkshire Police,,,No location,,,Offender given a caution
"""
SEARCHES = """Type,Date,Part of a policing operation,Policing operation,Latitude,Longitude,Gender,Age range,Self-defined ethnicity,Officer-defined ethnicity,Legislation,Object of search,Outcome,Outcome linked to object of search,Removal of more than just outer clothing
Person search,2018-07-01T00:30:00+01:00,False,,53.79,-1.55,Male,18-24,White - English/Welsh/Scottish/Northern Irish/British,White,Misuse of Drugs Act 1971 (section 23),Controlled drugs,A no further action disposal,False,False
Vehicle search,2018-07-31T22:10:00+00:00,,,,,,,,,Police and Criminal Evidence Act 1984 (section 1),Stolen goods,Arrest,True,False
Person search,not-a-date,False,,53.79,-1.55,Male,18-24,,White,,,,,
"""


def import_text(tmp_path: Path, name: str, text: str):  # noqa: ANN201
    path = tmp_path / name
    path.write_text(text)
    return do_import_source(next(iter_sources(path)), acting_user=None)


def test_outcomes_import_and_replace_their_force_month(db, tmp_path: Path) -> None:  # noqa: ANN001
    text = OUTCOMES.format(id1="a" * 64, id2="b" * 64)
    run = import_text(tmp_path, "2018-07-west-yorkshire-outcomes.csv", text)
    assert (run.status, run.file_kind, run.inserted, run.rejected) == (ImportStatus.DONE, "outcomes", 2, 0)
    again = import_text(tmp_path, "2018-07-west-yorkshire-outcomes.csv", text)
    assert (again.inserted, again.unchanged, again.removed) == (0, 2, 0)
    shorter = import_text(tmp_path, "2018-07-west-yorkshire-outcomes.csv", "\n".join(text.splitlines()[:2]) + "\n")
    assert (shorter.unchanged, shorter.removed) == (1, 1) and Outcome.objects.count() == 1


def test_stop_and_search_takes_its_force_from_the_file_name_and_stores_utc(db, tmp_path: Path) -> None:  # noqa: ANN001
    run = import_text(tmp_path, "2018-07-west-yorkshire-stop-and-search.csv", SEARCHES)
    assert run.force.code == "west-yorkshire" and (run.inserted, run.rejected) == (2, 1)
    assert "not an ISO date" in run.rejections[0]["reason"] and run.rejections[0]["line"] == 4
    first = StopSearch.objects.order_by("searched_at").first()
    assert first.searched_at.isoformat() == "2018-06-30T23:30:00+00:00"  # 00:30 BST is 23:30 UTC
    assert first.month.isoformat() == "2018-07-01"  # but police.uk files it under UK local time: July


def test_stop_and_search_without_a_force_in_the_name_is_refused(db, tmp_path: Path) -> None:  # noqa: ANN001
    run = import_text(tmp_path, "searches.csv", SEARCHES)
    assert run.status == ImportStatus.REFUSED and "cannot tell which force" in run.error
