"""Property tests of the police.uk parsers against the rules of issue 10 (months, local-time months of
searches, enumerated columns, field sizes, cut-off lines, force names)."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime, timedelta, timezone

from hypothesis import given, settings
from hypothesis import strategies as st

from beatbook.crime.forces import FORCE_NAMES, force_id_for_name
from beatbook.crime.importers import police_uk_values as values
from beatbook.crime.importers.police_uk import RowContext, parse_batches, read_lines
from beatbook.crime.tests.builders import search_row, street_row
from beatbook.lib.dates import LONDON

TODAY = datetime.now(LONDON).date().replace(day=1)


def parse(kind: str, lines: list[str], context: RowContext | None = None, end: str = "\n"):  # noqa: ANN201
    data = ("\n".join(lines) + end).encode()
    batches = list(parse_batches(read_lines(io.BytesIO(data)), kind, context=context))
    return [r for b in batches for r in b.records], [r for b in batches for r in b.rejections]


months = st.builds(date, st.integers(2000, TODAY.year + 2), st.integers(1, 12), st.just(1))


@settings(max_examples=150, deadline=None)
@given(months, st.one_of(st.none(), months))
def test_a_street_row_is_kept_exactly_when_its_month_is_published_and_the_files(
    month: date, file_month: date | None
) -> None:
    records, rejections = parse("street", [street_row("a", f"{month:%Y-%m}")], RowContext(file_month))
    allowed = date(2010, 12, 1) <= month <= TODAY and file_month in (None, month)
    assert bool(records) == allowed and len(records) + len(rejections) == 1


@settings(max_examples=200, deadline=None)
@given(
    st.datetimes(min_value=datetime(2011, 1, 1), max_value=datetime(2030, 1, 1)),
    st.sampled_from([UTC, timezone(timedelta(hours=1)), timezone(timedelta(hours=-5)), LONDON]),
    months,
)
def test_a_search_belongs_to_its_uk_local_month(moment: datetime, zone, file_month: date) -> None:  # noqa: ANN001
    when = moment.replace(tzinfo=zone)
    records, rejections = parse("stop-and-search", [search_row(when.isoformat())], RowContext(file_month))
    local_month = when.astimezone(LONDON).date().replace(day=1)
    if local_month == file_month and local_month <= TODAY:
        assert records and records[0][1] == local_month and records[0][2] == when.astimezone(UTC)
    else:
        assert rejections and not records


enumerated = st.sampled_from(
    [
        ("Type", values.SEARCH_TYPES),
        ("Gender", values.GENDERS),
        ("Age range", values.AGE_RANGES),
        ("Self-defined ethnicity", values.SELF_DEFINED_ETHNICITIES),
        ("Officer-defined ethnicity", values.OFFICER_ETHNICITIES),
        ("Part of a policing operation", values.TRUE_FALSE),
        ("Outcome linked to object of search", values.TRUE_FALSE),
        ("Removal of more than just outer clothing", values.TRUE_FALSE),
        ("Outcome", values.SEARCH_OUTCOMES),
    ]
)


@settings(max_examples=200, deadline=None)
@given(enumerated, st.data())
def test_an_enumerated_search_column_accepts_exactly_its_values(column_and_values, data) -> None:  # noqa: ANN001
    column, allowed = column_and_values
    value = data.draw(
        st.one_of(st.sampled_from(sorted(allowed)), st.text(alphabet="abcdefghij -/ABCDEFG", max_size=30)),
        label="value",
    )
    records, _ = parse("stop-and-search", [search_row("2019-07-10T10:00:00+00:00", **{column: value})])
    assert bool(records) == (value in allowed)


@settings(max_examples=100, deadline=None)
@given(st.integers(0, 400))
def test_a_location_is_kept_exactly_when_it_fits_its_column(length: int) -> None:
    records, rejections = parse("street", [street_row("a", location="x" * length)])
    assert bool(records) == (length <= values.STREET_LIMITS["Location"])


@settings(max_examples=150, deadline=None)
@given(st.integers(1, 10_000))
def test_every_cut_through_the_last_line_is_recognised(cut: int) -> None:
    last = street_row("b")
    cut = cut % len(last) or 1
    records, rejections = parse("street", [street_row("a"), last[:cut]], end="")
    assert len(records) == 1 and len(rejections) == 1
    assert rejections[0].reason.startswith("the file is cut off part-way through this last line")


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(sorted(FORCE_NAMES.items())), st.data())
def test_force_names_map_to_police_uk_ids_whatever_their_spelling(force, data) -> None:  # noqa: ANN001
    force_id, name = force
    spelled = "".join(data.draw(st.sampled_from([c.upper(), c.lower()]), label="c") for c in name)
    spelled = spelled.replace("&", data.draw(st.sampled_from(["&", "and", " & "]), label="and"))
    assert force_id_for_name(f"  {spelled} ") == force_id
