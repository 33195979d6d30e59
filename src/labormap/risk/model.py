"""The learned model: LightGBM on "a conflict starts within the next H days", with monotone constraints
where the domain fixes the direction, rolling time splits and Platt-calibrated probabilities.

Training at cut-off T uses monthly sample dates d ≤ T − H (so every label window has closed by T) and
only conflicts known by T. Rolling splits: each fold validates on a block of later months and trains on
months that end at least H days before that block (the gap keeps a conflict out of both sides). The
folds give the number of boosting rounds (median of the early-stopping points) and out-of-fold
predictions, on which a Platt calibrator is fitted; the final model is refitted on every sample date.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import lightgbm as lgb
import numpy as np
import pyarrow as pa
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import average_precision_score, brier_score_loss, roc_auc_score

from labormap.features.catalog import FEATURE_NAMES, FEATURES
from labormap.risk.labels import Conflicts, labels_for
from labormap.risk.versioning import code_version
from labormap.warehouse import Warehouse, datasets

DEFAULT_HORIZON = 90
DEFAULT_TRAIN_MONTHS = 24
MIN_POSITIVES = 8

PARAMS: dict[str, Any] = {
    "objective": "binary",
    # 31 leaves, 20 samples per leaf and a slower rate beat 15 / 40 / 0.05 on the demo backtest (issue 15:
    # PR-AUC 0.093 → 0.101, flagged 30 days ahead 0.54 → 0.57, "high" precision 0.125 → 0.137; docs/risk.md)
    "learning_rate": 0.03,
    "num_leaves": 31,
    "min_data_in_leaf": 20,
    "feature_fraction": 0.8,
    "bagging_fraction": 0.8,
    "bagging_freq": 1,
    "lambda_l2": 1.0,
    # "basic" is the fastest method and did as well as "intermediate" and "advanced" on the demo world
    "monotone_constraints_method": "basic",
    "num_threads": 2,
    "seed": 7,
    "deterministic": True,
    "force_col_wise": True,
    "verbosity": -1,
}
MAX_ROUNDS = 400
EARLY_STOP = 30


class TrainingError(RuntimeError):
    pass


def matrix(features: pa.Table) -> np.ndarray:
    """Feature matrix in catalogue order (NULL → NaN, which LightGBM treats as missing)."""
    cols = [features.column(n).to_numpy(zero_copy_only=False).astype(np.float64) for n in FEATURE_NAMES]
    return np.column_stack(cols) if cols else np.empty((features.num_rows, 0))


def monotone_constraints() -> list[int]:
    return [f.direction for f in FEATURES]


@dataclass
class Samples:
    """Stacked samples of several dates: X, y, the date of each row and sample weights."""

    X: np.ndarray
    y: np.ndarray
    date: np.ndarray  # datetime64[D]
    weight: np.ndarray

    @property
    def positives(self) -> int:
        return int(self.y.sum())


def build_samples(
    tables: dict[dt.date, pa.Table],
    conflicts: Conflicts,
    horizon: int,
    *,
    max_negatives_per_date: int | None = None,
    seed: int = 7,
) -> Samples:
    """Samples of every date; optionally keeps a random subset of negatives, reweighted to stay unbiased."""
    rng = np.random.default_rng(seed)
    xs, ys, ds, ws = [], [], [], []
    for d in sorted(tables):
        t = tables[d]
        bins = np.asarray(t.column("employer_bin").to_pylist(), dtype=object)
        y = labels_for(bins, conflicts, d, horizon)
        X = matrix(t)
        w = np.ones(len(y))
        neg = np.flatnonzero(y == 0)
        if max_negatives_per_date is not None and len(neg) > max_negatives_per_date:
            keep_neg = rng.choice(neg, max_negatives_per_date, replace=False)
            keep = np.sort(np.concatenate([np.flatnonzero(y == 1), keep_neg]))
            w = np.where(y == 1, 1.0, len(neg) / max_negatives_per_date)[keep]
            X, y = X[keep], y[keep]
        xs.append(X)
        ys.append(y)
        ds.append(np.full(len(y), np.datetime64(d, "D")))
        ws.append(w)
    return Samples(np.vstack(xs), np.concatenate(ys), np.concatenate(ds), np.concatenate(ws))


def _dataset(s: Samples, m: np.ndarray) -> lgb.Dataset:
    return lgb.Dataset(
        s.X[m], label=s.y[m], weight=s.weight[m], feature_name=list(FEATURE_NAMES), free_raw_data=True
    )


def _params() -> dict[str, Any]:
    return {**PARAMS, "monotone_constraints": monotone_constraints()}


@dataclass
class Calibrator:
    """Platt scaling of the booster's raw score: p = 1 / (1 + exp(−(a · margin + b)))."""

    a: float = 1.0
    b: float = 0.0

    def __call__(self, margin: np.ndarray) -> np.ndarray:
        return 1.0 / (1.0 + np.exp(-(self.a * margin + self.b)))

    @classmethod
    def fit(cls, margin: np.ndarray, y: np.ndarray, w: np.ndarray) -> Calibrator:
        if len(np.unique(y)) < 2:
            return cls()
        lr = LogisticRegression(C=1e4, max_iter=1000)
        lr.fit(margin.reshape(-1, 1), y, sample_weight=w)
        return cls(float(lr.coef_[0, 0]), float(lr.intercept_[0]))


