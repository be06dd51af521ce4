"""Hotspot benchmark (`make bench`): Gi* and KDE on a 100 m grid against PySAL esda, same input, same run.

Input: the real West Yorkshire month (or the repo's sample) repeated 12 times with a small jitter, as a
force-year of located incidents. Both sides include building their weights (libpysal's lat2W for esda;
the 3×3 kernel for Beatbook). The goal is Gi* at least 50× faster than esda.
"""

from __future__ import annotations

import csv
import statistics
import sys
import time
import warnings
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
REAL = REPO.parent / "shared" / "data" / "police-uk" / "2018-07-west-yorkshire-street.csv"
SAMPLE = REPO / "beatbook" / "crime" / "tests" / "fixtures" / "2018-07-west-yorkshire-street.csv"


def force_year() -> tuple[np.ndarray, np.ndarray]:
    from beatbook.hotspots.analysis import to_bng

    source = REAL if REAL.exists() else SAMPLE
    with source.open(newline="") as handle:
        points = np.array(
            [(float(r["Longitude"]), float(r["Latitude"])) for r in csv.DictReader(handle) if r["Longitude"]]
        )
    x, y = to_bng(points[:, 0], points[:, 1])
    rng = np.random.default_rng(1)
    return (
        np.concatenate([x + rng.normal(0, 30, x.size) for _ in range(12)]),
        np.concatenate([y + rng.normal(0, 30, y.size) for _ in range(12)]),
    )


def timed(function, repeat: int = 3) -> tuple[float, object]:  # noqa: ANN001
    times, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def main() -> None:
    from esda.getisord import G_Local
    from libpysal.weights import lat2W

    from beatbook.hotspots import analysis

    x, y = force_year()
    grid = analysis.grid_covering(x, y, 100)
    counts = analysis.count_grid(grid, x, y)
    ours_s, ours = timed(lambda: analysis.gi_star(counts, analysis.queen_kernel()))

    def esda() -> np.ndarray:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            weights = lat2W(grid.rows, grid.cols, rook=False)
            return G_Local(counts.ravel().astype(float), weights, transform="B", star=True, permutations=0).Zs

    esda_s, expected = timed(esda, repeat=1)
    kde_s, _ = timed(lambda: analysis.kde(grid, x, y))
    difference = float(np.max(np.abs(ours.z.ravel() - expected)))
    print(
        f"Hotspot benchmark: {x.size:,} incidents, 100 m grid of {grid.cell_count:,} cells ({grid.rows} × {grid.cols})."
    )
    print(f"  Beatbook Gi* (weights + z + p + FDR): {ours_s * 1000:8.1f} ms (median of 3)")
    print(f"  esda G_Local(star) with lat2W:      {esda_s * 1000:8.1f} ms")
    print(
        f"  ratio esda ÷ Beatbook = {esda_s / ours_s:,.0f}× ({'meets' if esda_s / ours_s >= 50 else 'BELOW'} the 50× "
        f"goal); largest z difference {difference:.1e}"
    )
    print(f"  Beatbook KDE (250 m bandwidth, 25 m sub-grid): {kde_s * 1000:.1f} ms")


def end_to_end() -> None:
    """The `hotspots` command and the hotspot page for a force-year read from the database (the demo's
    Derbyshire 2021/22, about 87,000 incidents), in a fresh SQLite database."""
    import io
    import tempfile

    from django.conf import settings
    from django.core.management import call_command
    from django.db import connections
    from django.test import Client
    from django.test.utils import setup_test_environment

    from beatbook.accounts.models import User
    from beatbook.demo.build import do_load_demo, do_load_demo_incidents

    with tempfile.TemporaryDirectory(prefix="beatbook-bench-") as tmp:
        settings.DATABASES["default"]["NAME"] = f"{tmp}/bench.sqlite3"
        connections["default"].close()
        call_command("migrate", verbosity=0)
        assert connections["default"].settings_dict["NAME"].startswith(tmp), "the benchmark must use its own database"
        do_load_demo()
        do_load_demo_incidents(Path(tmp))
        command_s, _ = timed(
            lambda: call_command(
                "hotspots",
                "--force",
                "derbyshire",
                "--from",
                "2021-04",
                "--to",
                "2022-03",
                "--method",
                "gistar",
                stdout=io.StringIO(),
            )
        )
        setup_test_environment()
        settings.ALLOWED_HOSTS = ["testserver"]
        client = Client()
        client.force_login(User.objects.get(username="analyst.li"))
        url = "/areas/derbyshire/hotspots/?from=2021-04&to=2022-03"
        page_s, response = timed(lambda: client.get(url))
        assert response.status_code == 200
        print(
            f"  end to end, a force-year from the database (Derbyshire demo 2021/22): `beatbook hotspots` "
            f"{command_s:.2f} s, the hotspot page {page_s:.2f} s (medians of 3)"
        )


if __name__ == "__main__":
    import os

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "beatbook.settings")
    import django

    django.setup()
    main()
    end_to_end()
