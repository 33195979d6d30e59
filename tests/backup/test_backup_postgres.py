"""The same on the real PostgreSQL at 127.0.0.1:5432: pg_dump of an older schema → pg_restore into another
database → `labormap web migrate` → pages work. Two throw-away databases, dropped at the end."""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.backup._run import env_for, lm, older_database, pages
from tests.conftest import require

pytestmark = [pytest.mark.postgres, pytest.mark.slow]
PG = "postgres://postgres@127.0.0.1:5432/"


def _pg_up() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 5432), timeout=1):
            return True
    except OSError:
        return False


def _psql(sql: str) -> None:
    subprocess.run(
        [
            shutil.which("psql") or "psql",
            "-h",
            "127.0.0.1",
            "-U",
            "postgres",
            "-d",
            "postgres",
            "-q",
            "-c",
            sql,
        ],
        check=True,
        capture_output=True,
    )


@pytest.fixture
def two_dbs() -> Iterator[tuple[str, str]]:
    require(_pg_up() and shutil.which("psql") is not None, "PostgreSQL at 127.0.0.1:5432 and psql")
    tag = uuid.uuid4().hex[:8]
    names = (f"lm_backup_{tag}_a", f"lm_backup_{tag}_b")
    for n in names:
        _psql(f"CREATE DATABASE {n}")
    try:
        yield names
    finally:
        for n in names:
            _psql(f"DROP DATABASE IF EXISTS {n} WITH (FORCE)")


def test_pg_dump_restore_then_upgrade(tmp_path: Path, two_dbs: tuple[str, str]) -> None:
    a, b = two_dbs
    old = env_for(PG + a, tmp_path)
    older_database(old)
    r = lm(old, "backup", "--out", str(tmp_path / "bk"))
    assert r.returncode == 0, r.stderr
    meta = json.loads((tmp_path / "bk" / "backup.json").read_text())
    assert meta["engine"] == "postgresql" and meta["migrations"]["alerts"] == "0004_voice_kind"
    assert (tmp_path / "bk" / "app.pgdump").stat().st_size > 0

    new = env_for(PG + b, tmp_path)
    r = lm(new, "restore", str(tmp_path / "bk"), "--no-migrate")
    assert r.returncode == 0, r.stderr
    assert needs_upgrade(new)  # the restored schema is the older one
    assert lm(new, "web", "migrate").returncode == 0
    assert pages(new) == "[200, 200, 200, 200] True"
    # a second restore over the now-upgraded database needs --force and brings the old schema back
    assert lm(new, "restore", str(tmp_path / "bk"), "--no-migrate").returncode == 2
    assert lm(new, "restore", str(tmp_path / "bk"), "--force").returncode == 0
    assert pages(new).endswith("True")


def needs_upgrade(env: dict[str, str]) -> bool:
    code = "from labormap.web import ops; ops.setup(); print(ops.needs_migration())"
    r = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=False)
    assert r.returncode == 0, r.stderr
    return r.stdout.strip() == "True"
