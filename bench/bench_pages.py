"""Page speed at force scale (`make bench`): p95 per page kind against a bare-query baseline, on SQLite.

Builds a database named for this run in a new temporary directory (never a fixed name), migrates it and
loads the demo at `--scale` (3.5 ≈ 1.5 million incidents, five years of a force), then for each page
kind alternates, `--repeat` times: the baseline (a bare `COUNT(*) … GROUP BY category` over the force's
incidents, the same rows the pages count) and a request to the page through Django's test client. Pages
are timed cold (the cache emptied before each request: the first visit after an import) and warm (the
cache kept: every later visit), after one untimed request per page kind. Prints p50/p95 per page kind and
each p95 ÷ the baseline's p95.

`--database DIR` reuses a database an earlier run kept (`--keep`); `--json FILE` writes the figures.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

# (page kind, persona username, path): one per kind of page and twin, at each level of the tree.
PAGES = [
    ("crime: force", "analyst.li", "/areas/derbyshire/crime/"),
    ("crime: division", "chinsp.wright", "/areas/north-division/crime/"),
    ("crime: LPU", "insp.clarke", "/areas/chesterfield/crime/"),
    ("crime: neighbourhood", "pcso.patel", "/areas/staveley/crime/"),
    ("crime twin: force CSV", "analyst.li", "/areas/derbyshire/crime/?format=csv&table=lsoa-rates"),
    ("crime twin: LPU JSON", "insp.clarke", "/areas/chesterfield/crime/?format=json&table=summary"),
    ("hotspots: force", "analyst.li", "/areas/derbyshire/hotspots/"),
    ("hotspots: LPU", "insp.clarke", "/areas/chesterfield/hotspots/"),
    ("hotspots: neighbourhood", "pcso.patel", "/areas/staveley/hotspots/"),
    ("hotspots map JSON: LPU", "insp.clarke", "/areas/chesterfield/hotspots/?format=json&table=cells"),
    ("area: LPU", "insp.clarke", "/areas/chesterfield/"),
    ("public: your area", None, "/your-area/derbyshire/staveley/"),
    ("public: find", None, "/your-area/"),
]


def build(directory: Path, scale: float) -> dict:
    env = os.environ | {
        "DEBUG": "true",
        "BEATBOOK_DATA_DIR": str(directory),
        "DATABASE_URL": f"sqlite:///{directory / 'bench.sqlite3'}",
    }
    beatbook = [sys.executable, "-m", "beatbook"]
    subprocess.run([*beatbook, "migrate", "-v0"], env=env, check=True)
    started = time.perf_counter()
    subprocess.run([*beatbook, "load_demo", "--incident-scale", str(scale), "--quiet"], env=env, check=True)
    return {"load_seconds": round(time.perf_counter() - started, 1)}


def p(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def measure(database_url: str, data_dir: Path, repeat: int, only: str | None) -> dict:
    os.environ.update(
        {
            "DEBUG": "true",
            "BEATBOOK_DATA_DIR": str(data_dir),
            "DATABASE_URL": database_url,
            "DJANGO_SETTINGS_MODULE": "beatbook.settings",
            "ALLOWED_HOSTS": "testserver,127.0.0.1",
        }
    )
    import django

    django.setup()
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client

    from beatbook.accounts.models import User
    from beatbook.areas.models import Area

    force = Area.objects.get(code="derbyshire")
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM crime_incident WHERE force_id = %s", [force.pk])
        incidents = cursor.fetchone()[0]

    def baseline() -> float:
        started = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT category, COUNT(*) FROM crime_incident WHERE force_id = %s GROUP BY category", [force.pk]
            )
            cursor.fetchall()
        return time.perf_counter() - started

    clients: dict[str | None, Client] = {}
    for _, username, _ in PAGES:
        if username not in clients:
            client = Client()
            if username:
                client.force_login(User.objects.get(username=username))
            clients[username] = client

    def get(username: str | None, path: str) -> float:
        started = time.perf_counter()
        response = clients[username].get(path)
        elapsed = time.perf_counter() - started
        if response.status_code != 200:
            raise SystemExit(f"{path} as {username}: HTTP {response.status_code}")
        return elapsed

    results = []
    for kind, username, path in PAGES:
        if only and only not in kind:
            continue
        base, cold, warm = [], [], []
        get(username, path)  # untimed: the process's first use of this template and code path
        for _ in range(repeat):  # alternate, so machine load cannot favour either side
            base.append(baseline())
            cache.clear()
            cold.append(get(username, path))
            base.append(baseline())
            warm.append(get(username, path))
        base_p95 = p(base, 0.95)
        row = {
            "page": kind,
            "path": path,
            "cold_p50_ms": round(1000 * statistics.median(cold), 1),
            "cold_p95_ms": round(1000 * p(cold, 0.95), 1),
            "warm_p50_ms": round(1000 * statistics.median(warm), 1),
            "warm_p95_ms": round(1000 * p(warm, 0.95), 1),
            "baseline_p95_ms": round(1000 * base_p95, 1),
            "cold_ratio": round(p(cold, 0.95) / base_p95, 2),
            "warm_ratio": round(p(warm, 0.95) / base_p95, 2),
        }
        results.append(row)
        print(
            f"{kind:<28} cold p95 {row['cold_p95_ms']:>8.1f} ms  warm p95 {row['warm_p95_ms']:>7.1f} ms  "
            f"baseline p95 {row['baseline_p95_ms']:>7.1f} ms  cold×{row['cold_ratio']:<6} warm×{row['warm_ratio']}",
            flush=True,
        )
    return {"incidents": incidents, "repeat": repeat, "pages": results}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=3.5, help="demo incident scale (3.5 ≈ 1.5M incidents)")
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--database", type=Path, help="reuse the database in this directory (from --keep)")
    parser.add_argument("--database-url", help="measure this database (with the demo loaded) instead")
    parser.add_argument("--keep", action="store_true", help="keep the run's database directory")
    parser.add_argument("--only", help="only page kinds containing this text")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args()
    directory = args.database
    built = {}
    if args.database_url:
        directory = Path(tempfile.mkdtemp(prefix="beatbook-bench-pages-"))
        figures = measure(args.database_url, directory, args.repeat, args.only)
        if args.json:
            args.json.write_text(json.dumps(figures, indent=1))
        shutil.rmtree(directory, ignore_errors=True)
        return
    if directory is None:
        directory = Path(tempfile.mkdtemp(prefix=f"beatbook-bench-pages-{uuid.uuid4().hex[:8]}-"))
        print(f"Building the demo at scale {args.scale} in {directory} …", flush=True)
        built = build(directory, args.scale)
    try:
        figures = built | measure(f"sqlite:///{directory / 'bench.sqlite3'}", directory, args.repeat, args.only)
        print(f"{figures['incidents']:,} incidents; {args.repeat} alternating runs per page kind.")
        if args.json:
            args.json.write_text(json.dumps(figures, indent=1))
    finally:
        if args.database is None and not args.keep:
            shutil.rmtree(directory, ignore_errors=True)
        elif args.database is None:
            print(f"Database kept in {directory}")


if __name__ == "__main__":
    main()
