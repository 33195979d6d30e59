"""Django for the web tests: LaborMap's settings module, fast password hashing, a small published world."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, cast

import django
import pytest

os.environ.setdefault("LABORMAP_DEMO", "1")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "labormap.web.settings")
os.environ.setdefault("LABORMAP_EMAIL_URL", "locmem://")
django.setup()

if os.environ.get("LABORMAP_TEST_DB_SUFFIX"):
    from django.conf import settings as _settings

    test_db = cast(dict[str, object], _settings.DATABASES["default"]["TEST"])
    test_db["NAME"] = f"test_labormap_{os.environ['LABORMAP_TEST_DB_SUFFIX']}"

from tests.web.world import build_world  # noqa: E402


@pytest.fixture(autouse=True)
def _fast_hashing(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="session")
def world_dir(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    return build_world(Path(tmp_path_factory.mktemp("wh")))


@pytest.fixture
def world(db: Any, world_dir: dict[str, Any]) -> dict[str, Any]:
    """The world published into the (per-test, rolled back) app database."""
    from django.core.cache import cache

    from labormap.web.employers.publish import publish

    cache.clear()
    world_dir["summary"] = publish(world_dir["warehouse"])
    return world_dir


def make_user(username: str, role: str, scope_kind: str, **scope: Any) -> Any:
    from django.contrib.auth import get_user_model

    from labormap.web.accounts.models import Profile

    user = get_user_model().objects.create_user(username, f"{username}@example.kz", "pw-" + username)
    Profile.objects.create(user=user, role=role, scope_kind=scope_kind, **scope)
    return user
