"""The web tests' Django setup and published world, reused for the case pages."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from tests.web.conftest import _fast_hashing, make_user, world, world_dir  # noqa: F401


def login(username: str, role: str, scope_kind: str, **scope: Any) -> Client:
    make_user(username, role, scope_kind, **scope)
    c = Client()
    assert c.login(username=username, password="pw-" + username)
    return c


@pytest.fixture
def ministry(world: dict[str, Any]) -> Client:  # noqa: F811
    return login("minadmin", "ministry_admin", "country")


@pytest.fixture
def akimat47(world: dict[str, Any]) -> Client:  # noqa: F811
    return login("akimat47", "akimat", "region", regions="47")
