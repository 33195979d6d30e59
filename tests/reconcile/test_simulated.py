"""On a simulated world: every quarter's act lists exactly the discrepancies the simulator's truth says
arose in that quarter and still held at its end — every planted one is found, none is invented."""

from __future__ import annotations

import datetime as dt

import pyarrow.parquet as pq
import pytest

from labormap.ingest import ingest_drop
from labormap.reconcile import KINDS, Quarter, load_records, reconcile
from labormap.reconcile.engine import Records
from labormap.simulate import simulate
from labormap.warehouse import Warehouse

START, END = "2020-01", "2025-12"


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> tuple[Records, list[dict]]:
    root = tmp_path_factory.mktemp("rcworld")
    # more inspections than the default, so a small world has enough orders for every kind
    simulate(
        root / "w", employers=1200, start=START, end=END, seed=3, payments_months=1,
        scenario={"observe.arrears_detection": 0.5},
    )  # fmt: skip
    wh = Warehouse(root / "wh")
    ingest_drop(root / "w" / "registries", wh)
    truth = pq.read_table(root / "w" / "truth" / "reconciliation.parquet").to_pylist()
    return load_records(wh), truth


def _key(t: dict) -> str:
    return f"{t['kind']}|{t['order_no'] or ''}|{t['ref'] or ''}"


def _quarters() -> list[Quarter]:
    q, out = Quarter.parse(START[:4] + "Q1"), []
    while q.end <= dt.date(int(END[:4]), 12, 31):
        out.append(q)
        q = q.next()
    return out


def _expected(truth: list[dict], q: Quarter, region_of: dict[str, str], region: str | None) -> set[str]:
    return {
        _key(t)
        for t in truth
        if q.start <= t["starts_on"] <= q.end
        and (t["ends_on"] is None or t["ends_on"] > q.end)
        and (region is None or region_of.get(t["employer_bin"]) == region)
    }


def test_every_quarter_matches_the_truth(world) -> None:
    recs, truth = world
    shown: set[str] = set()
    for q in _quarters():
        act = reconcile(recs, q)
        got = {d.key for d in act.discrepancies}
        assert got == _expected(truth, q, recs.region_of, None), str(q)
        shown |= got
    planted = {_key(t) for t in truth if t["planted"]}
    # a planted discrepancy that held over some quarter's end must have been shown in that act
    visible = {
        _key(t)
        for t in truth
        if t["planted"]
        and any(
            t["starts_on"] <= q.end and (t["ends_on"] is None or t["ends_on"] > q.end) for q in _quarters()
        )
    }
    assert visible <= shown
    assert {k.split("|")[0] for k in visible} >= set(KINDS) - {"no_enforcement"}
    assert {k.split("|")[0] for k in shown} == set(KINDS)  # no_enforcement arises by itself
    assert len(planted) >= 12


def test_regional_acts_add_up(world) -> None:
    recs, truth = world
    regions = sorted(set(recs.region_of.values()))
    for q in _quarters()[-8:]:
        whole = {d.key for d in reconcile(recs, q).discrepancies}
        parts: set[str] = set()
        for r in regions:
            got = {d.key for d in reconcile(recs, q, region=r).discrepancies}
            assert got == _expected(truth, q, recs.region_of, r), (str(q), r)
            parts |= got
        assert parts == whole


def test_earlier_discrepancies_follow_the_truth(world) -> None:
    recs, truth = world
    by_key = {_key(t): t for t in truth}
    for q in _quarters()[1:]:
        for d, status in reconcile(recs, q).earlier:
            t = by_key[d.key]
            resolved = t["ends_on"] is not None and t["ends_on"] <= q.end
            assert status == ("resolved" if resolved else "open"), (str(q), d.key)
