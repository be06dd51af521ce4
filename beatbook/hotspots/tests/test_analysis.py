"""The hotspot analysis against PySAL esda (the test oracle) and its own properties."""

from __future__ import annotations

import csv
import warnings
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

from beatbook.hotspots import analysis

REAL = (
    Path(__file__).resolve().parents[3].parent / "shared" / "data" / "police-uk" / "2018-07-west-yorkshire-street.csv"
)
SAMPLE = Path(__file__).resolve().parents[2] / "crime" / "tests" / "fixtures" / "2018-07-west-yorkshire-street.csv"


def points_from(path: Path) -> tuple[np.ndarray, np.ndarray]:
    with path.open(newline="") as handle:
        rows = [(float(r["Longitude"]), float(r["Latitude"])) for r in csv.DictReader(handle) if r["Longitude"]]
    lon, lat = np.array(rows).T
    return analysis.to_bng(lon, lat)


def esda_z(counts: np.ndarray, weights) -> np.ndarray:  # noqa: ANN001
    from esda.getisord import G_Local

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # esda warns that it adds the self-weight, which is what we want
        return G_Local(counts.ravel().astype(float), weights, transform="B", star=True, permutations=0).Zs


@pytest.mark.parametrize("cell", [250, 400])
def test_gi_star_equals_esda_on_the_real_file(cell: int) -> None:
    if not REAL.exists():
        pytest.skip(f"{REAL} is not here: the real police.uk file lives in ../shared/data")
    from libpysal.weights import lat2W

    x, y = points_from(REAL)
    grid = analysis.grid_covering(x, y, cell)
    counts = analysis.count_grid(grid, x, y)
    ours = analysis.gi_star(counts).z.ravel()
    assert np.max(np.abs(ours - esda_z(counts, lat2W(grid.rows, grid.cols, rook=False)))) < 1e-9


def test_gi_star_equals_esda_on_the_repo_sample() -> None:
    from libpysal.weights import lat2W

    x, y = points_from(SAMPLE)
    grid = analysis.grid_covering(x, y, 500)
    counts = analysis.count_grid(grid, x, y)
    assert counts.sum() == len(x)
    expected = esda_z(counts, lat2W(grid.rows, grid.cols, rook=False))
    assert np.max(np.abs(analysis.gi_star(counts).z.ravel() - expected)) < 1e-9


def test_distance_band_gi_star_equals_esda() -> None:
    from libpysal.weights import DistanceBand

    x, y = points_from(SAMPLE)
    grid = analysis.grid_covering(x, y, 1000)
    counts = analysis.count_grid(grid, x, y)
    xs, ys = grid.corners()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        weights = DistanceBand(np.column_stack([xs, ys]), threshold=2500, binary=True, silence_warnings=True)
    ours = analysis.gi_star(counts, analysis.distance_band_kernel(grid.size, 2500)).z.ravel()
    assert np.max(np.abs(ours - esda_z(counts, weights))) < 1e-9


def test_p_values_are_two_sided_and_fdr_matches_scipy() -> None:
    counts = np.zeros((20, 20), dtype=int)
    counts[8:11, 8:11] = [[3, 5, 2], [6, 12, 4], [1, 3, 2]]
    result = analysis.gi_star(counts)
    assert np.allclose(result.p, 2 * stats.norm.sf(np.abs(result.z)))
    assert np.allclose(result.p_fdr.ravel(), stats.false_discovery_control(result.p.ravel(), method="bh"))
    assert result.z[9, 9] == result.z.max() and result.p_fdr[9, 9] < 0.05


@settings(deadline=None, max_examples=60)
@given(
    st.lists(st.tuples(st.floats(300_000, 310_000), st.floats(400_000, 410_000)), min_size=1, max_size=200),
    st.integers(50, 1000),
)
def test_every_point_falls_in_an_aligned_cell(points: list[tuple[float, float]], cell: int) -> None:
    x, y = np.array(points).T
    grid = analysis.grid_covering(x, y, cell)
    assert grid.x0 % cell == 0 and grid.y0 % cell == 0
    assert analysis.count_grid(grid, x, y).sum() == len(points)
    rows, cols = grid.cell_of(x, y)
    xs, ys = grid.corners()
    flat = rows * grid.cols + cols
    assert np.all((xs[flat] <= x) & (x < xs[flat] + cell) & (ys[flat] <= y) & (y < ys[flat] + cell))


