"""Reading a force's geography configuration (JSON) and its LSOA list (CSV), with clear errors.

The configuration names the force, its divisions, local policing units (each with the local
authorities whose LSOAs it covers), neighbourhood teams and neighbourhoods. See
docs/data-sources.md for the format; beatbook/demo/data/derbyshire.json is an example.
"""

from __future__ import annotations

import csv
import json
import re
from dataclasses import dataclass
from pathlib import Path

LSOA_CODE = re.compile(r"^[EWSN]\d{8}$")


class GeographyConfigError(ValueError):
    """The configuration or LSOA file is not usable; the message says what to fix."""


LSOA_COLUMNS = [
    "lsoa11_code",
    "lsoa11_name",
    "msoa11_code",
    "msoa11_name",
    "lad_code",
    "lad_name",
    "population_2011",
    "households_2011",
    "area_hectares",
]


@dataclass(frozen=True)
class LsoaRow:
    code: str
    name: str
    msoa_code: str
    msoa_name: str
    local_authority_code: str
    local_authority_name: str
    population: int | None
    households: int | None
    area_hectares: int | None


def read_config(path: Path) -> dict:
    try:
        config = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as error:
        raise GeographyConfigError(f"{path}: cannot read the geography configuration: {error}") from None
    _check_config(config, str(path))
    return config


def _require(mapping: dict, key: str, where: str, kind: type) -> object:
    if not isinstance(mapping, dict) or key not in mapping:
        raise GeographyConfigError(f"{where}: missing '{key}'")
    value = mapping[key]
    if not isinstance(value, kind) or (kind is str and not value.strip()) or (kind is list and not value):
        raise GeographyConfigError(f"{where}: '{key}' must be a non-empty {kind.__name__}")
    return value


def _check_config(config: dict, where: str) -> None:
    force = _require(config, "force", where, dict)
    _require(force, "name", f"{where} force", str)
    _require(force, "code", f"{where} force", str)
    renamed = config.get("local_authority_names", {})  # optional: {ONS code: the name the force's papers use}
    if not isinstance(renamed, dict) or not all(isinstance(v, str) and v.strip() for v in renamed.values()):
        raise GeographyConfigError(f"{where}: 'local_authority_names' must map authority codes to non-empty names")
    seen: set[str] = set()
    for d, division in enumerate(_require(config, "divisions", where, list)):
        division_where = f"{where} divisions[{d}]"
        _require(division, "name", division_where, str)
        for u, lpu in enumerate(_require(division, "lpus", division_where, list)):
            lpu_where = f"{division_where} lpus[{u}]"
            _require(lpu, "name", lpu_where, str)
            _require(lpu, "local_authorities", lpu_where, list)
            if "report_name" in lpu:  # optional: the short name the force's reports use for the LPU
                _require(lpu, "report_name", lpu_where, str)
            for t, team in enumerate(_require(lpu, "teams", lpu_where, list)):
                team_where = f"{lpu_where} teams[{t}]"
                _require(team, "name", team_where, str)
                for name in _require(team, "neighbourhoods", team_where, list):
                    if name in seen:
                        raise GeographyConfigError(f"{team_where}: neighbourhood '{name}' is listed twice")
                    seen.add(name)
    _check_centres(config, where)


def _is_lat_lon(value: object) -> bool:
    return (
        isinstance(value, list)
        and len(value) == 2  # noqa: PLR2004 - latitude, longitude
        and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in value)
        and -90 <= value[0] <= 90  # noqa: PLR2004
        and -180 <= value[1] <= 180  # noqa: PLR2004
    )


def _check_centres(config: dict, where: str) -> None:
    """The optional `neighbourhood_centres` ({name: [latitude, longitude]}) opts into assignment by location:
    every neighbourhood needs a centre, its own or its team's `centre`."""
    centres = config.get("neighbourhood_centres")
    if centres is None:
        return
    if not isinstance(centres, dict):
        raise GeographyConfigError(f"{where}: 'neighbourhood_centres' must map neighbourhood names to [lat, lon]")
    listed = {name for _, team in _teams(config) for name in team["neighbourhoods"]}
    unknown = sorted(set(centres) - listed)
    if unknown:
        raise GeographyConfigError(f"{where}: 'neighbourhood_centres' names no listed neighbourhood: {unknown[:5]}")
    for name, value in centres.items():
        if not _is_lat_lon(value):
            raise GeographyConfigError(
                f"{where}: neighbourhood_centres['{name}'] must be [latitude, longitude] in degrees, not {value!r}"
            )
    for team_where, team in _teams(config):
        if "centre" in team and not _is_lat_lon(team["centre"]):
            raise GeographyConfigError(f"{team_where}: 'centre' must be [latitude, longitude] in degrees")
        missing = [n for n in team["neighbourhoods"] if n not in centres and "centre" not in team]
        if missing:
            raise GeographyConfigError(
                f"{team_where}: give {', '.join(repr(n) for n in missing)} a place in 'neighbourhood_centres' "
                "(or the team a 'centre'): with neighbourhood_centres every neighbourhood needs one"
            )


def _teams(config: dict) -> list[tuple[str, dict]]:
    return [
        (f"divisions[{d}] lpus[{u}] teams[{t}] ({team['name']})", team)
        for d, division in enumerate(config["divisions"])
        for u, lpu in enumerate(division["lpus"])
        for t, team in enumerate(lpu["teams"])
    ]


