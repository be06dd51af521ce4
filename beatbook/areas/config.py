"""Reading a force's geography configuration (JSON) and its LSOA list (CSV), with clear errors.

The configuration names the force, its divisions, local policing units (each with the local
authorities whose LSOAs it covers), neighbourhood teams and neighbourhoods. See
docs/data-sources.md for the format; beatbook/demo/data/derbyshire.json is an example.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from pathlib import Path


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
    seen: set[str] = set()
    for d, division in enumerate(_require(config, "divisions", where, list)):
        division_where = f"{where} divisions[{d}]"
        _require(division, "name", division_where, str)
        for u, lpu in enumerate(_require(division, "lpus", division_where, list)):
            lpu_where = f"{division_where} lpus[{u}]"
            _require(lpu, "name", lpu_where, str)
            _require(lpu, "local_authorities", lpu_where, list)
            for t, team in enumerate(_require(lpu, "teams", lpu_where, list)):
                team_where = f"{lpu_where} teams[{t}]"
                _require(team, "name", team_where, str)
                for name in _require(team, "neighbourhoods", team_where, list):
                    if name in seen:
                        raise GeographyConfigError(f"{team_where}: neighbourhood '{name}' is listed twice")
                    seen.add(name)


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
