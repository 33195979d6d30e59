"""Scores: every employer's probability, 0–100 score, level, change since the previous snapshot and top
reasons; published atomically as ``WH/derived/scores/as_of=D/`` with the feature table beside it.

The web app reads snapshots through :func:`load_scores` and :func:`list_snapshots`.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from labormap import levels as risk_levels
from labormap.features.build import compute_features
from labormap.risk.explain import REASON_TYPE, group_by_reason, reasons_column
from labormap.risk.model import Model, load_model, matrix, pick_model, stale_models
from labormap.risk.policy import DEFAULT_POLICY, LevelPolicy
from labormap.risk.scorecard import Scorecard, load_scorecard
from labormap.risk.versioning import code_version
from labormap.warehouse import Warehouse, datasets

SCORES_SCHEMA = pa.schema(
    [
        ("employer_bin", pa.string()),
        ("as_of", pa.date32()),
        ("probability", pa.float64()),
        ("score", pa.float64()),
        ("level", pa.string()),
        ("score_prev", pa.float64()),
        ("level_prev", pa.string()),
        ("score_change", pa.float64()),
        ("method", pa.string()),
        ("model_version", pa.string()),
        ("reasons", pa.list_(REASON_TYPE)),
    ]
)


@dataclass
class Scored:
    """Scores of one date before publication (no previous-snapshot columns yet)."""

    employer_bin: pa.Array
    probability: np.ndarray
    score: np.ndarray
    level: np.ndarray
    reasons: pa.Array
    method: str
    model_version: str
    thresholds: dict[str, float]  # score thresholds of the levels


EXPLAIN_ALL, EXPLAIN_SHOWN, EXPLAIN_NONE = "all", "shown", "none"
# Levels whose reasons are shown in lists, maps and reports. Reasons of the other employers ("low") are
# computed on demand (:func:`explain_employer`) when a card is opened: SHAP contributions for every
# employer cost as much as the features at national scale, and ~90 % of employers are "low".
SHOWN_LEVELS: tuple[str, ...] = tuple(c for c in risk_levels.CODES if c != risk_levels.LOW)


def _explain_mode(explain: bool | str) -> str:
    if explain is True:
        return EXPLAIN_ALL
    if explain is False:
        return EXPLAIN_NONE
    if explain not in (EXPLAIN_ALL, EXPLAIN_SHOWN, EXPLAIN_NONE):
        raise ValueError(f"explain must be one of all, shown, none: {explain!r}")
    return explain


def scatter_reasons(n: int, rows: np.ndarray, sub: pa.Array) -> pa.Array:
    """A reasons column of ``n`` employers from the reasons of ``rows`` (ascending positions): the
    others get an empty list (not null — readers iterate it)."""
    sub_list = sub if isinstance(sub, pa.ListArray) else pa.concat_arrays(sub.chunks)
    lengths = np.zeros(n, dtype=np.int64)
    lengths[rows] = sub_list.value_lengths().fill_null(0).to_numpy(zero_copy_only=False)
    offsets = np.concatenate([[0], np.cumsum(lengths)]).astype(np.int32)
    return pa.ListArray.from_arrays(pa.array(offsets, pa.int32()), sub_list.flatten())


def _reasons_where(
    mask: np.ndarray | None,
    features: pa.Table,
    scores: np.ndarray,
    by_reason_of: Any,
) -> pa.Array:
    """Reasons for the employers in ``mask`` (all when None); ``by_reason_of(positions)`` gives their
    (codes, contributions by reason), so contributions are computed only for those rows."""
    n = features.num_rows
    if mask is None:
        codes, by_reason = by_reason_of(None)
        return reasons_column(features, codes, by_reason, scores=scores)
    rows = np.flatnonzero(mask)
    if not len(rows):
        return pa.array([[] for _ in range(n)], pa.list_(REASON_TYPE))
    codes, by_reason = by_reason_of(rows)
    sub = reasons_column(features.take(pa.array(rows)), codes, by_reason, scores=scores[rows])
    return scatter_reasons(n, rows, sub)


def score_with_model(
    features: pa.Table, model: Model, policy: LevelPolicy = DEFAULT_POLICY, explain: bool | str = True
) -> Scored:
    """``explain``: True/"all" = reasons for every employer, "shown" = for employers above "low" only
    (the others get an empty list; :func:`explain_employer` computes them on demand), False/"none"."""
    mode = _explain_mode(explain)
    X = matrix(features)
    p = model.predict(X)
    th_p = policy.thresholds(p)
    level = policy.levels(p, th_p)
    score = policy.score(p)
    if mode == EXPLAIN_NONE:
        reasons = pa.nulls(features.num_rows, pa.list_(REASON_TYPE))
    else:
        mask = np.isin(level, SHOWN_LEVELS) if mode == EXPLAIN_SHOWN else None
        reasons = _reasons_where(
            mask,
            features,
            score,
            lambda rows: group_by_reason(model.contributions(X if rows is None else X[rows])),
        )
    th_score = {k: float(policy.score(np.array([v]))[0]) for k, v in th_p.items()}
    return Scored(
        features.column("employer_bin").combine_chunks(),
        p,
        score,
        level,
        reasons,
        "model",
        model.version,
        th_score,
    )


def score_with_scorecard(features: pa.Table, card: Scorecard, explain: bool | str = True) -> Scored:
    mode = _explain_mode(explain)
    codes, pts = card.points_by_code(features)
    total = pts.sum(axis=1)
    score = card.score(total)
    level = card.level(score)
    if mode == EXPLAIN_NONE:
        reasons = pa.nulls(features.num_rows, pa.list_(REASON_TYPE))
    else:
        mask = np.isin(level, SHOWN_LEVELS) if mode == EXPLAIN_SHOWN else None
        reasons = _reasons_where(
            mask, features, score, lambda rows: (codes, pts if rows is None else pts[rows])
        )
    return Scored(
        features.column("employer_bin").combine_chunks(),
        card.probability(total),
        score,
        level,
        reasons,
        "scorecard",
        f"scorecard-{card.version}",
        dict(card.levels),
    )


# --- snapshots ----------------------------------------------------------------------------------


def list_snapshots(wh: Warehouse | str | os.PathLike[str]) -> list[dt.date]:
    """Dates of the published score snapshots, oldest first (layout: :mod:`labormap.warehouse.datasets`)."""
    return datasets.snapshot_dates(wh if isinstance(wh, Warehouse) else Warehouse(wh))


def load_scores(wh: Warehouse | str | os.PathLike[str], as_of: dt.date | None = None) -> pa.Table:
    """The scores snapshot of ``as_of`` (the latest when None)."""
    w = wh if isinstance(wh, Warehouse) else Warehouse(wh)
    snaps = list_snapshots(w)
    if not snaps:
        raise FileNotFoundError(
            f"no score snapshot in {w.derived_dir(datasets.SCORES)}; run `labormap score`"
        )
    d = as_of or snaps[-1]
    path = datasets.scores_path(w, d)
    if not path.exists():
        raise FileNotFoundError(f"no score snapshot for {d}; available: {', '.join(map(str, snaps[-5:]))}")
    return pq.read_table(path)


def load_snapshot_meta(wh: Warehouse, as_of: dt.date) -> dict[str, Any]:
    return datasets.snapshot_meta(wh, as_of)


def _previous(wh: Warehouse, as_of: dt.date) -> pa.Table | None:
    earlier = [d for d in list_snapshots(wh) if d < as_of]
    if not earlier:
        return None
    return pq.read_table(datasets.scores_path(wh, earlier[-1]), columns=["employer_bin", "score", "level"])


def assemble(scored: Scored, as_of: dt.date, previous: pa.Table | None) -> pa.Table:
    n = len(scored.employer_bin)
    prev_score = np.full(n, np.nan)
    prev_level: list[str | None] = [None] * n
    if previous is not None and previous.num_rows:
        pos = {b: i for i, b in enumerate(previous.column("employer_bin").to_pylist())}
        ps = previous.column("score").to_numpy(zero_copy_only=False)
        pl = previous.column("level").to_pylist()
        for i, b in enumerate(scored.employer_bin.to_pylist()):
            j = pos.get(b)
            if j is not None:
                prev_score[i] = ps[j]
                prev_level[i] = pl[j]
    has_prev = ~np.isnan(prev_score)
    change = np.where(has_prev, scored.score - prev_score, np.nan)
    return pa.table(
        {
            "employer_bin": scored.employer_bin,
            "as_of": pa.array([as_of] * n, pa.date32()),
            "probability": pa.array(scored.probability, pa.float64()),
            "score": pa.array(np.round(scored.score, 2), pa.float64()),
            "level": pa.array(list(scored.level), pa.string()),
            "score_prev": pa.array(prev_score, pa.float64(), mask=~has_prev),
            "level_prev": pa.array(prev_level, pa.string()),
            "score_change": pa.array(np.round(change, 2), pa.float64(), mask=~has_prev),
            "method": pa.array([scored.method] * n, pa.string()),
            "model_version": pa.array([scored.model_version] * n, pa.string()),
            "reasons": scored.reasons,
        },
        schema=SCORES_SCHEMA,
    )


@dataclass
class Snapshot:
    table: pa.Table
    meta: dict[str, Any]


def choose_method(
    wh: Warehouse, as_of: dt.date, method: str = "auto", model_version: str | None = None
) -> tuple[Model | None, str]:
    """(model or None, note): a named model, else the newest one trained on data up to ``as_of``, else the
    scorecard with the reason why."""
    if method == "scorecard":
        return None, "scorecard requested"
    if model_version:
        return load_model(wh, model_version), f"model {model_version} requested"
    meta = pick_model(wh, as_of)
    if meta is None:
        stale = stale_models(wh)
        why = f"no trained model with a data cut-off on or before {as_of}"
        if stale:
            why += f" and today's features ({len(stale)} stored trained on other features)"
        if method == "model":
            raise FileNotFoundError(f"{why}; run `labormap train`")
        return None, f"{why}: scored with the expert scorecard; run `labormap train`"
    return load_model(wh, meta["version"]), "newest model trained on data up to the as-of date"


def score_snapshot(
    wh: Warehouse,
    as_of: dt.date,
    *,
    engine: str = "duckdb",
    method: str = "auto",
    model_version: str | None = None,
    publish: bool = True,
    out: Path | None = None,
    scorecard: Scorecard | None = None,
    policy: LevelPolicy = DEFAULT_POLICY,
    features: pa.Table | None = None,
    spark: Any = None,
    memory_limit: str | None = None,
    explain: bool | str = EXPLAIN_SHOWN,
) -> Snapshot:
    """Score every employer at ``as_of``; publish the snapshot (and the feature table) atomically.

    ``explain="shown"`` (the default) computes reasons for employers above "low" only; the card of a
    "low" employer asks :func:`explain_employer`. ``"all"`` computes them for everyone (the old path)."""
    feats = (
        features
        if features is not None
        else compute_features(wh, as_of, engine, spark=spark, memory_limit=memory_limit)
    )
    model, note = choose_method(wh, as_of, method, model_version)
    card = scorecard or load_scorecard()
    scored = (
        score_with_model(feats, model, policy, explain=explain)
        if model is not None
        else score_with_scorecard(feats, card, explain=explain)
    )
    table = assemble(scored, as_of, _previous(wh, as_of))
    counts = {lv: int(np.sum(scored.level == lv)) for lv in risk_levels.CODES}
    meta: dict[str, Any] = {
        "as_of": as_of.isoformat(),
        "method": scored.method,
        "model_version": scored.model_version,
        "note": note,
        "data_cutoff": (model.meta.get("data_cutoff") if model else None) or as_of.isoformat(),
        "features_as_of": as_of.isoformat(),
        "code_version": code_version(),
        "engine": engine,
        "thresholds": {k: round(v, 2) for k, v in scored.thresholds.items()},
        "counts": counts,
        "employers": table.num_rows,
        "reasons_for": _explain_mode(explain),  # "shown": low employers' reasons are computed on demand
        "level_policy": (
            policy.__dict__ if model else {"scorecard_version": card.version, "levels": card.levels}
        ),
        "created_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
    }
    if model is not None and dt.date.fromisoformat(model.meta["data_cutoff"]) > as_of:
        meta["model_after_as_of"] = True
    if publish:
        with datasets.publish_snapshot(wh, datasets.FEATURES, as_of) as d:
            pq.write_table(feats, d / datasets.features_path(wh, as_of).name)
        with datasets.publish_snapshot(wh, datasets.SCORES, as_of) as d:
            pq.write_table(table, d / datasets.scores_path(wh, as_of).name)
            (d / datasets.snapshot_meta_path(wh, as_of).name).write_text(
                json.dumps(meta, ensure_ascii=False, indent=1), encoding="utf-8"
            )
    if out is not None:
        write_atomic(table, out)
    return Snapshot(table, meta)


def explain_employer(
    wh: Warehouse, employer_bin: str, as_of: dt.date | None = None, policy: LevelPolicy = DEFAULT_POLICY
) -> list[dict[str, Any]]:
    """The reasons of one employer in a published snapshot, computed now from the snapshot's own feature
    table and model (or scorecard): what a card shows for an employer whose snapshot row has none
    (employers at "low" when scored with ``explain="shown"``). Same contributions, sentences and order as
    a full rescoring would give; an empty list when the employer is not in the snapshot."""
    snaps = list_snapshots(wh)
    if not snaps:
        return []
    d = as_of or snaps[-1]
    fpath = datasets.features_path(wh, d)
    if not fpath.exists():
        return []
    feats = pq.read_table(fpath, filters=[("employer_bin", "=", employer_bin)])
    if feats.num_rows == 0:
        return []
    meta = load_snapshot_meta(wh, d)
    if meta.get("method") == "model":
        model = load_model(wh, str(meta["model_version"]))
        X = matrix(feats)
        saved = meta.get("level_policy") or {}
        if policy is DEFAULT_POLICY and set(saved) == set(DEFAULT_POLICY.__dict__):
            policy = LevelPolicy(**saved)  # the snapshot's own score mapping (it decides "shows as 0")
        score = policy.score(model.predict(X))
        codes, by_reason = group_by_reason(model.contributions(X))
    else:
        card = load_scorecard()
        codes, by_reason = card.points_by_code(feats)
        score = card.score(by_reason.sum(axis=1))
    col = reasons_column(feats, codes, by_reason, scores=score)
    reasons: list[dict[str, Any]] = col.to_pylist()[0] or []
    return reasons


def write_atomic(table: pa.Table, path: Path) -> None:
    """Write Parquet so that ``path`` holds either the old file or the complete new one."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(fd)
    try:
        pq.write_table(table, tmp)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
