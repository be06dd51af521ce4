"""PostgreSQL at national scale and under load (`make bench`).

In a PostgreSQL database named for this run (`beatbook_bench_<random>`, dropped afterwards):
1. migrates and loads the Derbyshire demo (`--demo-scale`), timing its import;
2. generates `--rows` incidents for `--forces` further police.uk forces over `--months` months server-side,
   builds their counts, then imports `--import-rows` new rows as police.uk files for four of them with
   `--workers` parallel processes through the real importer, against a bare COPY of the same files
   (bench/national.py): generation time, import rows per second and the ratio to COPY, database size;
3. measures page p95 (bench_pages.py against this database, so national rows are present);
4. serves it with gunicorn on 127.0.0.1 and drives it for `--duration` seconds at `--staff-rps` signed-in and
   `--public-rps` public requests a second (an open-loop schedule; latency counts from each request's
   scheduled time, so a server that falls behind shows it): achieved requests a second and p95.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import queue
import random
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

import national  # bench/national.py: generation and parallel imports at national scale
from national import default_import_rows

REPO = Path(__file__).resolve().parent.parent
ADMIN_URL = os.environ.get("BENCH_PG_ADMIN_URL", "postgres://postgres@127.0.0.1:5432/postgres")
STAFF_PAGES = [
    ("analyst.li", "/areas/derbyshire/crime/"),
    ("chinsp.wright", "/areas/north-division/crime/"),
    ("insp.clarke", "/areas/chesterfield/crime/"),
    ("pcso.patel", "/areas/staveley/crime/"),
    ("insp.clarke", "/areas/chesterfield/crime/?format=csv&table=lsoa-rates"),
    ("insp.clarke", "/areas/chesterfield/hotspots/"),
    ("insp.clarke", "/areas/chesterfield/hotspots/?format=json&table=cells"),
    ("pcso.patel", "/areas/staveley/hotspots/"),
]
PUBLIC_PAGES = ["/your-area/derbyshire/staveley/", "/your-area/"]


def database_url(name: str) -> str:
    return ADMIN_URL.rsplit("/", 1)[0] + "/" + name


def admin(sql: str) -> None:
    import psycopg

    with psycopg.connect(ADMIN_URL.replace("postgres://", "postgresql://"), autocommit=True) as connection:
        connection.execute(sql)


def beatbook(env: dict, *args: str) -> None:
    subprocess.run([sys.executable, "-m", "beatbook", *args], env=env, check=True)


# -- load test -------------------------------------------------------------------------------------------


def sessions(env: dict) -> dict[str, str]:
    """{username: "cookie-name=session-key"} for the staff the load test signs in as."""
    code = (
        "import django, json; django.setup()\n"
        "from django.conf import settings\n"
        "from django.test import Client\n"
        "from beatbook.accounts.models import User\n"
        "out = {}\n"
        f"for name in {sorted({u for u, _ in STAFF_PAGES})!r}:\n"
        "    c = Client(); c.force_login(User.objects.get(username=name))\n"
        "    out[name] = settings.SESSION_COOKIE_NAME + '=' + c.cookies[settings.SESSION_COOKIE_NAME].value\n"
        "print(json.dumps(out))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    if result.returncode:
        raise SystemExit(f"could not sign the load test's users in: {result.stderr[-2000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(port: int, timeout: float = 60) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.3)
    raise SystemExit("gunicorn did not start")


def load_test(port: int, cookies: dict[str, str], duration: float, staff_rps: float, public_rps: float) -> dict:
    """Open loop: requests are scheduled at the target rates; 64 threads send them (keep-alive). Bounded: a
    request not sent within 5 s of the end is dropped (counted as not served), so a server that cannot keep
    up shows as a lower achieved rate, not as a run that never ends."""
    schedule: queue.Queue = queue.Queue()
    results: list[tuple[str, float, int]] = []
    lock = threading.Lock()
    start = time.perf_counter()
    cutoff = start + duration + 5

    def worker() -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        while True:
            item = schedule.get()
            if item is None:
                return
            due, kind, path, cookie = item
            if time.perf_counter() > cutoff:
                with lock:
                    results.append((kind, float("inf"), -1))
                continue
            try:
                connection.request("GET", path, headers={"Cookie": cookie} if cookie else {})
                response = connection.getresponse()
                response.read()
                status = response.status
            except (OSError, http.client.HTTPException):
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
                status = 0
            with lock:
                results.append((kind, time.perf_counter() - due, status))

    threads = [threading.Thread(target=worker, daemon=True) for _ in range(64)]
    for thread in threads:
        thread.start()
    rate = staff_rps + public_rps
    n = 0
    while (due := start + n / rate) < start + duration:
        time.sleep(max(0.0, due - time.perf_counter()))
        if random.random() < staff_rps / rate:  # noqa: S311 - a traffic mix
            username, path = random.choice(STAFF_PAGES)  # noqa: S311
            schedule.put((due, "staff", path, cookies[username]))
        else:
            schedule.put((due, "public", random.choice(PUBLIC_PAGES), ""))  # noqa: S311
        n += 1
    for _ in threads:
        schedule.put(None)
    for thread in threads:
        thread.join(timeout=30)
    elapsed = min(time.perf_counter(), cutoff) - start
    summary = {"scheduled": n, "seconds": round(elapsed, 1)}
    for kind in ("staff", "public"):
        times = sorted(t for k, t, s in results if k == kind and s == 200)
        errors = sum(1 for k, _, s in results if k == kind and s not in (200, -1))
        statuses = sorted({s for k, _, s in results if k == kind and s not in (200, -1)})
        dropped = sum(1 for k, _, s in results if k == kind and s == -1)
        summary[kind] = {
            "ok": len(times),
            "errors": errors,
            "error_statuses": statuses,  # 0: no response (connection refused, reset or timed out)
            "dropped": dropped,  # still queued at the end: the server did not keep up
            "achieved_rps": round(len(times) / elapsed, 1),
            "p50_ms": round(1000 * times[len(times) // 2], 1) if times else None,
            "p95_ms": round(1000 * times[int(0.95 * (len(times) - 1))], 1) if times else None,
        }
    return summary


def process_cpu_seconds(pids: list[int]) -> float:
    """User + system CPU seconds these processes have used so far (Linux /proc; 0 for one that has gone)."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15 of proc(5))
    return total / ticks


