"""``labormap serve`` runs the app under gunicorn (migrating a fresh database first), serving static files;
the CLI publishes and creates the demo accounts."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.slow
LABORMAP = str(Path(sys.executable).parent / "labormap")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_cli_publish_createdemo_and_serve(tmp_path: Path, world_dir: dict[str, Any]) -> None:
    env = {**os.environ, "LABORMAP_DEMO": "1", "LABORMAP_DATA_DIR": str(tmp_path / "data")}
    env.pop("DATABASE_URL", None)
    env.pop("DJANGO_SETTINGS_MODULE", None)
    r = subprocess.run(
        [LABORMAP, "web", "publish", "--warehouse", str(world_dir["warehouse"].root)],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert r.returncode == 0, r.stderr
    assert f"published {len(world_dir['bins'])} employers" in r.stdout
    r = subprocess.run([LABORMAP, "web", "createdemo"], env=env, capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    assert "ministry" in r.stdout and "akimat-47" in r.stdout
    port = _free_port()
    proc = subprocess.Popen(
        [LABORMAP, "serve", "--port", str(port), "--workers", "1"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(100):
            try:
                with urllib.request.urlopen(f"{base}/healthz", timeout=2) as resp:
                    assert resp.status == 200
                    break
            except OSError:
                time.sleep(0.2)
        else:
            raise AssertionError("server did not come up")
        with urllib.request.urlopen(f"{base}/static/vendor/leaflet/leaflet.js", timeout=5) as resp:
            assert resp.status == 200 and b"Leaflet" in resp.read()[:2000]
        with urllib.request.urlopen(f"{base}/accounts/login/", timeout=5) as resp:
            html = resp.read().decode()
            assert "Войти" in html
            assert "Content-Security-Policy" in resp.headers
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def test_production_settings_need_a_secret(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("LABORMAP_DEMO", "LABORMAP_SECRET_KEY")}
    env["LABORMAP_DATA_DIR"] = str(tmp_path)
    r = subprocess.run([LABORMAP, "web", "migrate"], env=env, capture_output=True, text=True, timeout=120)
    assert r.returncode != 0 and "LABORMAP_SECRET_KEY" in (r.stderr + r.stdout)


def test_createdemo_is_refused_outside_demo_mode(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "LABORMAP_DEMO"}
    env.update(LABORMAP_SECRET_KEY="x" * 50, LABORMAP_DATA_DIR=str(tmp_path))
    r = subprocess.run([LABORMAP, "web", "createdemo"], env=env, capture_output=True, text=True, timeout=120)
    assert r.returncode != 0 and "demo mode" in (r.stderr + r.stdout)
