"""`beatbook serve` runs gunicorn with the package's settings, which the environment can change."""

from __future__ import annotations

import importlib
import multiprocessing
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

from beatbook.ops import gunicorn_conf


def test_gunicorn_settings_come_from_the_environment(monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.delenv("WEB_CONCURRENCY", raising=False)
    monkeypatch.delenv("BEATBOOK_TRUSTED_PROXIES", raising=False)
    assert importlib.reload(gunicorn_conf).workers == max(2, multiprocessing.cpu_count())
    monkeypatch.setenv("WEB_CONCURRENCY", "3")
    monkeypatch.setenv("BEATBOOK_BIND", "127.0.0.1:9001")
    reloaded = importlib.reload(gunicorn_conf)
    assert (reloaded.workers, reloaded.bind, reloaded.forwarded_allow_ips) == (3, "127.0.0.1:9001", "127.0.0.1")


def test_beatbook_serve_answers_with_production_settings_and_stops_on_sigterm(tmp_path) -> None:  # noqa: ANN001
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = os.environ | {
        "DEBUG": "false",
        "SECRET_KEY": "x" * 60,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "BEATBOOK_DATA_DIR": str(tmp_path),
        "DATABASE_URL": "",
    }
    subprocess.run([sys.executable, "-m", "beatbook", "collectstatic", "--no-input", "-v0"], env=env, check=True)
    server = subprocess.Popen(
        [sys.executable, "-m", "beatbook", "serve", "--bind", f"127.0.0.1:{port}", "--workers", "1"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/sign-in/", timeout=5) as response:  # noqa: S310
                    headers = response.headers
                    break
            except urllib.error.HTTPError as error:
                raise AssertionError(f"HTTP {error.code} from gunicorn") from None
            except OSError:
                assert server.poll() is None and time.monotonic() < deadline, "gunicorn did not start"
                time.sleep(0.3)
        assert headers["Content-Security-Policy"] and headers["X-Frame-Options"] == "DENY"
        assert "__Host-csrftoken" in headers["Set-Cookie"]  # production cookies
    finally:
        server.send_signal(signal.SIGTERM)
        assert server.wait(timeout=40) == 0
