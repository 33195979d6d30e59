"""The ``labormap`` command line: one Typer app, each engine package adds its own commands.

A package contributes commands through ``labormap.<package>.cli.register(app)``, so the parts of the
engine stay independent and this file does not grow with them.
"""

from __future__ import annotations

import importlib

import typer

from labormap import __version__

app = typer.Typer(
    name="labormap",
    help="LaborMap — Карта трудовых рисков: registries in, explainable labour-conflict risk out.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_show_locals=False,
)

# Packages that add commands, in the order they appear in --help.
COMMAND_PACKAGES = (
    "labormap.i18n",
    "labormap.simulate",
    "labormap.ingest",
    "labormap.registries",
    "labormap.risk",
    "labormap.media",
    "labormap.response",
    "labormap.reports",
    "labormap.control",
    "labormap.reconcile",
    "labormap.connectors",
    "labormap.agreements",
    "labormap.unions",
    "labormap.voice",
    "labormap.layoffs",
    "labormap.analytics",
    "labormap.ops",
    "labormap.web",
    "labormap.demo",
)


@app.command()
def version() -> None:
    """Print the LaborMap version."""
    typer.echo(__version__)


def _register_all() -> None:
    for pkg in COMMAND_PACKAGES:
        name = f"{pkg}.cli"
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as e:
            # A package not yet built adds nothing; any other missing module is a real error.
            if e.name in (pkg, name):
                continue
            raise
        module.register(app)


_register_all()


def main() -> None:
    app()


if __name__ == "__main__":
    main()
