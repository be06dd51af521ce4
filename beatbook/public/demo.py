"""Demo data for the public pages: the demo's published priorities get their approved public copies."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType

from beatbook.areas.models import Area, Level
from beatbook.neighbourhoods.models import Priority
from beatbook.public.models import PublishedVersion
from beatbook.public.places import do_refresh_place_names


def do_load_demo_publications() -> int:
    """Approve, as published, the text of every demo priority marked published without an approved copy
    (the demo builds priorities directly). Returns how many were approved. Safe to run again."""
    content_type = ContentType.objects.get_for_model(Priority)
    done = set(PublishedVersion.objects.filter(content_type=content_type).values_list("object_id", flat=True))
    rows = [
        PublishedVersion(
            content_type=content_type,
            object_id=p.pk,
            area_id=p.neighbourhood_id,
            fields=p.public_fields(),
            approved_by_id=p.published_by_id,
            approved_at=p.published_at,
        )
        for p in Priority.objects.filter(published_at__isnull=False, published_by__isnull=False).exclude(pk__in=done)
    ]
    PublishedVersion.objects.bulk_create(rows, batch_size=500)
    return len(rows)


def do_load_demo_public() -> None:
    """Everything the public pages need from a loaded demo: approved priorities and the search table."""
    do_load_demo_publications()
    for force in Area.objects.filter(level=Level.FORCE):
        do_refresh_place_names(force)
