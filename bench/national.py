"""A national dataset on PostgreSQL (`make bench`, via bench_load.py; or on its own): generation and imports.

`generate` writes the police.uk geography and incidents of every police.uk force not yet in the database
(`beatbook.crime.forces`: 44 with the demo's Derbyshire) straight into Beatbook's tables, server-side
(INSERT … SELECT over generate_series: no rows cross the wire), then builds the monthly counts through
Beatbook's own `rebuild_counts`. Each generated force gets 3 divisions × 3 LPUs × 1 team × 8
neighbourhoods and `LSOAS_PER_FORCE` LSOAs (codes `E9ffnnnnn`, synthetic), and its incidents spread over
`months` months, as a police.uk import would store them (source police_uk; ASB without a Crime ID; no
NSIR or neighbourhood crime type, which police.uk files do not carry). Above `DROP_INDEXES_ABOVE` rows the
incident table's secondary indexes are dropped for the load and rebuilt after it (one sort per index,
several times faster than maintaining them row by row), exactly as they were.

`export_street_files` writes a force's generated rows for given months as police.uk street files
(`YYYY-MM-<force>-street.csv`, police.uk's columns and labels), so the same rows can go through the real
importer: the import benchmark (`measure_imports`) and the test that generated counts equal imported ones
(beatbook/counts/tests/test_national_generation.py).

`measure_imports` imports such files for several forces at once, one worker process per force at a time,
through `do_import_source` (the path `beatbook import` and the job queue take), on top of the national
database, and times a bare COPY of the same files into an unindexed text table with the same number of
workers as the baseline (before and after the import, so machine load cannot favour either side).

Run alone: `python bench/national.py --rows 3000000` creates a database named for the run, migrates it,
loads the demo, generates, imports, measures page p95 (bench_pages.py), prints the figures and drops the
database, even on failure.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from multiprocessing import Pool
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
ADMIN_URL = os.environ.get("BENCH_PG_ADMIN_URL", "postgres://postgres@127.0.0.1:5432/postgres")
LSOAS_PER_FORCE = 800  # England and Wales have 34,753 LSOAs (2011) over 43 territorial forces
DIVISIONS, LPUS, NEIGHBOURHOODS = 3, 3, 8  # per force, per division, per LPU (one team per LPU)
DROP_INDEXES_ABOVE = 1_000_000
FIRST_MONTH = date(2018, 4, 1)  # the demo's timeline starts April 2018 (issue 17 item 3)
# police.uk categories, their file labels and a plausible share of all rows (per mille), ASB first.
CATEGORIES = [
    ("anti-social-behaviour", "Anti-social behaviour", 240),
    ("violent-crime", "Violence and sexual offences", 300),
    ("criminal-damage-arson", "Criminal damage and arson", 80),
    ("shoplifting", "Shoplifting", 60),
    ("burglary", "Burglary", 50),
    ("vehicle-crime", "Vehicle crime", 50),
    ("public-order", "Public order", 80),
    ("other-theft", "Other theft", 60),
    ("drugs", "Drugs", 20),
    ("robbery", "Robbery", 10),
    ("theft-from-the-person", "Theft from the person", 10),
    ("bicycle-theft", "Bicycle theft", 10),
    ("possession-of-weapons", "Possession of weapons", 10),
    ("other-crime", "Other crime", 20),
]
STREET_HEADER = (
    "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,"
    "Last outcome category,Context"
)

# One generated row per g in 1..n for one force: month, category (weighted), LSOA (uniform over the
# force's), a point in the force's box, and a 64-hex Crime ID unique to (seed, force, g) (NULL for ASB, as
# police.uk). Cheap expressions only (md5 of a constant is folded once): the machine's CPU is the limit.
# Parameters: n, first month, months, seed, force id, LSOA ids, codes and names (arrays).
_ROWS = """
WITH p AS (SELECT %(lsoa_ids)s::bigint[] AS ids, %(lsoa_codes)s::text[] AS codes, %(lsoa_names)s::text[] AS names),
cat AS (SELECT slug, label, lo, hi FROM (VALUES {categories}) AS c (slug, label, lo, hi)),
g AS (
    SELECT g, random() AS r, 1 + floor(random() * array_length(p.ids, 1))::int AS l,
           (%(first)s::date + make_interval(months => floor(random() * %(months)s)::int))::date AS month
    FROM generate_series(1, %(n)s) AS g, p
)
SELECT g.g, g.month, cat.slug, cat.label,
       CASE WHEN cat.slug = 'anti-social-behaviour' THEN NULL
            ELSE md5(%(seed)s) || lpad(to_hex(%(force)s::int), 8, '0') || lpad(to_hex(g.g), 24, '0') END AS crime_id,
       %(lon)s + floor(random() * 600000) / 1e6 AS lon,
       %(lat)s + floor(random() * 400000) / 1e6 AS lat,
       p.ids[g.l] AS lsoa_id, p.codes[g.l] AS lsoa_code, p.names[g.l] AS lsoa_name
