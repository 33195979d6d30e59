"""Commands of the risk engine: ``train``, ``score``, ``backtest``, ``features``."""

from __future__ import annotations

import datetime as dt
import functools
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import typer

ENGINE_HELP = "Engine that computes the features: duckdb (default) or spark."
# Exit status of `labormap train` when the data cannot support a model (too little history or too few
# conflicts: a TrainingError). Callers such as the demo fall back to the scorecard on this status only;
# any other failure (exit 1) is a real error and must stop them.
NO_MODEL_EXIT = 3
MEMORY_HELP = "DuckDB memory limit (spills to disk beyond it)."


def _date(s: str | None) -> dt.date | None:
    if s is None:
        return None
    try:
        return dt.date.fromisoformat(s)
    except ValueError as e:
        raise typer.BadParameter(f"{s!r} is not a date YYYY-MM-DD") from e


def _warehouse(path: Path):  # type: ignore[no-untyped-def]
    from labormap.warehouse import Warehouse

    wh = Warehouse(path)
    if not wh.exists():
        raise typer.BadParameter(f"{path} is not a warehouse (no manifest.json); run `labormap ingest` first")
    return wh


def _check_engine(engine: str) -> str:
    from labormap.features.sources import ENGINES

    if engine not in ENGINES:
        raise typer.BadParameter(f"engine must be one of {', '.join(ENGINES)}")
    return engine


F = TypeVar("F", bound=Callable[..., None])


