"""``train``: fit the learned model at a data cut-off and store it in the warehouse's model registry."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from labormap.features.asof import month_ends
from labormap.risk.featurestore import FeatureStore
from labormap.risk.labels import Conflicts, data_end, load_conflicts
from labormap.risk.model import (
    DEFAULT_HORIZON,
    DEFAULT_TRAIN_MONTHS,
    Model,
    TrainingError,
    build_samples,
    fit,
    model_meta,
    save_model,
)
from labormap.warehouse import Warehouse


def sample_dates(cutoff: dt.date, horizon: int, months: int) -> list[dt.date]:
    """The last ``months`` month-ends d whose label window (d, d + horizon] closed by ``cutoff``."""
    last = cutoff - dt.timedelta(days=horizon)
    first = dt.date(last.year - (months // 12) - 1, 1, 1)
    return month_ends(first, last)[-months:]


def fit_at(
    store: FeatureStore,
    conflicts: Conflicts,
    cutoff: dt.date,
    *,
    horizon: int = DEFAULT_HORIZON,
    months: int = DEFAULT_TRAIN_MONTHS,
    max_negatives_per_date: int | None = None,
    tick: Callable[[dt.date], None] | None = None,
) -> tuple[Model, list[dt.date]]:
    """A model as it would have been trained at ``cutoff``: sample dates ≤ cutoff − H, conflicts known by cutoff."""
    dates = sample_dates(cutoff, horizon, months)
    if len(dates) < 6:
        raise TrainingError(
            f"fewer than 6 monthly sample dates end {horizon} days before {cutoff}: not enough history"
        )
    tables = store.many(dates, tick)
    samples = build_samples(
        tables, conflicts.known_by(cutoff), horizon, max_negatives_per_date=max_negatives_per_date
    )
    model, report = fit(samples, horizon)
    model.meta = model_meta(
        cutoff=cutoff,
        horizon=horizon,
        sample_dates=dates,
        samples=samples,
        report=report,
        engine=store.engine,
        warehouse=store.wh.root,
    )
    return model, dates


def train(
    wh: Warehouse,
    as_of: dt.date | None = None,
    *,
    horizon: int = DEFAULT_HORIZON,
    months: int = DEFAULT_TRAIN_MONTHS,
    engine: str = "duckdb",
    max_negatives_per_date: int | None = None,
    tick: Callable[[dt.date], None] | None = None,
    memory_limit: str | None = None,
) -> Model:
    """Train at ``as_of`` (default: the warehouse's last data date) and publish to the model registry."""
    cutoff = as_of or data_end(wh)
    conflicts = load_conflicts(wh)
    with FeatureStore(wh, engine, memory_limit=memory_limit) as store:
        model, _ = fit_at(
            store,
            conflicts,
            cutoff,
            horizon=horizon,
            months=months,
            max_negatives_per_date=max_negatives_per_date,
            tick=tick,
        )
    save_model(wh, model)
    return model