FROM g CROSS JOIN p JOIN cat ON g.r * 1000 >= cat.lo AND g.r * 1000 < cat.hi
"""
_INCIDENT_COLUMNS = (
    "force_id, source, kind, crime_id, reference, month, occurred_at, category, nsir_type, "
    "neighbourhood_crime_type, offence_code, longitude, latitude, location, lsoa_code, lsoa_id, last_outcome, "
    "context, repeat_location, repeat_victim, fingerprint, import_run_id"
)


def _rows_sql() -> str:
    bounds, low = [], 0
    for slug, label, share in CATEGORIES:
        bounds.append(f"('{slug}', '{label}', {low}, {low + share})")
        low += share
    assert low == 1000, "the category shares must add up to 1000 per mille"  # noqa: S101 - a module constant
    return _ROWS.format(categories=", ".join(bounds))


# -- geography -----------------------------------------------------------------------------------------


def ensure_geography(codes: list[str]) -> dict[str, dict]:
    """Create each police.uk force in `codes` with its tree and LSOAs (Django must be set up). Returns
    {code: {"force": id, "index": n, "lsoa_ids": [...], "lsoa_codes": [...], "lsoa_names": [...]}}."""
    from beatbook.areas.models import Area, Level, Lsoa
    from beatbook.crime.forces import FORCE_IDS, FORCE_NAMES

    made = {}
    for code in codes:
        index = FORCE_IDS.index(code)
        force = Area.objects.create(code=code, name=FORCE_NAMES[code], level=Level.FORCE, path="")
        force.path = f"/{force.pk}/"
        force.save(update_fields=["path"])
        neighbourhoods = []
        for d in range(1, DIVISIONS + 1):
            division = _child(force, Level.DIVISION, f"{code}-division-{d}", f"{FORCE_NAMES[code]} division {d}")
            for u in range(1, LPUS + 1):
                lpu = _child(division, Level.LPU, f"{division.code}-lpu-{u}", f"{division.name} LPU {u}")
                team = _child(lpu, Level.TEAM, f"{lpu.code}-team", f"{lpu.name} team")
                neighbourhoods += [
                    _child(team, Level.NEIGHBOURHOOD, f"{lpu.code}-n{n}", f"{lpu.name} neighbourhood {n}")
                    for n in range(1, NEIGHBOURHOODS + 1)
                ]
        authority = f"Bench{index:02d}"
        lsoas = Lsoa.objects.bulk_create(
            Lsoa(
                code=f"E9{index:02d}{n:05d}",
                name=f"{authority} {n:03d}A",
                local_authority_name=authority,
                population=1500,
                force=force,
                neighbourhood=neighbourhoods[n % len(neighbourhoods)],
            )
            for n in range(LSOAS_PER_FORCE)
        )
        made[code] = {
            "force": force.pk,
            "index": index,
            "lsoa_ids": [lsoa.pk for lsoa in lsoas],
            "lsoa_codes": [lsoa.code for lsoa in lsoas],
            "lsoa_names": [lsoa.name for lsoa in lsoas],
        }
    return made


def _child(parent, level: str, code: str, name: str):  # noqa: ANN001, ANN202 - Areas
    from beatbook.areas.models import Area

    area = Area.objects.create(code=code, name=name, level=level, parent=parent, path="")
    area.path = f"{parent.path}{area.pk}/"
    area.save(update_fields=["path"])
    return area


def _params(force: dict, n: int, first: date, months: int, seed: str) -> dict:
    index = force["index"]
    return {
        "n": n,
        "first": first,
        "months": months,
        "seed": seed,
        "force": force["force"],
        "lon": -5 + (index % 11) * 0.6,
        "lat": 50 + (index // 11) * 1.0,
        "lsoa_ids": force["lsoa_ids"],
        "lsoa_codes": force["lsoa_codes"],
        "lsoa_names": force["lsoa_names"],
    }


# -- generation ----------------------------------------------------------------------------------------


def generate(rows: int, months: int = 60, codes: list[str] | None = None, progress=print, threads: int = 1) -> dict:  # noqa: ANN001
    """Generate `rows` incidents over `months` months from FIRST_MONTH, spread evenly over the forces in
    `codes` (default: every police.uk force not in the database yet), then rebuild the counts. Django must
    be set up on PostgreSQL. `threads` connections insert forces at once (the INSERT … SELECT is CPU-bound).
    Returns the figures: forces, rows, seconds per step."""
    from django.db import connection, transaction

    from beatbook.areas.models import Area
    from beatbook.counts.models import ForceMonthCount, LsoaKindMonthCount, LsoaMonthCount
    from beatbook.counts.refresh import rebuild_counts, refresh_counts
    from beatbook.crime.forces import FORCE_IDS
    from beatbook.crime.models import Incident

    if connection.vendor != "postgresql":
        raise RuntimeError("national generation runs on PostgreSQL (set DATABASE_URL to a postgres:// database)")
    if codes is None:
        present = set(Area.objects.filter(code__in=FORCE_IDS).values_list("code", flat=True))
        codes = [code for code in FORCE_IDS if code not in present]
    if not codes:
        raise RuntimeError("every police.uk force is in the database already: nothing to generate")
    unknown = [code for code in codes if code not in FORCE_IDS]
    if unknown:
        raise ValueError(f"not police.uk force ids: {', '.join(unknown)} (see beatbook/crime/forces.py)")
    figures: dict = {"forces_generated": len(codes), "months": months}
    started = time.perf_counter()
    with transaction.atomic():
        forces = ensure_geography(codes)
    figures["geography_seconds"] = round(time.perf_counter() - started, 1)

    sql = f"INSERT INTO crime_incident ({_INCIDENT_COLUMNS}) SELECT %(force)s, 'police_uk', " + (
        "CASE WHEN r.slug = 'anti-social-behaviour' THEN 'asb' ELSE 'crime' END, r.crime_id, NULL, r.month, NULL, "
        "r.slug, '', '', '', r.lon, r.lat, 'On or near Bench Street', r.lsoa_code, r.lsoa_id, '', '', false, "
        f"false, %(seed)s || '-' || r.g, NULL FROM ({_rows_sql()}) AS r"
    )
    dropped = _drop_secondary_indexes() if rows > DROP_INDEXES_ABOVE else []
    started = time.perf_counter()
    try:
        per_force, extra = divmod(rows, len(codes))
        sizes = {code: per_force + (1 if number < extra else 0) for number, code in enumerate(codes)}

        def insert(code: str) -> None:
            try:
                with transaction.atomic(), connection.cursor() as cursor:
                    cursor.execute(sql, _params(forces[code], sizes[code], FIRST_MONTH, months, "national"))
                progress(f"  {code}: {sizes[code]:,} rows ({time.perf_counter() - started:.0f} s)")
            finally:
                if threads > 1:
                    connection.close()  # each thread's own connection

        if threads > 1:
            with ThreadPoolExecutor(threads) as pool:
                list(pool.map(insert, codes))
        else:
            for code in codes:
                insert(code)
    finally:
        figures["insert_seconds"] = round(time.perf_counter() - started, 1)
        started = time.perf_counter()
        _create_indexes(dropped)
        figures["index_seconds"] = round(time.perf_counter() - started, 1)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE crime_incident")
    figures["rows"] = rows
    started = time.perf_counter()
    if threads > 1:  # rebuild_counts's own per-force recount, `threads` forces at a time
        ids = sorted(set(Area.objects.forces().values_list("pk", flat=True)))

        def recount(force_id: int) -> None:
            try:
                refresh_counts(force_id)
            finally:
                connection.close()

        with ThreadPoolExecutor(threads) as pool:
            list(pool.map(recount, ids))
    else:
        rebuild_counts()
    figures["counts_seconds"] = round(time.perf_counter() - started, 1)
    progress(f"  counts rebuilt through rebuild_counts in {figures['counts_seconds']} s")
    # Pages are measured on a database at rest, as autovacuum leaves one: planner statistics for the counts
    # (without them PostgreSQL guessed 21 rows for a force's 57,000 and sorted on disk) and a visibility map,
    # without which every "index-only" scan of the incidents and counts still reads the table. A server with
    # autovacuum off (as a shared bench machine may run) would otherwise time the generator's leftovers.
    # VACUUM cannot run inside a transaction (a test's): there the tables are tiny and it is left out.
    started = time.perf_counter()
    if not connection.in_atomic_block:
        with connection.cursor() as cursor:
            # Every table the counts refresh writes (the warm job's list, beatbook/counts/warm.py): one left out
            # (the per-kind counts) kept its empty-table statistics and sorted a force's 64,000 rows on disk.
            for model in (Incident, LsoaMonthCount, LsoaKindMonthCount, ForceMonthCount):
                cursor.execute(f"VACUUM (ANALYZE) {model._meta.db_table}")
    figures["vacuum_seconds"] = round(time.perf_counter() - started, 1)
    return figures


def _drop_secondary_indexes() -> list[str]:
    """Drop crime_incident's indexes but its primary key; return their definitions to recreate them."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'crime_incident' "
            "AND indexname <> 'crime_incident_pkey'"
        )
        found = cursor.fetchall()
        for name, _ in found:
            cursor.execute(f'DROP INDEX "{name}"')
    return [definition for _, definition in found]


