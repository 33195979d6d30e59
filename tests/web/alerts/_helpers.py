"""Shared bits of the alert life-cycle tests: a logged-in client and one alert in a region."""

from __future__ import annotations

from typing import Any

from django.test import Client

from labormap.web.alerts.models import Alert
from tests.web.conftest import make_user


def login(username: str, role: str, scope_kind: str, **scope: Any) -> tuple[Client, Any]:
    user = make_user(username, role, scope_kind, **scope)
    c = Client()
    assert c.login(username=username, password="pw-" + username)
    return c, user


def alert_in(region: str) -> Alert:
    a = Alert.objects.filter(employer__region=region).first()
    assert a is not None, f"the test world raises no alert in region {region}"
    return a


def alert_outside(region: str) -> Alert:
    a = Alert.objects.exclude(employer__region=region).first()
    assert a is not None
    return a
