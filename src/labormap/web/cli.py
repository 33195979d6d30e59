"""Commands of the web platform: ``labormap serve`` and ``labormap web publish|migrate|createdemo|check``."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import typer

from labormap.web import backup_cli


@contextmanager
def _clear_errors() -> Iterator[None]:
    """Configuration and input mistakes end with one line saying what to fix, not a traceback."""
    from labormap.web.conf import UserError

    # ConfigError, PublishError and DemoOnly all derive from UserError; anything else is a bug and keeps
    # its traceback.
    try:
        yield
    except UserError as e:
        typer.echo(f"error: {e}", err=True)
        raise typer.Exit(2) from None


def _guarded(fn: Callable[[], None]) -> None:
    with _clear_errors():
        fn()


def register(app: typer.Typer) -> None:
    web = typer.Typer(
        help="Web platform: publish results into the app database, accounts, checks.", no_args_is_help=True
    )

    @app.command()
    def serve(
        host: str = typer.Option("127.0.0.1", help="address to listen on"),
        port: int = typer.Option(8000, help="port to listen on"),
        workers: int = typer.Option(2, help="gunicorn worker processes"),
    ) -> None:
        """Run the web app under gunicorn (migrates the database first if needed)."""
        from labormap.web import ops

        typer.echo(f"LaborMap on http://{host}:{port}/")
        _guarded(lambda: ops.serve(host, port, workers))

    @web.command()
    def migrate() -> None:
        """Create or upgrade the app database schema."""
        from labormap.web import ops

        _guarded(lambda: ops.migrate(verbosity=1))

    @web.command()
    def publish(
        warehouse: Path = typer.Option(
            ..., "--warehouse", "-w", help="warehouse folder", exists=True, file_okay=False
        ),
        json_out: Path = typer.Option(
            None, "--json", help="Also write the summary as JSON (the daily cycle reads it)."
        ),
        full: bool = typer.Option(
            False,
            "--full",
            help="Rewrite every employer row, reason and key figure, not only the changed ones (a repair; "
            "slower).",
        ),
        agreements: str = typer.Option(
            "auto",
            "--agreements",
            help="auto: recompute the agreements results only when the registries they read changed; "
            "always; skip: keep the published ones.",
        ),
    ) -> None:
        """Load employers, new score snapshots, key figures, media signals and alerts in one transaction."""
        from rich.console import Console

        from labormap.web import ops

        console = Console(stderr=True)
        with _clear_errors(), console.status("publishing…") as status:
            summary = ops.publish(
                warehouse,
                progress=lambda msg: status.update(f"publishing: {msg}"),
                full=full,
                agreements=agreements,
            )
        typer.echo(
            f"published {summary['employers']} employers ({summary['employers_changed']} rewritten), snapshot {summary['latest']}, "
            f"{len(summary['new_snapshots'])} new snapshot(s), {summary['alerts']} new alert(s), "
            f"{summary['emails']} e-mail(s) in {summary['seconds']} s"
        )
        typer.echo("  " + ", ".join(f"{k} {v} s" for k, v in summary.get("steps", {}).items()))
        if json_out is not None:
            import json

            json_out.write_text(json.dumps(summary, ensure_ascii=False, default=str), encoding="utf-8")

    @web.command("send-note")
    def send_note(
        file: Path = typer.Option(..., "--file", exists=True, dir_okay=False, help="The daily note (DOCX)."),
        as_of: str = typer.Option(..., "--as-of", help="The note's date (YYYY-MM-DD)."),
    ) -> None:
        """E-mail the daily note to the accounts subscribed to it (the daily cycle's last stage)."""
        import datetime as dt

        from labormap.web import ops

        with _clear_errors():
            ops.setup()
            from labormap.web.operations.notify import send_daily_note

            sent = send_daily_note(file, dt.date.fromisoformat(as_of))
        typer.echo(f"sent {sent} e-mail(s)")

    @web.command("escalate-alerts")
    def escalate_alerts(
        as_of: str = typer.Option(
            "", "--as-of", help="Today for the overdue rule (YYYY-MM-DD; default today)."
        ),
    ) -> None:
        """Escalate alerts not acknowledged in time and e-mail the administrators (the daily cycle runs it)."""
        from labormap.web import ops

        with _clear_errors():
            ops.setup()
            from labormap.web.alerts.lifecycle import escalate_overdue

            today = _iso_date(as_of) if as_of else None
            done = escalate_overdue(today)
        typer.echo(f"escalated {len(done)} alert(s)")

    @web.command("notify-failure")
    def notify_failure(
        warehouse: Path = typer.Option(
            ..., "--warehouse", help="Warehouse whose failed daily run to report."
        ),
    ) -> None:
        """E-mail the administrators that the current daily run failed (called by `labormap daily`)."""
        from labormap.ops import state
        from labormap.warehouse import Warehouse
        from labormap.web import ops

        run = state.current(Warehouse(warehouse))
        if run is None or run.get("status") != "failed":
            typer.echo("no failed run")
            return
        with _clear_errors():
            ops.setup()
            from labormap.web.operations.notify import send_failure

            typer.echo(f"sent {send_failure(run)} e-mail(s)")

    @web.command()
    def createdemo() -> None:
        """Create one demo account per role (password `demo`; only with LABORMAP_DEMO=1)."""
        from labormap.web import ops

        with _clear_errors():
            accounts = ops.create_demo_accounts()
        for a in accounts:
            typer.echo(f"{a['username']:<32} {a['role']:<16} {a['scope']:<10} password: {a['password']}")

    @web.command()
    def check() -> None:
        """Check the configuration and the deployment settings (Django's system checks)."""
        from labormap.web import ops

        ops.setup()
        from django.core.management import call_command

        call_command("check", deploy=True)

    @web.command(context_settings={"allow_extra_args": True, "ignore_unknown_options": True})
    def manage(ctx: typer.Context) -> None:
        """Run a Django management command of the app (there is no manage.py), e.g.
        `labormap web manage cases_escalate` or `labormap web manage cases_publish --warehouse WH`."""
        from labormap.web import ops

        ops.setup()
        from django.core.management import execute_from_command_line

        with _clear_errors():
            execute_from_command_line(["labormap web manage", *ctx.args])

    app.add_typer(web, name="web")
    backup_cli.register(app)  # labormap backup / restore


def _iso_date(text: str) -> datetime.date:
    """A YYYY-MM-DD date or a clear error (exit 2), never a traceback."""
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise typer.BadParameter(f"not a date (YYYY-MM-DD): {text!r}") from None
