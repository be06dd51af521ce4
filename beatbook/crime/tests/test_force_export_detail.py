"""A force export's optional offence-detail columns: outcome type, premises, officer and CSI attendance."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from beatbook.crime.importers import force_detail
from beatbook.crime.importers.police_uk import (
    FORCE_INCIDENT_COLUMNS,
    FORCE_INCIDENT_OPTIONAL_COLUMNS,
    FileRefused,
    RowContext,
    identify,
    parse_batches,
)
from beatbook.crime.imports import do_import_source
from beatbook.crime.models import ImportStatus
from beatbook.crime.offences import offence_groups
from beatbook.crime.sources import iter_sources
from beatbook.outcomes.models import CrimeDetail, Premises
from beatbook.outcomes.types import OutcomeType

FIXTURE = Path(__file__).parent / "fixtures" / "derbyshire-incidents-detail.csv"
BURGLARY_CODES = sorted(offence_groups()["burglary-residential"].codes | offence_groups()["burglary-business"].codes)
BASE = "BG-{n},2022-06-03 10:00,{kind},{closure},{code},On or near Mill Lane,53.2351,-1.4213,E01019484,no,no"


def _import(path: Path):  # noqa: ANN202
    return do_import_source(next(iter_sources(path)), acting_user=None, force_code="derbyshire")


def _allowed_premises(code: str) -> set[str]:
    """An independent statement of the documented rule (docs/data-sources.md)."""
    if code in {"28A", "28B", "28C", "28D", "29"}:
        return {"home"}
    if code.startswith(("28", "29")):
        return {"home", "other_residential"}
    if code.startswith(("30", "31")):
        return {"business"}
    return set(Premises.values)


@given(st.sampled_from(OutcomeType.choices), st.booleans(), st.sampled_from(["", " ", "  "]))
def test_an_outcome_type_is_read_from_its_code_or_its_label(choice, by_label, pad):
    code, label = choice
    text = str(label).replace("–", "-").upper() if by_label else code.lower()
    assert force_detail.outcome_type(f"{pad}{text}{pad}") == code


@given(st.text(max_size=12))
def test_any_other_outcome_type_is_refused_naming_the_column(text):
    known = {code.lower() for code in OutcomeType.values} | {
        force_detail._folded(str(label)) for label in OutcomeType.labels
    }
    try:
        code = force_detail.outcome_type(text)
    except ValueError as error:
        assert str(error).startswith("outcome_type ")
        assert text.strip() and text.strip().lower() not in known
    else:
        assert code == "" if not text.strip() else code in OutcomeType.values


@given(st.sampled_from(BURGLARY_CODES + ["92A", "58C"]), st.sampled_from([*Premises.values, "shed", "Home", ""]))
def test_premises_must_fit_the_offence_code(code, value):
    normalised = value.lower()
    try:
        stored = force_detail.premises(value, code)
    except ValueError as error:
        assert str(error).startswith("premises ")
        assert normalised and normalised not in _allowed_premises(code)
    else:
        assert stored == normalised and (not stored or stored in _allowed_premises(code))


_VALUES = {
    "outcome_type": st.sampled_from(["", "1", "18", "1a", "Community resolution", "99", "charged"]),
    "premises": st.sampled_from(["", "home", "other_residential", "business", "garden"]),
    "attended": st.sampled_from(["", "yes", "no", "Y", "maybe"]),
    "csi_attended": st.sampled_from(["", "yes", "no", "0", "n/a"]),
}


@st.composite
def _rows(draw):  # noqa: ANN202
    columns = draw(st.permutations(FORCE_INCIDENT_OPTIONAL_COLUMNS).map(lambda c: c[: draw(st.integers(1, 4))]))
    rows = []
    for n in range(draw(st.integers(1, 6))):
        kind, closure, code = draw(st.sampled_from([("crime", "", "28E"), ("crime", "", "30C"), ("asb", "ASN", "")]))
        values = [draw(_VALUES[column]) for column in columns]
        rows.append(
            (kind, dict(zip(columns, values, strict=True)), BASE.format(n=n, kind=kind, closure=closure, code=code))
        )
    return tuple(columns), rows


@given(_rows())
def test_every_row_is_a_record_with_its_detail_or_a_rejection_naming_a_column_and_line(sample):
    columns, rows = sample
    lines = [(n + 2, ",".join([base, *values.values()])) for n, (_, values, base) in enumerate(rows)]
    batches = list(parse_batches(iter(lines), "force-incidents", context=RowContext(optional=columns)))
    records = {record[0]: record for batch in batches for record in batch.records}
    rejections = {rejection.line: rejection.reason for batch in batches for rejection in batch.rejections}
    assert set(records) | set(rejections) == {line for line, _ in lines} and not set(records) & set(rejections)
    for reason in rejections.values():
        assert all(part.split(" ")[0] in columns for part in reason.split("; ")), reason
    for line, record in records.items():
        kind, values, _ = rows[line - 2]
        detail = record[-2]
        assert detail is None if kind == "asb" else set(detail) == set(columns)
        if detail and "outcome_type" in detail:
            assert detail["outcome_type"] in {"", *OutcomeType.values}


def test_a_row_with_several_bad_detail_columns_names_every_problem():
    """QA #6: the reason named only outcome_type; like the HR import, every problem of the row is listed."""
    columns = ("outcome_type", "premises", "attended", "csi_attended")
    line = ",".join([BASE.format(n=1, kind="crime", closure="", code="28E"), "Nope", "business", "maybe", "perhaps"])
    (batch,) = parse_batches(iter([(2, line)]), "force-incidents", context=RowContext(optional=columns))
    (rejection,) = batch.rejections
    parts = rejection.reason.split("; ")
    assert rejection.line == 2 and not batch.records
    assert [part.split(" ")[0] for part in parts] == list(columns), rejection.reason
    assert "'Nope' is not a Home Office outcome type" in parts[0] and "does not fit offence code 28E" in parts[1]
    assert "not 'maybe'" in parts[2] and "not 'perhaps'" in parts[3]


