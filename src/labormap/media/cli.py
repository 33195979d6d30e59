"""``labormap media …``: classify publications, collect sources, process the warehouse, evaluate."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import typer

media_app = typer.Typer(
    name="media",
    help="Media and internet monitoring: Russian and Kazakh publications → labour-conflict signals.",
    no_args_is_help=True,
)

REQUIRED = ("id", "text")
BATCH = 20_000


def _read_items(path: Path, rejected: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """Valid publications of a JSON Lines file, streamed; bad lines are collected in ``rejected``."""
    with open(path, encoding="utf-8-sig") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as e:
                rejected.append(
                    {"line": n, "reason": f"invalid JSON: {e.msg}", "original": line.rstrip("\n")}
                )
                continue
            if not isinstance(obj, dict) or any(obj.get(k) in (None, "") for k in REQUIRED):
                rejected.append(
                    {"line": n, "reason": "needs non-empty id and text", "original": line.rstrip("\n")}
                )
                continue
            yield obj


@media_app.command("classify")
def classify_cmd(
    inp: Path = typer.Option(
        ...,
        "--in",
        exists=True,
        dir_okay=False,
        help='Publications, JSON Lines: {"id", "published_at", "source", "title", "text"}.',
    ),
    out: Path = typer.Option(..., "--out", help="Results, JSON Lines (one per publication, same order)."),
    warehouse: Path | None = typer.Option(None, "--warehouse", help="Warehouse whose employers to link to."),
    no_ner: bool = typer.Option(
        False, "--no-ner", help="Skip named-entity recognition (faster, less linking)."
    ),
) -> None:
    """Classify publications: language, labour signal, kind, causes, employers, participants, money, story."""
    from rich.progress import Progress

    from labormap.media.linking import EmployerIndex
    from labormap.media.pipeline import Analyzer

    rejected: list[dict[str, Any]] = []
    index = EmployerIndex([])
    if warehouse is not None:
        from labormap.warehouse import Warehouse

        wh = Warehouse(warehouse)
        if not wh.exists():
            raise typer.BadParameter(f"no warehouse at {warehouse}", param_hint="--warehouse")
        index = EmployerIndex.from_warehouse(wh)
    analyzer = Analyzer(index, use_ner=not no_ner)
    with open(inp, encoding="utf-8-sig") as f:
        total = sum(1 for line in f if line.strip())
    counts: dict[str, int] = {}
    out.parent.mkdir(parents=True, exist_ok=True)
    n = 0
    with open(out, "w", encoding="utf-8") as f, Progress(transient=True) as progress:
        task = progress.add_task("classifying", total=total)
        # Batches bound the memory; reprints are found within a batch (BATCH publications).
        for r in analyzer.analyse_stream(_read_items(inp, rejected), batch=BATCH):
            f.write(json.dumps(r.output(), ensure_ascii=False) + "\n")
            counts[r.kind] = counts.get(r.kind, 0) + 1
            n += 1
            if n % 500 == 0:
                progress.update(task, completed=n + len(rejected))
    if rejected:
        rej = out.with_suffix(".rejected.jsonl")
        with open(rej, "w", encoding="utf-8") as f:
            for r_ in rejected:
                f.write(json.dumps(r_, ensure_ascii=False) + "\n")
        typer.echo(f"{len(rejected)} input lines rejected (see {rej})", err=True)
    labour = sum(v for k, v in counts.items() if k != "not_labour")
    typer.echo(f"{n} publications, {labour} labour signals, {len(index)} employers indexed → {out}")
    typer.echo("kinds: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items(), key=lambda kv: -kv[1])))


@media_app.command("process")
def process_cmd(
    warehouse: Path = typer.Option(..., "--warehouse", help="Warehouse with ingested media_items."),
    since: str | None = typer.Option(None, "--since", help="Only months from this date on (YYYY-MM-DD)."),
) -> None:
    """Turn the warehouse's media_items into the media_signals dataset (month by month, atomically)."""
    from rich.progress import Progress

    from labormap.media.signals import process_warehouse
    from labormap.warehouse import Warehouse

    wh = Warehouse(warehouse)
    if not wh.exists():
        raise typer.BadParameter(f"no warehouse at {warehouse}", param_hint="--warehouse")
    since_d = date.fromisoformat(since) if since else None
    with Progress(transient=True) as progress:
        task = progress.add_task("media months", total=None)
        done = process_warehouse(wh, since=since_d, progress=lambda m, n: progress.advance(task))
    typer.echo(f"media_signals: {len(done)} months, {sum(done.values())} publications")


@media_app.command("run")
def run_cmd(
    config: Path = typer.Option(..., "--config", exists=True, dir_okay=False, help="Sources config (YAML)."),
    warehouse: Path = typer.Option(
        ..., "--warehouse", help="Warehouse to ingest into and publish signals to."
    ),
    state: Path | None = typer.Option(
        None, "--state", help="Poll state file (default: WH/media_state.json)."
    ),
    force: bool = typer.Option(False, "--force", help="Poll every source now, whatever its interval."),
) -> None:
    """Collect the configured sources, ingest them as media_items, and publish media_signals."""
    from labormap.media.run import run_sources
    from labormap.warehouse import Warehouse

    report = run_sources(config, Warehouse(warehouse), state_path=state, force=force, echo=typer.echo)
    typer.echo(json.dumps(report, ensure_ascii=False, indent=1, default=str))


@media_app.command("evaluate")
def evaluate_cmd(
    which: str = typer.Option(
        "eval", "--set", help="eval, dev, real_dev, real_heldout, or a path to a labelled JSONL set."
    ),
    json_out: Path | None = typer.Option(None, "--json", help="Also write the full report as JSON."),
    errors: bool = typer.Option(False, "--errors", help="List misclassified publications (dev set work)."),
    no_ner: bool = typer.Option(False, "--no-ner", help="Skip named-entity recognition."),
) -> None:
    """Precision, recall and F1 for `labour` and every kind, linking accuracy, on a labelled set."""
    from labormap.media.evaluate import evaluate, render

    rep, results, items = evaluate(which, use_ner=not no_ner)
    typer.echo(render(rep))
    if errors:
        for r, it in zip(results, items, strict=True):
            g = it["gold"]
            if r.kind != g["kind"] or (g["labour"] and set(r.employer_bins) != set(g["employer_bins"])):
                typer.echo(
                    f"{it['id']}: {r.kind} (gold {g['kind']}, {r.reason}) bins {r.employer_bins} "
                    f"(gold {g['employer_bins']})"
                )
    if json_out:
        json_out.write_text(json.dumps(rep, ensure_ascii=False, indent=1), encoding="utf-8")


def register(app: typer.Typer) -> None:
    app.add_typer(media_app, name="media")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(media_app())
