"""A tiny simulated world shared by the simulator's tests (300 employers, 2022-01..2025-12)."""

from __future__ import annotations

from pathlib import Path

import pytest

from labormap.simulate import simulate

TINY = {"employers": 300, "start": "2022-01", "end": "2025-12", "seed": 7}


@pytest.fixture(scope="session")
def tiny_world(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("tiny")
    simulate(out, **TINY)  # type: ignore[arg-type]
    return out
