"""``labormap connectors pull``: pull registries from HTTP/JSON sources into the warehouse."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.console import Console
from rich.progress import Progress

connectors_app = typer.Typer(
    help="Registries pulled from other systems' HTTP/JSON interfaces.", no_args_is_help=True
)


@connectors_app.command("pull")
def pull(
    config: Path = typer.Option(..., "--config", "-c", help="YAML file describing the connectors."),
    warehouse: Path = typer.Option(..., "--warehouse", "-w", help="Warehouse folder."),
    only: list[str] = typer.Option(None, "--only", help="Pull only these connectors (by name)."),
    report: Path = typer.Option(None, "--report", help="Write what was pulled as JSON here."),
) -> None:
    """Pull every configured registry since its cursor, land it as a drop and ingest it."""
    from labormap.connectors import ConfigError, ConnectorError, HttpJsonConnector, load_config, pull_into
    from labormap.ingest import IngestError
    from labormap.warehouse import Warehouse

    console = Console(stderr=True)
    try:
        cfgs = load_config(config)
    except ConfigError as e:
        console.print(f"[red]error:[/] {e}")
        raise typer.Exit(2) from e
    if only:
        unknown = sorted(set(only) - {c.name for c in cfgs})
        if unknown:
            console.print(f"[red]error:[/] no connector named {', '.join(unknown)}")
            raise typer.Exit(2)
        cfgs = [c for c in cfgs if c.name in only]
    wh = Warehouse(warehouse)
    results = []
    with Progress(console=console, transient=True) as bar:
        task = bar.add_task("pulling", total=len(cfgs))
        for cfg in cfgs:
            bar.update(task, description=cfg.name)
            try:
                res = pull_into(HttpJsonConnector(cfg), wh)
            except (ConnectorError, IngestError) as e:
                console.print(f"[red]error:[/] {e}")
                raise typer.Exit(1) from e
            results.append(res.as_dict())
            bar.advance(task)
    for r in results:
        console.print(
            f"{r['name']} → {r['registry']}: {r['rows']} rows in {r['pages']} pages, cursor {r['cursor']}"
        )
    if report:
        report.write_text(json.dumps(results, ensure_ascii=False, indent=1, default=str), encoding="utf-8")


def register(app: typer.Typer) -> None:
    app.add_typer(connectors_app, name="connectors")
