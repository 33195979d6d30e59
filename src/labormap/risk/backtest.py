"""Rolling-origin backtest: the learned model and the expert scorecard side by side on history.

Origins are the month-ends whose label window (D, D + H] has closed by the warehouse's last date, the
most recent ``months`` of them (36 by default: three years). At every origin both methods score the
feature table of D (rows known by D only). The model is retrained every ``retrain_every`` origins, each
time at the origin itself as the cut-off: it learns only from sample dates ≤ D − H and conflicts known
by D, and is used for that origin and the next ones until the next retraining. Labels are the conflicts
of the observed ``conflicts`` registry starting in (D, D + H].

Metrics pool every (origin, employer) pair. Precision and recall at top-k are taken per origin and
summed over origins (TP / (k × origins), TP / positives); ties at the cut (common with scorecard points)
count fractionally, as the expected value of a random tie-break.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import math
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.metrics import precision_recall_curve, roc_curve

from labormap import levels
from labormap.analytics import evaluation as ev
from labormap.features.asof import month_ends
from labormap.risk.featurestore import FeatureStore
from labormap.risk.labels import Conflicts, data_end, load_conflicts, window_hits
from labormap.risk.model import DEFAULT_HORIZON, Model, TrainingError, matrix, metrics
from labormap.risk.policy import DEFAULT_POLICY, LevelPolicy
from labormap.risk.scorecard import Scorecard, load_scorecard
from labormap.risk.train import fit_at, sample_dates
from labormap.risk.versioning import code_version
from labormap.warehouse import Warehouse, datasets

TOP_K = (50, 100, 500)
CALIBRATION_EDGES = (0.0, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.3, 0.5, 1.0)

Progress = Callable[[str, int, int], None]


def origins_for(end: dt.date, horizon: int, months: int) -> list[dt.date]:
    """The last ``months`` month-ends D with D + horizon ≤ end."""
    last = end - dt.timedelta(days=horizon)
    return month_ends(dt.date(last.year - months // 12 - 1, 1, 1), last)[-months:]


@dataclass
class Pool:
    """Every (origin, employer) pair scored by both methods."""

    origin: list[np.ndarray] = field(default_factory=list)
    bins: list[np.ndarray] = field(default_factory=list)
    region: list[np.ndarray] = field(default_factory=list)
    sector: list[np.ndarray] = field(default_factory=list)
    y: list[np.ndarray] = field(default_factory=list)
    p_model: list[np.ndarray] = field(default_factory=list)
    p_card: list[np.ndarray] = field(default_factory=list)
    s_card: list[np.ndarray] = field(default_factory=list)
    high_model: list[np.ndarray] = field(default_factory=list)
    high_card: list[np.ndarray] = field(default_factory=list)
    # at risk = high or elevated; prior = a conflict in the 3 years before the origin (persistence)
    atrisk_model: list[np.ndarray] = field(default_factory=list)
    atrisk_card: list[np.ndarray] = field(default_factory=list)
    prior: list[np.ndarray] = field(default_factory=list)
    # the simulator's latent hazard (evaluation only, when truth is given)
    p_oracle: list[np.ndarray] = field(default_factory=list)
    high_oracle: list[np.ndarray] = field(default_factory=list)
    atrisk_oracle: list[np.ndarray] = field(default_factory=list)

    def cat(self, name: str) -> np.ndarray:
        parts = getattr(self, name)
        return np.concatenate(parts) if parts else np.array([])


def _top_k_hits(score: np.ndarray, y: np.ndarray, k: int) -> float:
    """Expected positives among the top k when ties at the cut are broken at random."""
    n = len(score)
    if n == 0 or k <= 0:
        return 0.0
    k = min(k, n)
    order = np.argsort(-score, kind="stable")
    cut = score[order[k - 1]]
    above = score > cut
    tied = score == cut
    slots = k - int(above.sum())
    hits = float(y[above].sum())
    n_tied = int(tied.sum())
    if n_tied:
        hits += float(y[tied].sum()) * slots / n_tied
    return hits


def _at_k(
    pool: Pool, score_name: str, ks: dict[str, int]
) -> tuple[dict[str, float | None], dict[str, float | None]]:
    origin, y, s = pool.cat("origin"), pool.cat("y"), pool.cat(score_name)
    prec: dict[str, float | None] = {}
    rec: dict[str, float | None] = {}
    total_pos = float(y.sum())
    for key, k in ks.items():
        tp, slots = 0.0, 0
        for o in np.unique(origin):
            m = origin == o
            tp += _top_k_hits(s[m], y[m], k)
            slots += min(k, int(m.sum()))
        prec[key] = tp / slots if slots else None
        rec[key] = tp / total_pos if total_pos else None
    return prec, rec


def _lead_times(
    pool: Pool, flag_name: str, conflicts: Conflicts, origins: list[dt.date], horizon: int
) -> dict[str, Any]:
    """Days from the first "high" flag to the conflict start, for conflicts inside the evaluated windows."""
    # dates as day numbers throughout, so that set lookups compare like with like
    origin = pool.cat("origin").astype("datetime64[D]").astype(np.int64)
    bins, flag = pool.cat("bins"), pool.cat(flag_name)
    flagged = {(o, b) for o, b, f in zip(origin.tolist(), bins.tolist(), flag.tolist(), strict=True) if f}
    o_days = np.array(origins, dtype="datetime64[D]").astype(np.int64)
    starts = conflicts.started_on.astype(np.int64)
    m = (starts > o_days[0]) & (starts <= o_days[-1] + horizon)
    leads: list[int] = []
    total = 0
    for b, start in zip(conflicts.employer_bin[m].tolist(), starts[m].tolist(), strict=True):
        total += 1
        eligible = o_days[(o_days < start) & (o_days + horizon >= start)]
        hits = [o for o in eligible.tolist() if (o, b) in flagged]
        if hits:
            leads.append(start - min(hits))
    return {
        "lead_time_days_median": float(np.median(leads)) if leads else None,
        "conflicts_in_windows": total,
        "conflicts_flagged_high": len(leads),
    }


def _calibration(y: np.ndarray, p: np.ndarray) -> list[dict[str, Any]]:
    rows = []
    edges = CALIBRATION_EDGES
    for lo, hi in itertools.pairwise(edges):
        m = (p >= lo) & ((p < hi) if hi < 1.0 else (p <= hi))
        n = int(m.sum())
        rows.append(
            {
                "bin": [lo, hi],
                "n": n,
                "mean_predicted": float(p[m].mean()) if n else None,
                "observed_rate": float(y[m].mean()) if n else None,
            }
        )
    return rows


def _curve(x: np.ndarray, y: np.ndarray, points: int = 120) -> list[list[float]]:
    if len(x) <= points:
        return [[float(a), float(b)] for a, b in zip(x, y, strict=True)]
    idx = np.unique(np.linspace(0, len(x) - 1, points).astype(int))
    return [[float(x[i]), float(y[i])] for i in idx]


def _side(
    pool: Pool,
    p_name: str,
    rank_name: str,
    flag_name: str,
    ks: dict[str, int],
    conflicts: Conflicts,
    origins: list[dt.date],
    horizon: int,
) -> dict[str, Any]:
    y, p, s = pool.cat("y"), pool.cat(p_name), pool.cat(rank_name)
    base = metrics(y, p)
    ranking = metrics(y, s, probabilities=False)  # ROC and PR depend only on the ranking
    prec, rec = _at_k(pool, rank_name, ks)
    lead = _lead_times(pool, flag_name, conflicts, origins, horizon)
    pr_p, pr_r, _ = precision_recall_curve(y, s) if len(np.unique(y)) > 1 else (np.array([]),) * 3
    fpr, tpr, _ = roc_curve(y, s) if len(np.unique(y)) > 1 else (np.array([]),) * 3
    flag = pool.cat(flag_name)
    return {
        "roc_auc": ranking["roc_auc"],
        "pr_auc": ranking["pr_auc"],
        "brier": base["brier"],
        "precision_at": prec,
        "recall_at": rec,
        **lead,
        "high_flags": int(flag.sum()),
        "high_precision": float(y[flag.astype(bool)].mean()) if flag.sum() else None,
        "calibration": _calibration(y, p),
        "curves": {
            "pr": _curve(pr_r[::-1], pr_p[::-1]) if len(pr_p) else [],
            "roc": _curve(fpr, tpr) if len(fpr) else [],
        },
    }


def _group_metrics(
    y: np.ndarray, scores: dict[str, np.ndarray], flags: dict[str, np.ndarray]
) -> dict[str, Any]:
    out: dict[str, Any] = {"n": len(y), "positives": int(y.sum())}
    for name, s in scores.items():
        m = metrics(y, s, probabilities=False)
        out[name] = {
            "roc_auc": m["roc_auc"],
            "pr_auc": m["pr_auc"],
            "recall_high": float(flags[name][y == 1].mean()) if y.sum() else None,
        }
    return out


def _breakdowns(pool: Pool, kinds_of: dict[tuple[int, str], set[str]]) -> dict[str, Any]:
    y, origin, bins = pool.cat("y"), pool.cat("origin"), pool.cat("bins")
    scores = {"model": pool.cat("p_model"), "scorecard": pool.cat("s_card")}
    flags = {"model": pool.cat("high_model").astype(bool), "scorecard": pool.cat("high_card").astype(bool)}
    out: dict[str, Any] = {}
    for col in ("region", "sector"):
        vals = pool.cat(col)
        groups = {}
        for g in sorted(set(vals.tolist())):
            m = vals == g
            if y[m].sum() == 0:
                continue
            groups[str(g)] = _group_metrics(
                y[m], {k: v[m] for k, v in scores.items()}, {k: v[m] for k, v in flags.items()}
            )
        out[col] = groups
    # By conflict kind: positives of that kind against every negative.
    kinds = sorted({k for ks in kinds_of.values() for k in ks})
    days = origin.astype("datetime64[D]").astype(np.int64).tolist()
    by_kind = {}
    for kind in kinds:
        pos = np.array([kind in kinds_of.get((o, b), ()) for o, b in zip(days, bins.tolist(), strict=True)])
        m = pos | (y == 0)
        by_kind[kind] = _group_metrics(
            pos[m].astype(np.int8), {k: v[m] for k, v in scores.items()}, {k: v[m] for k, v in flags.items()}
        )
    out["kind"] = by_kind
    return out


def run_backtest(
    wh: Warehouse,
    *,
    horizon: int = DEFAULT_HORIZON,
    months: int = 36,
    retrain_every: int = 6,
    train_months: int = 24,
    engine: str = "duckdb",
    scorecard: Scorecard | None = None,
    policy: LevelPolicy = DEFAULT_POLICY,
    max_negatives_per_date: int | None = None,
    progress: Progress | None = None,
    store: FeatureStore | None = None,
    memory_limit: str | None = None,
    truth: Path | None = None,
) -> dict[str, Any]:
    """Run the backtest; ``store`` reuses feature tables already computed (else one is opened here).

    ``truth`` (a simulated world's ``truth/`` folder) adds the oracle: employers ranked by the
    simulator's latent hazard, read here only, never by features or training.
    """
    if store is None:
        with FeatureStore(wh, engine, memory_limit=memory_limit) as own:
            return run_backtest(
                wh,
                horizon=horizon,
                months=months,
                retrain_every=retrain_every,
                train_months=train_months,
                engine=engine,
                scorecard=scorecard,
                policy=policy,
                max_negatives_per_date=max_negatives_per_date,
                progress=progress,
                store=own,
                truth=truth,
            )
    t0 = time.perf_counter()
    card = scorecard or load_scorecard()
    end = data_end(wh)
    origins = origins_for(end, horizon, months)
    if len(origins) < 3:
        raise ValueError(
            f"history too short: fewer than 3 month-end origins with a closed {horizon}-day window"
        )
    conflicts = load_conflicts(wh)
    retrain_at = origins[:: max(1, retrain_every)]
    need = sorted(set(origins) | {d for c in retrain_at for d in sample_dates(c, horizon, train_months)})
    say = progress or (lambda _m, _d, _t: None)
    pool = Pool()
    kinds_of: dict[tuple[int, str], set[str]] = {}
    origin_rows: list[dict[str, Any]] = []
    models: list[dict[str, Any]] = []
    done = 0

    def tick(d: dt.date) -> None:
        nonlocal done
        done += 1
        say(f"features {d}", done, len(need))

    t_feat = time.perf_counter()
    store.many(need, tick)
    timings = {"features_s": time.perf_counter() - t_feat, "training_s": 0.0, "scoring_s": 0.0}
    model: Model | None = None
    for i, d in enumerate(origins):
        if d in retrain_at:
            say(f"training at {d}", i, len(origins))
            t_train = time.perf_counter()
            try:
                model, _ = fit_at(
                    store,
                    conflicts,
                    d,
                    horizon=horizon,
                    months=train_months,
                    max_negatives_per_date=max_negatives_per_date,
                )
                models.append(
                    {
                        "cutoff": d.isoformat(),
                        "rows": model.meta["rows"],
                        "positives": model.meta["positives"],
                        "validation": model.meta["metrics"]["validation"],
                    }
                )
            except TrainingError as e:
                if model is None:
                    raise TrainingError(f"cannot train at the first origin {d}: {e}") from e
            timings["training_s"] += time.perf_counter() - t_train
        assert model is not None
        t_score = time.perf_counter()
        f = store[d]
        bins = np.asarray(f.column("employer_bin").to_pylist(), dtype=object)
        hit_bins, _, hit_kinds = window_hits(conflicts, d, horizon)
        for b, k in zip(hit_bins.tolist(), hit_kinds.tolist(), strict=True):
            kinds_of.setdefault((int(np.datetime64(d, "D").astype(np.int64)), b), set()).add(str(k))
        y = np.isin(bins, np.unique(hit_bins.astype(str))).astype(np.int8)
        p_model = model.predict(matrix(f))
        lv_model = policy.levels(p_model, policy.thresholds(p_model))
        high_model = lv_model == levels.HIGH
        _, pts = card.points_by_code(f)
        total = pts.sum(axis=1)
        s_card = card.score(total)
        p_card = card.probability(total)
        lv_card = card.level(s_card)
        high_card = lv_card == levels.HIGH
        pool.atrisk_model.append(np.isin(lv_model, levels.AT_RISK))
        pool.atrisk_card.append(np.isin(lv_card, levels.AT_RISK))
        pool.prior.append(
            ev.prior_conflict(bins, conflicts.employer_bin, conflicts.started_on, conflicts.known_on, d)
        )
        if truth is not None:
            p_or = ev.oracle_probabilities(truth, bins, d, horizon)
            lv_or = policy.levels(p_or, policy.thresholds(p_or))
            pool.p_oracle.append(p_or)
            pool.high_oracle.append(lv_or == levels.HIGH)
            pool.atrisk_oracle.append(np.isin(lv_or, levels.AT_RISK))
        pool.origin.append(np.full(len(y), np.datetime64(d, "D")))
        pool.bins.append(bins)
        pool.region.append(np.asarray(f.column("region").to_pylist(), dtype=object))
        pool.sector.append(np.asarray(f.column("sector").to_pylist(), dtype=object))
        pool.y.append(y)
        pool.p_model.append(p_model)
        pool.p_card.append(p_card)
        pool.s_card.append(s_card + p_card * 1e-6)  # within equal points, the calibrated order is the same
        pool.high_model.append(high_model)
        pool.high_card.append(high_card)
        om, oc = metrics(y, p_model), metrics(y, s_card, probabilities=False)
        origin_rows.append(
            {
                "origin": d.isoformat(),
                "model_cutoff": model.meta["data_cutoff"],
                "employers": len(y),
                "positives": int(y.sum()),
                "model": {"roc_auc": om["roc_auc"], "pr_auc": om["pr_auc"], "high": int(high_model.sum())},
                "scorecard": {"roc_auc": oc["roc_auc"], "pr_auc": oc["pr_auc"], "high": int(high_card.sum())},
            }
        )
        timings["scoring_s"] += time.perf_counter() - t_score
    n_median = int(np.median([r["employers"] for r in origin_rows]))
    high_size = policy.size(n_median, policy.high_share)
    ks = {str(k): k for k in TOP_K}
    ks.setdefault(str(high_size), high_size)
    result: dict[str, Any] = {
        "horizon_days": horizon,
        "data_end": end.isoformat(),
        "origins": origin_rows,
        "retrain_every": retrain_every,
        "train_months": train_months,
        "high_level_size": high_size,
        "models": models,
        "model": _side(pool, "p_model", "p_model", "high_model", ks, conflicts, origins, horizon),
        "scorecard": _side(pool, "p_card", "s_card", "high_card", ks, conflicts, origins, horizon),
        "scorecard_version": card.version,
        "samples": len(pool.cat("y")),
        "positives": int(pool.cat("y").sum()),
        "breakdowns": _breakdowns(pool, kinds_of),
        "engine": engine,
        "code_version": code_version(),
        "created_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "runtime_seconds": round(time.perf_counter() - t0, 1),
        "timings": {k: round(v, 1) for k, v in timings.items()},
        "feature_dates": len(need),
    }
    extra = _honesty_blocks(pool, conflicts, origins, horizon, truth is not None)
    flagged = extra.pop("flagged_30d")
    result["model"].update(flagged["model"])
    result["scorecard"].update(flagged["scorecard"])
    if "oracle" in extra:
        o = extra["oracle"]
        o["model_share"] = {
            key: (result["model"][key] / o[key])
            if o.get(key) and result["model"].get(key) is not None
            else None
            for key in ("roc_auc", "pr_auc", "flagged_30d_share")
        }
    result.update(extra)
    return _clean(result)


def _honesty_blocks(
    pool: Pool, conflicts: Conflicts, origins: list[dt.date], horizon: int, with_oracle: bool
) -> dict[str, Any]:
    """Onset vs persistence, the oracle's ceiling, recall 30 days ahead and the aggregate forecasts."""
    y = pool.cat("y").astype(np.int8)
    origin_days = pool.cat("origin").astype("datetime64[D]").astype(np.int64)
    bins = pool.cat("bins")
    prior = pool.cat("prior").astype(bool)
    sides: dict[str, tuple[str, str, str, str]] = {
        "model": ("p_model", "p_model", "high_model", "atrisk_model"),
        "scorecard": ("p_card", "s_card", "high_card", "atrisk_card"),
    }
    if with_oracle:
        sides["oracle"] = ("p_oracle", "p_oracle", "high_oracle", "atrisk_oracle")
    onset_c = ev.onset_conflicts(conflicts.employer_bin, conflicts.started_on, conflicts.known_on)
    out: dict[str, Any] = {"onset": {}, "persistence": {}}
    flagged: dict[str, dict[str, Any]] = {}
    for name, (p_name, rank_name, high_name, risk_name) in sides.items():
        p, rank = pool.cat(p_name), pool.cat(rank_name)
        high, risk = pool.cat(high_name).astype(bool), pool.cat(risk_name).astype(bool)
        flagged[name] = ev.flagged_share(
            origin_days, bins, risk, conflicts.employer_bin, conflicts.started_on, origins, horizon
        )
        for part, mask in (("onset", ~prior), ("persistence", prior)):
            block = ev.subset_metrics(y[mask], p[mask], rank[mask], high[mask], risk[mask])
            # a conflict is an onset when its employer had no conflict in the 3 years before its start
            block.update(
                ev.flagged_share(
                    origin_days,
                    bins,
                    risk,
                    conflicts.employer_bin,
                    conflicts.started_on,
                    origins,
                    horizon,
                    conflict_mask=onset_c if part == "onset" else ~onset_c,
                )
            )
            out[part][name] = block
    out["flagged_30d"] = flagged
    if with_oracle:
        oracle = _side_metrics_only(pool, "p_oracle", "high_oracle")
        oracle.update(flagged["oracle"])
        out["oracle"] = oracle
    out["forecast"] = ev.forecast_block(
        origin_days,
        pool.cat("region"),
        pool.cat("p_model"),
        bins,
        conflicts.employer_bin,
        conflicts.started_on,
        horizon,
    )
    return out


def _side_metrics_only(pool: Pool, p_name: str, high_name: str) -> dict[str, Any]:
    y, p = pool.cat("y"), pool.cat(p_name)
    high = pool.cat(high_name).astype(bool)
    base = metrics(y, p)
    return {
        "roc_auc": base["roc_auc"],
        "pr_auc": base["pr_auc"],
        "brier": base["brier"],
        "high_flags": int(high.sum()),
        "high_precision": float(y[high].mean()) if high.sum() else None,
    }


def _clean(x: Any) -> Any:
    """JSON-safe: NaN → None, numpy scalars → Python."""
    if isinstance(x, dict):
        return {str(k): _clean(v) for k, v in x.items()}
    if isinstance(x, list | tuple):
        return [_clean(v) for v in x]
    if isinstance(x, np.generic):
        x = x.item()
    if isinstance(x, float) and (math.isnan(x) or math.isinf(x)):
        return None
    return x


def save_backtest(wh: Warehouse, result: dict[str, Any], report: Path | None = None) -> str:
    """Store the result as ``WH/derived/backtests/<id>/backtest.json`` (+ report.html)."""
    bt_id = f"bt-{result['data_end']}-{dt.datetime.now(dt.UTC):%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:4]}"
    with wh.publish(datasets.BACKTESTS, bt_id) as d:
        (d / "backtest.json").write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
        if report is not None and Path(report).exists():
            (d / "report.html").write_bytes(Path(report).read_bytes())
    return bt_id
