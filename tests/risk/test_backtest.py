"""Rolling-origin backtest on the small simulated world: the JSON has the agreed shape, every model
used at an origin was trained at or before it, and the report is written."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from labormap.risk.backtest import _top_k_hits, origins_for, run_backtest, save_backtest
from labormap.risk.featurestore import FeatureStore
from labormap.risk.report import write_report
from labormap.warehouse import Warehouse
from tests.features.sim_world import private_copy

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("sim_world")]


@pytest.fixture(scope="module")
def result(sim_wh: Warehouse, sim_store: FeatureStore) -> dict[str, Any]:
    return run_backtest(sim_wh, months=6, retrain_every=3, train_months=12, store=sim_store)


def test_origins_close_their_windows() -> None:
    o = origins_for(dt.date(2025, 12, 31), 90, 36)
    assert len(o) == 36 and o[-1] == dt.date(2025, 9, 30)
    assert all(d + dt.timedelta(days=90) <= dt.date(2025, 12, 31) for d in o)


def test_ties_count_fractionally() -> None:
    import numpy as np

    score = np.array([5.0, 3.0, 3.0, 3.0, 1.0])
    y = np.array([0, 1, 0, 0, 1])
    # top 2: the 5 and one of three tied 3s, one of which is positive → 1/3 expected hit
    assert _top_k_hits(score, y, 2) == pytest.approx(1 / 3)
    assert _top_k_hits(score, y, 5) == 2


def test_json_shape(result: dict[str, Any]) -> None:
    assert result["horizon_days"] == 90
    assert len(result["origins"]) == 6
    for side in ("model", "scorecard"):
        r = result[side]
        for key in ("roc_auc", "pr_auc", "brier", "precision_at", "recall_at", "lead_time_days_median"):
            assert key in r, (side, key)
        assert set(r["precision_at"]) >= {"50", "100", "500", str(result["high_level_size"])}
        assert all(v is None or 0 <= v <= 1 for v in r["precision_at"].values())
        assert r["roc_auc"] is None or 0 <= r["roc_auc"] <= 1
        assert 0 <= r["conflicts_flagged_high"] <= r["conflicts_in_windows"]
        if r["conflicts_flagged_high"]:
            assert 1 <= r["lead_time_days_median"] <= 90
    json.dumps(result)  # JSON-safe


def test_models_never_see_past_their_origin(result: dict[str, Any]) -> None:
    for o in result["origins"]:
        assert o["model_cutoff"] <= o["origin"]
    assert [m["cutoff"] for m in result["models"]] == [
        result["origins"][0]["origin"],
        result["origins"][3]["origin"],
    ]


def test_positives_match_the_registry(result: dict[str, Any], sim_wh: Warehouse) -> None:
    con = sim_wh.connect()
    for o in result["origins"][:2]:
        d = dt.date.fromisoformat(o["origin"])
        n = con.execute(
            "SELECT count(DISTINCT c.employer_bin) FROM conflicts c WHERE c.started_on > ? AND c.started_on <= ?",
            [d, d + dt.timedelta(days=90)],
        ).fetchone()[0]  # type: ignore[index]
        # employers with staff on D only: a conflict at an employer without staff cannot be scored
        assert o["positives"] <= n
    con.close()


def test_report_and_storage(result: dict[str, Any], sim_wh: Warehouse, tmp_path: Path) -> None:
    html = tmp_path / "report.html"
    write_report(result, html)
    text = html.read_text(encoding="utf-8")
    assert text.count("<img src='data:image/png;base64,") == 4
    wh = private_copy(sim_wh, tmp_path / "wh")
    bt = save_backtest(wh, result, html)
    stored = wh.derived_dir("backtests") / bt
    assert json.loads((stored / "backtest.json").read_text("utf-8"))["horizon_days"] == 90
    assert (stored / "report.html").exists()


@pytest.fixture(scope="module")
def honest(sim_wh: Warehouse, sim_store: FeatureStore) -> dict[str, Any]:
    from tests.features.sim_world import truth_of

    return run_backtest(
        sim_wh, months=6, retrain_every=3, train_months=12, store=sim_store, truth=truth_of(sim_wh)
    )


def test_onset_and_persistence_partition_the_samples(honest: dict[str, Any]) -> None:
    for side in ("model", "scorecard", "oracle"):
        on, pe = honest["onset"][side], honest["persistence"][side]
        assert on["n"] + pe["n"] == honest["samples"]
        assert on["positives"] + pe["positives"] == honest["positives"]
        for block in (on, pe):
            assert block["pr_auc"] is None or 0 <= block["pr_auc"] <= 1
            assert block["flagged_30d_share"] is None or 0 <= block["flagged_30d_share"] <= 1
        # every counted conflict is an onset or a persistence one, never both
        assert on["conflicts_30d"] + pe["conflicts_30d"] == honest[side]["conflicts_30d"]
    # persistent hotspots have the higher base rate — the reason they are reported apart
    assert honest["persistence"]["model"]["base_rate"] > honest["onset"]["model"]["base_rate"]


def test_oracle_is_the_ceiling(honest: dict[str, Any]) -> None:
    o = honest["oracle"]
    assert o["pr_auc"] is not None and o["roc_auc"] is not None
    # ranking by the true hazard beats the model on the world that drew the conflicts from it
    assert o["roc_auc"] >= honest["model"]["roc_auc"] - 0.02
    share = o["model_share"]["pr_auc"]
    assert share == pytest.approx(honest["model"]["pr_auc"] / o["pr_auc"])
    for side in ("model", "scorecard"):
        assert 0 <= honest[side]["flagged_30d_share"] <= 1
        assert honest[side]["conflicts_30d"] > 0
    assert 0 <= o["flagged_30d_share"] <= 1


def test_forecast_block_has_coverage_and_crps(honest: dict[str, Any]) -> None:
    f = honest["forecast"]
    for block in (f["national"], f["regions"]):
        assert 0 <= block["interval_coverage"] <= 1
        assert block["crps"] >= 0
    assert set(f["horizons"]) == {"30", "60", "90"}
    # a 30-day window holds fewer conflicts than a 90-day one, and the forecast knows it
    h30, h90 = f["horizons"]["30"]["national"], f["horizons"]["90"]["national"]
    assert h30["expected_mean"] < h90["expected_mean"]
    assert h30["actual_mean"] <= h90["actual_mean"]


def test_oracle_needs_truth(sim_wh: Warehouse, tmp_path: Path) -> None:
    from labormap.analytics.evaluation import oracle_probabilities

    with pytest.raises(FileNotFoundError, match="truth"):
        oracle_probabilities(tmp_path, __import__("numpy").array(["1"]), dt.date(2024, 1, 31), 90)


def test_onset_conflicts_look_back_three_years() -> None:
    import numpy as np

    from labormap.analytics.evaluation import onset_conflicts

    d = lambda s: np.datetime64(s, "D")  # noqa: E731
    bins = np.array(["a", "a", "a", "b"], dtype=object)
    starts = np.array([d("2019-01-10"), d("2020-06-01"), d("2024-01-01"), d("2020-06-01")])
    known = starts.copy()
    # a: first ever (onset), 17 months later (persistent), then 3.5 years after the last (onset again)
    assert onset_conflicts(bins, starts, known).tolist() == [True, False, True, True]
