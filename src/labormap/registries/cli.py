"""``labormap registries``: print the registry contracts and write docs/registries.md."""

from __future__ import annotations

from pathlib import Path

import typer


def register(app: typer.Typer) -> None:
    @app.command("registries-doc")
    def registries_doc(
        out: Path = typer.Option(None, "--out", help="Write the Markdown here instead of printing it."),
    ) -> None:
        """Print (or write) the documentation of all registry contracts, generated from the code."""
        from labormap.registries.docs import render_markdown

        text = render_markdown()
        if out:
            out.write_text(text, encoding="utf-8")
            typer.echo(f"wrote {out}")
        else:
            typer.echo(text)
