"""Settings are validated at start-up, with the fix named — not when the first report is requested."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from labormap.web.conf import ConfigError, warehouse_path
from labormap.web.core.checks import run_startup_checks, warehouse_check

ROOT = Path(__file__).resolve().parents[3]


def test_a_missing_warehouse_folder_is_refused_when_settings_load(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("LABORMAP_WAREHOUSE", str(tmp_path / "nope"))
    with pytest.raises(ConfigError, match=r"LABORMAP_WAREHOUSE=.*no such folder.*labormap ingest"):
        warehouse_path()
    monkeypatch.setenv("LABORMAP_WAREHOUSE", str(tmp_path))
    assert warehouse_path() == tmp_path.resolve()
    monkeypatch.delenv("LABORMAP_WAREHOUSE")
    assert warehouse_path() is None


def test_the_web_app_does_not_start_with_a_bad_warehouse(tmp_path: Path) -> None:
    env = dict(os.environ, LABORMAP_DEMO="1", LABORMAP_WAREHOUSE=str(tmp_path / "missing"))
    env["DJANGO_SETTINGS_MODULE"] = "labormap.web.settings"
    r = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert r.returncode != 0
    assert "LABORMAP_WAREHOUSE" in r.stderr and "no such folder" in r.stderr


def test_system_check_names_the_problem(settings: Any, tmp_path: Path) -> None:
    settings.LABORMAP_WAREHOUSE = None
    assert [m.id for m in warehouse_check()] == ["labormap.W001"]
    settings.LABORMAP_WAREHOUSE = tmp_path / "gone"
    [err] = warehouse_check()
    assert err.id == "labormap.E001" and "no such folder" in err.msg
    with pytest.raises(SystemCheckError, match="LABORMAP_WAREHOUSE"):
        call_command("check", tags=["labormap"])
    with pytest.raises(ConfigError, match="LABORMAP_WAREHOUSE"):
        run_startup_checks()
    settings.LABORMAP_WAREHOUSE = tmp_path
    assert [m.id for m in warehouse_check()] == ["labormap.W002"]
    (tmp_path / "manifest.json").write_text("{}", encoding="utf-8")
    assert warehouse_check() == []


def test_cache_is_local_memory_when_unset_and_redis_when_given(monkeypatch: pytest.MonkeyPatch) -> None:
    from labormap.web.conf import cache

    monkeypatch.delenv("LABORMAP_CACHE_URL", raising=False)
    assert cache()["BACKEND"].endswith("LocMemCache")
    monkeypatch.setenv("LABORMAP_CACHE_URL", "  ")
    assert cache()["BACKEND"].endswith("LocMemCache")
    monkeypatch.setenv("LABORMAP_CACHE_URL", "redis://127.0.0.1:6379/2")
    c = cache(namespace="labormap_prod")
    assert c["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    # run ids restart at 1 in every database: two apps on one Redis must not share entries
    assert c["KEY_PREFIX"] != cache(namespace="labormap_staging")["KEY_PREFIX"]
    assert c["LOCATION"] == "redis://127.0.0.1:6379/2"
    monkeypatch.setenv("LABORMAP_CACHE_URL", "rediss://:secret@cache.example.kz")
    assert cache()["BACKEND"].endswith("RedisCache")


@pytest.mark.parametrize(
    ("value", "says"),
    [
        ("memcached://127.0.0.1:11211", "scheme 'memcached' is not supported"),
        ("127.0.0.1:6379", "is not supported"),  # no scheme: urlparse reads '127.0.0.1' as one
        ("redis://127.0.0.1:63x9/0", "port is not a number"),
        ("redis://127.0.0.1:99999/0", "port is not a number"),
        ("redis:///0", "no host"),
        ("redis://127.0.0.1:6379/cache", "must be a number"),
        ("redis://127.0.0.1:6379/0?ssl_cert_reqs=none", "not supported"),
    ],
)
def test_a_malformed_cache_url_stops_the_start_up(
    monkeypatch: pytest.MonkeyPatch, value: str, says: str
) -> None:
    from labormap.web.conf import cache

    monkeypatch.setenv("LABORMAP_CACHE_URL", value)
    with pytest.raises(ConfigError, match="LABORMAP_CACHE_URL") as e:
        cache()
    assert says in str(e.value)


def test_the_web_app_does_not_start_with_a_malformed_cache_url() -> None:
    env = dict(os.environ, LABORMAP_DEMO="1", LABORMAP_CACHE_URL="redis://localhost:port/0")
    env["DJANGO_SETTINGS_MODULE"] = "labormap.web.settings"
    r = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert r.returncode != 0 and "LABORMAP_CACHE_URL" in r.stderr
