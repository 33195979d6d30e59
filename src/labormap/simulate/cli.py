"""``labormap simulate``: write a synthetic nation's registries and truth."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

from labormap.simulate.params import ScenarioError


def register(app: typer.Typer) -> None:
    @app.command("simulate")
    def simulate_cmd(
        out: Path = typer.Option(..., "--out", help="Folder to write registries/ and truth/ into."),
        employers: int = typer.Option(3000, "--employers", help="Employers with staff in the world."),
        start: str = typer.Option("2016-01", "--start", help="First simulated month, YYYY-MM."),
        end: str = typer.Option(
            "2025-12", "--end", help="Last simulated month, YYYY-MM (extraction at its end)."
        ),
        seed: int = typer.Option(
            1, "--seed", help="Random seed: the same arguments and seed give identical files."
        ),
        scenario: Path | None = typer.Option(
            None, "--scenario", help="YAML file overriding documented parameters."
        ),
        fmt: str = typer.Option("parquet", "--format", help="parquet or csv."),
        payments_months: int | None = typer.Option(
            None,
            "--payments-months",
            help="Write payments only for the last K months (default: every month).",
        ),
    ) -> None:
        """Simulate Kazakhstan's employers: 12 registries ready for `labormap ingest`, plus the hidden truth."""
        from labormap.simulate.core import simulate

        console = Console(stderr=True)
        try:
            with Progress(
                TextColumn("[bold]{task.description}"),
                BarColumn(),
                TimeElapsedColumn(),
                console=console,
                transient=True,
            ) as bar:
                task = bar.add_task("simulate", total=1.0)

                def report(stage: str, fraction: float) -> None:
                    bar.update(task, completed=fraction, description=stage)

                summary = simulate(
                    out,
                    employers=employers,
                    start=start,
                    end=end,
                    seed=seed,
                    scenario=scenario,
                    fmt=fmt,
                    payments_months=payments_months,
                    progress=report,
                )
        except (ScenarioError, ValueError) as e:
            console.print(f"[red]error:[/red] {e}")
            raise typer.Exit(2) from e
        rows = summary["rows"]
        console.print(
            f"wrote {out}/registries ({sum(rows.values()):,} rows in {len(rows)} registries) and {out}/truth"
        )
        console.print(
            f"conflicts: {summary['conflicts']['truth']} happened, {summary['conflicts']['registered']} registered; "
            f"workers at the end: {summary['workers_end']:,}"
        )
