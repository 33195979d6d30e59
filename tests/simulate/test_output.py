"""Output options: CSV holds the same rows as Parquet and ingests cleanly; payments can be limited to K months."""

from __future__ import annotations

from pathlib import Path

import duckdb

from labormap.ingest import ingest_drop
from labormap.simulate import simulate
from labormap.warehouse import Warehouse

SMALL = {"employers": 60, "start": "2024-07", "end": "2025-06", "seed": 2}


def test_csv_has_the_same_rows_and_ingests(tmp_path: Path) -> None:
    pq_sum = simulate(tmp_path / "pq", **SMALL)  # type: ignore[arg-type]
    csv_sum = simulate(tmp_path / "csv", fmt="csv", **SMALL)  # type: ignore[arg-type]
    assert pq_sum["rows"] == csv_sum["rows"]
    con = duckdb.connect()
    a = con.execute(
        f"SELECT sum(income), count(DISTINCT worker_iin) FROM read_parquet('{tmp_path}/pq/registries/payments/*.parquet')"
    ).fetchone()
    b = con.execute(
        f"SELECT sum(income), count(DISTINCT worker_iin) FROM read_csv('{tmp_path}/csv/registries/payments.csv', types={{'worker_iin': 'VARCHAR'}})"
    ).fetchone()
    assert a == b
    report = ingest_drop(tmp_path / "csv" / "registries", Warehouse(tmp_path / "wh"))
    for name, rep in report["registries"].items():
        assert rep["quarantined"] == 0, (name, rep["reasons"])
        assert rep["loaded"] == pq_sum["rows"][name], name


def test_payments_can_be_limited_to_the_last_months(tmp_path: Path) -> None:
    simulate(tmp_path / "k", payments_months=3, **SMALL)  # type: ignore[arg-type]
    periods = (
        duckdb.connect()
        .execute(
            f"SELECT DISTINCT period FROM read_parquet('{tmp_path}/k/registries/payments/*.parquet') ORDER BY 1"
        )
        .fetchall()
    )
    # June's contributions fall due on 25 July, after the extraction day (30 June): none are paid yet
    assert [p for (p,) in periods] == ["2025-04", "2025-05"]
    contracts = (
        duckdb.connect()
        .execute(f"SELECT min(start_on) FROM read_parquet('{tmp_path}/k/registries/contracts/*.parquet')")
        .fetchone()
    )
    assert (
        contracts is not None and str(contracts[0]) < "2024-07-01"
    )  # the other registries keep the whole history
