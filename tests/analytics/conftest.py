"""The shared small simulated world (built once, cached on disk; see tests/features/sim_world.py)."""

from __future__ import annotations

import pytest

from labormap.warehouse import Warehouse
from tests.features.sim_world import simulated_warehouse


@pytest.fixture(scope="session")
def sim_wh() -> Warehouse:
    return simulated_warehouse()
