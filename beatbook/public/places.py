"""The public "your area" search: by postcode district or sector, street, town or area name, from the
`PlaceName` table only (issue 11 item 3, issue 17 item 8).

What ships:
- `data/postcode_sectors.csv`: the postcode sectors of the Derbyshire force area, each with its postcode
  units counted by the MSOA their point lies in (Ordnance Survey Code-Point Open, Open Government Licence;
  `beatbook.public.postcode_sectors`). A sector ("S43 3") finds the neighbourhoods of the LSOAs of the MSOAs
  holding most of its units; a full postcode is looked up by its sector; a district by its sectors too.
- `data/postcode_districts.csv`: the districts with the places each covers (Royal Mail post towns and
  localities, compiled by hand): a district also finds the neighbourhoods whose names carry those places.
A sector the shipped data does not hold is looked up by its district, and the page says so.
Streets are police.uk's own "On or near …" names; for a force police.uk has not published lately (the demo),
the force export's public "On or near …" descriptions of the last year, as the police.uk API serves them
(`_public_streets`). A force export's other location text is never searched."""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from dataclasses import dataclass, replace
from pathlib import Path

from django.db import transaction
from django.db.models import Max, Q, QuerySet

from beatbook.areas.models import Area, Level, Lsoa
from beatbook.crime.models import Incident, Source
from beatbook.crime.periods import add_months
from beatbook.public.models import PlaceKind, PlaceName
from beatbook.public.policeuk.public_points import SNAP_MONTHS
from beatbook.public.postcode_sectors import read_sectors

POSTCODE_DISTRICTS = Path(__file__).with_name("data") / "postcode_districts.csv"
POSTCODE = re.compile(r"^(?P<district>[A-Z]{1,2}[0-9][A-Z0-9]?)(?:\s*(?P<sector>[0-9])(?P<unit>[A-Z]{2})?)?$")
RESULTS = 20
NEAR = re.compile(r"^on or near\s+", re.IGNORECASE)


APOSTROPHES = re.compile(r"['\u2018\u2019`]")  # straight, curly (as phones type them) and the grave accent


def _key(text: str) -> str:
    """Lower case, apostrophes dropped (people type "St Helens" for "St. Helen's"), other punctuation a space."""
    return " ".join(re.sub(r"[^\w&]+", " ", APOSTROPHES.sub("", text.lower())).split())


def _tails(name: str) -> list[str]:
    """The name's key and each tail starting at a later word, so "Barrow Hill" finds "Whittington &
    Barrow Hill"."""
    words = _key(name).split()
    return [" ".join(words[i:]) for i in range(len(words)) if words[i] != "&"]


def postcode_districts() -> dict[str, list[str]]:
    with POSTCODE_DISTRICTS.open(newline="", encoding="utf-8") as handle:
        return {row["district"]: row["places"].split("|") for row in csv.DictReader(handle)}


@transaction.atomic
def do_refresh_place_names(force: Area) -> int:
    """Rebuild the force's search rows from public names; returns how many. Run after loading areas
    and after each police.uk import."""
    neighbourhoods = list(Area.objects.within(force).filter(level=Level.NEIGHBOURHOOD).select_related("parent__parent"))
    PlaceName.objects.filter(neighbourhood__in=neighbourhoods).delete()
    rows: dict[tuple, PlaceName] = {}

    def add(neighbourhood: Area, kind: str, name: str, keys: list[str]) -> None:
        for key in keys:
            if key:
                rows.setdefault((neighbourhood.pk, kind, key), PlaceName(
                    neighbourhood=neighbourhood, kind=kind, name=name[:255], key=key[:255]
                ))  # fmt: skip

    for area in neighbourhoods:
        for named in (area, area.parent, area.parent.parent if area.parent else None):
            if named is not None and named.level != Level.FORCE:
                add(area, PlaceKind.AREA, named.name, _tails(named.name))
    by_id = {area.pk: area for area in neighbourhoods}
    authorities = Lsoa.objects.filter(neighbourhood__in=neighbourhoods).values_list(
        "neighbourhood_id", "local_authority_name"
    )
    for neighbourhood_id, authority in authorities.distinct():
        add(by_id[neighbourhood_id], PlaceKind.AUTHORITY, authority, _tails(authority.removesuffix(" UA")))
    for neighbourhood_id, location in _public_streets(force, neighbourhoods).iterator():
        street = NEAR.sub("", location)
        add(by_id[neighbourhood_id], PlaceKind.STREET, street, [_key(street)])
    _add_sectors(force, neighbourhoods, add)
    for district, places in postcode_districts().items():
        for area in neighbourhoods:
            name = _key(area.name)
            if any(re.search(rf"\b{re.escape(_key(place))}\b", name) for place in places):
                add(area, PlaceKind.POSTCODE, district, [district.lower()])
    PlaceName.objects.bulk_create(rows.values(), batch_size=1000)
    return len(rows)