def rolling_folds(
    dates: list[dt.date], horizon: int, n_folds: int = 3, block: int = 3
) -> list[tuple[list, list]]:
    """(train dates, validation dates) of each fold, newest fold first; train ends ``horizon`` days before
    the validation block starts."""
    folds = []
    for k in range(n_folds):
        hi = len(dates) - k * block
        lo = hi - block
        if lo <= 0:
            break
        val = dates[lo:hi]
        train = [d for d in dates[:lo] if d + dt.timedelta(days=horizon) < val[0]]
        if len(train) >= 3:
            folds.append((train, val))
    return folds


def metrics(
    y: np.ndarray, p: np.ndarray, w: np.ndarray | None = None, *, probabilities: bool = True
) -> dict[str, float | None]:
    """ROC-AUC and PR-AUC of a ranking, and the Brier score when ``p`` are probabilities."""
    brier = float(brier_score_loss(y, p, sample_weight=w)) if probabilities and len(y) else None
    if len(y) == 0 or len(np.unique(y)) < 2:
        return {"roc_auc": None, "pr_auc": None, "brier": brier}
    return {
        "roc_auc": float(roc_auc_score(y, p, sample_weight=w)),
        "pr_auc": float(average_precision_score(y, p, sample_weight=w)),
        "brier": brier,
    }


@dataclass
class Model:
    booster: lgb.Booster
    calibrator: Calibrator
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def version(self) -> str:
        return str(self.meta.get("version", "unsaved"))

    @property
    def horizon(self) -> int:
        return int(self.meta.get("horizon_days", DEFAULT_HORIZON))

    def margin(self, X: np.ndarray) -> np.ndarray:
        return np.asarray(self.booster.predict(X, raw_score=True), dtype=np.float64)

    def predict(self, X: np.ndarray) -> np.ndarray:
        return self.calibrator(self.margin(X))

    def contributions(self, X: np.ndarray) -> np.ndarray:
        """SHAP values per feature (log-odds of the uncalibrated model), without the bias column."""
        c = np.asarray(self.booster.predict(X, pred_contrib=True), dtype=np.float64)
        return c[:, :-1]


def fit(samples: Samples, horizon: int) -> tuple[Model, dict[str, Any]]:
    """Fit with rolling time splits; returns the model and a report of the folds."""
    if samples.positives < MIN_POSITIVES:
        raise TrainingError(
            f"only {samples.positives} positive samples (conflicts starting within {horizon} days of a sample "
            f"date): at least {MIN_POSITIVES} are needed to learn; score with the scorecard instead"
        )
    dates = sorted({d.astype(object) for d in np.unique(samples.date)})
    folds = rolling_folds(dates, horizon)
    best_iters: list[int] = []
    oof_margin, oof_y, oof_w = [], [], []
    fold_report = []
    params = _params()
    for train_d, val_d in folds:
        tm = np.isin(samples.date, np.array(train_d, dtype="datetime64[D]"))
        vm = np.isin(samples.date, np.array(val_d, dtype="datetime64[D]"))
        if samples.y[tm].sum() < 2 or samples.y[vm].sum() < 1:
            continue
        dtrain, dval = _dataset(samples, tm), _dataset(samples, vm)
        b = lgb.train(
            params,
            dtrain,
            num_boost_round=MAX_ROUNDS,
            valid_sets=[dval],
            callbacks=[lgb.early_stopping(EARLY_STOP, verbose=False)],
        )
        it = max(1, b.best_iteration or MAX_ROUNDS)
        best_iters.append(it)
        m = b.predict(samples.X[vm], num_iteration=it, raw_score=True)
        oof_margin.append(m)
        oof_y.append(samples.y[vm])
        oof_w.append(samples.weight[vm])
        fold_report.append(
            {
                "train": [str(train_d[0]), str(train_d[-1])],
                "validate": [str(val_d[0]), str(val_d[-1])],
                "best_iteration": it,
                "positives_validate": int(samples.y[vm].sum()),
            }
        )
    rounds = int(np.median(best_iters)) if best_iters else 100
    booster = lgb.train(
        params, _dataset(samples, np.ones(len(samples.y), dtype=bool)), num_boost_round=rounds
    )
    if oof_margin:
        mg, yy, ww = np.concatenate(oof_margin), np.concatenate(oof_y), np.concatenate(oof_w)
        cal = Calibrator.fit(mg, yy, ww)
        oof = metrics(yy, cal(mg), ww)
    else:
        cal, oof = Calibrator(), {"roc_auc": None, "pr_auc": None, "brier": None}
    report = {"folds": fold_report, "num_boost_round": rounds, "validation": oof}
    return Model(booster, cal), report


