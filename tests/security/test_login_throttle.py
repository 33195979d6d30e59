"""Item 11: throttling per account and per client address slows guessing down without locking anyone
out; behind a trusted proxy the forwarded address counts; the page says how long to wait."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client, override_settings
from django.utils import timezone

from labormap.web.accounts import throttle
from tests.web.conftest import make_user

LOGIN = "/accounts/login/"


def _post(c: Client, user: str, pw: str, ip: str, xff: str | None = None) -> Any:
    extra: dict[str, Any] = {"REMOTE_ADDR": ip}
    if xff:
        extra["HTTP_X_FORWARDED_FOR"] = xff
    return c.post(LOGIN, {"username": user, "password": pw}, **extra)


def _later(monkeypatch: pytest.MonkeyPatch, seconds: int) -> None:
    now = timezone.now() + dt.timedelta(seconds=seconds)
    monkeypatch.setattr(throttle.timezone, "now", lambda: now)


@override_settings(LOGIN_FAILURE_LIMIT=5)
def test_one_address_cannot_lock_out_everyone(world: dict[str, Any]) -> None:
    make_user("alice", role="analyst", scope_kind="country")
    for i in range(20):
        _post(Client(), f"user{i % 7}", "wrong", "203.0.113.9")
    # the attacker's address is slowed down …
    assert _post(Client(), "user1", "wrong", "203.0.113.9").status_code == 429
    # … but a colleague at another address logs straight in
    assert _post(Client(), "alice", "pw-alice", "198.51.100.7").status_code == 302


@override_settings(LOGIN_FAILURE_LIMIT=3, LOGIN_BACKOFF_MAX_S=60)
def test_right_password_gets_in_after_a_short_wait(
    world: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    make_user("bob", role="analyst", scope_kind="country")
    for _ in range(10):
        _post(Client(), "bob", "wrong", "203.0.113.9")
    r = _post(Client(), "bob", "pw-bob", "198.51.100.7")
    assert r.status_code == 429
    wait = int(r["Retry-After"])
    assert 0 < wait <= 60
    assert str(wait) in r.content.decode()  # a clear message: how long to wait
    _later(monkeypatch, wait + 1)
    assert _post(Client(), "bob", "pw-bob", "198.51.100.7").status_code == 302


@override_settings(LOGIN_FAILURE_LIMIT=3, TRUSTED_PROXIES=["10.0.0.1"])
def test_forwarded_address_counts_only_from_a_trusted_proxy(world: dict[str, Any]) -> None:
    make_user("carol", role="analyst", scope_kind="country")
    for i in range(12):
        _post(Client(), f"x{i}", "wrong", "10.0.0.1", xff="203.0.113.9")
    # the attacker behind the proxy is slowed down, the other people behind the same proxy are not
    assert _post(Client(), "x99", "wrong", "10.0.0.1", xff="203.0.113.9").status_code == 429
    assert _post(Client(), "carol", "pw-carol", "10.0.0.1", xff="198.51.100.7").status_code == 302


@override_settings(LOGIN_FAILURE_LIMIT=3, TRUSTED_PROXIES=[])
def test_forwarded_header_from_an_untrusted_client_is_ignored(world: dict[str, Any]) -> None:
    for i in range(12):
        _post(Client(), f"y{i}", "wrong", "203.0.113.9", xff=f"192.0.2.{i}")
    # rotating a forged X-Forwarded-For does not escape the per-address throttle
    assert _post(Client(), "y99", "wrong", "203.0.113.9", xff="192.0.2.200").status_code == 429


def test_forwarded_client_takes_the_rightmost_untrusted_hop() -> None:
    from labormap.web.accounts.proxies import forwarded_client

    with override_settings(TRUSTED_PROXIES=["10.0.0.0/8"]):
        assert forwarded_client("10.0.0.1", "1.1.1.1, 203.0.113.9, 10.0.0.2") == "203.0.113.9"
        assert forwarded_client("203.0.113.5", "1.1.1.1") == "203.0.113.5"
        assert forwarded_client("10.0.0.1", "not-an-ip") == "10.0.0.1"
