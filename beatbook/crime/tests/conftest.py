from __future__ import annotations

from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
SAMPLE = FIXTURES / "2018-07-west-yorkshire-street.csv"
# The real police.uk file lives in ../shared/data beside the repository (or beside its worktrees' folder).
REAL_FILE = next(
    (
        folder / "shared" / "data" / "police-uk" / "2018-07-west-yorkshire-street.csv"
        for folder in Path(__file__).resolve().parents[4:6]
        if (folder / "shared" / "data" / "police-uk").is_dir()
    ),
    Path("../shared/data/police-uk/2018-07-west-yorkshire-street.csv"),
)


@pytest.fixture
def sample_text() -> str:
    return SAMPLE.read_text()


@pytest.fixture
def write_archive_file(tmp_path: Path):  # noqa: ANN201
    """Writes text as an archive-named file (YYYY-MM/YYYY-MM-<force>-<kind>.csv) and returns its path."""

    def write(text: str, name: str = "2018-07-west-yorkshire-street.csv") -> Path:
        folder = tmp_path / name[:7]
        folder.mkdir(exist_ok=True)
        path = folder / name
        path.write_text(text)
        return path

    return write


def sample_for(force_name: str = "Derbyshire Constabulary") -> bytes:
    """The West Yorkshire sample as if another force had published it (its rows name that force)."""
    return SAMPLE.read_bytes().replace(b"West Yorkshire Police", force_name.encode())
