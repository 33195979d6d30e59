"""``labormap agreements``: pay against agreements, coverage, completeness and the semi-annual note."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

if TYPE_CHECKING:
    from labormap.agreements.common import Half

WarehouseOpt = typer.Option(..., "--warehouse", help="Warehouse folder.")
HalfOpt = typer.Option(..., "--half", help="Half-year: YYYY-H1 or YYYY-H2.")
RegionOpt = typer.Option(None, "--region", help="Limit to one region (2-digit KATO).")
JsonOpt = typer.Option(..., "--json", help="Write the result as JSON to this file.")


def _fail(msg: str) -> typer.Exit:
    typer.echo(f"error: {msg}", err=True)
    return typer.Exit(2)


def _write_json(obj: dict[str, Any], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(json.dumps(obj, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    tmp.replace(path)
    typer.echo(f"wrote {path}")


def _prepare(warehouse: Path, half: str, region: str | None) -> tuple[Any, Half, str | None]:
    from labormap.agreements.common import AgreementsError, Half, check_region, connect

    try:
        h = Half.parse(half)
        reg = check_region(region)
        con = connect(warehouse)
    except AgreementsError as e:
        raise _fail(str(e)) from None
    return con, h, reg


def _render(report: Any, out: Path) -> None:
    from labormap.reports import render

    if out.suffix.lower() not in (".docx", ".xlsx"):
        raise _fail("the output file name must end in .docx or .xlsx")
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.tmp{out.suffix}")
    render(report, tmp, out.suffix.lstrip("."))
    tmp.replace(out)
    typer.echo(f"wrote {out}")


def register(app: typer.Typer) -> None:
    sub = typer.Typer(
        help="Agreements: pay against collective, sectoral and regional agreements; coverage; completeness.",
        no_args_is_help=True,
    )
    app.add_typer(sub, name="agreements")

    @sub.command("compliance")
    def compliance_cmd(
        warehouse: Path = WarehouseOpt,
        half: str = HalfOpt,
        region: str | None = RegionOpt,
        json_out: Path = JsonOpt,
        out: Path | None = typer.Option(None, "--out", help="Also write the findings as XLSX (or DOCX)."),
        lang: str = typer.Option("ru", "--lang", help="Language of --out: ru, kk or en."),
    ) -> None:
        """Employers paying below the sectoral/regional or collective agreement tariff or without the hazard bonus."""
        from rich.console import Console

        from labormap.agreements.common import AgreementsError
        from labormap.agreements.compliance import compliance
        from labormap.agreements.note import build_compliance_report

        con, h, reg = _prepare(warehouse, half, region)
        try:
            with Console(stderr=True).status(f"checking pay for {h.code}…"):
                res = compliance(con, h, region=reg)
        except AgreementsError as e:
            raise _fail(str(e)) from None
        _write_json(res.as_json(), json_out)
        typer.echo(
            f"{h.code}: {res.employers_checked} employers, {res.workers_checked} workers checked; "
            f"{len(res.findings)} findings at {len({f.employer_bin for f in res.findings})} employers"
        )
        if out is not None:
            if lang not in ("ru", "kk", "en"):
                raise _fail("--lang must be ru, kk or en")
            _render(build_compliance_report(res, lang, region), out)

    @sub.command("coverage")
    def coverage_cmd(
        warehouse: Path = WarehouseOpt,
        half: str = HalfOpt,
        region: str | None = RegionOpt,
        on: str | None = typer.Option(None, "--on", help="Date of the check (default: the half's last day)."),
        json_out: Path = JsonOpt,
    ) -> None:
        """Sectors (ОКЭД sections, divisions) and regions without an agreement in force."""
        from labormap.agreements.coverage import coverage

        con, h, reg = _prepare(warehouse, half, region)
        try:
            d = date.fromisoformat(on) if on else None
        except ValueError:
            raise _fail(f"--on {on!r}: expected YYYY-MM-DD") from None
        res = coverage(con, h, on=d, region=reg)
        _write_json(res.as_json(), json_out)
        typer.echo(
            f"{h.code}: {sum(1 for s in res.sectors if s.level == 'section' and not s.covered)} sections and "
            f"{sum(1 for r in res.regions if not r.covered)} regions without an agreement"
        )

    @sub.command("completeness")
    def completeness_cmd(
        warehouse: Path = WarehouseOpt,
        half: str = HalfOpt,
        json_out: Path = JsonOpt,
    ) -> None:
        """Checklist of pay-system elements for each sectoral agreement in force in the half-year."""
        from labormap.agreements.completeness import completeness

        con, h, _ = _prepare(warehouse, half, None)
        rows = completeness(con, h)
        _write_json({"half": h.code, "agreements": [c.as_json() for c in rows]}, json_out)
        typer.echo(f"{h.code}: {len(rows)} sectoral agreements, {sum(1 for c in rows if c.gaps)} with gaps")

    @sub.command("note")
    def note_cmd(
        warehouse: Path = WarehouseOpt,
        half: str = HalfOpt,
        out: Path = typer.Option(..., "--out", help="Output file: .docx or .xlsx."),
        lang: str = typer.Option("ru", "--lang", help="ru, kk or en."),
        region: list[str] = typer.Option(
            [], "--region", help="Limit to a region (2-digit KATO); repeatable."
        ),
        bins_file: Path | None = typer.Option(None, "--bins-file", help="Limit to the BINs in this file."),
    ) -> None:
        """The semi-annual note: compliance by region and sector, violators, coverage, completeness."""
        from labormap.agreements.common import AgreementsError
        from labormap.agreements.note import build_note, note_data
        from labormap.reports.scope import ReportScope

        if lang not in ("ru", "kk", "en"):
            raise _fail("--lang must be ru, kk or en")
        con, h, _ = _prepare(warehouse, half, None)
        try:
            scope = ReportScope.for_regions(region) if region else ReportScope()
        except ValueError as e:
            raise _fail(str(e)) from None
        if bins_file is not None:
            if not bins_file.exists():
                raise _fail(f"{bins_file} does not exist")
            bins = frozenset(x.strip() for x in bins_file.read_text(encoding="utf-8").split() if x.strip())
            scope = ReportScope(
                label=f"{scope.label}; {bins_file.name}",
                label_kk=f"{scope.label_kk}; {bins_file.name}",
                bins=bins,
                regions=scope.regions,
            )
        try:
            data = note_data(con, h, scope)
        except AgreementsError as e:
            raise _fail(str(e)) from None
        _render(build_note(data, lang), out)
