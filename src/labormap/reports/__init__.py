"""Official reports (Roadmap items 1, 2, 7, 10): the daily analytical note, the report on measures taken
and the semi-annual note, in Russian or Kazakh, as DOCX and XLSX.

Framework-free. Each report is assembled in three steps that can be tested apart:
``source.*_data`` reads the warehouse into a plain data object (within a :class:`ReportScope`),
``daily.build_daily`` / ``measures_note.build_measures`` / ``semiannual.build_semiannual`` turn it into a
:class:`~labormap.reports.model.Report`, and :func:`render` writes DOCX or XLSX.
"""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

from labormap.reports.model import Report
from labormap.reports.scope import ReportScope
from labormap.response.measures import CaseRecord, Measure
from labormap.warehouse import Warehouse

FORMATS = ("docx", "xlsx")


def render(report: Report, out: Path | io.BytesIO, fmt: str | None = None) -> None:
    """Write ``report`` as DOCX or XLSX (``fmt`` or, for a path, its suffix)."""
    fmt = (fmt or (out.suffix.lstrip(".") if isinstance(out, Path) else "")).lower()
    if fmt == "docx":
        from labormap.reports.render_docx import render_docx

        render_docx(report, out)
    elif fmt == "xlsx":
        from labormap.reports.render_xlsx import render_xlsx

        render_xlsx(report, out)
    else:
        raise ValueError(f"unknown report format {fmt!r}: use .docx or .xlsx")


def daily_report(
    wh: Warehouse,
    as_of: date,
    scope: ReportScope | None = None,
    *,
    lang: str = "ru",
    measures: list[Measure] | None = None,
    cases: list[CaseRecord] | None = None,
    days: int = 1,
) -> Report:
    from labormap.reports.daily import build_daily
    from labormap.reports.source import daily_data

    return build_daily(
        daily_data(wh, as_of, scope, measures=measures, cases=cases, days=days, lang=lang), lang
    )


def measures_report(
    wh: Warehouse,
    start: date,
    end: date,
    scope: ReportScope | None = None,
    *,
    lang: str = "ru",
    measures: list[Measure] | None = None,
    cases: list[CaseRecord] | None = None,
) -> Report:
    from labormap.reports.measures_note import build_measures
    from labormap.reports.source import measures_data

    return build_measures(
        measures_data(wh, start, end, scope, measures=measures, cases=cases, lang=lang), lang
    )


def semiannual_report(
    wh: Warehouse,
    year: int,
    half: int,
    scope: ReportScope | None = None,
    *,
    lang: str = "ru",
    measures: list[Measure] | None = None,
    cases: list[CaseRecord] | None = None,
) -> Report:
    from labormap.reports.semiannual import build_semiannual
    from labormap.reports.source import semiannual_data

    return build_semiannual(
        semiannual_data(wh, year, half, scope, measures=measures, cases=cases, lang=lang), lang
    )


__all__ = [
    "FORMATS",
    "Report",
    "ReportScope",
    "daily_report",
    "measures_report",
    "render",
    "semiannual_report",
]
