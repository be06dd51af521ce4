"""Reading located incidents from the database as arrays for the analysis."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np

from beatbook.areas.models import Area
from beatbook.crime.queries import incidents
from beatbook.hotspots.analysis import to_bng


@dataclass(frozen=True)
class Points:
    x: np.ndarray
    y: np.ndarray
    unlocated: int

    def __len__(self) -> int:
        return len(self.x)


def located_points(
    *,
    force: Area | None = None,
    area: Area | None = None,
    first: date | None = None,
    last: date | None = None,
    categories: Sequence[str] = (),
) -> Points:
    """BNG points of the incidents in the filter that have coordinates, and how many had none."""
    queryset = incidents(force=force, area=area, first=first, last=last, categories=categories)
    coordinates = np.array(
        list(queryset.filter(longitude__isnull=False).values_list("longitude", "latitude")), dtype=float
    ).reshape(-1, 2)
    unlocated = queryset.filter(longitude__isnull=True).count()
    x, y = to_bng(coordinates[:, 0], coordinates[:, 1])
    return Points(x, y, unlocated)
