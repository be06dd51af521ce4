"""Browser tests: a real Beatbook server with the demo, driven by Playwright in Debian's Chromium.

The server and a job worker run in their own processes on a temporary SQLite database, exactly as
`make run` does, so these tests see what a person sees. Run them with `make test-browser`.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for(port: int, process: subprocess.Popen, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the test server exited with {process.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"the test server did not start on port {port} within {seconds} s")


@pytest.fixture(scope="session")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    data_dir = tmp_path_factory.mktemp("beatbook-browser")
    env = os.environ | {"BEATBOOK_DATA_DIR": str(data_dir), "DEBUG": "true", "DATABASE_URL": ""}
    command = [sys.executable, "-m", "beatbook"]
    subprocess.run([*command, "migrate", "--no-input", "-v0"], env=env, check=True)
    subprocess.run([*command, "load_demo", "--quiet", "--incident-scale", "0.1"], env=env, check=True)
    port = _free_port()
    log = (data_dir / "server.log").open("w")
    server = subprocess.Popen(
        [*command, "runserver", "--noreload", f"127.0.0.1:{port}"], env=env, stdout=log, stderr=subprocess.STDOUT
    )
    # Uploads are imported by a job worker, as under `make run`.
    worker = subprocess.Popen([*command, "worker", "--interval", "0.2"], env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        _wait_for(port, server)
        yield f"http://127.0.0.1:{port}"
    finally:
        for process in (server, worker):
            process.terminate()
            process.wait(timeout=30)
        log.close()


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium package (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield instance
        instance.close()


def _page_collecting_console_errors(context):  # noqa: ANN001, ANN202 - Playwright objects
    page = context.new_page()
    page.console_errors = []
    page.on("console", lambda message: message.type == "error" and page.console_errors.append(message.text))
    return page


@pytest.fixture
def page(browser, base_url: str) -> Iterator[object]:
    context = browser.new_context(base_url=base_url)
    yield _page_collecting_console_errors(context)
    context.close()


@pytest.fixture
def phone_page(browser, base_url: str) -> Iterator[object]:
    context = browser.new_context(
        base_url=base_url, viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True
    )
    yield _page_collecting_console_errors(context)
    context.close()
