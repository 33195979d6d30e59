"""Writing a :class:`~labormap.reports.model.Report` as an Excel workbook (xlsxwriter).

Sheet «Сводка» has the title, the key figures and the texts; every table gets its own sheet with all
its rows (numbers stay numbers, dates stay dates); charts are native Excel charts on the «Диаграммы»
sheet, drawn from data written beside them. Numbers are written unrounded and rounded for display by
the cell's number format (``labormap.fmt.number_format``), so a reader can still compute with them; the
separators are Excel's own, in the reader's locale. Columns are as wide as their content (within bounds).
"""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import xlsxwriter

from labormap import fmt
from labormap.reports.i18n import t
from labormap.reports.model import Chart, Heading, KeyFigures, Paragraph, Report, Table

FORMULA_START = ("=", "+", "-", "@")


def _safe(v: object) -> object:
    # texts from registries and the media must never become spreadsheet formulas
    if isinstance(v, str) and v.startswith(FORMULA_START):
        return "'" + v
    return v


def render_xlsx(report: Report, out: Path | io.BytesIO) -> None:
    wb = xlsxwriter.Workbook(
        out,
        {
            "in_memory": True,
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "default_date_format": fmt.number_format("date", report.lang),
        },
    )
    wb.set_properties({"title": report.title, "author": "LaborMap"})
    f_title = wb.add_format({"bold": True, "font_size": 14})
    f_head = wb.add_format(
        {"bold": True, "bg_color": "#DDE4EE", "border": 1, "text_wrap": True, "valign": "top"}
    )
    f_h = wb.add_format({"bold": True, "font_size": 12})
    f_note = wb.add_format({"italic": True, "font_color": "#555555", "text_wrap": True})
    f_wrap = wb.add_format({"text_wrap": True, "valign": "top"})
    fmts = {
        kind: wb.add_format({"num_format": fmt.number_format(kind, report.lang)})
        for kind in ("int", "float", "change", "pct", "date")
    }
    fmts["text"] = wb.add_format({"valign": "top"})

    summary = wb.add_worksheet(t("sheet.summary", report.lang))
    summary.set_column(0, 0, 70)
    summary.set_column(1, 2, 16)
    summary.write(0, 0, report.title, f_title)
    summary.write(1, 0, report.subtitle)
    row = 3
    used = {t("sheet.summary", report.lang)}
    charts: list[Chart] = []
    for block in report.blocks:
        if isinstance(block, Heading):
            row += 1
            summary.write(row, 0, block.text, f_h)
            row += 1
        elif isinstance(block, Paragraph):
            summary.write(row, 0, _safe(block.text), f_note if block.note else f_wrap)
            row += 1
        elif isinstance(block, KeyFigures):
            for f in block.items:
                summary.write(row, 0, f.label)
                summary.write_number(row, 1, f.value, fmts["float" if isinstance(f.value, float) else "int"])
                if f.change is not None:
                    summary.write_number(row, 2, f.change, fmts["change"])
                row += 1
        elif isinstance(block, Table):
            name = block.sheet[:31]
            i = 2
            while name in used:
                name = f"{block.sheet[:28]} {i}"
                i += 1
            used.add(name)
            summary.write(row, 0, f"{block.title} → «{name}»")
            row += 1
            _table_sheet(wb.add_worksheet(name), block, f_head, f_title, fmts, report.lang)
        elif isinstance(block, Chart):
            charts.append(block)
    if report.footer:
        summary.write(row + 1, 0, report.footer, f_note)
    if charts:
        _charts_sheet(wb, t("sheet.charts", report.lang), charts, f_head)
    wb.close()
    if isinstance(out, io.BytesIO):
        out.seek(0)


def _table_sheet(
    ws: xlsxwriter.worksheet.Worksheet,
    block: Table,
    f_head: object,
    f_title: object,
    fmts: dict[str, object],
    lang: str,
) -> None:
    ws.write(0, 0, block.title, f_title)
    for c, col in enumerate(block.columns):
        ws.write(2, c, col.title, f_head)
        ws.set_column(c, c, _width(block, c, lang))
    if not block.rows:
        ws.write(3, 0, block.empty_text or t("none", lang))
        return
    for r, values in enumerate(block.rows, start=3):
        for c, (col, v) in enumerate(zip(block.columns, values, strict=True)):
            if v is None:
                ws.write_blank(r, c, None)
            elif isinstance(v, date):
                ws.write_datetime(r, c, v, fmts["date"])
            elif isinstance(v, int | float) and not isinstance(v, bool):
                ws.write_number(r, c, v, fmts.get(col.kind, fmts["float"]))
            else:
                ws.write_string(r, c, str(_safe(v)), fmts["text"])
    ws.freeze_panes(3, 0)
    ws.autofilter(2, 0, 2 + len(block.rows), len(block.columns) - 1)


def _width(block: Table, c: int, lang: str) -> float:
    """A column as wide as its longest shown value or its title's longest word, within 8..60 characters."""
    from labormap.reports.render_docx import cell_text

    col = block.columns[c]
    longest = max((len(cell_text(r[c], col, lang)) for r in block.rows[:500]), default=0)
    title = max((len(w) for w in col.title.split()), default=0)
    return float(min(60, max(8, longest + 2, title + 2)))


def _charts_sheet(wb: xlsxwriter.Workbook, name: str, charts: list[Chart], f_head: object) -> None:
    ws = wb.add_worksheet(name)
    row = 0
    for ch in charts:
        if not ch.categories:
            continue
        ws.write(row, 0, ch.title, f_head)
        for j, s in enumerate(ch.series):
            ws.write(row, 1 + j, s.name, f_head)
        first = row + 1
        for i, cat in enumerate(ch.categories):
            ws.write_string(first + i, 0, str(_safe(cat)))
            for j, s in enumerate(ch.series):
                ws.write_number(first + i, 1 + j, s.values[i])
        last = first + len(ch.categories) - 1
        kind = {"bar": "column", "barh": "bar", "line": "line"}[ch.kind]
        chart = wb.add_chart({"type": kind})
        for j in range(len(ch.series)):
            chart.add_series(
                {
                    "name": [name, row, 1 + j],
                    "categories": [name, first, 0, last, 0],
                    "values": [name, first, 1 + j, last, 1 + j],
                    "data_labels": {"value": kind != "line"},
                }
            )
        chart.set_title({"name": ch.title, "name_font": {"size": 11}})
        chart.set_legend({"position": "bottom" if len(ch.series) > 1 else "none"})
        chart.set_size(
            {"width": 720, "height": max(300, 22 * len(ch.categories) + 120) if kind == "bar" else 320}
        )
        ws.insert_chart(row, 4, chart)
        height_rows = max(
            len(ch.categories) + 2, 18 if kind != "bar" else (22 * len(ch.categories) + 140) // 20
        )
        row += height_rows + 2
    ws.set_column(0, 0, 40)
