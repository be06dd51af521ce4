"""A force's own incident export: crimes with Home Office offence codes and ASB incidents with their
NSIR type, so figures can be shown as the seed papers show them (ASB by Personal / Nuisance /
Environmental; neighbourhood crime by type), and optionally each crime's outcome type, premises and attendance
(`force_detail`). The format is documented in docs/data-sources.md.
"""

from __future__ import annotations

from beatbook.crime.categories import NSIR_BY_CODE, NSIR_BY_NAME, Category
from beatbook.crime.importers.force_detail import parse_detail
from beatbook.crime.importers.police_uk import FORCE_INCIDENT_COLUMNS, RowContext, _coordinates, _lsoa, fingerprint
from beatbook.crime.offences import offences
from beatbook.lib.dates import LONDON, LocalTimeError, parse_timestamp

REFERENCE_LIMIT, LOCATION_LIMIT = 60, 255  # Incident.reference, Incident.location

_FLAGS = {
    "": False,
    "0": False,
    "n": False,
    "no": False,
    "false": False,
    "1": True,
    "y": True,
    "yes": True,
    "true": True,
}


def _flag(value: str, column: str) -> bool:
    try:
        return _FLAGS[value.strip().lower()]
    except KeyError:
        raise ValueError(f"{column} must be yes or no, not {value!r}") from None


def parse_force_incident(fields: list[str], context: RowContext) -> tuple:
    """The row as a record (see ForceIncidentLoader): the required columns, then the optional columns' detail
    ({column: value} or None where the file has none of them), then the fingerprint. Raises ValueError."""
    required = len(FORCE_INCIDENT_COLUMNS)
    (
        reference,
        opened_at,
        kind,
        closure_code,
        offence_code,
        location,
        latitude,
        longitude,
        lsoa_code,
        repeat_location,
        repeat_victim,
    ) = fields[:required]
    if not reference.strip():
        raise ValueError("reference is empty")
    # Each limit is the column's size, so SQLite keeps exactly the rows PostgreSQL can.
    if len(reference.strip()) > REFERENCE_LIMIT:
        raise ValueError(f"reference is longer than {REFERENCE_LIMIT} characters, the most it may have")
    if len(location.strip()) > LOCATION_LIMIT:
        raise ValueError(f"location is longer than {LOCATION_LIMIT} characters, the most it may have")
    try:
        occurred = parse_timestamp(opened_at)
    except LocalTimeError as error:
        raise ValueError(f"opened_at: {error}") from None
    kind = kind.strip().lower()
    nsir_type, nhc_type, code_kept = "", "", ""
    if kind == "asb":
        code = closure_code.strip().lower()
        nsir_type = NSIR_BY_CODE.get(code) or NSIR_BY_NAME.get(code)
        if nsir_type is None:
            raise ValueError(f"closure_code {closure_code!r} is not ASP, ASN, ASE or Personal/Nuisance/Environmental")
        category = Category.ANTI_SOCIAL_BEHAVIOUR
    elif kind == "crime":
        offence = offences().get(offence_code.strip().upper())
        if offence is None:
            raise ValueError(f"offence_code {offence_code!r} is not a Home Office offence code")
        category, nhc_type, code_kept = offence.category, offence.neighbourhood_crime_type, offence.code
    else:
        raise ValueError(f"kind must be asb or crime, not {kind!r}")
    lon, lat = _coordinates(longitude, latitude)
    code, _ = _lsoa(lsoa_code.strip(), "")
    detail = parse_detail(dict(zip(context.optional, fields[required:], strict=True)), kind, code_kept)
    month = occurred.astimezone(LONDON).date().replace(day=1)  # the month as the force reports it
    return (
        reference.strip(),
        month,
        occurred,
        kind,
        category,
        nsir_type,
        nhc_type,
        lon,
        lat,
        location.strip(),
        code,
        _flag(repeat_location, "repeat_location"),
        _flag(repeat_victim, "repeat_victim"),
        code_kept,
        detail,
        fingerprint(fields),
    )
