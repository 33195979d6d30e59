"""Session fixtures of the risk tests: one small simulated world and one feature store over it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from labormap.risk.featurestore import FeatureStore
from labormap.warehouse import Warehouse
from tests.features.sim_world import simulated_warehouse


@pytest.fixture(scope="session")
def sim_wh() -> Warehouse:
    return simulated_warehouse()


@pytest.fixture(scope="session")
def sim_store(sim_wh: Warehouse) -> Iterator[FeatureStore]:
    """Feature tables of the shared world, computed once per date for the whole session."""
    with FeatureStore(sim_wh) as store:
        yield store
