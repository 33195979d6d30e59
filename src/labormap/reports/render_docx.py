"""Writing a :class:`~labormap.reports.model.Report` as a Word document (python-docx)."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt, RGBColor

from labormap import fmt
from labormap.reports.charts import render_png
from labormap.reports.i18n import t
from labormap.reports.model import Cell, Chart, Column, Heading, KeyFigures, Paragraph, Report, Table


def cell_text(value: Cell, col: Column, lang: str = "ru") -> str:
    """A cell as the reader writes it (labormap.fmt in the report's language)."""
    if value is None:
        return fmt.DASH
    if col.kind == "int" and isinstance(value, int | float):
        return fmt.number(value, lang)
    if col.kind == "float" and isinstance(value, int | float):
        return fmt.number(float(value), lang, 1)
    if col.kind == "change" and isinstance(value, int | float):
        return fmt.change(float(value), lang, 1 if isinstance(value, float) and value != round(value) else 0)
    if col.kind == "pct" and isinstance(value, int | float):
        return fmt.percent(float(value), lang, 1)
    if col.kind == "date" and isinstance(value, date):
        return fmt.date(value, lang)
    return str(value)


def render_docx(report: Report, out: Path | io.BytesIO) -> None:
    """Write the report as DOCX to a path or a binary buffer."""
    doc = Document()
    sec = doc.sections[0]
    sec.page_width, sec.page_height = Cm(21.0), Cm(29.7)
    sec.left_margin = sec.right_margin = Cm(2.0)
    sec.top_margin = sec.bottom_margin = Cm(1.8)
    style = doc.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(12)
    doc.core_properties.title = report.title
    doc.core_properties.language = {"kk": "kk-KZ", "en": "en-GB"}.get(report.lang, "ru-RU")
    doc.core_properties.author = "LaborMap"

    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    r = p.add_run(report.title)
    r.bold = True
    r.font.size = Pt(14)
    p = doc.add_paragraph(report.subtitle)
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER

    last_heading = ""
    for block in report.blocks:
        if isinstance(block, Heading):
            doc.add_heading(block.text, level=min(block.level, 3))
            last_heading = block.text
        elif isinstance(block, Paragraph):
            para = doc.add_paragraph(block.text)
            if block.note:
                for run in para.runs:
                    run.font.size = Pt(9)
                    run.font.color.rgb = RGBColor(0x55, 0x55, 0x55)
        elif isinstance(block, KeyFigures):
            table = doc.add_table(rows=0, cols=2)
            table.style = "Table Grid"
            for f in block.items:
                row = table.add_row().cells
                row[0].text = f.label
                lang = report.lang
                value = fmt.number(f.value, lang, 1 if isinstance(f.value, float) else 0)
                if f.unit:
                    value += f" {f.unit}"
                if f.change is not None:
                    value += f" ({fmt.change(f.change, lang)})"
                row[1].text = value
                row[1].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
            _widths(table, [11.5, 5.5])
            doc.add_paragraph()
        elif isinstance(block, Table):
            # a table right under a heading of the same words needs no second title
            _table(doc, block, report.lang, show_title=block.title != last_heading)
            last_heading = ""
        elif isinstance(block, Chart) and any(v for s in block.series for v in s.values):
            doc.add_picture(io.BytesIO(render_png(block, report.lang)), width=Cm(16.5))
            doc.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
    if report.footer:
        para = doc.add_paragraph(report.footer)
        for run in para.runs:
            run.font.size = Pt(9)
    doc.save(str(out) if isinstance(out, Path) else out)


def _widths(table: object, cm: list[float]) -> None:
    for row in table.rows:  # type: ignore[attr-defined]
        for cell, w in zip(row.cells, cm, strict=False):
            cell.width = Cm(w)


def _table(doc: object, block: Table, lang: str, *, show_title: bool = True) -> None:
    d = doc
    if show_title:
        d.add_paragraph().add_run(block.title).bold = True  # type: ignore[attr-defined]
    if not block.rows:
        d.add_paragraph(block.empty_text or t("none", lang))  # type: ignore[attr-defined]
        return
    rows = block.rows if block.docx_limit is None else block.rows[: block.docx_limit]
    table = d.add_table(rows=1, cols=len(block.columns))  # type: ignore[attr-defined]
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, col in zip(table.rows[0].cells, block.columns, strict=True):
        cell.text = col.title
        for run in cell.paragraphs[0].runs:
            run.bold = True
            run.font.size = Pt(9)
    for values in rows:
        cells = table.add_row().cells
        for cell, col, v in zip(cells, block.columns, values, strict=True):
            cell.text = cell_text(v, col, lang)
            para = cell.paragraphs[0]
            if col.kind in ("int", "float", "change", "pct"):
                para.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            for run in para.runs:
                run.font.size = Pt(9)
    total_w = sum(c.width for c in block.columns) or 1
    _widths(table, [17.0 * c.width / total_w for c in block.columns])
    total = block.total_rows if block.total_rows is not None else len(block.rows)
    if len(rows) < total:
        shown = t("note.shown_first", lang, n=fmt.number(len(rows), lang), total=fmt.number(total, lang))
        note = d.add_paragraph(shown)  # type: ignore[attr-defined]
        for run in note.runs:
            run.font.size = Pt(9)
    d.add_paragraph()  # type: ignore[attr-defined]
