"""``labormap daily``: the scheduled cycle (see :mod:`labormap.ops.daily`; systemd units in deploy/)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import typer


def daily_cmd(
    warehouse: Path = typer.Option(..., "--warehouse", help="Warehouse folder (created by the first drop)."),
    inbox: Path = typer.Option(
        ..., "--inbox", help="Folder where registry drops arrive, one sub-folder each."
    ),
    as_of: str = typer.Option(None, "--as-of", help="Score as of this date (default: the latest data date)."),
    json_out: Path = typer.Option(None, "--json", help="Write the run's summary as JSON here."),
    media_config: Path = typer.Option(None, "--media-config", help="Media sources to collect (YAML)."),
    publish: bool = typer.Option(
        True, "--publish/--no-publish", help="Publish to the web app and send mail."
    ),
) -> None:
    """One daily cycle: new drops → ingest → media → score → publish (alerts, e-mail) → daily note."""
    from rich.console import Console

    from labormap.ops.daily import LOCKED_EXIT, Cycle, Options, StageFailed
    from labormap.ops.state import Locked

    console = Console(stderr=True)
    try:
        d = dt.date.fromisoformat(as_of) if as_of else None
    except ValueError:
        raise typer.BadParameter(f"--as-of must be a date like 2025-12-31, not {as_of!r}") from None
    if not inbox.is_dir():
        raise typer.BadParameter(f"{inbox} is not a folder", param_hint="--inbox")
    opts = Options(warehouse, inbox, d, media_config, publish=publish, note=publish)
    try:
        with console.status("daily cycle…") as status:
            result = Cycle(opts, say=lambda m: status.update(f"daily cycle: {m}")).execute()
    except Locked as e:
        typer.echo(f"error: {e}", err=True)
        raise typer.Exit(LOCKED_EXIT) from None
    except StageFailed as e:
        typer.echo(
            f"error: the {e.stage} stage failed: {e}. The last published snapshot stays in place; "
            "the next `labormap daily` resumes at this stage.",
            err=True,
        )
        raise typer.Exit(1) from None
    if json_out is not None:
        json_out.parent.mkdir(parents=True, exist_ok=True)
        json_out.write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
    if not result["changed"]:
        typer.echo(result["message"])
        return
    done = sum(1 for x in result["drops"] if x["status"] == "done")
    failed = len(result["drops"]) - done
    typer.echo(
        f"run {result['run_id']}: {done} drop(s) ingested"
        + (f", {failed} failed" if failed else "")
        + f"; scored {result['scored']} employers as of {result['as_of']}; published {result['published']}; "
        f"{result['alerts']} new alert(s)"
    )


def register(app: typer.Typer) -> None:
    app.command("daily")(daily_cmd)