def _create_indexes(definitions: list[str]) -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SET maintenance_work_mem = '512MB'")
        for definition in definitions:
            cursor.execute(definition)


# -- police.uk files from generated rows --------------------------------------------------------------


def export_street_files(force_code: str, folder: Path) -> list[Path]:
    """Write the force's incidents as police.uk street files, one per month, into `folder`. Returns them."""
    from django.db import connection

    from beatbook.areas.models import Area

    force = Area.objects.get(code=force_code)
    labels = ", ".join(f"('{slug}', '{label}')" for slug, label, _ in CATEGORIES)
    with connection.cursor() as cursor:
        cursor.execute("SELECT DISTINCT month FROM crime_incident WHERE force_id = %s ORDER BY month", [force.pk])
        months = [row[0] for row in cursor.fetchall()]
    paths = []
    for month in months:
        path = folder / f"{month:%Y-%m}-{force_code}-street.csv"
        sql = (
            "COPY (SELECT i.crime_id, to_char(i.month, 'YYYY-MM'), %s, %s, i.longitude, i.latitude, i.location, "
            "i.lsoa_code, l.name, c.label, i.last_outcome, i.context FROM crime_incident i "
            f"JOIN (VALUES {labels}) AS c (slug, label) ON c.slug = i.category "
            "LEFT JOIN areas_lsoa l ON l.id = i.lsoa_id WHERE i.force_id = %s AND i.month = %s ORDER BY i.id) "
            "TO STDOUT (FORMAT CSV)"
        )
        with path.open("wb") as handle, connection.cursor() as cursor:
            handle.write(STREET_HEADER.encode() + b"\n")
            with cursor.cursor.copy(sql, [force.name, force.name, force.pk, month]) as copy:
                for data in copy:
                    handle.write(data)
        paths.append(path)
    return paths


