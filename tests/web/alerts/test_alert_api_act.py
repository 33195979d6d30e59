"""POST /api/v1/alerts/{id}/act: the same steps through the API; out of scope 404, wrong order 409."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from labormap.web.alerts.models import Alert
from tests.web.alerts._helpers import alert_in, alert_outside
from tests.web.conftest import make_user

pytestmark = pytest.mark.django_db


def _token_client(username: str, role: str, scope_kind: str, **scope: Any) -> Client:
    make_user(username, role, scope_kind, **scope)
    r = Client().post(
        "/api/v1/auth/token",
        {"username": username, "password": "pw-" + username},
        content_type="application/json",
    )
    return Client(headers={"Authorization": f"Bearer {r.json()['token']}"})


def test_api_steps_scope_and_order(world: dict[str, Any]) -> None:
    c = _token_client("insp35", "inspector", "region", regions="35")
    a, other = alert_in("35"), alert_outside("35")
    url = f"/api/v1/alerts/{a.pk}/act"
    post = lambda u, body: c.post(u, body, content_type="application/json")  # noqa: E731
    assert post(f"/api/v1/alerts/{other.pk}/act", {"action": "acknowledge"}).status_code == 404
    assert post(url, {"action": "close"}).status_code == 409
    assert post(url, {"action": "acknowledge"}).json()["status"] == "acknowledged"
    r = post(url, {"action": "verify", "outcome": "false_alarm"})
    assert r.status_code == 200 and r.json()["outcome"] == "false_alarm"
    assert post(url, {"action": "close"}).json()["status"] == "closed"
    assert Alert.objects.get(pk=a.pk).status == "closed"
    listed = {x["id"]: x for x in c.get("/api/v1/alerts?page_size=500").json()["items"]}
    assert listed[a.pk]["status"] == "closed"
