"""``labormap demo``: build the demo world and run the whole pipeline, reusing what exists."""

from __future__ import annotations

from pathlib import Path

import typer


def register(app: typer.Typer) -> None:
    @app.command()
    def demo(
        dir: Path = typer.Option(
            Path(".demo"), "--dir", help="Where the demo world, warehouse and app data live."
        ),
        employers: int = typer.Option(3000, help="Employers in the synthetic world."),
        seed: int = typer.Option(1, help="Random seed of the synthetic world."),
        serve: bool = typer.Option(True, "--serve/--no-serve", help="Start the web app at the end."),
        host: str = typer.Option("127.0.0.1", help="Address of the web app."),
        port: int = typer.Option(8000, help="Port of the web app."),
        backtest: bool = typer.Option(
            True, "--backtest/--no-backtest", help="Run the rolling-origin backtest."
        ),
        rebuild: bool = typer.Option(False, help="Rebuild every step even when already built."),
    ) -> None:
        """Simulate a small nation, ingest it, score it, report on it and serve the map (LABORMAP_DEMO=1)."""
        import os

        from rich.console import Console
        from rich.table import Table

        from labormap.demo import steps as s
        from labormap.identifiers import demo_mode

        console = Console()
        if not demo_mode():
            console.print(
                "[red]error:[/] the demo uses synthetic data and public demo keys: set LABORMAP_DEMO=1"
            )
            raise typer.Exit(2)
        paths = s.DemoPaths(dir.resolve())
        paths.root.mkdir(parents=True, exist_ok=True)
        wh = paths.warehouse

        def step(name: str, fn: object, needs: str) -> None:
            if s.available(needs):
                s.run_step(paths, name, fn, console, force=rebuild)  # type: ignore[arg-type]
            else:
                console.print(f"[yellow]- {name}: {needs} is not part of this build; skipped[/]")

        step(
            "simulate",
            lambda: s.cli(
                "simulate", "--out", paths.world, "--employers", str(employers), "--seed", str(seed)
            ),
            "labormap.simulate",
        )
        if not paths.drop.exists():
            console.print("[red]No world to ingest.[/]")
            raise typer.Exit(1)
        step("ingest", lambda: s.ingest_world(paths, console), "labormap.ingest")
        step("renames", lambda: s.renames_demo(paths, console), "labormap.media")
        step("media", lambda: s.cli("media", "process", "--warehouse", wh), "labormap.media")
        step("train", lambda: s.train_model(paths, console), "labormap.risk")
        # --train-missing: history months before the model's cut-off get a model trained as of then,
        # so the whole history is scored the same way (no scorecard/model jumps in the chart).
        step(
            "score",
            lambda: s.cli("score", "--warehouse", wh, "--history", "12", "--train-missing"),
            "labormap.risk",
        )
        if backtest:
            # A year of monthly origins keeps the demo within minutes; `labormap backtest` defaults to three.
            step(
                "backtest",
                lambda: s.cli(
                    "backtest",
                    "--warehouse",
                    wh,
                    "--json",
                    paths.root / "backtest.json",
                    "--report",
                    paths.root / "backtest.html",
                    "--months",
                    "12",
                    *s.truth_args(paths),
                ),
                "labormap.risk",
            )
        step("reports", lambda: s.write_reports(paths), "labormap.reports")
        step("analytics", lambda: s.analytics_demo(paths), "labormap.analytics")
        if not s.available("labormap.web"):
            console.print(f"Warehouse: {wh}")
            return
        s.configure_web(paths)
        step("publish", lambda: s.publish_web(paths), "labormap.web")
        accounts = s.demo_accounts()
        step("layoffs", lambda: s.layoffs_demo(paths, console), "labormap.web.layoffs")
        step("agreements", lambda: s.agreements_demo(paths, console), "labormap.web.agreements")
        step("unions", lambda: s.unions_demo(paths, console), "labormap.web.unions")
        step("control", lambda: s.control_demo(paths, console), "labormap.web.control")
        step("reconcile", lambda: s.reconcile_demo(paths, console), "labormap.web.reconcile")
        step("case conflicts", lambda: s.case_conflicts_demo(paths, console), "labormap.web.cases")
        step("voice", lambda: s.voice_demo(paths, console), "labormap.web.voice")
        step("daily", lambda: s.daily_demo(paths, console), "labormap.ops")

        table = Table(title="Demo accounts (password: demo)")
        for col in ("user", "role", "sees"):
            table.add_column(col)
        for a in accounts:
            table.add_row(a.get("username", ""), a.get("role", ""), a.get("scope", ""))
        console.print(table)
        console.print(f"Warehouse: {wh}")
        if (paths.root / "backtest.html").exists():
            console.print(f"Backtest report: {paths.root / 'backtest.html'}")
        if paths.reports.exists():
            console.print(f"Reports: {paths.reports}")
        url = f"http://{host}:{port}/"
        if serve:
            os.environ.setdefault("LABORMAP_ALLOWED_HOSTS", f"{host},localhost,127.0.0.1")
            console.print(
                f"\n[bold green]LaborMap is at {url}[/] — log in as [bold]ministry[/] or "
                "[bold]akimat-47[/] with password [bold]demo[/]. Ctrl-C stops it."
            )
            from labormap.web import ops

            ops.serve(host, port)
        else:
            console.print(
                f"Start the app with: LABORMAP_DEMO=1 LABORMAP_DATA_DIR={paths.app_data} labormap serve"
            )
