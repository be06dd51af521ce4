"""Finding an area from a command-line option, with an error that lists what exists."""

from __future__ import annotations

from django.core.management.base import CommandError

from beatbook.areas.models import Area, Level


def area_from_option(code: str | None, option: str, *, force: bool = False) -> Area | None:
    """The area (or force, with `force`) whose code was given to `option`; None when none was given."""
    if not code:
        return None
    area = Area.objects.filter(code=code).first()
    if area is None or (force and area.level != Level.FORCE):
        if force:
            known = ", ".join(Area.objects.filter(level=Level.FORCE).values_list("code", flat=True)) or "none yet"
            raise CommandError(f"{option} {code}: no such force (forces: {known})")
        raise CommandError(f"{option} {code}: no such area (see the Areas pages or the API for codes)")
    return area
