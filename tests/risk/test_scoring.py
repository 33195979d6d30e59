"""Scoring: scorecard fallback, snapshot schema, change since the previous snapshot, atomic publishing."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import numpy as np
import pyarrow as pa
import pytest
from typer.testing import CliRunner

from labormap.risk import scoring
from labormap.risk.policy import LevelPolicy
from labormap.risk.scoring import SCORES_SCHEMA, list_snapshots, load_scores, score_snapshot
from labormap.warehouse import Warehouse
from tests.features import world
from tests.features.tiny import bin_of, new_warehouse, write_run


@pytest.fixture
def wh(tmp_path: Path) -> Warehouse:
    w = new_warehouse(tmp_path / "wh")
    write_run(w, world.rows())
    return w


def test_scorecard_fallback_and_schema(wh: Warehouse) -> None:
    snap = score_snapshot(wh, world.AS_OF)
    assert snap.meta["method"] == "scorecard" and "no trained model" in snap.meta["note"]
    t = load_scores(wh)
    assert t.schema.equals(SCORES_SCHEMA)
    assert t.num_rows == 4
    row = {r["employer_bin"]: r for r in t.to_pylist()}[bin_of(2)]
    assert row["level"] == "high" and row["method"] == "scorecard"
    assert row["reasons"][0]["contribution"] >= row["reasons"][-1]["contribution"] > 0
    assert any(r["text_ru"] == "Задолженность по зарплате 2 мес. перед 3 работниками" for r in row["reasons"])
    meta = json.loads((wh.derived_dir("scores") / f"as_of={world.AS_OF}" / "meta.json").read_text("utf-8"))
    assert set(meta) >= {
        "as_of",
        "method",
        "model_version",
        "data_cutoff",
        "code_version",
        "thresholds",
        "counts",
        "created_at",
    }
    assert sum(meta["counts"].values()) == 4
    feats = wh.derived_dir("features") / f"as_of={world.AS_OF}" / "features.parquet"
    assert feats.exists()


def test_change_since_previous_snapshot(wh: Warehouse) -> None:
    first = score_snapshot(wh, dt.date(2024, 3, 31)).table
    second = score_snapshot(wh, world.AS_OF).table
    assert list_snapshots(wh) == [dt.date(2024, 3, 31), world.AS_OF]
    a = {r["employer_bin"]: r for r in first.to_pylist()}
    for r in second.to_pylist():
        if r["employer_bin"] in a:
            assert r["score_prev"] == a[r["employer_bin"]]["score"]
            assert r["score_change"] == pytest.approx(r["score"] - r["score_prev"])
        else:
            assert r["score_prev"] is None and r["score_change"] is None
    # employer 3 started paying in May: absent from the March snapshot
    assert {r["employer_bin"] for r in second.to_pylist()} - set(a) == {bin_of(3)}


def test_a_crash_keeps_the_previous_snapshot(wh: Warehouse, monkeypatch: pytest.MonkeyPatch) -> None:
    score_snapshot(wh, world.AS_OF)
    before = load_scores(wh, world.AS_OF)

    def boom(*_a: object, **_k: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(scoring, "assemble", lambda *a, **k: boom())
    with pytest.raises(OSError, match="disk full"):
        score_snapshot(wh, world.AS_OF)
    monkeypatch.undo()
    real_write = scoring.pq.write_table

    def write_then_fail(table: pa.Table, where: object, *a: object, **k: object) -> None:
        real_write(table, where, *a, **k)
        if str(where).endswith("scores.parquet"):
            raise OSError("crash after writing")

    monkeypatch.setattr(scoring.pq, "write_table", write_then_fail)
    with pytest.raises(OSError, match="crash after writing"):
        score_snapshot(wh, world.AS_OF, method="scorecard")
    monkeypatch.undo()
    assert load_scores(wh, world.AS_OF).equals(before)
    assert not [p for p in wh.derived_dir("scores").iterdir() if p.name.startswith(".")]


def test_level_policy_ranks_with_a_floor() -> None:
    pol = LevelPolicy()
    rng = np.random.default_rng(1)
    p = rng.uniform(0.2, 0.9, 1000)
    th = pol.thresholds(p)
    lv = pol.levels(p, th)
    assert (lv == "high").sum() == 5  # 0.45% of 1000, rounded up
    assert (lv == "high").sum() + (lv == "elevated").sum() == 20
    calm = rng.uniform(0.0, 0.004, 1000)
    assert (pol.levels(calm, pol.thresholds(calm)) != "low").sum() == 0
    s = pol.score(np.array([0.0001, 0.001, 0.05, 0.5, 0.99]))
    assert s[0] == 0 and s[1] == 0 and 0 < s[2] < 100 and s[3] == 100 and s[4] == 100


def test_cli_score(wh: Warehouse, tmp_path: Path) -> None:
    from labormap.cli import app

    out = tmp_path / "scores.parquet"
    r = CliRunner().invoke(
        app,
        ["score", "--warehouse", str(wh.root), "--as-of", "2024-06-30", "--out", str(out), "--history", "2"],
    )
    assert r.exit_code == 0, r.output
    assert "scorecard" in r.output
    assert out.exists() and len(list_snapshots(wh)) == 3
    import pyarrow.parquet as pq

    assert pq.read_table(out).column_names[:5] == ["employer_bin", "as_of", "probability", "score", "level"]
    bad = CliRunner().invoke(
        app, ["score", "--warehouse", str(tmp_path / "nowhere"), "--as-of", "2024-06-30"]
    )
    assert bad.exit_code != 0


def test_cli_empty_warehouse_is_a_clear_error(tmp_path: Path) -> None:
    from labormap.cli import app

    wh = new_warehouse(tmp_path / "empty")
    write_run(wh, {"employers": []})
    r = CliRunner().invoke(app, ["score", "--warehouse", str(wh.root)])
    assert r.exit_code == 1
    assert "nothing to score" in r.output and "Traceback" not in r.output
