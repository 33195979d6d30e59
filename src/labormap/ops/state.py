"""Where the daily cycle keeps its runs, its lock and its notes: ``WH/ops/daily/``.

``runs/<run_id>.json`` is one run with its stages (status, start, duration, rows, error); ``current.json``
points at the run in progress or the one that failed, so the next invocation resumes it; ``.lock`` is held
with ``flock`` while a run is going, so two runs never overlap. Every file is written atomically (a crash
leaves the previous version). The operations page of the web app reads ``runs/`` and writes nothing.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from labormap.warehouse import Warehouse
from labormap.warehouse.store import atomic_write_text


class Locked(RuntimeError):
    """Another daily run holds the lock."""


def ops_dir(wh: Warehouse) -> Path:
    return wh.root / "ops" / "daily"


def runs_dir(wh: Warehouse) -> Path:
    return ops_dir(wh) / "runs"


def now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


@contextmanager
def lock(wh: Warehouse) -> Iterator[None]:
    """Hold the cycle's lock, or raise :class:`Locked` naming who holds it."""
    d = ops_dir(wh)
    d.mkdir(parents=True, exist_ok=True)
    path = d / ".lock"
    f: IO[str] = open(path, "a+", encoding="utf-8")  # noqa: SIM115 — held for the block's lifetime
    try:
        try:
            fcntl.flock(f.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            f.seek(0)
            holder = f.read().strip() or "unknown"
            raise Locked(f"another daily run is in progress ({holder}); try again when it ends") from None
        f.seek(0)
        f.truncate()
        f.write(f"pid {os.getpid()}, started {now()}")
        f.flush()
        yield
    finally:
        f.close()


def save_run(wh: Warehouse, run: dict[str, Any]) -> None:
    runs_dir(wh).mkdir(parents=True, exist_ok=True)
    atomic_write_text(runs_dir(wh) / f"{run['run_id']}.json", json.dumps(run, ensure_ascii=False, indent=1))


def load_runs(wh: Warehouse, limit: int | None = None) -> list[dict[str, Any]]:
    """Runs, newest first."""
    d = runs_dir(wh)
    if not d.exists():
        return []
    files = sorted(d.glob("*.json"), reverse=True)
    out = []
    for f in files[:limit] if limit else files:
        try:
            out.append(json.loads(f.read_text(encoding="utf-8")))
        except (OSError, json.JSONDecodeError):
            continue  # a run file being replaced this instant; the next read has it
    return out


def current(wh: Warehouse) -> dict[str, Any] | None:
    """The unfinished (failed or interrupted) run to resume, if any."""
    p = ops_dir(wh) / "current.json"
    if not p.exists():
        return None
    run_id = json.loads(p.read_text(encoding="utf-8")).get("run_id")
    f = runs_dir(wh) / f"{run_id}.json"
    return json.loads(f.read_text(encoding="utf-8")) if f.exists() else None


def set_current(wh: Warehouse, run_id: str | None) -> None:
    p = ops_dir(wh) / "current.json"
    if run_id is None:
        p.unlink(missing_ok=True)
    else:
        p.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_text(p, json.dumps({"run_id": run_id}))
