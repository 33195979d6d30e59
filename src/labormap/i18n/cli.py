"""``labormap i18n compile|check``: the catalogues of the one translation mechanism."""

from __future__ import annotations

import typer

from labormap.i18n.compile import compile_all, po_files, stale

i18n_app = typer.Typer(help="Translation catalogues (gettext, ru/kk/en) for the engine and the web app.")


@i18n_app.command("compile")
def compile_cmd(
    only_stale: bool = typer.Option(False, "--only-stale", help="Only catalogues changed since compiled."),
) -> None:
    """Compile every .po catalogue under the package into .mo."""
    done = compile_all(only_stale=only_stale)
    typer.echo(f"compiled {len(done)} of {len(po_files())} catalogues")


@i18n_app.command("check")
def check_cmd() -> None:
    """Exit 1 when a compiled catalogue is missing or older than its source."""
    bad = stale()
    for po in bad:
        typer.echo(f"stale: {po}", err=True)
    raise typer.Exit(1 if bad else 0)


def register(app: typer.Typer) -> None:
    app.add_typer(i18n_app, name="i18n")