def server_pids(master: int) -> list[int]:
    """gunicorn's master and its workers."""
    children = Path(f"/proc/{master}/task/{master}/children")
    return [master, *(int(pid) for pid in children.read_text().split())] if children.exists() else [master]


def postgres_pids() -> list[int]:
    """Every PostgreSQL server process on this machine (the load test's backends among them)."""
    pids = []
    for comm in Path("/proc").glob("[0-9]*/comm"):
        try:
            if comm.read_text().strip() == "postgres":
                pids.append(int(comm.parent.name))
        except OSError:
            continue
    return pids


def measured_load_test(port: int, master: int, cookies: dict[str, str], args: argparse.Namespace) -> dict:
    """The load test, with the CPU each side used per request served: where the machine's two cores went."""
    before = (process_cpu_seconds(server_pids(master)), process_cpu_seconds(postgres_pids()), time.process_time())
    summary = load_test(port, cookies, args.duration, args.staff_rps, args.public_rps)
    after = (process_cpu_seconds(server_pids(master)), process_cpu_seconds(postgres_pids()), time.process_time())
    served = max(1, summary["staff"]["ok"] + summary["public"]["ok"])
    summary["cpu_ms_per_request"] = {
        side: round(1000 * (end - start) / served, 2)
        for side, start, end in zip(("server", "database", "load_generator"), before, after, strict=True)
    }
    return summary


