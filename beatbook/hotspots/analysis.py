"""Hotspot analysis on a regular grid in British National Grid metres: pure functions.

Method and caveats: docs/methods/hotspots.md. In short:
- Points (WGS84 longitude/latitude) are projected to EPSG:27700. pyproj uses its built-in Helmert
  transformation unless the OSTN15 grid is installed: a few metres of error, far below a cell.
- The study area is every cell of the grid aligned to multiples of the cell size that covers the
  bounding box of the located incidents, empty cells included.
- Getis-Ord Gi* with binary weights and the cell itself included (queen contiguity by default: the 8
  surrounding cells; or a distance band), with analytical z-scores as PySAL esda computes them
  (G_Local(star=True), binary transform), two-sided normal p-values and a Benjamini–Hochberg
  false-discovery-rate correction.
- Kernel density: a Gaussian kernel on a fine sub-grid (about 25 m), summed back to the cells, so a
  cell's score is the kernel-smoothed number of incidents in it.
Nothing here touches the database or the clock.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from pyproj import Transformer
from scipy import ndimage, stats

DEFAULT_CELL_METRES = 250
MIN_CELL_METRES, MAX_CELL_METRES = 50, 1000
DEFAULT_BANDWIDTH_METRES = 250  # the best-predicting KDE bandwidth on real data (PERFORMANCE.md)
FINE_CELL_METRES = 25

_TO_BNG = Transformer.from_crs("EPSG:4326", "EPSG:27700", always_xy=True)
_FROM_BNG = Transformer.from_crs("EPSG:27700", "EPSG:4326", always_xy=True)


def to_bng(longitudes: np.ndarray, latitudes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Eastings and northings in metres for WGS84 points."""
    x, y = _TO_BNG.transform(np.asarray(longitudes, dtype=float), np.asarray(latitudes, dtype=float))
    return np.asarray(x), np.asarray(y)


