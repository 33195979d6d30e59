"""backup → restore (into another SQLite database) → migrate → pages work; damaged backups and non-empty
targets are refused with a clear message, not a traceback."""

from __future__ import annotations

import json
from pathlib import Path

from tests.backup._run import env_for, lm, older_database, pages


def _warehouse(tmp: Path) -> Path:
    wh = tmp / "wh"
    (wh / "ops" / "daily" / "runs").mkdir(parents=True)
    (wh / "manifest.json").write_text('{"drops": ["2025-12"]}', encoding="utf-8")
    (wh / "ops" / "daily" / "runs" / "r1.json").write_text('{"status": "done"}', encoding="utf-8")
    return wh


def test_restore_older_database_then_upgrade(tmp_path: Path) -> None:
    old = env_for(f"sqlite:///{tmp_path}/old.sqlite3", tmp_path)
    older_database(old)
    wh = _warehouse(tmp_path)
    r = lm(old, "backup", "--out", str(tmp_path / "bk"), "--warehouse", str(wh))
    assert r.returncode == 0, r.stderr
    meta = json.loads((tmp_path / "bk" / "backup.json").read_text())
    assert meta["engine"] == "sqlite" and meta["migrations"]["alerts"] == "0004_voice_kind"
    assert "warehouse/manifest.json" in meta["files"] and "warehouse/ops/daily/runs/r1.json" in meta["files"]

    new = env_for(f"sqlite:///{tmp_path}/new.sqlite3", tmp_path)
    wh2 = tmp_path / "wh2"
    r = lm(new, "restore", str(tmp_path / "bk"), "--warehouse", str(wh2), "--no-migrate")
    assert r.returncode == 0, r.stderr
    assert (wh2 / "manifest.json").read_text() == '{"drops": ["2025-12"]}'
    assert (wh2 / "ops" / "daily" / "runs" / "r1.json").exists()
    assert lm(new, "web", "migrate").returncode == 0  # the upgrade path
    assert pages(new) == "[200, 200, 200, 200] True"


def test_restore_migrates_by_default_and_refuses_non_empty(tmp_path: Path) -> None:
    old = env_for(f"sqlite:///{tmp_path}/old.sqlite3", tmp_path)
    older_database(old)
    assert lm(old, "backup", "--out", str(tmp_path / "bk")).returncode == 0
    new = env_for(f"sqlite:///{tmp_path}/new.sqlite3", tmp_path)
    r = lm(new, "restore", str(tmp_path / "bk"))
    assert r.returncode == 0 and "alerts.0005_lifecycle" in r.stdout, r.stdout + r.stderr
    r = lm(new, "restore", str(tmp_path / "bk"))
    assert r.returncode == 2 and "--force" in r.stderr and "Traceback" not in r.stderr
    assert lm(new, "restore", str(tmp_path / "bk"), "--force").returncode == 0
    assert pages(new).endswith("True")


def test_damaged_backup_is_refused(tmp_path: Path) -> None:
    old = env_for(f"sqlite:///{tmp_path}/old.sqlite3", tmp_path)
    older_database(old)
    assert lm(old, "backup", "--out", str(tmp_path / "bk")).returncode == 0
    with (tmp_path / "bk" / "app.sqlite3").open("ab") as f:
        f.write(b"x")
    new = env_for(f"sqlite:///{tmp_path}/new.sqlite3", tmp_path)
    r = lm(new, "restore", str(tmp_path / "bk"))
    assert r.returncode == 2 and "damaged" in r.stderr and "Traceback" not in r.stderr
    assert not (tmp_path / "new.sqlite3").exists() or (tmp_path / "new.sqlite3").stat().st_size == 0
    r = lm(old, "backup", "--out", str(tmp_path / "bk"))  # not an empty folder
    assert r.returncode == 2 and "not empty" in r.stderr
