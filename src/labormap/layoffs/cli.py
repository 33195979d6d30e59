"""``labormap layoffs``: expected releases, contract terms, low pay and the «Справка».

``labormap layoffs expected --warehouse WH [--as-of D] --json FILE`` writes exactly
``{"as_of", "months": [{"month", "workers", "contracts"}], "customers": [{"customer_bin", "contractors",
"workers_ending_6m"}]}``.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import asdict, is_dataclass
from pathlib import Path
from typing import Any

import typer

WarehouseOpt = typer.Option(..., "--warehouse", help="Warehouse folder.")
AsOfOpt = typer.Option(None, "--as-of", help="As-of date YYYY-MM-DD (default: the latest scores snapshot).")
RegionOpt = typer.Option(None, "--region", help="Limit to a region (2-digit KATO).")
JsonOpt = typer.Option(..., "--json", help="Write the result to this JSON file.")


def _fail(msg: str) -> None:
    typer.secho(f"error: {msg}", fg=typer.colors.RED, err=True)
    raise typer.Exit(2)


def _open(warehouse: Path, as_of: str | None, region: str | None) -> tuple[Any, dt.date]:
    from labormap.layoffs.common import LayoffsError, default_as_of, open_warehouse

    if region is not None and not (len(region) == 2 and region.isdigit()):
        _fail(f"--region {region!r}: expected a 2-digit KATO region code such as 47")
    try:
        _wh, con = open_warehouse(warehouse)
        if as_of is None:
            return con, default_as_of(con)
        try:
            return con, dt.date.fromisoformat(as_of)
        except ValueError:
            _fail(f"--as-of {as_of!r}: expected YYYY-MM-DD")
    except LayoffsError as e:
        _fail(str(e))
    raise AssertionError("unreachable")


def _status(what: str) -> Any:
    """A Rich spinner on stderr while DuckDB works (seconds on a national warehouse)."""
    from rich.console import Console

    return Console(stderr=True).status(f"Computing {what}…")


def _plain(x: Any) -> Any:
    if is_dataclass(x) and not isinstance(x, type):
        return {k: _plain(v) for k, v in asdict(x).items()}
    if isinstance(x, list | tuple):
        return [_plain(v) for v in x]
    if isinstance(x, dict):
        return {k: _plain(v) for k, v in x.items()}
    if isinstance(x, dt.date):
        return x.isoformat()
    return x


def _write_json(path: Path, data: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1, default=str), encoding="utf-8")
    tmp.replace(path)


def register(app: typer.Typer) -> None:
    sub = typer.Typer(
        help="Contractor chains: expected releases, service-contract terms, low pay, the «Справка».",
        no_args_is_help=True,
    )
    app.add_typer(sub, name="layoffs")

    @sub.command("expected")
    def expected_cmd(
        warehouse: Path = WarehouseOpt,
        as_of: str | None = AsOfOpt,
        json_out: Path = JsonOpt,
        region: str | None = RegionOpt,
    ) -> None:
        """Contracts ending in 3/6/12 months per customer and the monthly curve of expected releases."""
        from rich.console import Console
        from rich.table import Table

        from labormap.layoffs.expected import expected_releases

        con, d = _open(warehouse, as_of, region)
        with _status("expected releases"):
            e = expected_releases(con, d, region=region)
        _write_json(json_out, e.to_json())
        console = Console()
        t = Table(title=f"Expected releases as of {d.isoformat()}")
        for c in ("month", "workers", "contracts"):
            t.add_column(c, justify="right")
        for m in e.months:
            t.add_row(m.month, str(m.workers), str(m.contracts))
        console.print(t)
        console.print(
            f"{len(e.customers)} customers, {len(e.contracts)} contracts ending within 12 months, "
            f"{len(e.no_successor)} large ones ending soon with no successor; wrote {json_out}"
        )

    @sub.command("terms")
    def terms_cmd(
        warehouse: Path = WarehouseOpt,
        as_of: str | None = AsOfOpt,
        json_out: Path = JsonOpt,
        region: str | None = RegionOpt,
    ) -> None:
        """Service-contract durations, chains of short renewals, the yearly share on ≥ 3-year contracts."""
        from labormap.layoffs.terms import contract_terms

        con, d = _open(warehouse, as_of, region)
        with _status("contract terms"):
            t = contract_terms(con, d, region=region)
        data = _plain(t)
        data["long_share"] = [{**_plain(s), "share": s.share} for s in t.long_share]
        _write_json(json_out, data)
        typer.echo(
            f"{len(t.durations)} duration rows, {len(t.chains)} chains of short contracts; "
            + ", ".join(
                f"{s.year}: {s.share:.0%}" if s.share is not None else f"{s.year}: –"
                for s in t.long_share[-3:]
            )
            + f" of workers on ≥ 3-year contracts; wrote {json_out}"
        )

    @sub.command("lowpay")
    def lowpay_cmd(
        warehouse: Path = WarehouseOpt,
        as_of: str | None = AsOfOpt,
        json_out: Path = JsonOpt,
        region: str | None = RegionOpt,
    ) -> None:
        """Per employer: workers below 1.1 МЗП and below the regional and sectoral medians (counts only)."""
        from labormap.layoffs.lowpay import low_pay

        con, d = _open(warehouse, as_of, region)
        with _status("low pay"):
            lp = low_pay(con, d, region=region)
        _write_json(json_out, _plain(lp))
        typer.echo(
            f"income month {lp.period}, МЗП {lp.mzp}: {len(lp.employers)} employers with "
            f"{sum(e.below_mzp for e in lp.employers)} workers below 1.1 МЗП; wrote {json_out}"
        )

    @sub.command("note")
    def note_cmd(
        warehouse: Path = WarehouseOpt,
        as_of: str | None = AsOfOpt,
        out: Path = typer.Option(..., "--out", help="Output .docx file."),
        lang: str = typer.Option("ru", "--lang", help="ru, kk or en."),
        region: str | None = RegionOpt,
    ) -> None:
        """The «Справка» on expected releases, contract terms and low pay (DOCX)."""
        from labormap.layoffs.note import build_note

        if lang not in ("ru", "kk", "en"):
            _fail(f"--lang {lang!r}: expected ru, kk or en")
        if out.suffix.lower() != ".docx":
            _fail("--out: the file name must end in .docx")
        con, d = _open(warehouse, as_of, region)
        with _status("the note"):
            data = build_note(con, d, lang=lang, region=region)
        out.parent.mkdir(parents=True, exist_ok=True)
        tmp = out.with_name(f".{out.name}.tmp")
        tmp.write_bytes(data)
        tmp.replace(out)
        typer.echo(f"wrote {out}")
