"""Lockout keys on the real client address: X-Forwarded-For only from a configured trusted proxy."""

from __future__ import annotations

from django.test import Client, RequestFactory, override_settings

from beatbook.audit.models import AuditEvent
from beatbook.audit.record import client_ip
from beatbook.demo.build import DEMO_PASSWORD

PROXY = "10.0.0.254"


def attempt(password: str, remote: str, forwarded: str | None = None):
    headers = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded
    return Client().post("/sign-in/", {"username": "insp.clarke", "password": password}, **headers)


def test_without_a_trusted_proxy_the_header_is_ignored(db) -> None:
    # An attacker rotating X-Forwarded-For is still one address: locked out after five.
    for i in range(5):
        attempt("wrong-password", "198.51.100.7", forwarded=f"203.0.113.{i}")
    assert b"Too many failed attempts" in attempt(DEMO_PASSWORD, "198.51.100.7", forwarded="203.0.113.99").content
    assert AuditEvent.objects.filter(event="user.login_failed", source_ip="198.51.100.7").count() == 5


@override_settings(TRUSTED_PROXIES=[PROXY])
def test_behind_the_trusted_proxy_each_client_is_keyed_on_its_own_address(db) -> None:
    for _ in range(5):
        attempt("wrong-password", PROXY, forwarded="203.0.113.5")
    assert b"Too many failed attempts" in attempt(DEMO_PASSWORD, PROXY, forwarded="203.0.113.5").content
    # Another client behind the same proxy is not locked out, nor is the whole proxy.
    assert attempt(DEMO_PASSWORD, PROXY, forwarded="203.0.113.6").status_code == 302
    assert AuditEvent.objects.filter(event="user.login_failed", source_ip="203.0.113.5").count() == 5


@override_settings(TRUSTED_PROXIES=[PROXY])
def test_only_the_hop_the_proxy_saw_counts() -> None:
    request = RequestFactory().get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.5")
    assert client_ip(request) == "203.0.113.5"  # "1.2.3.4" was written by the client itself
    request = RequestFactory().get("/", REMOTE_ADDR="198.51.100.7", HTTP_X_FORWARDED_FOR="203.0.113.5")
    assert client_ip(request) == "198.51.100.7"  # not from the proxy: the header proves nothing
    request = RequestFactory().get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="not-an-address")
    assert client_ip(request) == PROXY