def _public_streets(force: Area, neighbourhoods: list[Area]) -> QuerySet:
    """(neighbourhood id, "On or near …" name) pairs, distinct. police.uk's own names where police.uk has
    published the force in the last SNAP_MONTHS months; otherwise (a force police.uk has not published,
    such as the demo) the force export's public "On or near …" descriptions of those months: the names
    Beatbook's police.uk API already serves for that force's incidents (beatbook.public.policeuk.public_points)."""
    located = Incident.objects.filter(force=force, lsoa__neighbourhood__in=neighbourhoods).exclude(location="")
    latest = Incident.objects.filter(force=force).aggregate(latest=Max("month"))["latest"]
    if latest is None:
        return located.none().values_list("lsoa__neighbourhood_id", "location")
    recent = Q(month__gte=add_months(latest, 1 - SNAP_MONTHS))
    if located.filter(recent, source=Source.POLICE_UK).exists() or not located.filter(recent).exists():
        streets = located.filter(source=Source.POLICE_UK)
    else:
        streets = located.filter(recent, source=Source.FORCE_EXPORT, location__startswith="On or near ")
    return streets.values_list("lsoa__neighbourhood_id", "location").distinct()


def _add_sectors(force: Area, neighbourhoods: list[Area], add) -> None:  # noqa: ANN001 - do_refresh's add()
    """Search rows for the shipped postcode sectors and their districts: each sector's neighbourhoods are those
    of the force's LSOAs in the MSOAs holding most of its postcode units (`Sector.main_msoas`)."""
    by_id = {area.pk: area for area in neighbourhoods}
    in_msoa: dict[str, set[int]] = defaultdict(set)
    for msoa, neighbourhood_id in Lsoa.objects.filter(force=force, neighbourhood__in=neighbourhoods).values_list(
        "msoa_code", "neighbourhood_id"
    ):
        in_msoa[msoa].add(neighbourhood_id)
    for sector in read_sectors():
        district = sector.sector.split()[0]
        for msoa in sector.main_msoas():
            for neighbourhood_id in in_msoa.get(msoa, ()):
                add(by_id[neighbourhood_id], PlaceKind.POSTCODE, sector.sector, [sector.sector.lower()])
                add(by_id[neighbourhood_id], PlaceKind.POSTCODE, district, [district.lower()])


@dataclass(frozen=True)
class Found:
    neighbourhoods: list[Area]  # the first `limit` of them, by name
    district: str = ""  # the postcode district searched, when the query was a postcode
    sector_note: bool = False  # a sector or full postcode the shipped sectors lack, looked up by its district
    sector: str = ""  # the sector searched ("S43 3"), for a sector or full postcode
    unit_note: bool = False  # a full postcode, looked up by its sector
    total: int = 0  # every neighbourhood found: more than len(neighbourhoods) when the list is cut short
    within: str = ""  # the town or postcode after a comma ("High Street, Staveley") that narrowed the search


def search(text: str, limit: int = RESULTS) -> Found:
    """Neighbourhoods for a postcode, street or place name: an indexed prefix search on `PlaceName.key`
    (a range on the key, which both SQLite and PostgreSQL answer from the index). A sector or full postcode
    is looked up by its sector where the shipped sectors hold it, else by its district (`sector_note`).
    "Street, town" (or "street, postcode") keeps the street's neighbourhoods that the town or postcode also
    finds, as people write an address; `total` counts every match, however many are listed."""
    text, _comma, within = text.partition(",")
    found = _search_one(text, limit, _ids_for(within) if within.strip() else None)
    return replace(found, within=within.strip()) if within.strip() else found


def _search_one(text: str, limit: int, among: QuerySet | None) -> Found:
    postcode = POSTCODE.match(text.strip().upper())
    if postcode:
        district = postcode["district"]
        sector = f"{district} {postcode['sector']}" if postcode["sector"] else ""
        if sector:
            found, total = _areas(_postcode_ids(sector), limit, among)
            if found:
                return Found(found, district, sector=sector, unit_note=bool(postcode["unit"]), total=total)
        found, total = _areas(_postcode_ids(district), limit, among)
        return Found(found, district, bool(sector), sector, total=total)
    key = _key(text)
    if len(key) < 2:
        return Found([])
    found, total = _areas(_prefix_ids(key), limit, among)
    return Found(found, total=total)


def _ids_for(text: str) -> QuerySet:
    """The neighbourhood ids a town, place or postcode finds (for the part after a comma)."""
    postcode = POSTCODE.match(text.strip().upper())
    if postcode:
        sector = f"{postcode['district']} {postcode['sector']}" if postcode["sector"] else ""
        return (
            _postcode_ids(sector) if sector and _postcode_ids(sector).exists() else _postcode_ids(postcode["district"])
        )
    return _prefix_ids(_key(text))


def _postcode_ids(code: str) -> QuerySet:
    return PlaceName.objects.filter(kind=PlaceKind.POSTCODE, key=code.lower()).values("neighbourhood_id")


def _prefix_ids(key: str) -> QuerySet:
    return PlaceName.objects.filter(Q(key__gte=key) & Q(key__lt=key + "\uffff")).values("neighbourhood_id")


def _areas(ids, limit: int, among: QuerySet | None = None) -> tuple[list[Area], int]:  # noqa: ANN001 - values()
    """(the first `limit` neighbourhoods by name, how many there are in all)."""
    queryset = Area.objects.filter(pk__in=ids, level=Level.NEIGHBOURHOOD)
    if among is not None:
        queryset = queryset.filter(pk__in=among)
    return list(queryset.select_related("parent").order_by("name")[:limit]), queryset.count()
