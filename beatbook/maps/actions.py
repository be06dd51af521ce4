"""Loading a force's reference layers (audited; replaces what the force had)."""

from __future__ import annotations

from pathlib import Path

from django.core.exceptions import PermissionDenied
from django.db import transaction

from beatbook.accounts import access
from beatbook.accounts.access import Capability
from beatbook.accounts.models import User
from beatbook.areas.models import Area
from beatbook.audit.models import Operation
from beatbook.audit.record import record_event
from beatbook.counts.refresh import bump_data_version
from beatbook.maps.layers import DEFAULT_TOLERANCE_METRES, area_shapes, geojson, label_point, read_boundaries
from beatbook.maps.models import ReferenceShape, ShapeKind

OGL_SOURCE = "Office for National Statistics, Open Government Licence v3.0"


@transaction.atomic
def do_load_reference_layers(
    force: Area,
    *,
    local_authorities: Path,
    msoas: Path,
    acting_user: User | None,
    tolerance_metres: float = DEFAULT_TOLERANCE_METRES,
) -> dict[str, int]:
    """Replace `force`'s local authority and MSOA outlines with those in the two GeoJSON files (simplified by
    `tolerance_metres`), and derive every area's outline from its LSOAs' MSOAs (exact where they are whole MSOAs,
    approximate where an MSOA is shared: `beatbook.maps.outlines`). Returns counts by kind, with
    `areas_with_outline` and `areas_approximate`.

    Raises ValueError for a file that is not boundary GeoJSON; PermissionDenied for a user who cannot
    import data for the force (None is the command line or the demo)."""
    if acting_user is not None and not access.can(acting_user, Capability.IMPORT_DATA, force):
        raise PermissionDenied("Only a force-wide analyst or administrator can load reference layers")
    authorities = read_boundaries(local_authorities, tolerance_metres)
    msoa_boundaries = read_boundaries(msoas, tolerance_metres)
    ReferenceShape.objects.filter(force=force).delete()
    rows = [
        ReferenceShape(
            force=force,
            kind=kind,
            code=boundary.code,
            name=boundary.name,
            geometry=geojson(boundary.geometry),
            label_longitude=label_point(boundary.geometry)[0],
            label_latitude=label_point(boundary.geometry)[1],
            source=OGL_SOURCE,
        )
        for kind, boundaries in ((ShapeKind.LOCAL_AUTHORITY, authorities), (ShapeKind.MSOA, msoa_boundaries))
        for boundary in boundaries
    ]
    for shape in area_shapes(force, msoa_boundaries):
        rows.append(
            ReferenceShape(
                force=force,
                kind=ShapeKind.AREA,
                code=shape.area.code,
                name=shape.area.name,
                area=shape.area,
                geometry=geojson(shape.geometry),
                label_longitude=shape.label[0],
                label_latitude=shape.label[1],
                aligned=shape.aligned,
                source=(
                    f"Union of its LSOAs' MSOAs ({OGL_SOURCE})"
                    if shape.aligned
                    else f"Approximate: its LSOAs' shares of their MSOAs ({OGL_SOURCE})"
                ),
            )
        )
    ReferenceShape.objects.bulk_create(rows)
    bump_data_version()  # map layers are served from the cache by data version (beatbook.hotspots.views)
    counts = {kind: sum(r.kind == kind for r in rows) for kind in ShapeKind.values}
    counts["areas_with_outline"] = sum(r.kind == ShapeKind.AREA and r.geometry is not None for r in rows)
    counts["areas_approximate"] = sum(r.kind == ShapeKind.AREA and not r.aligned for r in rows)
    record_event(
        actor=acting_user,
        operation=Operation.COLLECTION,
        event="maps.reference_layers_loaded",
        area=force,
        detail=counts,
    )
    return counts
