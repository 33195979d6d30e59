"""A small simulated world, ingested into a warehouse once and shared by the risk tests.

The world is cached in the system temp folder keyed by its parameters and the code of the simulator
and ingest, so a second test run (or the second xdist worker) reuses it; a file lock keeps two workers
from building it at the same time.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import shutil
import tempfile
from pathlib import Path

from labormap.warehouse import Warehouse

EMPLOYERS = 400
START, END = "2019-01", "2025-12"
SEED = 5


def _code_key() -> str:
    import labormap.ingest
    import labormap.simulate

    h = hashlib.sha1(usedforsecurity=False)
    for pkg in (labormap.simulate, labormap.ingest):
        for p in sorted(Path(str(pkg.__file__)).parent.rglob("*.py")):
            h.update(p.read_bytes())
    return h.hexdigest()[:10]


def simulated_warehouse(
    employers: int = EMPLOYERS, start: str = START, end: str = END, seed: int = SEED
) -> Warehouse:
    """The warehouse of a simulated world (built on first use, then reused)."""
    from labormap.ingest import ingest_drop
    from labormap.simulate import simulate

    key = f"{employers}-{start}-{end}-{seed}-{_code_key()}"
    base = Path(tempfile.gettempdir()) / "labormap-test-worlds"
    base.mkdir(parents=True, exist_ok=True)
    final = base / key
    with open(base / f"{key}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (final / "wh" / "manifest.json").exists():
            tmp = Path(tempfile.mkdtemp(dir=base, prefix=f".{key}-"))
            try:
                simulate(tmp / "world", employers=employers, start=start, end=end, seed=seed)
                ingest_drop(tmp / "world" / "registries", Warehouse(tmp / "wh"))
                # the truth stays beside the warehouse for evaluations (the oracle); features never see it
                shutil.move(tmp / "world" / "truth", tmp / "truth")
                shutil.rmtree(tmp / "world")
                if final.exists():
                    shutil.rmtree(final)
                os.replace(tmp, final)
            finally:
                shutil.rmtree(tmp, ignore_errors=True)
    return Warehouse(final / "wh")


def truth_of(wh: Warehouse) -> Path:
    """The simulator's truth folder of a shared test world (for evaluation code only)."""
    return wh.root.parent / "truth"


def private_copy(wh: Warehouse, dest: Path) -> Warehouse:
    """A copy of a shared warehouse that a test may publish into.

    The manifest stores run ids, not absolute paths, so a copied folder is a working warehouse."""
    shutil.copytree(wh.root, dest, ignore=shutil.ignore_patterns("derived", "catalog.duckdb"))
    return Warehouse(dest)
