"""Property tests: the parser accounts for every line, whatever the bytes."""

from __future__ import annotations

import io

from hypothesis import given, settings
from hypothesis import strategies as st

from beatbook.crime.importers.police_uk import parse_batches, read_lines

GOOD = (
    "1a2b,2018-07,West Yorkshire Police,West Yorkshire Police,-1.40,53.59,On or near Ash Mount,E01007329,"
    "Barnsley 003A,Vehicle crime,Under investigation,"
)
line_text = st.one_of(
    st.just(GOOD),
    st.text(alphabet=st.characters(blacklist_characters="\r\n", blacklist_categories=("Cs",)), max_size=200),
    st.builds(lambda a, b: GOOD[:a] + b + GOOD[a:], st.integers(0, len(GOOD)), st.sampled_from(['"', ",", "é"])),
)


@settings(max_examples=200, deadline=None)
@given(st.lists(line_text, max_size=40), st.integers(1, 7))
def test_every_non_empty_line_is_a_record_or_a_rejection(lines: list[str], batch_rows: int) -> None:
    data = ("\n".join(lines) + "\n").encode()
    batches = list(parse_batches(read_lines(io.BytesIO(data)), "street", batch_rows=batch_rows))
    records = [record for batch in batches for record in batch.records]
    rejections = [rejection for batch in batches for rejection in batch.rejections]
    expected_lines = [number for number, line in enumerate(lines, start=1) if line]
    assert sorted([r[0] for r in records] + [r.line for r in rejections]) == expected_lines
    assert sum(batch.lines for batch in batches) == len(expected_lines)


@given(st.binary(max_size=300))
def test_arbitrary_bytes_never_crash_the_parser(data: bytes) -> None:
    batches = list(parse_batches(read_lines(io.BytesIO(data)), "street"))
    body = data[3:] if data.startswith(b"\xef\xbb\xbf") else data  # a byte-order mark is not content
    non_empty = [line for line in body.split(b"\n") if line.rstrip(b"\r")]
    assert sum(batch.lines for batch in batches) == len(non_empty)
