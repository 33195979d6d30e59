"""The demo pipeline: synthetic nation → ingest → media → model and scores → web app.

Each step records a marker when it finishes, so a second ``make demo`` reuses what the first built
and goes straight to serving. A step whose package is not part of this build is skipped with a note.
"""

from __future__ import annotations

import importlib.util
import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rich.console import Console


@dataclass
class DemoPaths:
    root: Path

    @property
    def world(self) -> Path:
        return self.root / "world"

    @property
    def drop(self) -> Path:
        return self.world / "registries"

    @property
    def warehouse(self) -> Path:
        return self.root / "warehouse"

    @property
    def report(self) -> Path:
        return self.root / "ingest-report.json"

    def marker(self, step: str) -> Path:
        return self.root / f".done-{step}"


def available(module: str) -> bool:
    try:
        return importlib.util.find_spec(module) is not None
    except ModuleNotFoundError:
        return False


def run_step(paths: DemoPaths, name: str, fn: Callable[[], Any], console: Console, *, force: bool = False) -> bool:
    marker = paths.marker(name)
    if marker.exists() and not force:
        console.print(f"[dim]✓ {name}: already built ({marker.read_text().strip()})[/]")
        return False
    t = time.perf_counter()
    console.rule(f"[bold]{name}")
    fn()
    secs = time.perf_counter() - t
    marker.write_text(f"{secs:.1f} s at {time.strftime('%Y-%m-%d %H:%M:%S')}\n")
    console.print(f"[green]✓ {name}[/] in {secs:.1f} s")
    return True


def simulate_world(paths: DemoPaths, employers: int, seed: int) -> None:
    from labormap.simulate import simulate

    simulate(paths.world, employers=employers, seed=seed)


def ingest_world(paths: DemoPaths, console: Console) -> None:
    from labormap.ingest import ingest_drop
    from labormap.ingest.cli import print_report
    from labormap.warehouse import Warehouse

    rep = ingest_drop(paths.drop, Warehouse(paths.warehouse), progress=True)
    paths.report.write_text(json.dumps(rep, ensure_ascii=False, indent=2, default=str), encoding="utf-8")
    print_report(rep, console)
