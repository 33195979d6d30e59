"""The scope and publish tests again, on PostgreSQL (127.0.0.1:5432, user postgres, database ``test``).

Django settings are fixed per process, so the same test modules run in a child pytest with
``DATABASE_URL`` pointing at PostgreSQL; Django creates and drops its own ``test_…`` database there.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from tests.conftest import require

ROOT = Path(__file__).resolve().parents[2]
PG_HOST, PG_PORT = "127.0.0.1", 5432

pytestmark = [pytest.mark.postgres, pytest.mark.slow]


def _pg_up() -> bool:
    try:
        with socket.create_connection((PG_HOST, PG_PORT), timeout=1):
            return True
    except OSError:
        return False


def test_scope_and_publish_on_postgresql(tmp_path: Path) -> None:
    require(_pg_up(), f"PostgreSQL at {PG_HOST}:{PG_PORT}")
    env = dict(os.environ)
    env["DATABASE_URL"] = f"postgres://postgres@{PG_HOST}:{PG_PORT}/test"
    env["LABORMAP_DEMO"] = "1"
    # a distinct test database name per run, so parallel CI jobs on one server do not collide
    env["LABORMAP_TEST_DB_SUFFIX"] = uuid.uuid4().hex[:8]
    env.pop("PYTEST_XDIST_WORKER", None)
    r = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "-p",
            "no:xdist",
            "--create-db",
            "tests/web/accounts/test_scope.py",
            "tests/web/accounts/test_one_scope.py",
            "tests/web/employers/test_publish.py",
            "tests/web/employers/test_publish_incremental.py",
            "tests/web/test_api.py",
            "-k",
            "not schemathesis",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    tail = (r.stdout + r.stderr)[-4000:]
    assert r.returncode == 0, tail
    assert " passed" in r.stdout and "skipped" not in r.stdout.splitlines()[-1], tail
