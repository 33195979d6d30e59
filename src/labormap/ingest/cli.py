"""``labormap ingest``: load a drop folder of registry files into a warehouse."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import typer
from rich.console import Console
from rich.table import Table


def print_report(report: dict[str, Any], console: Console) -> None:
    table = Table(title=f"Ingest report — run {report.get('run_id') or '(nothing new)'}")
    for col in (
        "registry",
        "rows in",
        "loaded",
        "quarantined",
        "duplicates",
        "orphans",
        "superseded",
        "top reasons",
    ):
        table.add_column(col, justify="right" if col not in ("registry", "top reasons") else "left")
    for name, r in report["registries"].items():
        top = ", ".join(f"{k} {v}" for k, v in sorted(r["reasons"].items(), key=lambda kv: -kv[1])[:3])
        table.add_row(
            name,
            *(
                f"{r[k]:,}"
                for k in ("rows_in", "loaded", "quarantined", "duplicates", "orphans", "superseded")
            ),
            top,
        )
    console.print(table)
    if report.get("unknown_files"):
        console.print(
            f"[yellow]Files matching no registry (not read):[/] {', '.join(report['unknown_files'])}"
        )
    for r in report.get("rejected_files", []):
        console.print(f"[red]Rejected file[/] {r['path']}: {r['reason']}")
    console.print(f"{report['seconds']:.1f} s")


def register(app: typer.Typer) -> None:
    @app.command()
    def ingest(
        drop: Path = typer.Argument(..., help="Folder with registry files named after their registry."),
        warehouse: Path = typer.Option(
            ..., "--warehouse", "-w", help="Warehouse folder (created if missing)."
        ),
        report: Path = typer.Option(None, "--report", help="Write the ingest report as JSON here."),
        memory_limit: str = typer.Option("6GB", help="DuckDB memory limit; larger work spills to disk."),
        quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar or table."),
    ) -> None:
        """Validate and load every registry file in DROP; bad rows go to quarantine with their reasons."""
        from labormap.identifiers import PseudonymKeyError
        from labormap.ingest import IngestError, ingest_drop
        from labormap.warehouse import Warehouse

        console = Console(stderr=True)
        try:
            rep = ingest_drop(drop, Warehouse(warehouse), memory_limit=memory_limit, progress=not quiet)
        except (IngestError, PseudonymKeyError) as e:
            console.print(f"[red]error:[/] {e}")
            raise typer.Exit(2) from e
        if report:
            report.parent.mkdir(parents=True, exist_ok=True)
            report.write_text(json.dumps(rep, ensure_ascii=False, indent=2, default=str), encoding="utf-8")
        if not quiet:
            print_report(rep, console)
