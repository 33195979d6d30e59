"""Feature tables of many dates computed on one open engine and kept for reuse (training, backtest)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any

import pyarrow as pa

from labormap.features.build import feature_expr, to_arrow
from labormap.features.sources import Sources, open_sources
from labormap.warehouse import Warehouse


class FeatureStore:
    """``store[d]`` computes the feature table at d once; use as a context manager to close the engine."""

    def __init__(
        self, wh: Warehouse, engine: str = "duckdb", *, spark: Any = None, memory_limit: str | None = None
    ) -> None:
        self.wh = wh
        self.engine = engine
        self._cm = open_sources(wh, engine, spark=spark, memory_limit=memory_limit)
        self._src: Sources | None = None
        self._cache: dict[dt.date, pa.Table] = {}

    def __enter__(self) -> FeatureStore:
        self._src = self._cm.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        self._cm.__exit__(None, None, None)
        self._src = None

    def __getitem__(self, d: dt.date) -> pa.Table:
        if d not in self._cache:
            if self._src is None:
                raise RuntimeError("FeatureStore used outside its `with` block")
            self._cache[d] = to_arrow(feature_expr(self._src, d), self._src)
        return self._cache[d]

    def many(
        self, dates: Iterable[dt.date], tick: Callable[[dt.date], None] | None = None
    ) -> dict[dt.date, pa.Table]:
        out = {}
        for d in dates:
            out[d] = self[d]
            if tick:
                tick(d)
        return out