def _clean_errors(fn: F) -> F:
    """Bad input (a date without data, too little history, a broken scorecard) → a clear message, exit 1."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> None:
        from labormap.risk.model import TrainingError
        from labormap.risk.scorecard import ScorecardError

        try:
            fn(*args, **kwargs)
        except (ValueError, FileNotFoundError, TrainingError, ScorecardError) as e:
            if isinstance(e, typer.BadParameter):
                raise
            typer.secho(f"error: {e}", fg=typer.colors.RED, err=True)
            raise typer.Exit(1) from e

    return wrapper  # type: ignore[return-value]


def register(app: typer.Typer) -> None:
    @app.command()
    @_clean_errors
    def train(
        warehouse: Path = typer.Option(..., "--warehouse", help="Warehouse folder."),
        as_of: str = typer.Option(
            None, "--as-of", help="Data cut-off YYYY-MM-DD (default: the warehouse's last date)."
        ),
        horizon: int = typer.Option(
            90, help="Horizon H in days: the model predicts a conflict within H days."
        ),
        months: int = typer.Option(24, help="Monthly sample dates to train on."),
        engine: str = typer.Option("duckdb", help=ENGINE_HELP),
        max_negatives: int = typer.Option(
            None, help="Keep at most this many negatives per sample date (reweighted)."
        ),
        memory_limit: str = typer.Option("6GB", help=MEMORY_HELP),
    ) -> None:
        """Train the LightGBM model and store it in the warehouse's model registry."""
        from rich.console import Console
        from rich.progress import Progress

        from labormap.risk.labels import data_end
        from labormap.risk.model import TrainingError, describe
        from labormap.risk.train import sample_dates
        from labormap.risk.train import train as train_model
        from labormap.warehouse.datasets import model_dir

        console = Console()
        wh = _warehouse(warehouse)
        cutoff = _date(as_of) or data_end(wh)
        n = len(sample_dates(cutoff, horizon, months))
        with Progress(console=console, transient=True) as bar:
            task = bar.add_task(f"features at {n} sample dates", total=n)
            try:
                model = train_model(
                    wh,
                    cutoff,
                    horizon=horizon,
                    months=months,
                    engine=_check_engine(engine),
                    max_negatives_per_date=max_negatives,
                    tick=lambda _d: bar.advance(task),
                    memory_limit=memory_limit,
                )
            except TrainingError as e:
                console.print(f"[red]error:[/] {e}")
                raise typer.Exit(NO_MODEL_EXIT) from e
        console.print(f"[green]✓[/] model {describe(model.meta)}")
        console.print(
            f"  {model.meta['rows']} samples, {model.meta['positives']} positive; "
            f"stored in {model_dir(wh, model.version)}"
        )

    @app.command()
    @_clean_errors
    def score(
        warehouse: Path = typer.Option(..., "--warehouse", help="Warehouse folder."),
        as_of: str = typer.Option(
            None, "--as-of", help="As-of date YYYY-MM-DD (default: the warehouse's last date)."
        ),
        engine: str = typer.Option("duckdb", help=ENGINE_HELP),
        out: Path = typer.Option(None, "--out", help="Also write the scores to this Parquet file."),
        method: str = typer.Option(
            "auto", help="auto (model when trained, else scorecard), model or scorecard."
        ),
        model: str = typer.Option(
            None, "--model", help="Score with this model version instead of the newest usable."
        ),
        scorecard: Path = typer.Option(
            None, "--scorecard", help="Scorecard YAML (default: the shipped one)."
        ),
        history: int = typer.Option(
            0, "--history", help="Also score the N month-ends before the date (score history)."
        ),
        memory_limit: str = typer.Option("6GB", help=MEMORY_HELP),
        train_missing: bool = typer.Option(
            False,
            "--train-missing",
            help="When no model was trained on data up to a date, train one at that date (then reuse it).",
        ),
        reasons: str = typer.Option(
            "shown",
            "--reasons",
            help="shown: reasons for employers above low only (a low employer's card computes them on "
            "request); all: for every employer (slower: SHAP contributions for everyone).",
        ),
    ) -> None:
        """Score every employer at a date and publish the snapshot atomically (with its feature table)."""
        from rich.console import Console
        from rich.progress import Progress

        from labormap.features.asof import month_ends
        from labormap.features.sources import spark_session
        from labormap.risk.labels import data_end
        from labormap.risk.model import TrainingError, describe, pick_model
        from labormap.risk.scorecard import load_scorecard
        from labormap.risk.scoring import score_snapshot
        from labormap.risk.train import train as train_model

        console = Console()
        wh = _warehouse(warehouse)
        if method not in ("auto", "model", "scorecard"):
            raise typer.BadParameter("method must be auto, model or scorecard")
        if reasons not in ("shown", "all"):
            raise typer.BadParameter("--reasons must be shown or all")
        d = _date(as_of) or data_end(wh)
        card = load_scorecard(scorecard)
        dates = [d]
        if history > 0:
            earlier = [m for m in month_ends(dt.date(d.year - history // 12 - 2, 1, 1), d) if m < d]
            dates = [*earlier[-history:], d]
        snap = None
        engine = _check_engine(engine)
        # one Spark session for every date (starting one takes seconds)
        session = spark_session() if engine == "spark" else None
        try:
            with Progress(console=console, transient=True) as bar:
                task = bar.add_task("scoring", total=len(dates))
                for day in dates:
                    if train_missing and method != "scorecard" and not model and pick_model(wh, day) is None:
                        bar.update(task, description=f"training a model at {day}")
                        try:
                            trained = train_model(wh, day, engine=engine, memory_limit=memory_limit)
                            console.print(f"[green]✓[/] trained {describe(trained.meta)}")
                        except TrainingError as e:
                            console.print(f"[yellow]note:[/] no model at {day}: {e}")
                    bar.update(task, description=f"scoring {day}")
                    snap = score_snapshot(
                        wh,
                        day,
                        engine=engine,
                        method=method,
                        model_version=model,
                        out=out if day == d else None,
                        scorecard=card,
                        memory_limit=memory_limit,
                        spark=session,
                        explain=reasons,
                    )
                    bar.advance(task)
        finally:
            if session is not None:
                session.stop()
        assert snap is not None
        m = snap.meta
        if m["method"] == "scorecard":
            console.print(f"[yellow]note:[/] {m['note']} (version {m['model_version']})")
        console.print(
            f"[green]✓[/] {m['employers']} employers scored at {m['as_of']} with {m['model_version']}: "
            + ", ".join(f"{k} {v}" for k, v in m["counts"].items())
        )
        if len(dates) > 1:
            console.print(f"  history: {len(dates)} snapshots from {dates[0]} to {dates[-1]}")

    @app.command()
    @_clean_errors
    def backtest(
        warehouse: Path = typer.Option(..., "--warehouse", help="Warehouse folder."),
        json_out: Path = typer.Option(..., "--json", help="Write the metrics as JSON here."),
        report: Path = typer.Option(None, "--report", help="Also write an HTML report with plots."),
        horizon: int = typer.Option(90, help="Horizon H in days."),
        months: int = typer.Option(
            36, help="Monthly origins to evaluate (the most recent with closed labels)."
        ),
        retrain_every: int = typer.Option(6, help="Retrain the model every this many origins (months)."),
        train_months: int = typer.Option(24, help="Monthly sample dates each model trains on."),
        engine: str = typer.Option("duckdb", help=ENGINE_HELP),
        memory_limit: str = typer.Option("6GB", help=MEMORY_HELP),
        truth: Path = typer.Option(
            None,
            "--truth",
            help="A simulated world's truth/ folder: adds the oracle (the best achievable on that world).",
        ),
    ) -> None:
        """Rolling-origin backtest of the model and the scorecard side by side (onset, persistence, oracle)."""
        from rich.console import Console
        from rich.progress import Progress

        from labormap.risk.backtest import run_backtest, save_backtest

        console = Console()
        wh = _warehouse(warehouse)
        with Progress(console=console, transient=True) as bar:
            task = bar.add_task("backtest", total=None)

            def tick(msg: str, done: int, total: int) -> None:
                bar.update(task, description=msg, completed=done, total=total)

            result = run_backtest(
                wh,
                horizon=horizon,
                months=months,
                retrain_every=retrain_every,
                train_months=train_months,
                engine=_check_engine(engine),
                progress=tick,
                memory_limit=memory_limit,
                truth=truth,
            )
        json_out.parent.mkdir(parents=True, exist_ok=True)
        json_out.write_text(json.dumps(result, ensure_ascii=False, indent=1, default=str), encoding="utf-8")
        if report is not None:
            from labormap.risk.report import write_report

            write_report(result, report)
        bt_id = save_backtest(wh, result, report)
        for side in ("model", "scorecard"):
            r = result[side]
            console.print(
                f"{side:>9}: ROC-AUC {_f(r['roc_auc'])}  PR-AUC {_f(r['pr_auc'])}  Brier {_f(r['brier'])}  "
                f"precision@100 {_f(r['precision_at'].get('100'))}  "
                f"lead time {r['lead_time_days_median']} d  "
                f"flagged 30 d ahead {_f(r.get('flagged_30d_share'))}"
            )
        for part in ("onset", "persistence"):
            m = result[part]["model"]
            console.print(f"{part:>11}: model PR-AUC {_f(m['pr_auc'])}  positives {m['positives']}")
        if "oracle" in result:
            o = result["oracle"]
            console.print(
                f"   oracle: PR-AUC {_f(o['pr_auc'])}; model's share {_f(o['model_share']['pr_auc'])}"
            )
        console.print(
            f"[green]✓[/] {len(result['origins'])} origins; JSON {json_out}; stored as backtest {bt_id}"
        )

    @app.command()
    @_clean_errors
    def features(
        warehouse: Path = typer.Option(..., "--warehouse", help="Warehouse folder."),
        as_of: str = typer.Option(..., "--as-of", help="As-of date YYYY-MM-DD."),
        engine: str = typer.Option("duckdb", help=ENGINE_HELP),
        out: Path = typer.Option(..., "--out", help="Parquet file to write the feature table to."),
        memory_limit: str = typer.Option("6GB", help=MEMORY_HELP),
    ) -> None:
        """Compute the feature table of every employer at a date (for analysts; `score` publishes it too)."""
        from labormap.features import compute_features
        from labormap.risk.scoring import write_atomic

        d = _date(as_of)
        assert d is not None
        t = compute_features(_warehouse(warehouse), d, _check_engine(engine), memory_limit=memory_limit)
        write_atomic(t, out)
        typer.echo(f"{t.num_rows} employers × {t.num_columns - 4} features at {d} → {out}")


def _f(x: float | None) -> str:
    return "—" if x is None else f"{x:.3f}"
