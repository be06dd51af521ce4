"""Gunicorn's settings for Beatbook in production, used by `beatbook serve`
(or directly: `gunicorn -c python:beatbook.ops.gunicorn_conf beatbook.wsgi:application`).

Every value can be changed from the environment:
- BEATBOOK_BIND: address to listen on (default 127.0.0.1:8000: behind the TLS proxy, never public).
- WEB_CONCURRENCY: worker processes (default one per CPU; each holds about 150 MB).
- BEATBOOK_WEB_THREADS: threads per worker process (default 8). Each thread keeps a database connection, so
  PostgreSQL's max_connections must exceed workers × threads (plus the job workers').
- BEATBOOK_TRUSTED_PROXIES: addresses whose X-Forwarded-* headers gunicorn believes (default 127.0.0.1).
"""

import multiprocessing
import os

bind = os.environ.get("BEATBOOK_BIND", "127.0.0.1:8000")
# One process per CPU, each with several threads, rather than gunicorn's 2 × CPUs + 1 (a rule for sync
# workers): a Beatbook request is mostly Python, so more processes than CPUs only take turns, and each keeps
# its own copy of what it has warmed (templates, areas). In the load test (bench/bench_load.py, 2 CPUs, 250
# requests a second) 2 × 8 served the whole rate with p95 under 1.4 s on a machine busy with other work,
# where 5 × 4 fell behind (190 a second, p95 6 s): 4.4 against 5.5 ms of CPU a request.
workers = int(os.environ.get("WEB_CONCURRENCY") or max(2, multiprocessing.cpu_count()))
# Threads let a worker serve other requests while one waits on the database or the cache, and keep
# connections alive between requests (sync workers close each one); each thread keeps its own database
# connection (DATABASE_CONN_MAX_AGE), so workers × threads connections in all.
worker_class = "gthread"
threads = int(os.environ.get("BEATBOOK_WEB_THREADS") or 8)
# Long work runs on the job queue, so a request over a minute is stuck: restart its worker.
timeout = 60
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then so a slow leak cannot grow for weeks. A new worker costs about 2 s of CPU
# (0.6 s of imports, 1.4 s for its first page: templates, views, scipy), so at the load test's 250 requests a
# second over 5 workers a limit of 2,000 restarted a worker every 8 s and spent a quarter of a core on it;
# 20,000 spends about 2%, and still recycles a worker within a day at any real force's traffic.
max_requests = 20000
max_requests_jitter = 2000
forwarded_allow_ips = os.environ.get("BEATBOOK_TRUSTED_PROXIES") or "127.0.0.1"
accesslog = "-"
errorlog = "-"
# Request lines only: query strings can carry search terms, which are not logged in full.
access_log_format = '%(h)s "%(m)s %(U)s" %(s)s %(B)s %(M)sms'
