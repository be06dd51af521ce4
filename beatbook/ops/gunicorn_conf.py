"""Gunicorn's settings for Beatbook in production, used by `beatbook serve`
(or directly: `gunicorn -c python:beatbook.ops.gunicorn_conf beatbook.wsgi:application`).

Every value can be changed from the environment:
- BEATBOOK_BIND: address to listen on (default 127.0.0.1:8000: behind the TLS proxy, never public).
- WEB_CONCURRENCY: worker processes (default 2 × CPUs + 1, gunicorn's own rule of thumb; each holds
  about 150 MB).
- BEATBOOK_WEB_THREADS: threads per worker process (default 4).
- BEATBOOK_TRUSTED_PROXIES: addresses whose X-Forwarded-* headers gunicorn believes (default 127.0.0.1).
"""

import multiprocessing
import os

bind = os.environ.get("BEATBOOK_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY") or 2 * multiprocessing.cpu_count() + 1)
# Threads let a worker serve other requests while one waits on the database or the cache, and keep
# connections alive between requests (sync workers close each one); each thread keeps its own database
# connection (DATABASE_CONN_MAX_AGE), so workers × threads connections in all.
worker_class = "gthread"
threads = int(os.environ.get("BEATBOOK_WEB_THREADS") or 4)
# Long work runs on the job queue, so a request over a minute is stuck: restart its worker.
timeout = 60
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then so a slow leak cannot grow for weeks.
max_requests = 2000
max_requests_jitter = 200
forwarded_allow_ips = os.environ.get("BEATBOOK_TRUSTED_PROXIES") or "127.0.0.1"
accesslog = "-"
errorlog = "-"
# Request lines only: query strings can carry search terms, which are not logged in full.
access_log_format = '%(h)s "%(m)s %(U)s" %(s)s %(B)s %(M)sms'
