"""Run `labormap` and small Django checks in child processes: Django's settings (the database) are fixed
per process, and a backup/restore test needs two databases."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LABORMAP = str(Path(sys.executable).parent / "labormap")

PAGES = """
import sys
from labormap.web import ops
ops.setup()
from django.test import Client
from django.db.migrations.recorder import MigrationRecorder
from django.db import connection
c = Client()
assert c.login(username="ministry", password="demo"), "demo account lost"
codes = [c.get(u).status_code for u in ("/", "/alerts/", "/employers/", "/operations/")]
applied = {a + "." + n for a, n in MigrationRecorder(connection).applied_migrations()}
print(codes, "alerts.0005_lifecycle" in applied)
"""


def env_for(db_url: str, data_dir: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(DATABASE_URL=db_url, LABORMAP_DEMO="1", LABORMAP_DATA_DIR=str(data_dir))
    env.pop("DJANGO_SETTINGS_MODULE", None)
    return env


def lm(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([LABORMAP, *args], env=env, cwd=ROOT, capture_output=True, text=True, check=False)


def pages(env: dict[str, str]) -> str:
    r = subprocess.run(
        [sys.executable, "-c", PAGES], env=env, cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert r.returncode == 0, r.stderr[-2000:]
    return r.stdout.strip()


def older_database(env: dict[str, str]) -> None:
    """A database as an older LaborMap left it: demo accounts, alerts without the life-cycle migration."""
    assert lm(env, "web", "createdemo").returncode == 0
    r = lm(env, "web", "manage", "migrate", "alerts", "0004", "-v", "0")
    assert r.returncode == 0, r.stderr
