"""Conformance: the same Ibis feature expressions give the same feature table on DuckDB and on Spark."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from labormap.features import FEATURES, compute_features
from labormap.warehouse import Warehouse
from tests.conftest import require
from tests.features.sim_world import private_copy, simulated_warehouse

pytestmark = [pytest.mark.spark, pytest.mark.slow]

AS_OF = dt.date(2024, 9, 30)


@pytest.fixture(scope="session")
def spark() -> Iterator[Any]:
    require(shutil.which("java") is not None, "Spark needs Java (apt-get install openjdk-17-jre-headless)")
    from labormap.features.sources import spark_session

    session = spark_session("labormap-tests")
    yield session
    session.stop()


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Warehouse:
    """The small simulated world plus a media-signals dataset, so that every family has rows."""
    wh = private_copy(simulated_warehouse(), tmp_path_factory.mktemp("conformance") / "wh")
    con = wh.connect()
    bins = [r[0] for r in con.execute("SELECT bin FROM employers ORDER BY bin LIMIT 12").fetchall()]
    con.close()
    kinds = ["strike_threat", "wage_arrears", "rally", "layoffs", "not_labour", "appeal"]
    rows = [
        {
            "item_id": f"i{i}",
            "story_id": f"s{i // 2}",
            "published_at": dt.datetime(2024, 9, 30) - dt.timedelta(days=3 * i, hours=i),
            "source": "test",
            "url": None,
            "title": "t",
            "lang": "ru",
            "labour": kinds[i % 6] != "not_labour",
            "kind": kinds[i % 6],
            "causes": "",
            "severity": i % 4,
            "participants": None,
            "amount_kzt": None,
            "employer_bin": bins[i % len(bins)],
            "link_confidence": 0.4 + (i % 6) / 10,
        }
        for i in range(40)
    ]
    with wh.publish("media_signals", "run-test") as d:
        pq.write_table(pa.Table.from_pylist(rows), d / "signals.parquet")
    return wh


def test_duckdb_and_spark_give_the_same_features(world: Warehouse, spark: Any) -> None:
    duck = compute_features(world, AS_OF, "duckdb")
    sp = compute_features(world, AS_OF, "spark", spark=spark)
    assert duck.num_rows > 100
    assert duck.schema.equals(sp.schema)
    for col in ("employer_bin", "as_of", "region", "sector"):
        assert duck.column(col).to_pylist() == sp.column(col).to_pylist(), col
    informative = 0
    for f in FEATURES:
        a = duck.column(f.name).to_numpy(zero_copy_only=False)
        b = sp.column(f.name).to_numpy(zero_copy_only=False)
        assert np.array_equal(np.isnan(a), np.isnan(b)), f"{f.name}: NULLs differ"
        m = ~np.isnan(a)
        assert np.allclose(a[m], b[m], rtol=1e-9, atol=1e-9), f"{f.name}: values differ"
        informative += int(np.nanstd(a) > 0)
    # the comparison means something only if the features actually vary in this world
    assert informative >= 40
    assert duck.column("media_30d").to_numpy().sum() > 0


def test_spark_sources_hold_current_rows_only(world: Warehouse, spark: Any) -> None:
    from labormap.features.sources import spark_sources

    src = spark_sources(world, spark)
    con = world.connect()
    for name in ("payments", "contracts", "conflicts"):
        n_duck = con.execute(f"SELECT count(*) FROM {name}").fetchone()[0]  # type: ignore[index]
        assert src[name].count().execute() == n_duck, name
    con.close()
