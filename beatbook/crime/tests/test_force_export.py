from __future__ import annotations

from pathlib import Path

from beatbook.crime.imports import do_import_source
from beatbook.crime.models import ImportStatus, Incident
from beatbook.crime.sources import iter_sources

HEADER = "reference,opened_at,kind,closure_code,offence_code,location,latitude,longitude,lsoa_code,repeat_location,repeat_victim"
ROWS = [
    "INC-1,2022-06-01 23:30,asb,ASN,,On or near High Street,53.2351,-1.4213,E01019484,yes,no",
    "INC-2,2022-07-01T00:15:00+01:00,asb,Personal,,On or near Park Road,53.2352,-1.4214,E01019484,,",
    "CR-3,2022-07-03 10:00,crime,,28E,On or near Mill Lane,,,,no,no",
    "CR-4,2022-07-04 10:00,crime,,34B,On or near Mill Lane,53.2,-1.4,E01019484,no,yes",
    "INC-5,2025-03-30 01:30,asb,ASE,,Nowhere,53.2,-1.4,,no,no",
    "INC-6,2022-07-05 10:00,asb,ASX,,Nowhere,53.2,-1.4,,no,no",
    "CR-7,2022-07-05 10:00,crime,,ZZZ,Nowhere,53.2,-1.4,,no,no",
]


def import_rows(tmp_path: Path, rows: list[str]):  # noqa: ANN201
    path = tmp_path / "derbyshire-incidents.csv"
    path.write_text("\n".join([HEADER, *rows]) + "\n")
    return do_import_source(next(iter_sources(path)), acting_user=None, force_code="derbyshire")


def test_a_force_export_carries_nsir_types_and_neighbourhood_crime_types(db, tmp_path: Path) -> None:  # noqa: ANN001
    run = import_rows(tmp_path, ROWS)
    assert run.status == ImportStatus.DONE and run.file_kind == "force-incidents"
    assert (run.rows_read, run.inserted, run.rejected) == (7, 4, 3)
    reasons = {r["line"]: r["reason"] for r in run.rejections}
    assert "does not exist in UK time" in reasons[6] and "ASP, ASN, ASE" in reasons[7] and "offence code" in reasons[8]
    late_night = Incident.objects.get(reference="INC-1")
    assert late_night.nsir_type == "nuisance" and late_night.repeat_location and late_night.lsoa.code == "E01019484"
    assert late_night.occurred_at.isoformat() == "2022-06-01T22:30:00+00:00" and late_night.month.month == 6
    assert Incident.objects.get(reference="INC-2").month.month == 7  # 00:15 BST on 1 July is July locally
    assert Incident.objects.get(reference="CR-3").neighbourhood_crime_type == "burglary-residential"
    assert Incident.objects.get(reference="CR-4").category == "robbery"


def test_a_force_export_reimports_unchanged_and_updates_by_reference(db, tmp_path: Path) -> None:  # noqa: ANN001
    import_rows(tmp_path, ROWS[:4])
    again = import_rows(tmp_path, [ROWS[0].replace("ASN", "ASP"), *ROWS[1:4]])
    assert (again.inserted, again.updated, again.unchanged) == (0, 1, 3)
    assert Incident.objects.get(reference="INC-1").nsir_type == "personal"


def test_a_force_export_needs_the_force(db, tmp_path: Path) -> None:  # noqa: ANN001
    path = tmp_path / "incidents.csv"
    path.write_text("\n".join([HEADER, ROWS[0]]) + "\n")
    run = do_import_source(next(iter_sources(path)), acting_user=None)
    assert run.status == ImportStatus.REFUSED and "--force" in run.error
