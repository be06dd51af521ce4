"""Where import files come from: single CSVs, archive folders (YYYY-MM/YYYY-MM-<force>-<kind>.csv), or
the archive's zip. Each source opens as a binary stream, so zips are never unpacked to disk."""

from __future__ import annotations

import zipfile
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from beatbook.crime.importers.police_uk import archive_name

# A zip member larger than this (uncompressed) or compressed more than this ratio is refused: a zip bomb.
MAX_MEMBER_BYTES = 4 * 1024**3
MAX_COMPRESSION_RATIO = 200


class SourceError(ValueError):
    """A path that cannot be read as import files (missing, or a zip too large to unpack); the message says why."""


@dataclass(frozen=True)
class Source:
    name: str
    open: Callable[[], AbstractContextManager[IO[bytes]]]
    size: int


@dataclass(frozen=True)
class Skipped:
    """A member of a zip or folder that is not imported, and why."""

    name: str
    reason: str


@dataclass
class Listing:
    """Every member of what was given: the files to import, and the rest with the reason each is skipped."""

    sources: list[Source] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)


OS_METADATA = {".ds_store", "thumbs.db", "desktop.ini", "__macosx", ".spotlight-v100", ".trashes"}
NOT_DATA = "not a police.uk data file (their names are like YYYY-MM/YYYY-MM-<force>-street.csv)"


def iter_sources(path: Path) -> Iterator[Source]:
    yield from list_sources(path).sources


def list_sources(path: Path) -> Listing:
    """A single file is one source; a folder's or zip's members are each a source or skipped with the reason."""
    if not path.exists():
        raise SourceError(f"{path}: no such file or folder")
    if path.is_dir():
        members = [(str(p), p.relative_to(path).as_posix(), p) for p in sorted(path.rglob("*")) if p.is_file()]
        return _sort_members(members, lambda member: _file_source(member))
    if zipfile.is_zipfile(path):
        archive = zipfile.ZipFile(path)
        members = [(f"{path}:{m.filename}", m.filename, m) for m in archive.infolist() if not m.is_dir()]
        return _sort_members(sorted(members, key=lambda m: m[1]), lambda member: _zip_source(path, archive, member))
    return Listing([_file_source(path)])


def _sort_members(members: list[tuple[str, str, object]], to_source: Callable[[object], Source]) -> Listing:
    listing = Listing()
    kept: dict[str, str] = {}  # lower-case file name → the member kept under it
    candidates = []
    for name, relative, member in members:
        parts = relative.lower().split("/")
        if any(part in OS_METADATA for part in parts) or parts[-1].startswith("._"):
            listing.skipped.append(Skipped(name, "operating-system metadata"))
        elif not archive_name(parts[-1]):
            listing.skipped.append(Skipped(name, NOT_DATA))
        else:
            candidates.append((name, relative, member))
    # The copy with the archive's own lower-case name is kept; a copy in another folder or case is skipped.
    candidates.sort(key=lambda c: (c[1].rsplit("/", 1)[-1] != c[1].rsplit("/", 1)[-1].lower(), c[1]))
    for name, relative, member in candidates:
        base = relative.rsplit("/", 1)[-1]
        first = kept.get(base.lower())
        if first is None:
            kept[base.lower()] = relative
            listing.sources.append(to_source(member))
        elif first.rsplit("/", 1)[-1] == base:
            listing.skipped.append(Skipped(name, f"a duplicate copy of {first}"))
        else:
            listing.skipped.append(Skipped(name, f"the same file name as {first} in another case"))
    listing.sources.sort(key=lambda source: source.name)
    return listing


def _file_source(path: Path) -> Source:
    return Source(str(path), lambda: path.open("rb"), path.stat().st_size)


def _zip_source(path: Path, archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> Source:
    ratio = member.file_size / max(member.compress_size, 1)
    if member.file_size > MAX_MEMBER_BYTES or ratio > MAX_COMPRESSION_RATIO:
        raise SourceError(
            f"{path}: {member.filename} unpacks to {member.file_size:,} bytes (ratio {ratio:.0f}:1),"
            " more than this importer accepts"
        )
    return Source(f"{path}:{member.filename}", lambda: archive.open(member), member.file_size)
