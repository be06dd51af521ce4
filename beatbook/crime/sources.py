"""Where import files come from: single CSVs, archive folders (YYYY-MM/YYYY-MM-<force>-<kind>.csv), or
the archive's zip. Each source opens as a binary stream, so zips are never unpacked to disk."""

from __future__ import annotations

import zipfile
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from beatbook.crime.importers.police_uk import ARCHIVE_NAME

# A zip member larger than this (uncompressed) or compressed more than this ratio is refused: a zip bomb.
MAX_MEMBER_BYTES = 4 * 1024**3
MAX_COMPRESSION_RATIO = 200


class SourceError(ValueError):
    """A path that holds no importable files; the message says what was expected."""


@dataclass(frozen=True)
class Source:
    name: str
    open: Callable[[], AbstractContextManager[IO[bytes]]]
    size: int


def iter_sources(path: Path) -> Iterator[Source]:
    if not path.exists():
        raise SourceError(f"{path}: no such file or folder")
    if path.is_dir():
        files = sorted(p for p in path.rglob("*.csv") if ARCHIVE_NAME.search(p.name))
        if not files:
            raise SourceError(f"{path}: no files named like YYYY-MM-<force>-street.csv in this folder")
        for file in files:
            yield _file_source(file)
    elif zipfile.is_zipfile(path):
        yield from _zip_sources(path)
    else:
        yield _file_source(path)


def _file_source(path: Path) -> Source:
    return Source(str(path), lambda: path.open("rb"), path.stat().st_size)


def _zip_sources(path: Path) -> Iterator[Source]:
    archive = zipfile.ZipFile(path)
    members = sorted((m for m in archive.infolist() if ARCHIVE_NAME.search(m.filename)), key=lambda m: m.filename)
    if not members:
        raise SourceError(f"{path}: the zip has no files named like YYYY-MM/YYYY-MM-<force>-street.csv")
    for member in members:
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > MAX_MEMBER_BYTES or ratio > MAX_COMPRESSION_RATIO:
            raise SourceError(
                f"{path}: {member.filename} unpacks to {member.file_size:,} bytes (ratio {ratio:.0f}:1),"
                " more than this importer accepts"
            )
        yield Source(f"{path}:{member.filename}", lambda member=member: archive.open(member), member.file_size)
