"""``labormap report``: the daily note, the report on measures taken and the semi-annual note as DOCX/XLSX.

Measures and cases come from the ``measures`` / ``cases`` datasets the web app publishes into the
warehouse (``labormap web manage cases_publish``); without them those sections are empty.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from labormap.i18n import LANGS

if TYPE_CHECKING:
    from labormap.reports.model import Report
    from labormap.reports.scope import ReportScope


def _date(s: str, opt: str) -> date:
    try:
        return date.fromisoformat(s)
    except ValueError:
        raise typer.BadParameter(f"{s!r}: expected YYYY-MM-DD", param_hint=opt) from None


def _out(out: Path) -> Path:
    if out.suffix.lower() not in (".docx", ".xlsx"):
        raise typer.BadParameter("the file name must end in .docx or .xlsx", param_hint="--out")
    return out


def _scope(region: list[str], bins_file: Path | None) -> ReportScope:
    from labormap.reports.scope import ReportScope

    if not region and not bins_file:
        return ReportScope()
    try:
        scope = ReportScope.for_regions(region) if region else ReportScope()
    except ValueError as e:
        raise typer.BadParameter(str(e), param_hint="--region") from None
    if bins_file:
        bins = frozenset(x.strip() for x in bins_file.read_text(encoding="utf-8").split() if x.strip())
        label = f"{len(bins)} БИН из {bins_file.name}" if not region else f"{scope.label}; {bins_file.name}"
        scope = ReportScope(label=label, label_kk=label, bins=bins, regions=scope.regions)
    return scope


def _write(report: Report, out: Path) -> None:
    from labormap.reports import render

    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.tmp")
    render(report, tmp, out.suffix.lstrip("."))
    tmp.replace(out)
    typer.echo(f"wrote {out}")


WarehouseOpt = typer.Option(..., "--warehouse", help="Warehouse folder.")
OutOpt = typer.Option(..., "--out", help="Output file: .docx or .xlsx (the suffix picks the format).")
LangOpt = typer.Option("ru", "--lang", help="Language of the report: ru, kk or en.")
RegionOpt = typer.Option([], "--region", help="Limit to a region (2-digit KATO); repeat for several.")
BinsOpt = typer.Option(None, "--bins-file", help="Limit to the BINs listed in this file (one per line).")


def _check(lang: str, wh: Path) -> None:
    if lang not in LANGS:
        raise typer.BadParameter("ru, kk or en", param_hint="--lang")
    if not wh.exists():
        raise typer.BadParameter(f"{wh} does not exist", param_hint="--warehouse")


def register(app: typer.Typer) -> None:
    sub = typer.Typer(
        help="Official reports: daily note, measures taken, semi-annual note (DOCX/XLSX).",
        no_args_is_help=True,
    )
    app.add_typer(sub, name="report")

    @sub.command("daily")
    def daily(
        warehouse: Path = WarehouseOpt,
        as_of: str = typer.Option(
            ..., "--as-of", help="Report date YYYY-MM-DD (uses the latest snapshot on or before)."
        ),
        out: Path = OutOpt,
        lang: str = LangOpt,
        days: int = typer.Option(1, "--days", help="Media signals and measures of the last N days."),
        region: list[str] = RegionOpt,
        bins_file: Path = BinsOpt,
    ) -> None:
        """Daily analytical note on the map: high-risk employers, changes, media signals, measures, charts."""
        from labormap.reports import daily_report
        from labormap.reports.source import ReportDataError
        from labormap.warehouse import Warehouse

        _check(lang, warehouse)
        try:
            rep = daily_report(
                Warehouse(warehouse), _date(as_of, "--as-of"), _scope(region, bins_file), lang=lang, days=days
            )
        except ReportDataError as e:
            typer.echo(f"error: {e}", err=True)
            raise typer.Exit(2) from None
        _write(rep, _out(out))

    @sub.command("measures")
    def measures(
        warehouse: Path = WarehouseOpt,
        start: str = typer.Option(..., "--from", help="First day of the period YYYY-MM-DD."),
        end: str = typer.Option(..., "--to", help="Last day of the period YYYY-MM-DD."),
        out: Path = OutOpt,
        lang: str = LangOpt,
        region: list[str] = RegionOpt,
        bins_file: Path = BinsOpt,
    ) -> None:
        """Report on measures taken: measures by kind, body and region; employers moved out of the high-risk
        zone; conflicts prevented and resolved."""
        from labormap.reports import measures_report
        from labormap.reports.source import ReportDataError
        from labormap.warehouse import Warehouse

        _check(lang, warehouse)
        try:
            rep = measures_report(
                Warehouse(warehouse),
                _date(start, "--from"),
                _date(end, "--to"),
                _scope(region, bins_file),
                lang=lang,
            )
        except ReportDataError as e:
            typer.echo(f"error: {e}", err=True)
            raise typer.Exit(2) from None
        _write(rep, _out(out))

    @sub.command("semiannual")
    def semiannual(
        warehouse: Path = WarehouseOpt,
        half: str = typer.Option(..., "--half", help="The half-year: 2025H1 or 2025H2."),
        out: Path = OutOpt,
        lang: str = LangOpt,
        region: list[str] = RegionOpt,
        bins_file: Path = BinsOpt,
    ) -> None:
        """Semi-annual note: risk by month, conflicts by kind/cause/region, measures and results, collective
        agreements, wage arrears, media signals."""
        from labormap.reports import semiannual_report
        from labormap.reports.source import ReportDataError
        from labormap.warehouse import Warehouse

        m = re.fullmatch(r"(\d{4})[Hh]([12])", half.strip())
        if not m:
            raise typer.BadParameter("expected YYYYH1 or YYYYH2", param_hint="--half")
        _check(lang, warehouse)
        try:
            rep = semiannual_report(
                Warehouse(warehouse), int(m.group(1)), int(m.group(2)), _scope(region, bins_file), lang=lang
            )
        except ReportDataError as e:
            typer.echo(f"error: {e}", err=True)
            raise typer.Exit(2) from None
        _write(rep, _out(out))
