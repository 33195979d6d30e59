"""Reasons only where they are shown: a rescoring computes reasons (SHAP contributions and sentences) for
employers above "low"; a "low" employer's card asks :func:`explain_employer`, which gives what the full
path would have given."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import lightgbm as lgb
import numpy as np
import pyarrow as pa
import pytest

from labormap.features.build import compute_features
from labormap.features.catalog import FEATURE_NAMES
from labormap.risk import scoring
from labormap.risk.model import Calibrator, Model, matrix, save_model
from labormap.risk.policy import LevelPolicy
from labormap.risk.scoring import explain_employer, load_scores, scatter_reasons, score_snapshot
from labormap.warehouse import Warehouse
from tests.features import world
from tests.features.tiny import new_warehouse, write_run


@pytest.fixture
def wh(tmp_path: Path) -> Warehouse:
    w = new_warehouse(tmp_path / "wh")
    write_run(w, world.rows())
    return w


def _by_bin(t: pa.Table) -> dict[str, dict]:
    return {r["employer_bin"]: r for r in t.to_pylist()}


def test_scatter_reasons_gives_empty_lists_elsewhere() -> None:
    sub = pa.array([[{"code": "a"}], [], [{"code": "b"}, {"code": "c"}]])
    out = scatter_reasons(5, np.array([1, 2, 4]), sub)
    assert out.to_pylist() == [[], [{"code": "a"}], [], [], [{"code": "b"}, {"code": "c"}]]


def _fake_model(wh: Warehouse, feats: pa.Table) -> Model:
    """A small LightGBM model on the tiny world's features (noisy copies), published in ``wh``."""
    rng = np.random.default_rng(1)
    X0 = np.nan_to_num(matrix(feats))
    X = np.repeat(X0, 50, axis=0) * rng.uniform(0.5, 1.5, size=(len(X0) * 50, X0.shape[1]))
    y = (X[:, : X.shape[1] // 2].sum(axis=1) > np.median(X[:, : X.shape[1] // 2].sum(axis=1))).astype(int)
    params = {"objective": "binary", "min_data_in_leaf": 2, "min_data_in_bin": 1, "verbose": -1}
    booster = lgb.train(params, lgb.Dataset(X, y), num_boost_round=20)
    meta = {
        "data_cutoff": world.AS_OF.isoformat(),
        "horizon_days": 90,
        "training_window": "test",
        "params": params,
        "features": list(FEATURE_NAMES),
    }
    model = Model(booster, Calibrator(), meta)
    save_model(wh, model)
    return model


@pytest.mark.parametrize("method", ["scorecard", "model"])
def test_shown_equals_all_above_low_and_on_demand_below(wh: Warehouse, method: str) -> None:
    if method == "model":
        _fake_model(wh, compute_features(wh, world.AS_OF))
    policy = LevelPolicy()
    full = score_snapshot(wh, world.AS_OF, method=method, explain="all", policy=policy, publish=False)
    snap = score_snapshot(wh, world.AS_OF, method=method, policy=policy)  # default: "shown"
    assert snap.meta["reasons_for"] == "shown"
    a, s = _by_bin(full.table), _by_bin(load_scores(wh))
    assert a.keys() == s.keys()
    lows = 0
    for b, row in s.items():
        assert row["level"] == a[b]["level"] and row["score"] == a[b]["score"]
        if row["level"] == "low":
            lows += 1
            assert row["reasons"] == []  # a list, never null: readers iterate it
            assert explain_employer(wh, b) == a[b]["reasons"]
        else:
            assert row["reasons"] == a[b]["reasons"]
            assert explain_employer(wh, b, world.AS_OF) == a[b]["reasons"]
    assert explain_employer(wh, "000000000000") == []
    assert lows or method == "model"  # the tiny world has low employers under the scorecard


def test_every_level_shown_is_the_old_path(wh: Warehouse, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(scoring, "SHOWN_LEVELS", ("high", "elevated", "moderate", "low"))
    full = score_snapshot(wh, world.AS_OF, explain="all", publish=False).table
    shown = score_snapshot(wh, world.AS_OF, publish=False).table
    assert full.column("reasons").to_pylist() == shown.column("reasons").to_pylist()


def test_no_snapshot_no_reasons(tmp_path: Path) -> None:
    assert explain_employer(new_warehouse(tmp_path / "wh"), "1", dt.date(2025, 1, 1)) == []


def test_cli_score_reasons_option(wh: Warehouse) -> None:
    from typer.testing import CliRunner

    from labormap.cli import app

    base = ["score", "--warehouse", str(wh.root), "--as-of", world.AS_OF.isoformat()]
    r = CliRunner().invoke(app, [*base, "--reasons", "all"])
    assert r.exit_code == 0, r.output
    full = _by_bin(load_scores(wh))
    assert scoring.load_snapshot_meta(wh, world.AS_OF)["reasons_for"] == "all"
    r = CliRunner().invoke(app, base)
    assert r.exit_code == 0, r.output
    assert scoring.load_snapshot_meta(wh, world.AS_OF)["reasons_for"] == "shown"
    shown = _by_bin(load_scores(wh))
    assert all(
        shown[b]["reasons"] == (full[b]["reasons"] if row["level"] != "low" else [])
        for b, row in full.items()
    )
    bad = CliRunner().invoke(app, [*base, "--reasons", "some"])
    assert bad.exit_code != 0 and "shown or all" in bad.output
