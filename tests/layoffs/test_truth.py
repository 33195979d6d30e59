"""The expected-release curve against the simulator's truth (truth/contract_endings.parquet).

A small world is simulated and ingested; at two as-of dates inside the simulated period the engine's
contracts ending within 12 months, their successors and the monthly curve must equal what the truth
says was registered by then; and the contracts the truth records as lost are all among the releases.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import duckdb
import pytest

from labormap.layoffs.expected import _add_months, expected_releases
from labormap.warehouse import Warehouse

# quarter ends inside the simulated period, so that every ending's outcome is known to the truth
AS_OFS = [_add_months(dt.date(2022, 3, 31), 3 * k) for k in range(14)]


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> tuple[Warehouse, Path]:
    from labormap.ingest import ingest_drop
    from labormap.simulate import simulate

    base = tmp_path_factory.mktemp("sim")
    simulate(base / "world", employers=600, start="2021-01", end="2025-12", seed=1)  # 28 contractors
    wh = Warehouse(base / "wh")
    ingest_drop(base / "world" / "registries", wh)
    return wh, base / "world" / "truth" / "contract_endings.parquet"


def _truth(path: Path, d: dt.date) -> list[dict[str, Any]]:
    end = _add_months(d, 12)
    rel = duckdb.sql(
        f"""SELECT contract_id, strftime(end_on, '%Y-%m') AS month, workers, outcome,
                   CASE WHEN successor_registered_on <= DATE '{d}' THEN successor_id END AS known_successor
            FROM read_parquet('{path}')
            WHERE coalesce(registered_on, start_on) <= DATE '{d}' AND end_on > DATE '{d}' AND end_on <= DATE '{end}'"""
    )
    assert rel is not None
    cols = rel.columns
    return [dict(zip(cols, r, strict=True)) for r in rel.fetchall()]


def test_curve_matches_truth(world: tuple[Warehouse, Path]) -> None:
    wh, truth_path = world
    seen = 0
    for as_of in AS_OFS:
        seen += _check(wh, truth_path, as_of)
    assert seen > 100, "the world must have contracts ending in the windows"


def _check(wh: Warehouse, truth_path: Path, as_of: dt.date) -> int:
    truth = _truth(truth_path, as_of)
    e = expected_releases(wh.connect(), as_of)
    got = {c.contract_id: c for c in e.contracts}
    assert set(got) == {t["contract_id"] for t in truth}
    # every successor the truth says was registered by D is found, and nothing else
    assert {k: c.successor_id for k, c in got.items()} == {
        t["contract_id"]: t["known_successor"] for t in truth
    }
    curve: dict[str, list[int]] = {}
    for t in truth:
        if t["known_successor"] is None:
            acc = curve.setdefault(t["month"], [0, 0])
            acc[0] += t["workers"]
            acc[1] += 1
    assert {m.month: [m.workers, m.contracts] for m in e.months if m.contracts} == curve
    # the truly lost contracts are all released; renewals not yet registered are the rest
    lost = {t["contract_id"] for t in truth if t["outcome"] == "lost"}
    assert lost <= {k for k, c in got.items() if c.releases}
    return len(truth)


def test_successors_on_days_renewals_are_known(world: tuple[Warehouse, Path]) -> None:
    """On the 25th of each month more renewals are already registered: the engine's successors agree with
    the truth's for nearly all contracts (a re-tender won by the same contractor right after a loss is a
    successor to the engine and a loss to the truth; that is the remaining difference)."""
    wh, truth_path = world
    con = duckdb.connect()
    checked = known = same = 0
    for k in range(36):
        d = _add_months(dt.date(2023, 1, 25), k)
        truth = {
            r[0]: r[1]
            for r in con.execute(
                f"""SELECT contract_id, CASE WHEN successor_registered_on <= DATE '{d}' THEN successor_id END
                    FROM read_parquet('{truth_path}')"""
            ).fetchall()
        }
        for c in expected_releases(wh.connect(), d).contracts:
            checked += 1
            known += c.successor_id is not None
            same += c.successor_id == truth[c.contract_id]
    assert known >= 20 and same >= 0.97 * checked


def test_lost_contracts_cause_layoffs(world: tuple[Warehouse, Path]) -> None:
    _wh, truth_path = world
    row = (
        duckdb.connect()
        .execute(
            f"""SELECT avg(contractor_layoffs_3m) FILTER (WHERE outcome = 'lost'),
                   avg(contractor_layoffs_3m) FILTER (WHERE outcome = 'renewed')
            FROM read_parquet('{truth_path}')"""
        )
        .fetchone()
    )
    assert row is not None
    lost, renewed = row
    assert lost > 5 * max(renewed, 0.1)


def test_short_chains_match_the_planted_ones(world: tuple[Warehouse, Path]) -> None:
    from labormap.layoffs.terms import contract_terms

    wh, truth_path = world
    d = dt.date(2025, 12, 31)
    chains = contract_terms(wh.connect(), d).chains
    planted = (
        duckdb.connect()
        .execute(
            f"""SELECT customer_bin, employer_bin, start_on FROM read_parquet('{truth_path}')
            WHERE short_chain AND successor_registered_on <= DATE '{d}' AND end_on < start_on + INTERVAL 200 DAY"""
        )
        .fetchall()
    )
    assert len(planted) >= 5

    def covered(cust: str, emp: str, start: dt.date) -> bool:
        return any(
            c.customer_bin == cust and c.contractor_bin == emp and c.first_start <= start <= c.last_end
            for c in chains
        )

    # every planted half-year contract with a registered successor is in a flagged chain
    assert all(covered(*p) for p in planted)
    # and every flagged chain holds a planted contract
    assert all(
        any(
            p[0] == c.customer_bin and p[1] == c.contractor_bin and c.first_start <= p[2] <= c.last_end
            for p in planted
        )
        for c in chains
    )