def test_the_header_may_add_only_the_documented_columns():
    identity = identify("incidents.csv", [*FORCE_INCIDENT_COLUMNS, "premises", "outcome_type"])
    assert identity.kind == "force-incidents" and identity.optional == ("premises", "outcome_type")
    with pytest.raises(FileRefused, match="'victim_name' is not one Beatbook reads"):
        identify("incidents.csv", [*FORCE_INCIDENT_COLUMNS, "victim_name"])
    with pytest.raises(FileRefused, match="more than once"):
        identify("incidents.csv", [*FORCE_INCIDENT_COLUMNS, "attended", "attended"])


@pytest.mark.django_db
def test_imported_detail_shows_on_the_outcomes_pages_burglary_table(tmp_path: Path, client_as) -> None:
    path = tmp_path / "derbyshire-incidents.csv"
    shutil.copy(FIXTURE, path)
    run = _import(path)
    assert run.status == ImportStatus.DONE and (run.inserted, run.rejected) == (6, 5)
    reasons = {r["line"]: r["reason"] for r in run.rejections}
    assert reasons[8].startswith("outcome_type '99'")
    assert reasons[9] == "premises 'business' does not fit offence code 28E: it may be home or other_residential"
    assert reasons[10].startswith("attended must be yes, no or empty")
    assert reasons[11].startswith("outcome_type must be empty on an asb row")
    assert reasons[12].startswith("premises 'other_residential' does not fit offence code 28A")
    stored = CrimeDetail.objects.get(incident__reference="BG-2")
    assert (stored.outcome_type, stored.premises, stored.attended, stored.csi_attended) == ("18", "home", True, False)
    assert CrimeDetail.objects.get(incident__reference="BG-3").csi_attended is None
    assert not CrimeDetail.objects.filter(incident__reference="ASB-6").exists()

    client = client_as("scrutiny")
    url = "/areas/derbyshire/outcomes/?calendar_years=2022&format=json&table="
    (burglary,) = client.get(f"{url}burglary").json()["rows"]
    assert burglary == {
        "period": "2022",
        "residential": 4,
        "home": 3,
        "other_residential": 1,
        "home_share": 75.0,
        "business": 1,
        "positive_rate": 25.0,  # BG-1 charged; BG-4 still under investigation counts in the denominator
        "attended": 75.0,
        "csi_home": 50.0,
    }
    groups = {row["group"]: row for row in client.get(f"{url}positive-outcomes").json()["rows"]}
    assert groups["Business and community burglary"]["positive"] == 1  # community resolution

    # Re-importing with the outcome now known updates it, a row emptied of detail loses it, and a file
    # without the columns keeps what is stored.
    text = path.read_text().replace(",no,no,,home,yes,\n", ",no,no,3,home,yes,\n")  # BG-4
    path.write_text(text.replace(",no,no,18,other_residential,no,\n", ",no,no,,,,\n"))  # BG-3
    again = _import(path)
    assert (again.updated, again.unchanged) == (2, 4)
    assert CrimeDetail.objects.get(incident__reference="BG-4").outcome_type == "3"
    assert not CrimeDetail.objects.filter(incident__reference="BG-3").exists()
    plain = tmp_path / "plain" / "derbyshire-incidents.csv"
    plain.parent.mkdir()
    plain.write_text(
        ",".join(FORCE_INCIDENT_COLUMNS) + "\n" + BASE.format(n=1, kind="crime", closure="", code="28E") + "\n"
    )
    assert _import(plain).status == ImportStatus.DONE
    assert CrimeDetail.objects.get(incident__reference="BG-1").outcome_type == "1"
