"""Import throughput benchmark (`make bench`).

Builds a street-level file of at least a million rows from the real police.uk sample (each copy of
the sample gets new Crime IDs), then, on SQLite and on PostgreSQL (when reachable), measures in the
same run:
- beatbook: `do_import_source()` — strict parsing, validation, classification, load, audit;
- baseline: the fastest plain route for the same file into the same table: pyarrow's CSV reader,
  then executemany (SQLite) or COPY (PostgreSQL), in one transaction, with no checks at all.
Each measurement runs in a fresh process on an empty, migrated database so that peak memory (max
RSS) is its own. The two run in alternating pairs so machine load cannot favour either. The figure
that matters is the ratio beatbook ÷ baseline (the goal is ≥ 70%).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
REAL = next(
    (
        folder / "shared" / "data" / "police-uk" / "2018-07-west-yorkshire-street.csv"
        for folder in (REPO.parent, REPO.parent.parent)
        if (folder / "shared" / "data" / "police-uk").is_dir()
    ),
    REPO.parent / "shared" / "data" / "police-uk" / "2018-07-west-yorkshire-street.csv",
)
SAMPLE = REPO / "beatbook" / "crime" / "tests" / "fixtures" / "2018-07-west-yorkshire-street.csv"
GOAL = 0.7  # beatbook ÷ baseline, with every check of docs/data-sources.md in place
PG_ADMIN_URL = os.environ.get("BENCH_PG_ADMIN_URL", "postgres://postgres@127.0.0.1:5432/test")
RUN_ID = f"{os.getpid()}_{uuid.uuid4().hex[:8]}"


def build_file(target: Path, rows: int) -> int:
    source = REAL if REAL.exists() else SAMPLE
    lines = source.read_text(encoding="utf-8").splitlines()
    header, body = lines[0], lines[1:]
    written = 0
    with target.open("w", encoding="utf-8") as handle:
        handle.write(header + "\n")
        copy = 0
        while written < rows:
            for line in body:
                crime_id, rest = line.split(",", 1)
                if crime_id:
                    crime_id = hashlib.sha256(f"{crime_id}{copy}".encode()).hexdigest()
                handle.write(f"{crime_id},{rest}\n")
                written += 1
            copy += 1
    return written


def setup_django(database_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "beatbook.settings")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def run_beatbook(path: Path) -> dict:
    from beatbook.crime.imports import do_import_source
    from beatbook.crime.sources import iter_sources

    (source,) = list(iter_sources(path))
    started = time.perf_counter()
    run = do_import_source(source, acting_user=None)
    seconds = time.perf_counter() - started
    assert run.status == "done", run.error
    return {"rows": run.rows_read, "inserted": run.inserted, "seconds": seconds}


def run_baseline(path: Path) -> dict:
    import pyarrow.csv as pacsv
    from django.db import connection, transaction

    from beatbook.areas.models import Area, Level
    from beatbook.crime.loading import INCIDENT_COLUMNS
    from beatbook.crime.models import Incident

    force = Area.objects.create(code="bench", name="Bench", level=Level.FORCE, path="/0/")
    started = time.perf_counter()
    table = pacsv.read_csv(path, convert_options=pacsv.ConvertOptions(strings_can_be_null=True))
    columns = {name: table.column(name).to_pylist() for name in table.column_names}
    crime_ids = columns["Crime ID"]
    rows = (
        (
            force.pk,
            "police_uk",
            "crime" if cid else "asb",
            cid or None,
            None,
            month + "-01",
            None,
            kind,
            "",
            "",
            lon,
            lat,
            location,
            lsoa or "",
            None,
            outcome or "",
            "",
            False,
            False,
            "",
            None,
            "",
        )
        for cid, month, lon, lat, location, lsoa, kind, outcome in zip(
            crime_ids,
            columns["Month"],
            columns["Longitude"],
            columns["Latitude"],
            columns["Location"],
            columns["LSOA code"],
            columns["Crime type"],
            columns["Last outcome category"],
            strict=True,
        )
    )
    sql_columns = ", ".join(INCIDENT_COLUMNS)
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {Incident._meta.db_table} ({sql_columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            placeholders = ", ".join(["%s"] * len(INCIDENT_COLUMNS))
            cursor.executemany(
                f"INSERT INTO {Incident._meta.db_table} ({sql_columns}) VALUES ({placeholders})", list(rows)
            )
    seconds = time.perf_counter() - started
    return {"rows": len(crime_ids), "inserted": len(crime_ids), "seconds": seconds}


def worker(method: str, database_url: str, path: Path) -> None:
    setup_django(database_url)
    result = run_beatbook(path) if method == "beatbook" else run_baseline(path)
    result["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(result))


def fresh_database(backend: str, workdir: Path, label: str) -> str | None:
    if backend == "sqlite":
        return f"sqlite:///{workdir / f'{label}.sqlite3'}"
    try:
        import psycopg

        name = f"beatbook_bench_{os.getpid()}_{label}"  # named for this run: never another user's database
        with psycopg.connect(PG_ADMIN_URL.replace("postgres://", "postgresql://"), autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {name}")
        return PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"
    except Exception as error:  # noqa: BLE001 - the benchmark reports and carries on with SQLite
        print(f"PostgreSQL is not reachable ({error}); skipping it", file=sys.stderr)
        return None


def drop_database(name: str) -> None:
    import psycopg

    with psycopg.connect(PG_ADMIN_URL.replace("postgres://", "postgresql://"), autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name}")


def run_once(method: str, backend: str, workdir: Path, path: Path, label: str) -> dict | None:
    url = fresh_database(backend, workdir, label)
    if url is None:
        return None
    output = subprocess.run(
        [sys.executable, __file__, "--worker", method, "--database", url, "--file", str(path)],
        capture_output=True,
        text=True,
        check=True,
        env=os.environ | {"DEBUG": "false", "SECRET_KEY": "bench-" * 10, "ALLOWED_HOSTS": "localhost"},
    )
    if backend == "postgresql":
        drop_database(url.rsplit("/", 1)[-1])
    return json.loads(output.stdout.strip().splitlines()[-1])


def measure_pairs(backend: str, workdir: Path, path: Path, repeat: int) -> dict | None:
    """Baseline and Beatbook run alternately, one pair after another, so a busy machine slows both
    alike; each pair gives a ratio, and the median pair's figures are reported."""
    pairs = []
    for attempt in range(repeat):
        pair = {m: run_once(m, backend, workdir, path, f"{m}_{attempt}") for m in ("baseline", "beatbook")}
        if None in pair.values():
            return None
        for result in pair.values():
            result["rows_per_second"] = result["rows"] / result["seconds"]
        pair["ratio"] = pair["beatbook"]["rows_per_second"] / pair["baseline"]["rows_per_second"]
        pairs.append(pair)
    pairs.sort(key=lambda pair: pair["ratio"])
    median = pairs[(len(pairs) - 1) // 2]  # of an even number, the lower middle: never flattering
    for method in ("baseline", "beatbook"):
        median[method]["peak_rss_mb"] = max(pair[method]["peak_rss_mb"] for pair in pairs)
    median["all_ratios"] = [pair["ratio"] for pair in pairs]
    return median


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument(
        "--repeat", type=int, default=3, help="pairs of runs (baseline then Beatbook); the median pair is reported"
    )
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--database", help=argparse.SUPPRESS)
    parser.add_argument("--file", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args.worker, args.database, args.file)
        return
    with tempfile.TemporaryDirectory(prefix="beatbook-bench-") as tmp:
        workdir = Path(tmp)
        path = workdir / "2018-07-west-yorkshire-street.csv"
        rows = build_file(path, args.rows)
        source = "the real West Yorkshire file" if REAL.exists() else "the repo's 300-row sample (../shared missing)"
        print(
            f"Import benchmark: {rows:,} street rows built from {source}, {path.stat().st_size / 1e6:.0f} MB; "
            f"{args.repeat} alternating pairs of runs, each in a fresh process and database; the median pair.\n"
        )
        print(f"{'backend':<11} {'method':<9} {'seconds':>8} {'rows/s':>10} {'peak RSS MB':>12}")
        for backend in args.backends.split(","):
            measured = measure_pairs(backend, workdir, path, args.repeat)
            if measured is None:
                continue
            for method in ("baseline", "beatbook"):
                result = measured[method]
                print(
                    f"{backend:<11} {method:<9} {result['seconds']:>8.2f} {result['rows_per_second']:>10,.0f} "
                    f"{result['peak_rss_mb']:>12,.0f}"
                )
            ratio = measured["ratio"]
            verdict = "meets" if ratio >= GOAL else "BELOW"
            every = ", ".join(f"{r:.0%}" for r in measured["all_ratios"])
            print(
                f"{backend:<11} ratio beatbook ÷ baseline = {ratio:.0%} ({verdict} the {GOAL:.0%} goal; "
                f"pairs: {every})\n"
            )


if __name__ == "__main__":
    main()