def generate_import_files(folder: Path, codes: list[str], rows: int, first: date, months: int) -> list[list[Path]]:
    """police.uk street files for `months` new months of each force in `codes` (`rows` in all), written from
    rows generated server-side into a scratch force-less table, then removed. Returns one list per force."""
    from django.db import connection

    from beatbook.areas.models import Area, Lsoa
    from beatbook.crime.forces import FORCE_IDS

    batches = []
    per_force = max(1, rows // len(codes))
    for code in codes:
        force = Area.objects.get(code=code)
        lsoas = list(Lsoa.objects.filter(force=force).order_by("pk").values_list("pk", "code", "name"))
        info = {
            "force": force.pk,
            "index": FORCE_IDS.index(code),
            "lsoa_ids": [pk for pk, _, _ in lsoas],
            "lsoa_codes": [c for _, c, _ in lsoas],
            "lsoa_names": [name for _, _, name in lsoas],
        }
        params = _params(info, per_force, first, months, f"import-{uuid.uuid4().hex[:8]}")
        paths = []
        with connection.cursor() as cursor:
            cursor.execute(f"CREATE TEMPORARY TABLE bench_rows AS {_rows_sql()}", params)  # noqa: S608
            for m in range(months):
                month = date(first.year + (first.month - 1 + m) // 12, (first.month - 1 + m) % 12 + 1, 1)
                path = folder / f"{month:%Y-%m}-{code}-street.csv"
                sql = (
                    "COPY (SELECT crime_id, to_char(month, 'YYYY-MM'), %s, %s, lon, lat, 'On or near Bench Street', "
                    "lsoa_code, lsoa_name, label, '', '' FROM bench_rows WHERE month = %s ORDER BY g) "
                    "TO STDOUT (FORMAT CSV)"
                )
                with path.open("wb") as handle, cursor.cursor.copy(sql, [force.name, force.name, month]) as copy:
                    handle.write(STREET_HEADER.encode() + b"\n")
                    for data in copy:
                        handle.write(data)
                paths.append(path)
            cursor.execute("DROP TABLE bench_rows")
        batches.append(paths)
    return batches


# -- parallel imports against a bare COPY -------------------------------------------------------------


def _worker_setup(env: dict) -> None:
    os.environ.update(env)
    import django

    django.setup()


def _import_files(paths: list[Path]) -> int:
    from django.db import connection

    from beatbook.crime.imports import do_import_source
    from beatbook.crime.sources import iter_sources

    inserted = 0
    for path in paths:
        (source,) = list(iter_sources(path))
        run = do_import_source(source, acting_user=None)
        if run.error or run.rejected:
            raise RuntimeError(f"{path.name}: {run.error or f'{run.rejected} rows rejected: {run.rejections[:3]}'}")
        inserted += run.inserted
    connection.close()
    return inserted


def _copy_files(paths: list[Path]) -> int:
    """The baseline: COPY the files as they are into the unindexed text table bench_copy_baseline."""
    from django.db import connection, transaction

    rows = 0
    with transaction.atomic(), connection.cursor() as cursor:
        for path in paths:
            with cursor.cursor.copy("COPY bench_copy_baseline FROM STDIN (FORMAT CSV, HEADER true)") as copy:
                with path.open("rb") as handle:
                    while block := handle.read(1 << 20):
                        copy.write(block)
            rows += cursor.cursor.rowcount
    connection.close()
    return rows


def _ready(_: int) -> None:
    """Nothing: the worker's initializer has run once this returns."""


def _timed_pool(env: dict, workers: int, function, batches: list[list[Path]]) -> tuple[int, float]:  # noqa: ANN001
    with Pool(workers, initializer=_worker_setup, initargs=(env,)) as pool:
        pool.map(_ready, range(workers))  # every worker has set Django up before the clock starts
        started = time.perf_counter()
        rows = sum(pool.imap_unordered(function, batches))
        return rows, time.perf_counter() - started


def measure_imports(env: dict, folder: Path, batches: list[list[Path]], workers: int) -> dict:
    """Import the batches (one per force) with `workers` processes through the real importer, between two
    baseline runs of a bare parallel COPY of the same files. Returns rows, seconds and rows/s of each."""
    import psycopg

    url = env["DATABASE_URL"].replace("postgres://", "postgresql://")
    columns = ", ".join(f"c{n} text" for n in range(12))
    baseline = []

    def copy_run() -> None:
        with psycopg.connect(url, autocommit=True) as connection:
            connection.execute("DROP TABLE IF EXISTS bench_copy_baseline")
            connection.execute(f"CREATE TABLE bench_copy_baseline ({columns})")
        baseline.append(_timed_pool(env, workers, _copy_files, batches))

    copy_run()
    rows, seconds = _timed_pool(env, workers, _import_files, batches)
    copy_run()
    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute("DROP TABLE IF EXISTS bench_copy_baseline")
    copy_rows = baseline[0][0]
    copy_seconds = min(each for _, each in baseline)
    return {
        "files": sum(len(batch) for batch in batches),
        "forces": len(batches),
        "workers": workers,
        "rows": rows,
        "import_seconds": round(seconds, 1),
        "import_rows_per_second": round(rows / seconds),
        "copy_rows": copy_rows,
        "copy_seconds": [round(s, 2) for _, s in baseline],
        "copy_rows_per_second": round(copy_rows / copy_seconds),
        "import_vs_copy": round((rows / seconds) / (copy_rows / copy_seconds), 3),
    }


# -- orchestration -------------------------------------------------------------------------------------


def national_run(env: dict, work: Path, rows: int, months: int, forces: int, import_rows: int, workers: int) -> dict:
    """Generate `rows` over `months` months for up to `forces` missing forces, then import `import_rows` new
    rows for four of them with `workers` processes against the COPY baseline. `env` names the database.
    Prints progress; returns the figures."""
    folder = work / "national-import"
    folder.mkdir(parents=True, exist_ok=True)
    out = work / "national-generate.json"
    command = [sys.executable, str(Path(__file__).resolve()), "--phase", "generate", "--rows", str(rows)]
    command += ["--months", str(months), "--forces", str(forces), "--import-rows", str(import_rows)]
    command += ["--folder", str(folder), "--json", str(out), "--workers", str(workers)]
    subprocess.run(command, env=env, check=True)
    figures = json.loads(out.read_text())
    print(
        f"National: {figures['rows']:,} rows for {figures['forces_generated']} forces over {months} months generated "
        f"in {figures['generate_seconds']} s (insert {figures['insert_seconds']} s, indexes "
        f"{figures['index_seconds']} s, counts {figures['counts_seconds']} s, vacuum {figures['vacuum_seconds']} s)",
        flush=True,
    )
    figures.pop("import_files")  # measured in the phase's process, which had Django set up already
    imports = figures["imports"]
    print(
        f"National import: {imports['rows']:,} rows in {imports['files']} files for {imports['forces']} forces, "
        f"{workers} workers: {imports['import_rows_per_second']:,} rows/s through the importer; bare COPY "
        f"{imports['copy_rows_per_second']:,} rows/s (×{imports['import_vs_copy']})",
        flush=True,
    )
    shutil.rmtree(folder, ignore_errors=True)
    return figures


def database_size(env: dict) -> int:
    import psycopg

    with psycopg.connect(env["DATABASE_URL"].replace("postgres://", "postgresql://")) as connection:
        return connection.execute("SELECT pg_database_size(current_database())").fetchone()[0]


def _generate_phase(args: argparse.Namespace) -> None:
    import django

    django.setup()
    from django.db import connection

    from beatbook.areas.models import Area
    from beatbook.crime.forces import FORCE_IDS

    present = set(Area.objects.filter(code__in=FORCE_IDS).values_list("code", flat=True))
    codes = [code for code in FORCE_IDS if code not in present][: args.forces]
    started = time.perf_counter()
    figures = generate(args.rows, args.months, codes, progress=lambda line: print(line, flush=True), threads=2)
    import_months = 2
    first = date(
        FIRST_MONTH.year + (FIRST_MONTH.month - 1 + args.months) // 12,
        (FIRST_MONTH.month - 1 + args.months) % 12 + 1,
        1,
    )
    batches = generate_import_files(args.folder, codes[:4], args.import_rows, first, import_months)
    figures["import_files"] = [[str(p) for p in batch] for batch in batches]
    figures["generate_seconds"] = round(time.perf_counter() - started, 1)  # with the import files
    connection.close()  # the import workers are forked from this process: each opens its own
    figures["imports"] = imports = measure_imports(dict(os.environ), args.folder, batches, args.workers)
    print(
        f"  import measured: {imports['import_rows_per_second']:,} rows/s through the importer, bare COPY "
        f"{imports['copy_rows_per_second']:,} rows/s",
        flush=True,
    )
    args.json.write_text(json.dumps(figures))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=3_000_000, help="generated incidents (30M: national scale)")
    parser.add_argument("--months", type=int, default=60, help="months generated (60: five years)")
    parser.add_argument("--forces", type=int, default=43, help="forces generated besides the demo's")
    parser.add_argument("--import-rows", type=int, help="rows imported for the throughput figure (default rows/100)")
    parser.add_argument("--workers", type=int, default=2, help="parallel import processes")
    parser.add_argument("--demo-scale", type=float, default=1.0)
    parser.add_argument("--repeat", type=int, default=10, help="alternating runs per page kind")
    parser.add_argument("--skip-pages", action="store_true")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument("--phase", choices=["generate"], help=argparse.SUPPRESS)
    parser.add_argument("--folder", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.import_rows is None:
        args.import_rows = default_import_rows(args.rows)
    if args.phase == "generate":
        _generate_phase(args)
        return

    name = f"beatbook_national_{uuid.uuid4().hex[:10]}"
    work = Path(tempfile.mkdtemp(prefix=f"{name}-"))
    env = bench_env(name, work)
    figures: dict = {"database": name}
    _admin(f'CREATE DATABASE "{name}"')
    try:
        _beatbook(env, "migrate", "-v0")
        started = time.perf_counter()
        _beatbook(env, "load_demo", "--incident-scale", str(args.demo_scale), "--quiet")
        figures["demo_load_seconds"] = round(time.perf_counter() - started, 1)
        print(f"Demo loaded at scale {args.demo_scale} in {figures['demo_load_seconds']} s", flush=True)
        figures["national"] = national_run(
            env, work, args.rows, args.months, args.forces, args.import_rows, args.workers
        )
        figures["database_bytes"] = database_size(env)
        print(f"Database size {figures['database_bytes'] / 2**30:.1f} GiB", flush=True)
        if not args.skip_pages:
            pages_json = work / "pages.json"
            command = [sys.executable, str(REPO / "bench" / "bench_pages.py"), "--database-url", env["DATABASE_URL"]]
            subprocess.run([*command, "--repeat", str(args.repeat), "--json", str(pages_json)], env=env, check=True)
            figures["pages"] = json.loads(pages_json.read_text())
        if args.json:
            args.json.write_text(json.dumps(figures, indent=1))
    finally:
        _admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        shutil.rmtree(work, ignore_errors=True)


def default_import_rows(rows: int) -> int:
    """1% of the national rows, at least 50,000 and at most 500,000: enough files to keep the workers busy."""
    return min(500_000, max(50_000, rows // 100))


def bench_env(name: str, work: Path) -> dict:
    """The environment for Beatbook processes on the run's database `name`, with data under `work`."""
    return os.environ | {
        "DATABASE_URL": ADMIN_URL.rsplit("/", 1)[0] + "/" + name,
        "DEBUG": "true",
        "BEATBOOK_DATA_DIR": str(work),
        "CACHE_DIR": str(work / "cache"),
        "DATABASE_CONN_MAX_AGE": "60",
        "DJANGO_SETTINGS_MODULE": "beatbook.settings",
    }


def _admin(sql: str) -> None:
    import psycopg

    with psycopg.connect(ADMIN_URL.replace("postgres://", "postgresql://"), autocommit=True) as connection:
        connection.execute(sql)


def _beatbook(env: dict, *args: str) -> None:
    subprocess.run([sys.executable, "-m", "beatbook", *args], env=env, check=True)


if __name__ == "__main__":
    sys.path.insert(0, str(REPO))
    main()