def test_kde_of_one_point_sums_to_one_and_peaks_on_it() -> None:
    grid = analysis.Grid(0, 0, 100, 40, 40)
    density = analysis.kde(grid, np.array([2_050.0]), np.array([2_050.0]), bandwidth=200)
    assert abs(density.sum() - 1) < 1e-6 and np.unravel_index(density.argmax(), density.shape) == (20, 20)
    assert np.allclose(density, density.T)


def test_accuracy_indices() -> None:
    train = np.array([[10, 0], [0, 0]])
    test = np.array([[6, 2], [1, 1]])
    result = analysis.prediction_accuracy(train.astype(float), train, test, 0.25)
    assert (result.cells, result.hit_rate, result.area, result.pai) == (1, 60.0, 25.0, 2.4)
    assert result.rri == pytest.approx((6 / 10) / (10 / 10))


def test_emerging_cells_need_a_real_rise() -> None:
    baseline = np.array([[30, 0, 3]])
    recent = np.array([[10, 4, 1]])  # the first is at its usual rate; the second is new and busy
    assert analysis.emerging(recent, baseline).tolist() == [[False, True, False]]


def test_bad_parameters_are_refused() -> None:
    with pytest.raises(ValueError, match="50–1000 metres"):
        analysis.check_cell_size(10)
    with pytest.raises(ValueError, match="no located incidents"):
        analysis.grid_covering(np.array([]), np.array([]))
    with pytest.raises(ValueError, match="narrower than"):
        analysis.distance_band_kernel(250, 100)


@settings(max_examples=60, deadline=None)
@given(
    st.floats(-1000, 1000),
    st.floats(-1000, 1000),
    st.floats(1, 500),
    st.floats(1, 500),
    st.lists(st.tuples(st.floats(-2000, 2000), st.floats(-2000, 2000)), min_size=1, max_size=50),
)
def test_a_point_is_inside_a_rectangle_outline_exactly_when_it_is_between_its_sides(
    left: float, bottom: float, width: float, height: float, points: list[tuple[float, float]]
) -> None:
    x, y = (np.array(values) for values in zip(*points, strict=True))
    vertex_x = np.array([left, left + width, left + width, left])
    vertex_y = np.array([bottom, bottom, bottom + height, bottom + height])
    expected = (x > left) & (x < left + width) & (y > bottom) & (y < bottom + height)
    on_edge = np.isclose(x, left) | np.isclose(x, left + width) | np.isclose(y, bottom) | np.isclose(y, bottom + height)
    inside = analysis.inside_polygon(x, y, vertex_x, vertex_y)
    assert (inside == expected)[~on_edge].all()
    assert analysis.polygon_area(vertex_x, vertex_y) == pytest.approx(width * height)


def test_the_notch_of_a_concave_outline_is_outside() -> None:
    # An L shape: the 10 × 10 square without its upper-right 5 × 5 quarter.
    vertex_x, vertex_y = np.array([0, 10, 10, 5, 5, 0]), np.array([0, 0, 5, 5, 10, 10])
    inside = analysis.inside_polygon(np.array([2, 7, 7, 2]), np.array([2, 2, 7, 7]), vertex_x, vertex_y)
    assert inside.tolist() == [True, True, False, True]
    assert analysis.polygon_area(vertex_x, vertex_y) == 75


def test_a_weighted_point_counts_as_that_many_incidents_at_it() -> None:
    # The hotspot page reads each distinct point once with how many incidents share it.
    x, y, weights = np.array([100.0, 100.0, 620.0]), np.array([50.0, 900.0, 430.0]), np.array([3, 1, 2])
    repeated_x, repeated_y = np.repeat(x, weights), np.repeat(y, weights)
    grid = analysis.grid_covering(x, y, 250)
    assert np.array_equal(analysis.count_grid(grid, x, y, weights), analysis.count_grid(grid, repeated_x, repeated_y))
    assert np.allclose(analysis.kde(grid, x, y, weights=weights), analysis.kde(grid, repeated_x, repeated_y))
