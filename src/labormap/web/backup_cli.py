"""``labormap backup --out DIR`` and ``labormap restore DIR`` (the app database, the warehouse's manifest and
daily-run files; see labormap/web/backup.py and docs/operations.md)."""

from __future__ import annotations

from pathlib import Path

import typer


def register(app: typer.Typer) -> None:
    @app.command("backup")
    def backup_cmd(
        out: Path = typer.Option(..., "--out", help="New (or empty) folder to write the backup into."),
        warehouse: Path = typer.Option(
            None, "--warehouse", "-w", help="Also back up this warehouse's manifest and daily-run records."
        ),
    ) -> None:
        """Back up the app database (SQLite copy or pg_dump) and the warehouse manifest."""
        from labormap.web import ops
        from labormap.web.cli import _clear_errors

        with _clear_errors():
            ops.setup()
            from labormap.web.backup import backup

            meta = backup(out, warehouse)
        typer.echo(
            f"backup of the {meta['engine']} database ({len(meta['migrations'])} apps' migrations)"
            f"{' and the warehouse manifest' if warehouse else ''} in {out}: {len(meta['files'])} file(s)"
        )

    @app.command("restore")
    def restore_cmd(
        folder: Path = typer.Argument(..., help="A folder written by `labormap backup`."),
        warehouse: Path = typer.Option(
            None, "--warehouse", "-w", help="Restore the manifest and daily-run records into this folder."
        ),
        force: bool = typer.Option(
            False, "--force", help="Replace a non-empty database / existing manifest."
        ),
        migrate: bool = typer.Option(
            True, "--migrate/--no-migrate", help="Upgrade the restored schema (`labormap web migrate`)."
        ),
    ) -> None:
        """Restore a backup into the database DATABASE_URL names, then upgrade it with the migrations."""
        from labormap.web import ops
        from labormap.web.cli import _clear_errors

        with _clear_errors():
            ops.setup()
            from labormap.web.backup import restore

            res = restore(folder, warehouse, force=force, migrate=migrate)
        up = ", ".join(res["upgraded"]) or "none needed"
        typer.echo(
            f"restored the {res['engine']} backup of {res['created_at']}"
            f"{' and the warehouse manifest' if res['warehouse'] else ''}; migrations applied: {up}"
        )
