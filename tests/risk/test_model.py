"""The learned model on a small simulated world: trains, stores its metadata, explains, respects the
monotone constraints, and is picked for scoring only from its data cut-off on."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pytest

from labormap.features.catalog import FEATURE_NAMES, FEATURES_BY_NAME
from labormap.risk.backtest import origins_for
from labormap.risk.featurestore import FeatureStore
from labormap.risk.labels import data_end, load_conflicts
from labormap.risk.model import list_models, load_model, matrix, pick_model, save_model
from labormap.risk.scoring import load_scores, score_snapshot
from labormap.risk.train import fit_at
from labormap.warehouse import Warehouse
from tests.features.sim_world import private_copy

# one xdist worker runs every test of the shared world, so its feature tables are computed once
pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("sim_world")]


@pytest.fixture(scope="module")
def trained(sim_wh: Warehouse, sim_store: FeatureStore, tmp_path_factory: pytest.TempPathFactory):
    wh = private_copy(sim_wh, tmp_path_factory.mktemp("model") / "wh")
    # the last backtest origin (tests/risk/test_backtest.py), so that both share most feature tables
    cutoff = origins_for(data_end(sim_wh), 90, 1)[-1]
    model, _dates = fit_at(sim_store, load_conflicts(sim_wh), cutoff, months=12)
    save_model(wh, model)
    return wh, model, cutoff


def test_model_artefact_has_its_metadata(trained) -> None:
    wh, model, cutoff = trained
    metas = list_models(wh)
    assert [m["version"] for m in metas] == [model.version]
    m = metas[0]
    assert m["data_cutoff"] == cutoff.isoformat() and m["horizon_days"] == 90
    assert m["features"] == list(FEATURE_NAMES)
    assert dt.date.fromisoformat(m["training_window"]["last_sample"]) + dt.timedelta(days=90) <= cutoff
    for key in (
        "params",
        "metrics",
        "code_version",
        "calibration",
        "rows",
        "positives",
        "monotone_constraints",
    ):
        assert key in m
    assert m["positives"] >= 8
    reloaded = load_model(wh, model.version)
    X = matrix(_features(wh, cutoff))
    assert np.allclose(reloaded.predict(X), model.predict(X))


def _features(wh: Warehouse, d: dt.date):
    from labormap.features import compute_features

    return compute_features(wh, d)


def test_monotone_constraints_hold(trained) -> None:
    wh, model, cutoff = trained
    X = matrix(_features(wh, cutoff))
    for name in (
        "arrears_workers",
        "reduction_share_12m",
        "conflicts_3y",
        "survey_index",
        "contrib_missing_months_12m",
    ):
        j = FEATURE_NAMES.index(name)
        direction = FEATURES_BY_NAME[name].direction
        lo, hi = X.copy(), X.copy()
        lo[:, j], hi[:, j] = 0.0, 50.0
        diff = model.predict(hi) - model.predict(lo)
        assert np.all(direction * diff >= -1e-12), name


def test_scores_with_the_model_and_its_reasons(trained) -> None:
    wh, model, cutoff = trained
    snap = score_snapshot(wh, cutoff)
    assert snap.meta["method"] == "model" and snap.meta["model_version"] == model.version
    t = load_scores(wh, cutoff)
    p = np.asarray(t.column("probability"))
    assert np.all((p > 0) & (p < 1))
    levels = t.column("level").to_pylist()
    assert levels.count("high") <= max(1, int(np.ceil(0.0045 * t.num_rows)))
    rows = t.to_pylist()
    top = max(rows, key=lambda r: r["probability"])
    assert 1 <= len(top["reasons"]) <= 5
    assert all(
        r["contribution"] > 0 and r["text_ru"] and r["text_kk"] and r["text_en"] for r in top["reasons"]
    )
    # before the model's cut-off, scoring falls back to the scorecard: a model never sees past its date
    assert pick_model(wh, cutoff - dt.timedelta(days=1)) is None
    early = score_snapshot(wh, cutoff - dt.timedelta(days=31), publish=False)
    assert early.meta["method"] == "scorecard"


def test_cli_train(sim_wh: Warehouse, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from labormap.cli import app

    wh = private_copy(sim_wh, tmp_path / "wh")
    r = CliRunner().invoke(app, ["train", "--warehouse", str(wh.root), "--months", "6"])
    assert r.exit_code == 0, r.output
    assert len(list_models(wh)) == 1


def test_model_of_other_features_is_skipped_not_fatal(trained, tmp_path: Path) -> None:
    """After an upgrade that changes the feature catalogue, stored models cannot score today's table: the
    nightly scoring falls back (here to the scorecard) with a note naming `labormap train`, not a crash."""
    import json
    import shutil

    from labormap.risk.model import stale_models
    from labormap.risk.scoring import choose_method
    from labormap.warehouse import datasets

    wh, model, cutoff = trained
    old = private_copy(wh, tmp_path / "wh")  # registries only: copy the stored models too
    shutil.copytree(wh.derived_dir(datasets.MODELS), old.derived_dir(datasets.MODELS))
    meta_file = datasets.model_dir(old, model.version) / "meta.json"
    meta = json.loads(meta_file.read_text(encoding="utf-8"))
    meta["features"] = meta["features"][:-1]  # trained before the last feature was added
    meta_file.write_text(json.dumps(meta), encoding="utf-8")
    assert pick_model(old, cutoff) is None
    assert stale_models(old) == [model.version]
    chosen, note = choose_method(old, cutoff)
    assert chosen is None and "labormap train" in note
    with pytest.raises(FileNotFoundError, match="labormap train"):
        choose_method(old, cutoff, method="model")
    # the current model of the untouched warehouse is still picked
    assert pick_model(wh, cutoff) is not None and stale_models(wh) == []
    shutil.rmtree(old.root, ignore_errors=True)
