"""``labormap surveys …`` and ``labormap appeals …``.

``labormap surveys index --warehouse WH --wave YYYY-H1|YYYY-H2 --json FILE`` writes exactly
``{"wave", "employers": [{"employer_bin", "respondents", "index"}]}`` with only the employers that have at
least ``MIN_RESPONDENTS`` (10) answer sheets in the wave.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import typer


def _fail(msg: str) -> None:
    typer.secho(f"error: {msg}", fg=typer.colors.RED, err=True)
    raise typer.Exit(2)


def _write_json(path: Path, data: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    tmp.replace(path)


def _warehouse(path: Path) -> Any:
    from labormap.warehouse import Warehouse

    wh = Warehouse(str(path))
    if not wh.exists():
        _fail(f"{path} is not a warehouse (no manifest.json): run `labormap ingest` first")
    return wh


def register(app: typer.Typer) -> None:
    surveys = typer.Typer(help="Worker survey waves: the well-being index, posters.", no_args_is_help=True)
    appeals = typer.Typer(help="Workers' appeals: import, triage and routing.", no_args_is_help=True)
    app.add_typer(surveys, name="surveys")
    app.add_typer(appeals, name="appeals")

    @surveys.command("index")
    def index_cmd(
        warehouse: Path = typer.Option(..., "--warehouse", help="Warehouse folder."),
        wave: str = typer.Option(..., "--wave", help="Survey wave YYYY-H1 or YYYY-H2."),
        json_out: Path = typer.Option(..., "--json", help="Write the result to this JSON file."),
    ) -> None:
        """The well-being index per employer in a wave (only employers with at least 10 respondents)."""
        from rich.console import Console

        from labormap.voice.index import MIN_RESPONDENTS, employers_json
        from labormap.voice.questionnaire import WaveError, parse_wave

        try:
            parse_wave(wave)
        except WaveError as e:
            _fail(f"--wave: {e}")
        wh = _warehouse(warehouse)
        with Console(stderr=True).status("Computing the index…"):
            data = employers_json(wh.connect(), wave)
        _write_json(json_out, data)
        typer.echo(
            f"{wave}: {len(data['employers'])} employers with at least {MIN_RESPONDENTS} respondents → {json_out}"
        )

    @surveys.command("poster")
    def poster_cmd(
        url: str = typer.Option(
            ..., "--url", help="The employer's survey link (from the web: Voice → tokens)."
        ),
        name: str = typer.Option(..., "--employer-name", help="Employer name printed on the poster."),
        wave: str = typer.Option(..., "--wave", help="Survey wave YYYY-H1 or YYYY-H2."),
        out: Path = typer.Option(..., "--out", help="PDF file to write."),
    ) -> None:
        """A printable A4 poster (PDF) with the QR code of the link."""
        from labormap.voice.poster import poster_pdf
        from labormap.voice.questionnaire import WaveError, parse_wave

        try:
            parse_wave(wave)
        except WaveError as e:
            _fail(f"--wave: {e}")
        if not url.startswith(("http://", "https://")):
            _fail(f"--url {url!r}: expected an http(s) address")
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(poster_pdf(url, name, wave))
        typer.echo(f"poster → {out}")

    @appeals.command("import")
    def import_cmd(
        inp: Path = typer.Option(..., "--in", help="Call-centre or messenger export (.csv or .jsonl)."),
        channel: str = typer.Option(
            "call_centre", "--channel", help="call_centre, messenger, web, poster, other."
        ),
        warehouse: Path | None = typer.Option(
            None, "--warehouse", help="Warehouse whose employers to link to."
        ),
        json_out: Path = typer.Option(..., "--json", help="Triaged appeals (kind, body, deadline) as JSON."),
    ) -> None:
        """Triage an export: labour kind, employer link, responsible body and deadline per appeal."""
        from rich.progress import track

        from labormap.voice.appeals import AppealsError, Triage, read_export

        if not inp.is_file():
            _fail(f"--in {inp}: no such file")
        wh = _warehouse(warehouse) if warehouse is not None else None
        try:
            raw = read_export(inp.name, inp.read_bytes(), channel)
        except AppealsError as e:
            _fail(str(e))
        t = Triage(wh)
        rows = [t.triage(a).as_dict() for a in track(raw, description="triage", transient=True)]
        _write_json(json_out, {"appeals": rows})
        by: dict[str, int] = {}
        for r in rows:
            by[r["body"]] = by.get(r["body"], 0) + 1
        typer.echo(
            f"{len(rows)} appeals → {json_out}; " + ", ".join(f"{k} {v}" for k, v in sorted(by.items()))
        )
