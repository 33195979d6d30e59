"""The reconciliation pages on the hand-made registries of tests/reconcile (ingested, then published)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from tests.reconcile import drops
from tests.reconcile import handmade as hm
from tests.web.conftest import _fast_hashing, make_user  # noqa: F401


@pytest.fixture(scope="session")
def reconcile_wh(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return drops.warehouse_of(hm.records(), tmp_path_factory.mktemp("rcweb")).root


@pytest.fixture
def published(db: Any, reconcile_wh: Path, settings: Any) -> Path:
    from django.core.cache import cache

    from labormap.warehouse import Warehouse
    from labormap.web.employers.publish import publish

    cache.clear()
    settings.LABORMAP_WAREHOUSE = reconcile_wh
    publish(Warehouse(reconcile_wh))
    return reconcile_wh


def login(username: str, role: str, scope_kind: str, **scope: Any) -> Client:
    make_user(username, role, scope_kind, **scope)
    c = Client()
    assert c.login(username=username, password="pw-" + username)
    return c


def token_client(username: str, role: str, scope_kind: str, **scope: Any) -> Client:
    make_user(username, role, scope_kind, **scope)
    r = Client().post(
        "/api/v1/auth/token",
        {"username": username, "password": "pw-" + username},
        content_type="application/json",
    )
    return Client(headers={"Authorization": f"Bearer {r.json()['token']}"})
