"""Session fixtures of the risk tests: one small simulated world and one feature store over it.

The two xdist workers may both need the world's feature tables; they are cached on disk beside the world
(keyed by the feature code), under a lock, so that each date is computed once per code version.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import hashlib
import os
from collections.abc import Iterator
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import labormap.features
from labormap.risk.featurestore import FeatureStore
from labormap.warehouse import Warehouse
from tests.features.sim_world import simulated_warehouse


def _features_key() -> str:
    h = hashlib.sha1(usedforsecurity=False)
    for p in sorted(Path(labormap.features.__file__).parent.rglob("*.py")):
        h.update(p.read_bytes())
    return h.hexdigest()[:10]


class DiskCachedStore(FeatureStore):
    """A feature store that keeps each date's table as Parquet beside the shared test world."""

    def __init__(self, wh: Warehouse) -> None:
        super().__init__(wh)
        self.dir = wh.root.parent / f"features-{_features_key()}"
        self.dir.mkdir(exist_ok=True)

    def __getitem__(self, d: dt.date) -> pa.Table:
        if d in self._cache:
            return self._cache[d]
        path = self.dir / f"{d.isoformat()}.parquet"
        with open(self.dir / ".lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            if path.exists():
                self._cache[d] = pq.read_table(path)
            else:
                table = super().__getitem__(d)
                tmp = path.with_suffix(f".tmp{os.getpid()}")
                pq.write_table(table, tmp)
                os.replace(tmp, path)
        return self._cache[d]


@pytest.fixture(scope="session")
def sim_wh() -> Warehouse:
    return simulated_warehouse()


@pytest.fixture(scope="session")
def sim_store(sim_wh: Warehouse) -> Iterator[FeatureStore]:
    """Feature tables of the shared world, computed once per date (and per code version)."""
    with DiskCachedStore(sim_wh) as store:
        yield store
