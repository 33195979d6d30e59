"""The layoffs pages on the hand-made warehouse of tests/layoffs (published into the app database)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from tests.layoffs import handmade as hm
from tests.web.conftest import _fast_hashing, make_user  # noqa: F401


@pytest.fixture(scope="session")
def layoffs_wh(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return hm.build(tmp_path_factory.mktemp("layoffs") / "wh").root


@pytest.fixture
def published(db: Any, layoffs_wh: Path, settings: Any) -> Path:
    from django.core.cache import cache

    from labormap.warehouse import Warehouse
    from labormap.web.employers.publish import publish

    cache.clear()
    settings.LABORMAP_WAREHOUSE = layoffs_wh
    publish(Warehouse(layoffs_wh))
    return layoffs_wh


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
