"""Signing in and running axe-core (served by Beatbook itself, so the page's CSP allows it)."""

from __future__ import annotations

import time

from beatbook.accounts.demo import demo_code
from beatbook.demo.build import DEMO_PASSWORD

# The last 30-second step each demo login used: a TOTP code is accepted once, so a second sign-in
# in the same step uses the next step's code (within the ±1 step tolerance) or waits for it.
_LAST_STEP: dict[str, int] = {}


def sign_in(page, username: str) -> None:
    page.goto("/sign-in/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()
    if "/sign-in/code/" in page.url:  # the roles that need a second factor: the demo's published key
        page.get_by_label("Code").fill(_next_code(username))
        page.get_by_role("button", name="Continue").click()
    page.wait_for_url("**/")


def _next_code(username: str) -> str:
    now = int(time.time()) // 30
    step = max(now, _LAST_STEP.get(username, now - 1) + 1)
    if step > now + 1:
        time.sleep((step - 1) * 30 - time.time() + 1)
        now = int(time.time()) // 30
    _LAST_STEP[username] = step
    return demo_code(step - now)


def axe_violations(page) -> list[dict]:
    """axe-core's violations on the current page (WCAG 2.2 A and AA rules and best practice)."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(url="/static/axe/axe.min.js")
    result = page.evaluate(
        "async () => await axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', "
        "'wcag21aa', 'wcag22aa', 'best-practice']})"
    )
    return [
        {"id": v["id"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]][:5]} for v in result["violations"]
    ]


def assert_accessible(page) -> None:
    violations = axe_violations(page)
    assert violations == [], f"axe found {len(violations)} violation(s) on {page.url}: {violations}"
