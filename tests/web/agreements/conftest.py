"""The hand-made agreements warehouse (tests/agreements/world.py) published into the app, one account per role."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from tests.agreements import world
from tests.web.conftest import _fast_hashing, make_user  # noqa: F401


@pytest.fixture(scope="session")
def agreements_web_wh(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return world.build(tmp_path_factory.mktemp("agweb"))


@pytest.fixture
def published(db: Any, agreements_web_wh: Path, settings: Any) -> Path:
    from django.core.cache import cache

    from labormap.warehouse import Warehouse
    from labormap.web.employers.publish import publish

    cache.clear()
    settings.LABORMAP_WAREHOUSE = agreements_web_wh
    publish(Warehouse(agreements_web_wh))
    return agreements_web_wh


def login(username: str, role: str, scope_kind: str, **scope: Any) -> Client:
    make_user(username, role, scope_kind, **scope)
    c = Client()
    assert c.login(username=username, password="pw-" + username)
    return c


@pytest.fixture
def ministry(published: Path) -> Client:
    return login("min", "ministry_admin", "country")


@pytest.fixture
def union3(published: Path) -> Client:
    """A union whose members are employers 3 and 5."""
    return login("union", "union", "employers", employer_bins=f"{world.make_bin(3)},{world.make_bin(5)}")


@pytest.fixture
def employer1(published: Path) -> Client:
    return login("emp1", "employer", "own", employer_bins=world.make_bin(1))


@pytest.fixture
def akimat47(published: Path) -> Client:
    return login("akim47", "akimat", "region", regions="47")