# --- model registry in the warehouse --------------------------------------------------------------


def _version(meta: dict[str, Any]) -> str:
    key = json.dumps(
        {k: meta[k] for k in ("data_cutoff", "horizon_days", "training_window", "params", "features")},
        sort_keys=True,
        default=str,
    )
    return f"m{meta['data_cutoff'].replace('-', '')}-{hashlib.sha1(key.encode(), usedforsecurity=False).hexdigest()[:8]}"


def save_model(wh: Warehouse, model: Model) -> str:
    """Publish the model as ``WH/derived/models/<version>/`` (model.txt + meta.json), atomically."""
    meta = dict(model.meta)
    meta["version"] = _version(meta)
    meta["calibration"] = {"method": "platt", "a": model.calibrator.a, "b": model.calibrator.b}
    with wh.publish(datasets.MODELS, meta["version"]) as d:
        model.booster.save_model(str(d / "model.txt"))
        (d / "meta.json").write_text(
            json.dumps(meta, ensure_ascii=False, indent=1, default=str), encoding="utf-8"
        )
    model.meta = meta
    return str(meta["version"])


def list_models(wh: Warehouse) -> list[dict[str, Any]]:
    """Metadata of every stored model, oldest data cut-off first."""
    base = wh.derived_dir(datasets.MODELS)
    out = []
    if base.exists():
        for d in base.iterdir():
            if d.is_dir() and not d.name.startswith(".") and (d / "meta.json").exists():
                out.append(json.loads((d / "meta.json").read_text(encoding="utf-8")))
    return sorted(out, key=lambda m: (m["data_cutoff"], m.get("created_at", "")))


def load_model(wh: Warehouse, version: str) -> Model:
    d = datasets.model_dir(wh, version)
    if not (d / "model.txt").exists():
        raise FileNotFoundError(f"no model {version!r} in {wh.derived_dir(datasets.MODELS)}")
    meta = json.loads((d / "meta.json").read_text(encoding="utf-8"))
    if meta.get("features") != list(FEATURE_NAMES):
        raise TrainingError(
            f"model {version} was trained on other features than this code computes; retrain it"
        )
    cal = meta.get("calibration", {})
    return Model(
        lgb.Booster(model_file=str(d / "model.txt")), Calibrator(cal.get("a", 1.0), cal.get("b", 0.0)), meta
    )


def pick_model(wh: Warehouse, as_of: dt.date) -> dict[str, Any] | None:
    """The newest model whose data cut-off is on or before ``as_of`` (a model never sees past the date)
    and that was trained on the features this code computes.

    A model from before an upgrade that changed the catalogue cannot score today's feature table; it is
    skipped rather than picked and refused, so the nightly cycle keeps scoring (with an older compatible
    model or the scorecard, and a note naming `labormap train`) instead of failing on the day of the upgrade.
    """
    usable = [
        m
        for m in list_models(wh)
        if dt.date.fromisoformat(m["data_cutoff"]) <= as_of and m.get("features") == list(FEATURE_NAMES)
    ]
    return usable[-1] if usable else None


def stale_models(wh: Warehouse) -> list[str]:
    """Versions of stored models trained on another feature list (they need `labormap train`)."""
    return [m["version"] for m in list_models(wh) if m.get("features") != list(FEATURE_NAMES)]


def describe(meta: dict[str, Any]) -> str:
    v = meta.get("metrics", {}).get("validation", {})
    auc = v.get("roc_auc")
    return (
        f"{meta['version']} (cut-off {meta['data_cutoff']}, horizon {meta['horizon_days']} d, "
        f"validation ROC-AUC {'—' if auc is None or math.isnan(auc) else f'{auc:.3f}'})"
    )


def model_meta(
    *,
    cutoff: dt.date,
    horizon: int,
    sample_dates: list[dt.date],
    samples: Samples,
    report: dict[str, Any],
    engine: str,
    warehouse: Path,
) -> dict[str, Any]:
    return {
        "created_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "data_cutoff": cutoff.isoformat(),
        "horizon_days": horizon,
        "target": f"an observed conflict starts within {horizon} days of the sample date",
        "training_window": {
            "first_sample": sample_dates[0].isoformat(),
            "last_sample": sample_dates[-1].isoformat(),
            "sample_dates": len(sample_dates),
        },
        "rows": len(samples.y),
        "positives": samples.positives,
        "features": list(FEATURE_NAMES),
        "monotone_constraints": monotone_constraints(),
        "params": {**PARAMS, "max_rounds": MAX_ROUNDS, "early_stopping": EARLY_STOP},
        "metrics": report,
        "engine": engine,
        "code_version": code_version(),
        "warehouse": str(warehouse),
    }