# -- the run ---------------------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=2_000_000, help="generated national rows (30M = 44 forces)")
    parser.add_argument("--forces", type=int, default=43, help="forces besides the demo's")
    parser.add_argument("--months", type=int, default=60, help="months generated (60: five years)")
    parser.add_argument("--import-rows", type=int, help="rows imported in parallel for the throughput figure")
    parser.add_argument("--workers", type=int, default=2, help="parallel import processes")
    parser.add_argument("--demo-scale", type=float, default=1.0)
    parser.add_argument("--repeat", type=int, default=5, help="alternating runs per page kind")
    parser.add_argument("--duration", type=float, default=30, help="load test seconds")
    parser.add_argument("--staff-rps", type=float, default=200)
    parser.add_argument("--public-rps", type=float, default=50)
    parser.add_argument("--gunicorn-workers", type=int, help="default: beatbook/ops/gunicorn_conf.py's")
    parser.add_argument("--gunicorn-threads", type=int, help="default: beatbook/ops/gunicorn_conf.py's")
    parser.add_argument("--skip-national", action="store_true")
    parser.add_argument("--skip-pages", action="store_true")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument(
        "--reuse-database",
        metavar="NAME",
        help="an existing database with the demo loaded: neither loaded nor dropped (for repeated load tests)",
    )
    args = parser.parse_args()

    name = args.reuse_database or f"beatbook_bench_{uuid.uuid4().hex[:10]}"
    work = Path(tempfile.mkdtemp(prefix=f"{name}-"))
    env = os.environ | {
        "DATABASE_URL": database_url(name),
        "DEBUG": "true",
        "BEATBOOK_DATA_DIR": str(work),
        "CACHE_DIR": str(work / "cache"),
        "DATABASE_CONN_MAX_AGE": "60",
        "DJANGO_SETTINGS_MODULE": "beatbook.settings",
    }
    figures: dict = {"database": name}
    if not args.reuse_database:
        admin(f'CREATE DATABASE "{name}"')
    try:
        beatbook(env, "migrate", "-v0")
        if not args.reuse_database:
            started = time.perf_counter()
            beatbook(env, "load_demo", "--incident-scale", str(args.demo_scale), "--quiet")
            figures["demo_load_seconds"] = round(time.perf_counter() - started, 1)
            print(f"Demo loaded at scale {args.demo_scale} in {figures['demo_load_seconds']} s", flush=True)

        if not args.skip_national and args.rows:
            figures["national"] = national.national_run(
                env,
                work,
                args.rows,
                args.months,
                args.forces,
                args.import_rows or default_import_rows(args.rows),
                args.workers,
            )
            figures["database_bytes"] = national.database_size(env)
            print(f"Database size {figures['database_bytes'] / 2**30:.1f} GiB", flush=True)

        pages_json = work / "pages.json"
        subprocess.run(
            [sys.executable, "-c", "pass"]
            if args.skip_pages
            else [
                sys.executable,
                str(REPO / "bench" / "bench_pages.py"),
                "--database-url",
                env["DATABASE_URL"],
                "--repeat",
                str(args.repeat),
                "--json",
                str(pages_json),
            ],
            env=env,
            check=True,
        )
        figures["pages"] = None if args.skip_pages else json.loads(pages_json.read_text())

        serve_env = env | {
            "DEBUG": "false",
            "SECRET_KEY": secrets.token_urlsafe(60),
            "ALLOWED_HOSTS": "127.0.0.1",
            "SECURE_SSL_REDIRECT": "false",
            "LOG_LEVEL": "WARNING",
        }
        beatbook(serve_env, "collectstatic", "--noinput", "-v0")  # DEBUG off serves the hashed, compressed assets
        cookies = sessions(serve_env)
        port = free_port()
        gunicorn = subprocess.Popen(
            [
                str(Path(sys.executable).parent / "gunicorn"),
                "beatbook.wsgi",
                # Production's settings (worker class, workers, threads), but no access log on the console.
                "-c",
                "python:beatbook.ops.gunicorn_conf",
                "-b",
                f"127.0.0.1:{port}",
                *(["--workers", str(args.gunicorn_workers)] if args.gunicorn_workers else []),
                *(["--threads", str(args.gunicorn_threads)] if args.gunicorn_threads else []),
                "--access-logfile",
                "/dev/null",
                "--log-level",
                "warning",
            ],
            env=serve_env,
        )
        try:
            wait_for(port)
            # Warm every worker on every page first: a new worker spends about 2 s of CPU on its first pages
            # (imports, templates), which a real server does once a day, not once a test.
            load_test(port, cookies, 10, args.staff_rps / 4, args.public_rps / 4)
            figures["load"] = measured_load_test(port, gunicorn.pid, cookies, args)
        finally:
            gunicorn.terminate()
            gunicorn.wait(timeout=30)
        load = figures["load"]
        print(
            f"Load test, {args.duration:.0f} s at {args.staff_rps:.0f} staff + {args.public_rps:.0f} public req/s "
            f"scheduled: staff {load['staff']['achieved_rps']} req/s p95 {load['staff']['p95_ms']} ms "
            f"({load['staff']['errors']} errors, {load['staff']['dropped']} not sent); public "
            f"{load['public']['achieved_rps']} req/s p95 {load['public']['p95_ms']} ms ({load['public']['errors']} "
            f"errors, {load['public']['dropped']} not sent); CPU ms per request served: "
            + ", ".join(f"{side} {ms}" for side, ms in load["cpu_ms_per_request"].items()),
            flush=True,
        )
        if args.json:
            args.json.write_text(json.dumps(figures, indent=1))
    finally:
        if not args.reuse_database:
            admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
