"""A report as one self-contained HTML page (charts inlined as PNG), for reading in a browser offline.

The same :class:`~labormap.reports.model.Report` blocks as the DOCX and XLSX renderers, so the three
documents carry the same figures. Every text is escaped: report texts may carry names from registries.
"""

from __future__ import annotations

import base64
import html
from pathlib import Path

from labormap import fmt
from labormap.reports.charts import render_png
from labormap.reports.model import Chart, Heading, KeyFigures, Paragraph, Report, Table
from labormap.reports.render_docx import cell_text

_STYLE = """body{font-family:'DejaVu Sans',Arial,sans-serif;max-width:60rem;margin:1.5rem auto;padding:0 1rem;
color:#1d2733;line-height:1.45}h1{font-size:1.4rem}h2{font-size:1.15rem;margin-top:1.6rem}
table{border-collapse:collapse;margin:.6rem 0;font-size:.9rem}td,th{border:1px solid #c9d1d9;padding:.25rem .5rem}
th{background:#eef2f6;text-align:left}td.n{text-align:right}.note{font-size:.8rem;color:#555}
.scroll{overflow-x:auto}img{max-width:100%}"""


def render_html(report: Report, out: Path) -> None:
    e = html.escape
    parts = [
        f'<!doctype html><html lang="{e(report.lang)}"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{e(report.title)}</title><style>{_STYLE}</style></head><body>",
        f"<h1>{e(report.title)}</h1><p>{e(report.subtitle)}</p>",
    ]
    for block in report.blocks:
        if isinstance(block, Heading):
            lvl = min(block.level + 1, 4)
            parts.append(f"<h{lvl}>{e(block.text)}</h{lvl}>")
        elif isinstance(block, Paragraph):
            parts.append(f'<p class="{"note" if block.note else ""}">{e(block.text)}</p>')
        elif isinstance(block, KeyFigures):
            rows = "".join(
                f'<tr><td>{e(f.label)}</td><td class="n">'
                f"{e(fmt.number(f.value, report.lang, 1 if isinstance(f.value, float) else 0))}"
                f"{(' ' + e(f.unit)) if f.unit else ''}</td></tr>"
                for f in block.items
            )
            parts.append(f"<table>{rows}</table>")
        elif isinstance(block, Table):
            head = "".join(f"<th>{e(c.title)}</th>" for c in block.columns)
            body = "".join(
                "<tr>"
                + "".join(
                    f'<td class="{"n" if c.kind != "text" else ""}">{e(cell_text(v, c, report.lang))}</td>'
                    for v, c in zip(row, block.columns, strict=False)
                )
                + "</tr>"
                for row in block.rows
            )
            if not block.rows and block.empty_text:
                body = f'<tr><td colspan="{len(block.columns)}">{e(block.empty_text)}</td></tr>'
            parts.append(
                f'<p><b>{e(block.title)}</b></p><div class="scroll"><table><tr>{head}</tr>{body}</table></div>'
            )
        elif isinstance(block, Chart) and any(v for s in block.series for v in s.values):
            png = base64.b64encode(render_png(block, report.lang)).decode("ascii")
            parts.append(f'<p><img alt="{e(block.title)}" src="data:image/png;base64,{png}"></p>')
    if report.footer:
        parts.append(f'<p class="note">{e(report.footer)}</p>')
    parts.append("</body></html>")
    Path(out).write_text("".join(parts), encoding="utf-8")
