"""``labormap unions check``: draft terms of a collective agreement against the applicable sectoral agreements."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import typer


def _fail(msg: str) -> typer.Exit:
    typer.echo(f"error: {msg}", err=True)
    return typer.Exit(2)


def register(app: typer.Typer) -> None:
    sub = typer.Typer(
        help="Trade unions: electronic collective agreements (docs/unions.md).", no_args_is_help=True
    )
    app.add_typer(sub, name="unions")

    @sub.command("check")
    def check_cmd(
        warehouse: Path = typer.Option(
            ..., "--warehouse", help="Warehouse folder (reads sector_agreements)."
        ),
        section: str = typer.Option(..., "--section", help="ОКЭД section of the employer, e.g. C."),
        division: str = typer.Option("", "--division", help="ОКЭД division (2 digits)."),
        region: str = typer.Option("", "--region", help="Region of the employer (2-digit KATO)."),
        tariff: float | None = typer.Option(None, "--tariff", help="Proposed 1st-grade tariff, KZT."),
        coefficients: str = typer.Option("", "--coefficients", help="Grade coefficients, e.g. 1;1.2;1.44."),
        hazard: float | None = typer.Option(None, "--hazard", help="Proposed hazard bonus, %."),
        no_indexation: bool = typer.Option(
            False, "--no-indexation", help="The draft has no wage indexation."
        ),
        on: str = typer.Option("", "--on", help="Date the agreement starts (YYYY-MM-DD; default today)."),
    ) -> None:
        """Print the applicable agreements, the pre-filled terms and the flags (JSON); exit 1 when flagged."""
        import duckdb

        from labormap.unions import cagreement as r
        from labormap.warehouse import Warehouse

        if not (warehouse / "manifest.json").exists() and not warehouse.is_dir():
            raise _fail(f"no warehouse at {warehouse}")
        try:
            day = dt.date.fromisoformat(on) if on else dt.date.today()
        except ValueError:
            raise _fail(f"--on must be YYYY-MM-DD, not {on!r}") from None
        try:
            con = Warehouse(warehouse).connect()
            rows = con.execute(
                "SELECT agreement_id, level, oked_section, oked_division, region, valid_from, valid_to, "
                "min_tariff_kzt, inter_grade_coefficient, hazard_bonus_pct, indexation_clause, title "
                "FROM sector_agreements"
            ).fetchall()
        except duckdb.Error as e:  # a warehouse without the registry: say so, no traceback
            raise _fail(f"cannot read sector_agreements: {e}") from None
        sector = r.applicable(
            [r.SectorTerms(*row) for row in rows],
            section=section.upper(),
            division=division,
            region=region,
            on=day,
        )
        pre = r.prefill(sector)
        terms = r.Terms(
            tariff if tariff is not None else pre.min_tariff_kzt,
            coefficients or pre.tariff_coefficients,
            hazard if hazard is not None else pre.hazard_bonus_pct,
            not no_indexation,
        )
        try:
            flags = r.check(terms, sector)
        except ValueError as e:
            raise _fail(f"bad coefficients: {e}") from None
        out = {
            "applicable": [a.agreement_id for a in sector],
            "prefill": pre.__dict__,
            "terms": terms.__dict__,
            "flags": [f.as_json() for f in flags],
        }
        typer.echo(json.dumps(out, ensure_ascii=False, indent=2))
        if flags:
            raise typer.Exit(1)