def from_bng(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Longitudes and latitudes for BNG points (for maps)."""
    lon, lat = _FROM_BNG.transform(np.asarray(x, dtype=float), np.asarray(y, dtype=float))
    return np.asarray(lon), np.asarray(lat)


@dataclass(frozen=True)
class Grid:
    """A grid of square cells; cell (row, col) has its lower-left corner at (x0 + col·size, y0 + row·size)."""

    x0: int
    y0: int
    size: float
    rows: int
    cols: int

    @property
    def shape(self) -> tuple[int, int]:
        return self.rows, self.cols

    @property
    def cell_count(self) -> int:
        return self.rows * self.cols

    def corners(self) -> tuple[np.ndarray, np.ndarray]:
        """Lower-left x and y of every cell, row-major (the order of `array.ravel()`)."""
        cols, rows = np.meshgrid(np.arange(self.cols), np.arange(self.rows))
        return (self.x0 + cols.ravel() * self.size), (self.y0 + rows.ravel() * self.size)

    def cell_of(self, x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(row, col) of each point, and points outside the grid get -1."""
        col = np.floor((np.asarray(x) - self.x0) / self.size).astype(int)
        row = np.floor((np.asarray(y) - self.y0) / self.size).astype(int)
        outside = (col < 0) | (col >= self.cols) | (row < 0) | (row >= self.rows)
        return np.where(outside, -1, row), np.where(outside, -1, col)


def check_cell_size(size: int) -> int:
    if not MIN_CELL_METRES <= size <= MAX_CELL_METRES:
        raise ValueError(f"the cell size must be {MIN_CELL_METRES}–{MAX_CELL_METRES} metres, not {size}")
    return int(size)


def grid_covering(x: np.ndarray, y: np.ndarray, size: int = DEFAULT_CELL_METRES) -> Grid:
    """Every cell aligned to multiples of `size` that covers the points' bounding box."""
    size = check_cell_size(size)
    if len(x) == 0:
        raise ValueError("there are no located incidents to make a grid from")
    x0, y0 = math.floor(float(np.min(x)) / size) * size, math.floor(float(np.min(y)) / size) * size
    cols = math.floor(float(np.max(x)) / size) * size - x0
    rows = math.floor(float(np.max(y)) / size) * size - y0
    return Grid(int(x0), int(y0), size, rows // size + 1, cols // size + 1)


def count_grid(grid: Grid, x: np.ndarray, y: np.ndarray, weights: np.ndarray | None = None) -> np.ndarray:
    """Incidents per cell, shape (rows, cols); points outside the grid are not counted. `weights` (whole
    numbers, one a point) counts a point as that many incidents: a point where several share a place."""
    rows, cols = grid.cell_of(x, y)
    inside = rows >= 0
    counts = np.zeros(grid.shape, dtype=np.int64)
    np.add.at(counts, (rows[inside], cols[inside]), 1 if weights is None else np.asarray(weights)[inside])
    return counts


def queen_kernel() -> np.ndarray:
    return np.ones((3, 3))


def distance_band_kernel(cell: int, band_metres: float) -> np.ndarray:
    """Cells whose centres lie within `band_metres` of the centre cell (itself included)."""
    if band_metres < cell:
        raise ValueError(f"a distance band of {band_metres} m is narrower than a {cell} m cell")
    reach = int(band_metres // cell)
    offsets = np.arange(-reach, reach + 1)
    dx, dy = np.meshgrid(offsets, offsets)
    return ((dx * cell) ** 2 + (dy * cell) ** 2 <= band_metres**2).astype(float)


def _neighbour_sums(values: np.ndarray, kernel: np.ndarray) -> np.ndarray:
    # Cells beyond the edge count as absent (mode constant 0), as contiguity weights define them.
    return ndimage.correlate(values.astype(float), kernel, mode="constant", cval=0.0)


@dataclass(frozen=True)
class GiStar:
    z: np.ndarray  # (rows, cols)
    p: np.ndarray  # two-sided normal p-values
    p_fdr: np.ndarray  # Benjamini–Hochberg adjusted


def gi_star(counts: np.ndarray, kernel: np.ndarray | None = None) -> GiStar:
    """Getis-Ord Gi* z-scores with binary weights (the cell included), as esda's G_Local(star=True, 'B')."""
    kernel = queen_kernel() if kernel is None else kernel
    y = counts.astype(float)
    n = y.size
    total = y.sum()
    if total == 0 or n == 1:  # no incidents, or a one-cell study area: nothing to compare a cell with
        zeros = np.zeros_like(y)
        return GiStar(zeros, np.ones_like(y), np.ones_like(y))
    lag = _neighbour_sums(y, kernel)
    cardinality = _neighbour_sums(np.ones_like(y), kernel)
    statistic = lag / total
    mean = total / n
    variance = (y**2).sum() / n - mean**2
    expected = cardinality / n
    expected_variance = cardinality * (n - cardinality) / (n - 1) / n**2 * variance / mean**2
    with np.errstate(divide="ignore", invalid="ignore"):
        z = np.where(expected_variance > 0, (statistic - expected) / np.sqrt(expected_variance), 0.0)
    p = 2 * stats.norm.sf(np.abs(z))
    return GiStar(z, p, benjamini_hochberg(p))


def benjamini_hochberg(p: np.ndarray) -> np.ndarray:
    """Benjamini–Hochberg adjusted p-values (same shape as `p`)."""
    flat = p.ravel()
    order = np.argsort(flat)
    ranked = flat[order] * flat.size / np.arange(1, flat.size + 1)
    adjusted = np.minimum.accumulate(ranked[::-1])[::-1]
    result = np.empty_like(flat)
    result[order] = np.minimum(adjusted, 1.0)
    return result.reshape(p.shape)


def kde(
    grid: Grid,
    x: np.ndarray,
    y: np.ndarray,
    bandwidth: float = DEFAULT_BANDWIDTH_METRES,
    weights: np.ndarray | None = None,
) -> np.ndarray:
    """Kernel-smoothed incidents per cell: a Gaussian kernel (sd = `bandwidth`) on a fine sub-grid.
    `weights` as for `count_grid`."""
    if bandwidth <= 0:
        raise ValueError("the KDE bandwidth must be more than 0 metres")
    factor = max(1, min(10, round(grid.size / FINE_CELL_METRES)))
    fine = Grid(grid.x0, grid.y0, grid.size / factor, grid.rows * factor, grid.cols * factor)
    fine_counts = count_grid(fine, x, y, weights).astype(float)
    smoothed = ndimage.gaussian_filter(fine_counts, sigma=bandwidth / fine.size, mode="constant", truncate=3.0)
    return smoothed.reshape(grid.rows, factor, grid.cols, factor).sum(axis=(1, 3))


def top_cells(scores: np.ndarray, share: float) -> np.ndarray:
    """Flat indices of the highest-scoring `share` of cells (at least one), ties broken by position."""
    k = max(1, math.ceil(share * scores.size))
    return np.argsort(-scores.ravel(), kind="stable")[:k]


@dataclass(frozen=True)
class Accuracy:
    share: float
    cells: int
    hit_rate: float  # % of test incidents in the chosen cells
    area: float  # % of cells chosen
    pai: float
    rri: float | None


def prediction_accuracy(
    train_scores: np.ndarray, train_counts: np.ndarray, test_counts: np.ndarray, share: float
) -> Accuracy:
    """Predictive Accuracy Index (hit rate % ÷ area %) and Recapture Rate Index of the top cells."""
    chosen = top_cells(train_scores, share)
    test_total, train_total = test_counts.sum(), train_counts.sum()
    hits = test_counts.ravel()[chosen].sum()
    hit_rate = 100.0 * hits / test_total if test_total else 0.0
    area = 100.0 * chosen.size / train_scores.size
    train_hits = train_counts.ravel()[chosen].sum()
    rri = None
    if train_hits and test_total and train_total:
        rri = (hits / train_hits) / (test_total / train_total)
    return Accuracy(share, int(chosen.size), hit_rate, area, hit_rate / area if area else 0.0, rri)


def emerging(
    recent: np.ndarray,
    baseline: np.ndarray,
    recent_days: int = 28,
    baseline_days: int = 84,
    minimum: int = 3,
    alpha: float = 0.05,
) -> np.ndarray:
    """Cells where the recent count is significantly above what the baseline rate predicts (one-sided
    Poisson test), with at least `minimum` recent incidents. Returns a boolean grid."""
    expected = baseline * (recent_days / baseline_days)
    # With no baseline, expect a small floor rather than zero, so one-off cells are not all "emerging".
    expected = np.maximum(expected, 0.5)
    p = stats.poisson.sf(recent - 1, expected)
    return (recent >= minimum) & (p < alpha)


def inside_polygon(x: np.ndarray, y: np.ndarray, vertex_x: np.ndarray, vertex_y: np.ndarray) -> np.ndarray:
    """Which points lie inside the polygon with these vertices (in order, not repeated at the end), by
    the even-odd rule: a point is inside when a ray from it crosses the outline an odd number of times.
    Points exactly on the outline may fall either way, which does not matter at incident precision."""
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    inside = np.zeros(x.shape, dtype=bool)
    for x1, y1, x2, y2 in zip(vertex_x, vertex_y, np.roll(vertex_x, -1), np.roll(vertex_y, -1), strict=True):
        straddles = (y1 > y) != (y2 > y)
        # Where the edge straddles the point's latitude, the x at which it crosses that horizontal line.
        with np.errstate(divide="ignore", invalid="ignore"):
            crossing_x = x1 + (y - y1) * (x2 - x1) / (y2 - y1)
        inside ^= straddles & (x < crossing_x)
    return inside


def polygon_area(vertex_x: np.ndarray, vertex_y: np.ndarray) -> float:
    """The area enclosed by a simple polygon (shoelace formula), in the square of its units."""
    vertex_x, vertex_y = np.asarray(vertex_x, dtype=float), np.asarray(vertex_y, dtype=float)
    return float(abs(np.dot(vertex_x, np.roll(vertex_y, -1)) - np.dot(vertex_y, np.roll(vertex_x, -1))) / 2)
