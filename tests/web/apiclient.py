"""An API client with a bearer token for a test account (password ``pw-<username>``)."""

from __future__ import annotations

from django.test import Client


def api_client(username: str) -> Client:
    r = Client().post(
        "/api/v1/auth/token",
        {"username": username, "password": "pw-" + username},
        content_type="application/json",
    )
    assert r.status_code == 200, r.content
    return Client(headers={"Authorization": f"Bearer {r.json()['token']}"})
