"""``labormap reconcile``: the quarter's reconciliation act for a region (or the whole country)."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.console import Console


def register(app: typer.Typer) -> None:
    @app.command()
    def reconcile(
        warehouse: Path = typer.Option(..., "--warehouse", "-w", help="Warehouse folder."),
        quarter: str = typer.Option(..., "--quarter", help="Quarter, YYYYQn (e.g. 2025Q3)."),
        region: str = typer.Option(None, "--region", help="Region, 2-digit КАТО (default: all regions)."),
        json_out: Path = typer.Option(
            ..., "--json", help="Write the matches and discrepancies as JSON here."
        ),
        out: Path = typer.Option(None, "--out", help="Also write the act: FILE.docx or FILE.xlsx."),
        lang: str = typer.Option("ru", "--lang", help="Language of the act: ru, kk or en."),
        party: str = typer.Option(
            None, "--party", help="Counterparty of the act: police or enforcement (default: both)."
        ),
    ) -> None:
        """Match inspector orders with enforcement proceedings and police cases for a quarter; list the
        discrepancies and write the «Акт сверки»."""
        from labormap.reconcile import act as act_mod
        from labormap.reconcile.engine import load_records
        from labormap.reconcile.engine import reconcile as run
        from labormap.reconcile.rules import PARTIES, Quarter
        from labormap.reference.regions import REGIONS
        from labormap.warehouse import Warehouse

        console = Console(stderr=True)

        def fail(msg: str) -> None:
            console.print(f"[red]error:[/] {msg}")
            raise typer.Exit(2)

        try:
            q = Quarter.parse(quarter)
        except ValueError as e:
            fail(str(e))
        if region is not None and region not in REGIONS:
            fail(f"unknown region {region!r}: expected a 2-digit КАТО code ({', '.join(sorted(REGIONS))})")
        if party is not None and party not in PARTIES:
            fail(f"--party must be one of {', '.join(PARTIES)}")
        if lang not in ("ru", "kk", "en"):
            fail("--lang must be ru, kk or en")
        fmt_ = None
        if out is not None:
            fmt_ = out.suffix.lower().lstrip(".")
            if fmt_ not in act_mod.FORMATS:
                fail(f"--out must end in .docx or .xlsx, not {out.name!r}")
        wh = Warehouse(warehouse)
        if not wh.exists():
            fail(f"no warehouse at {warehouse} (run `labormap ingest` first)")
        with console.status("Reconciling…"):
            act = run(load_records(wh), q, region=region, party=party)
        json_out.parent.mkdir(parents=True, exist_ok=True)
        json_out.write_text(json.dumps(act.as_json(), ensure_ascii=False, indent=1), encoding="utf-8")
        if out is not None and fmt_ is not None:
            out.parent.mkdir(parents=True, exist_ok=True)
            act_mod.render(act, lang, fmt_, out)
        # keep the act in the warehouse's history of acts (one version per scope and quarter)
        scope = f"{region or 'all'}-{party or 'both'}"
        with wh.publish("reconcile_acts", f"{scope}-{q}") as folder:
            (folder / "act.json").write_text(json.dumps(act.as_json(), ensure_ascii=False), encoding="utf-8")
        console.print(
            f"{q}: matched {act.matched}, discrepancies {len(act.discrepancies)}, "
            f"earlier {len(act.earlier)} ({sum(1 for _d, s in act.earlier if s == 'resolved')} resolved)"
        )
