"""Reading produced documents back, the way a user's office software would see them."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import openpyxl


def docx_text(src: Path | bytes) -> str:
    d = docx.Document(io.BytesIO(src) if isinstance(src, bytes) else str(src))
    parts = [p.text for p in d.paragraphs]
    for table in d.tables:
        for row in table.rows:
            parts += [c.text for c in row.cells]
    return "\n".join(parts)


def docx_images(src: Path | bytes) -> int:
    d = docx.Document(io.BytesIO(src) if isinstance(src, bytes) else str(src))
    return len(d.inline_shapes)


def xlsx_cells(src: Path | bytes) -> dict[str, list[list[object]]]:
    wb = openpyxl.load_workbook(io.BytesIO(src) if isinstance(src, bytes) else src, data_only=True)
    return {ws.title: [list(r) for r in ws.iter_rows(values_only=True)] for ws in wb.worksheets}


def xlsx_text(src: Path | bytes) -> str:
    return "\n".join(str(v) for rows in xlsx_cells(src).values() for r in rows for v in r if v is not None)


def xlsx_figure(src: Path | bytes, label: str) -> object:
    """The value beside ``label`` on the summary sheet."""
    wb = openpyxl.load_workbook(io.BytesIO(src) if isinstance(src, bytes) else src, data_only=True)
    ws = wb.worksheets[0]
    for row in ws.iter_rows(values_only=True):
        if row and row[0] == label:
            return row[1]
    raise KeyError(label)
