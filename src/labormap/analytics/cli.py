"""``labormap forecast`` and ``labormap analytics retrospective|forecasts``."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import typer

analytics_app = typer.Typer(
    help="Ten-year retrospective and forecasts checked against what happened (item 7)."
)


def _wh(path: Path) -> Any:
    from labormap.warehouse import Warehouse

    if not (path / "manifest.json").exists():
        raise typer.BadParameter(f"{path} is not a warehouse (no manifest.json); run `labormap ingest` first")
    return Warehouse(path)


def _date(value: str | None, name: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{name} must be a date like 2025-12-31, not {value!r}") from None


def _write_json(path: Path | None, data: dict[str, Any]) -> None:
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(data, ensure_ascii=False, indent=1, default=str), encoding="utf-8")


@analytics_app.command("retrospective")
def retrospective_cmd(
    warehouse: Path = typer.Option(..., "--warehouse", help="Warehouse folder."),
    out: Path = typer.Option(
        ..., "--out", help="The note: FILE.docx or FILE.html (both languages' files use it)."
    ),
    years: int = typer.Option(10, "--years", help="Years back from the last conflict."),
    json_out: Path = typer.Option(None, "--json", help="Also write the figures as JSON."),
    lang: str = typer.Option("ru", "--lang", help="Language of the note: ru, kk or en."),
) -> None:
    """«Аналитическая справка»: conflicts over ten years, causes, and which signals lead (DOCX or HTML)."""
    from labormap.analytics.note import build_note
    from labormap.analytics.retrospective import retrospective
    from labormap.i18n import LANGS

    if lang not in LANGS:
        raise typer.BadParameter(f"--lang must be one of {', '.join(LANGS)}")
    if out.suffix.lower() not in {".docx", ".html"}:
        raise typer.BadParameter("--out must end in .docx or .html")
    try:
        data = retrospective(_wh(warehouse), years=years)
    except ValueError as e:
        typer.echo(f"error: {e}", err=True)
        raise typer.Exit(2) from None
    report = build_note(data, lang)
    out.parent.mkdir(parents=True, exist_ok=True)
    if out.suffix.lower() == ".docx":
        from labormap.reports.render_docx import render_docx

        render_docx(report, out)
    else:
        from labormap.reports.render_html import render_html

        render_html(report, out)
    _write_json(json_out, data)
    st = data["structure"]["total"]
    lead = data["event_study"]["leads"][0] if data["event_study"]["leads"] else None
    typer.echo(
        f"{st['conflicts']} conflicts in {data['period'][0]}…{data['period'][1]}; "
        f"{data['event_study']['cases_matched']} studied against matched employers"
        + (f"; longest lead: {lead['indicator']} {lead['lead_months']} months" if lead else "")
        + f"; note {out}"
    )


@analytics_app.command("forecasts")
def forecasts_cmd(
    warehouse: Path = typer.Option(..., "--warehouse", help="Warehouse folder."),
    json_out: Path = typer.Option(None, "--json", help="Write forecasts against actual counts as JSON."),
) -> None:
    """Every stored forecast beside what happened once its window has closed, with interval coverage."""
    from labormap.analytics.forecast import against_actual

    data = against_actual(_wh(warehouse))
    _write_json(json_out, data)
    cov = data["national_coverage"]
    typer.echo(
        f"{len(data['forecasts'])} forecasts, {data['closed']} closed; national 80% interval coverage "
        + ("—" if cov is None else f"{cov:.0%}")
        + (f", regions {data['region_coverage']:.0%}" if data["region_coverage"] is not None else "")
    )


def forecast_cmd(
    warehouse: Path = typer.Option(..., "--warehouse", help="Warehouse folder."),
    json_out: Path = typer.Option(..., "--json", help="Write the forecast as JSON here."),
    as_of: str = typer.Option(
        None, "--as-of", help="Forecast from the snapshot of this date (default: latest)."
    ),
    store: bool = typer.Option(
        True, "--store/--no-store", help="Keep it in the warehouse for later checking."
    ),
) -> None:
    """Expected conflicts in the next 90 days, nationally and by region, sector and kind, with 80% intervals."""
    from labormap.analytics.forecast import ForecastError, forecast
    from labormap.analytics.forecast import store as keep

    wh = _wh(warehouse)
    try:
        result = forecast(wh, _date(as_of, "--as-of"))
    except ForecastError as e:
        typer.echo(f"error: {e}", err=True)
        raise typer.Exit(2) from None
    if store:
        keep(wh, result)
    _write_json(json_out, result)
    n = result["national"]
    typer.echo(
        f"as of {result['as_of']}: {n['expected']} employers with a conflict expected in {result['horizon_days']} days "
        f"(80% interval {n['p10']}–{n['p90']}); {json_out}"
    )


def register(app: typer.Typer) -> None:
    app.command("forecast")(forecast_cmd)
    app.add_typer(analytics_app, name="analytics")