def neighbourhood_centres(config: dict) -> dict[str, tuple[float, float]] | None:
    """Neighbourhood name → (latitude, longitude) from a checked configuration: its `neighbourhood_centres`
    entry, else its team's `centre`; None when the configuration has no `neighbourhood_centres` (then LSOAs
    are assigned in equal runs, `beatbook/areas/placement.py`)."""
    centres = config.get("neighbourhood_centres")
    if centres is None:
        return None
    return {
        name: tuple(centres.get(name) or team["centre"])
        for _, team in _teams(config)
        for name in team["neighbourhoods"]
    }


def _optional_int(value: str, line: int, column: str) -> int | None:
    if value.strip() == "":
        return None
    try:
        return int(value)
    except ValueError:
        raise GeographyConfigError(f"line {line}: {column} must be a whole number, not {value!r}") from None


def read_lsoas(path: Path) -> list[LsoaRow]:
    rows: list[LsoaRow] = []
    try:
        with path.open(newline="", encoding="utf-8-sig") as handle:
            reader = csv.reader(handle, strict=True)
            header = next(reader, None)
            if header != LSOA_COLUMNS:
                raise GeographyConfigError(
                    f"{path}: the header must be exactly: {','.join(LSOA_COLUMNS)} (found {','.join(header or [])})"
                )
            for record in reader:
                line = reader.line_num
                if len(record) != len(LSOA_COLUMNS):
                    raise GeographyConfigError(
                        f"{path} line {line}: expected {len(LSOA_COLUMNS)} columns, found {len(record)}"
                    )
                rows.append(
                    LsoaRow(
                        code=record[0].strip(),
                        name=record[1].strip(),
                        msoa_code=record[2].strip(),
                        msoa_name=record[3].strip(),
                        local_authority_code=record[4].strip(),
                        local_authority_name=record[5].strip(),
                        population=_optional_int(record[6], line, "population_2011"),
                        households=_optional_int(record[7], line, "households_2011"),
                        area_hectares=_optional_int(record[8], line, "area_hectares"),
                    )
                )
    except OSError as error:
        raise GeographyConfigError(f"{path}: cannot read the LSOA file: {error}") from None
    except csv.Error as error:
        raise GeographyConfigError(f"{path}: broken CSV: {error}") from None
    return rows


# The ONS "LSOA (2011) to LSOA (2021)" lookup's columns, or our plain names for them.
LOOKUP_COLUMNS = {"lsoa11_code": ("lsoa11cd", "lsoa11_code"), "lsoa21_code": ("lsoa21cd", "lsoa21_code")}
LOOKUP_NAME_COLUMNS = ("lsoa21nm", "lsoa21_name")


def _columns_of(path: Path, header: list[str], wanted: dict[str, tuple[str, ...]]) -> dict[str, int]:
    lowered = [column.strip().lower() for column in header]
    found = {}
    for key, names in wanted.items():
        index = next((lowered.index(name) for name in names if name in lowered), None)
        if index is None:
            raise GeographyConfigError(f"{path}: needs a column {' or '.join(names)} (found {','.join(header)})")
        found[key] = index
    return found


def _csv_rows(path: Path, what: str) -> tuple[list[str], list[list[str]]]:
    try:
        with path.open(newline="", encoding="utf-8-sig") as handle:
            rows = list(csv.reader(handle, strict=True))
    except OSError as error:
        raise GeographyConfigError(f"{path}: cannot read the {what}: {error}") from None
    except csv.Error as error:
        raise GeographyConfigError(f"{path}: broken CSV: {error}") from None
    if not rows:
        raise GeographyConfigError(f"{path}: the {what} is empty")
    return rows[0], rows[1:]


def read_lsoa_lookup(path: Path) -> list[tuple[str, str, str]]:
    """(2011 code, 2021 code, 2021 name) rows of an LSOA 2011 → 2021 lookup CSV (ONS's LSOA11CD, LSOA21CD,
    LSOA21NM columns, or lsoa11_code, lsoa21_code, lsoa21_name); other columns are ignored."""
    header, rows = _csv_rows(path, "LSOA 2011 to 2021 lookup")
    columns = _columns_of(path, header, LOOKUP_COLUMNS)
    lowered = [column.strip().lower() for column in header]
    name_index = next((lowered.index(name) for name in LOOKUP_NAME_COLUMNS if name in lowered), None)
    lookup = []
    for line, record in enumerate(rows, start=2):
        old, new = (record[columns[key]].strip() for key in ("lsoa11_code", "lsoa21_code"))
        if not LSOA_CODE.match(old) or not LSOA_CODE.match(new):
            raise GeographyConfigError(f"{path} line {line}: {old!r} → {new!r} are not both LSOA codes")
        lookup.append((old, new, record[name_index].strip() if name_index is not None else ""))
    return lookup


def read_assignments(path: Path) -> list[tuple[str, str]]:
    """(LSOA code, neighbourhood code or name) rows of a CSV with the header lsoa_code,neighbourhood."""
    header, rows = _csv_rows(path, "LSOA assignments")
    if [column.strip() for column in header] != ["lsoa_code", "neighbourhood"]:
        raise GeographyConfigError(f"{path}: the header must be exactly: lsoa_code,neighbourhood")
    pairs = []
    for line, record in enumerate(rows, start=2):
        if len(record) != 2 or not LSOA_CODE.match(record[0].strip()) or not record[1].strip():
            raise GeographyConfigError(f"{path} line {line}: expected an LSOA code and a neighbourhood")
        pairs.append((record[0].strip(), record[1].strip()))
    return pairs


def lookup_path(config: dict, config_path: Path) -> Path | None:
    """The configuration's `lsoa_2021_lookup` file, relative to the configuration file."""
    value = config.get("lsoa_2021_lookup")
    if value in (None, ""):
        return None
    if not isinstance(value, str):
        raise GeographyConfigError(f"{config_path}: 'lsoa_2021_lookup' must be a file name")
    return (config_path.parent / value).resolve()
