"""police.uk's forces: the 43 territorial forces of England and Wales, Northern Ireland and British
Transport Police, with the ids police.uk uses in its file names and API (`GET /forces`, which lists all but
`btp`; btp is in the archive's file names). A `Falls within` / `Reported by` name maps to one of these ids,
never to a new slug: "Devon & Cornwall Police" is `devon-and-cornwall`, "British Transport Police" is `btp`.

Source: data.police.uk `GET /forces` and the archive's file names (../shared/POLICE_UK.md §3.2, §3.4).
"""

from __future__ import annotations

import re

# (police.uk id, name as police.uk gives it, other names seen in Falls within / Reported by)
POLICE_UK_FORCES: list[tuple[str, str, tuple[str, ...]]] = [
    ("avon-and-somerset", "Avon and Somerset Constabulary", ("Avon & Somerset Constabulary",)),
    ("bedfordshire", "Bedfordshire Police", ()),
    ("cambridgeshire", "Cambridgeshire Constabulary", ()),
    ("cheshire", "Cheshire Constabulary", ()),
    ("city-of-london", "City of London Police", ()),
    ("cleveland", "Cleveland Police", ()),
    ("cumbria", "Cumbria Constabulary", ()),
    ("derbyshire", "Derbyshire Constabulary", ()),
    ("devon-and-cornwall", "Devon & Cornwall Police", ("Devon and Cornwall Police",)),
    ("dorset", "Dorset Police", ()),
    ("durham", "Durham Constabulary", ()),
    ("dyfed-powys", "Dyfed-Powys Police", ("Dyfed Powys Police",)),
    ("essex", "Essex Police", ()),
    ("gloucestershire", "Gloucestershire Constabulary", ()),
    ("greater-manchester", "Greater Manchester Police", ()),
    ("gwent", "Gwent Police", ()),
    ("hampshire", "Hampshire Constabulary", ("Hampshire and Isle of Wight Constabulary",)),
    ("hertfordshire", "Hertfordshire Constabulary", ()),
    ("humberside", "Humberside Police", ()),
    ("kent", "Kent Police", ()),
    ("lancashire", "Lancashire Constabulary", ("Lancashire Police",)),
    ("leicestershire", "Leicestershire Police", ()),
    ("lincolnshire", "Lincolnshire Police", ()),
    ("merseyside", "Merseyside Police", ()),
    ("metropolitan", "Metropolitan Police Service", ("Metropolitan Police",)),
    ("norfolk", "Norfolk Constabulary", ()),
    ("north-wales", "North Wales Police", ()),
    ("north-yorkshire", "North Yorkshire Police", ()),
    ("northamptonshire", "Northamptonshire Police", ()),
    ("northumbria", "Northumbria Police", ()),
    ("nottinghamshire", "Nottinghamshire Police", ()),
    ("south-wales", "South Wales Police", ()),
    ("south-yorkshire", "South Yorkshire Police", ()),
    ("staffordshire", "Staffordshire Police", ()),
    ("suffolk", "Suffolk Constabulary", ()),
    ("surrey", "Surrey Police", ()),
    ("sussex", "Sussex Police", ()),
    ("thames-valley", "Thames Valley Police", ()),
    ("warwickshire", "Warwickshire Police", ()),
    ("west-mercia", "West Mercia Police", ()),
    ("west-midlands", "West Midlands Police", ()),
    ("west-yorkshire", "West Yorkshire Police", ()),
    ("wiltshire", "Wiltshire Police", ()),
    ("northern-ireland", "Police Service of Northern Ireland", ("PSNI",)),
    ("btp", "British Transport Police", ()),
]
FORCE_IDS = [force_id for force_id, _, _ in POLICE_UK_FORCES]
FORCE_NAMES = {force_id: name for force_id, name, _ in POLICE_UK_FORCES}


def _normal(name: str) -> str:
    """Case, '&'/'and', punctuation and spacing do not tell forces apart."""
    text = name.lower().replace("&", " and ")
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


_BY_NAME = {
    _normal(text): force_id
    for force_id, name, others in POLICE_UK_FORCES
    for text in (name, *others, force_id.replace("-", " "))
}


def force_id_for_name(name: str) -> str | None:
    """The police.uk id for a Falls within name ("Devon & Cornwall Police" → "devon-and-cornwall"), or None."""
    return _BY_NAME.get(_normal(name))


def unknown_force_message(name: str) -> str:
    return f"{name!r} is not a police.uk force; the forces are: {', '.join(FORCE_NAMES.values())}"
