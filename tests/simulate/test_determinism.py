"""The same arguments and seed give byte-identical output; another seed gives another world."""

from __future__ import annotations

import hashlib
from pathlib import Path

from labormap.simulate import simulate

SMALL = {"employers": 120, "start": "2024-01", "end": "2025-06"}


def _digest(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def test_same_arguments_give_identical_bytes(tmp_path: Path) -> None:
    simulate(tmp_path / "a", seed=3, **SMALL)  # type: ignore[arg-type]
    simulate(tmp_path / "b", seed=3, **SMALL)  # type: ignore[arg-type]
    a, b = _digest(tmp_path / "a"), _digest(tmp_path / "b")
    assert a == b
    assert any(k.startswith("registries/payments/") for k in a)
    assert "truth/meta.json" in a


def test_another_seed_gives_another_world(tmp_path: Path) -> None:
    simulate(tmp_path / "a", seed=3, **SMALL)  # type: ignore[arg-type]
    simulate(tmp_path / "b", seed=4, **SMALL)  # type: ignore[arg-type]
    a, b = _digest(tmp_path / "a"), _digest(tmp_path / "b")
    assert a["registries/employers.parquet"] != b["registries/employers.parquet"]


def test_rerun_into_the_same_folder_replaces_it(tmp_path: Path) -> None:
    simulate(tmp_path / "a", seed=3, employers=200, start="2024-01", end="2025-06")
    first = _digest(tmp_path / "a")
    simulate(tmp_path / "a", seed=3, **SMALL)  # type: ignore[arg-type]
    simulate(tmp_path / "b", seed=3, **SMALL)  # type: ignore[arg-type]
    assert _digest(tmp_path / "a") == _digest(tmp_path / "b") != first
