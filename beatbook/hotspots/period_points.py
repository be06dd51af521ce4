"""One read of an area's incidents in a period for its hotspot page's cells: every (LSOA, map point) with
how many incidents share it, the unlocated ones as points with no position.

The scored cells (incidents per distinct point) and the unlocated count each read the same months of the area
before, two passes over a force's rows on a cold view (SQLite visits every row of the months, as the (force,
month, kind) index holds no position); both are sums over these groups, and the LSOAs say which incidents the
top cells' place names are read from. Below a force the (lsoa_id, month, longitude, latitude) index holds
every column read, so the read touches the index alone.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

import numpy as np
from django.db.models import Count

from beatbook.areas.models import Area
from beatbook.crime import queries


@dataclass(frozen=True)
class PeriodPoints:
    """Groups of the area's incidents in the period by (LSOA, point); lsoa is -1 for none, and longitude
    and latitude NaN for unlocated incidents."""

    lsoa: np.ndarray
    longitude: np.ndarray
    latitude: np.ndarray
    n: np.ndarray

    @property
    def located(self) -> np.ndarray:
        return ~np.isnan(self.longitude)

    def unlocated(self) -> int:
        return int(self.n[~self.located].sum())

    def distinct_points(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(longitude, latitude, incidents) per distinct located point, ordered by longitude then latitude
        (as a GROUP BY longitude, latitude returns them on SQLite)."""
        located = self.located
        lon, lat, n = self.longitude[located], self.latitude[located], self.n[located]
        if not len(lon):
            return lon, lat, n
        order = np.lexsort((lat, lon))
        lon, lat, n = lon[order], lat[order], n[order]
        starts = np.flatnonzero(np.concatenate([[True], (lon[1:] != lon[:-1]) | (lat[1:] != lat[:-1])]))
        return lon[starts], lat[starts], np.add.reduceat(n, starts)


def read_period_points(area: Area, first: date, last: date) -> PeriodPoints:
    """The area's incidents from `first` to `last` (months inclusive), grouped by LSOA and point."""
    groups = list(
        queries.incidents(area=area, first=first, last=last)
        .order_by()
        # The point first: grouped by lsoa_id first, SQLite reads a force's months through the (lsoa_id, month,
        # …) index, skipping over its 4,000 LSOAs and visiting each row (2.5M incidents: 190 ms), instead of
        # through the (force, month, kind) index (60 ms).
        .values_list("longitude", "latitude", "lsoa_id")
        .annotate(n=Count("*"))
    )
    count = len(groups)
    return PeriodPoints(
        lsoa=np.fromiter((-1 if g[2] is None else g[2] for g in groups), dtype=np.int64, count=count),
        longitude=np.fromiter((math.nan if g[0] is None else g[0] for g in groups), dtype=float, count=count),
        latitude=np.fromiter((math.nan if g[1] is None else g[1] for g in groups), dtype=float, count=count),
        n=np.fromiter((g[3] for g in groups), dtype=np.int64, count=count),
    )
