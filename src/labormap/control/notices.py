"""Letters to employers about control findings («акты реагирования, письма») as DOCX, in Russian or Kazakh.

The text is a YAML template (``notice_templates/default.yaml``) the ministry edits and versions in the web
app; :func:`parse_template` validates an edited text, :func:`render_notice` fills it and adds the table of
findings (kind, workers, amount, days late). A letter names the employer, never a worker: counts, months
and amounts only. Outgoing numbers come from the register the caller keeps (the web app's database).
"""

from __future__ import annotations

import datetime as dt
import io
import string
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from docx import Document
from docx.shared import Pt

from labormap import fmt
from labormap.i18n import gettext as _
from labormap.i18n import label

TEMPLATE_DIR = Path(__file__).resolve().parent / "notice_templates"
LANGS = ("ru", "kk")
PARTS = ("sender", "title", "addressee", "intro", "request", "legal", "signature")
PLACEHOLDERS = frozenset(
    {"number", "date", "employer", "bin", "month", "due_on", "region", "inspector", "body"}
)


class TemplateError(ValueError):
    """An edited template that cannot be used (missing part, unknown placeholder, bad YAML)."""


def default_template_text() -> str:
    return (TEMPLATE_DIR / "default.yaml").read_text(encoding="utf-8")


def parse_template(text: str) -> dict[str, Any]:
    """The template as a dict, or :class:`TemplateError` saying what is wrong."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as e:
        raise TemplateError(f"YAML: {e}") from None
    if not isinstance(data, dict):
        raise TemplateError("the template must be a mapping with 'ru' and 'kk' sections")
    for lang in LANGS:
        sec = data.get(lang)
        if not isinstance(sec, dict):
            raise TemplateError(f"section '{lang}' is missing")
        for part in PARTS:
            if not isinstance(sec.get(part), str):
                raise TemplateError(f"'{lang}.{part}' is missing or not text")
            for _lit, field, _spec, _conv in string.Formatter().parse(sec[part]):
                if field is not None and field not in PLACEHOLDERS:
                    raise TemplateError(f"'{lang}.{part}': unknown placeholder {{{field}}}")
    return data


@dataclass(frozen=True, slots=True)
class NoticeLine:
    kind: str
    workers: int
    amount_kzt: float
    days_late: int


@dataclass(frozen=True, slots=True)
class NoticeContext:
    number: str
    date: dt.date
    employer: str
    bin: str
    month: str
    due_on: dt.date
    region: str
    inspector: str
    body: str
    lines: Sequence[NoticeLine]


def _month_label(month: str, lang: str) -> str:
    return fmt.month(dt.date(int(month[:4]), int(month[5:7]), 1), lang)


def render_notice(template: dict[str, Any], ctx: NoticeContext, lang: str = "ru") -> bytes:
    """The letter as DOCX bytes."""
    if lang not in LANGS:
        raise TemplateError(f"language {lang!r}: ru or kk")
    sec = template[lang]
    values = {
        "number": ctx.number,
        "date": fmt.date(ctx.date, lang),
        "employer": ctx.employer,
        "bin": ctx.bin,
        "month": _month_label(ctx.month, lang),
        "due_on": fmt.date(ctx.due_on, lang),
        "region": ctx.region,
        "inspector": ctx.inspector,
        "body": ctx.body,
    }
    text = {part: sec[part].format_map(values) for part in PARTS}
    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(12)
    doc.add_paragraph(text["sender"])
    doc.add_paragraph(f"№ {ctx.number} · {values['date']}")
    doc.add_paragraph(text["addressee"])
    doc.add_heading(text["title"], level=1)
    doc.add_paragraph(text["intro"])
    table = doc.add_table(rows=1, cols=4)
    table.style = "Table Grid"
    heads = (_("Kind", lang), _("Workers", lang), _("Amount, KZT", lang), _("Days late", lang))
    for cell, h in zip(table.rows[0].cells, heads, strict=True):
        cell.text = h
    for line in ctx.lines:
        cells = table.add_row().cells
        cells[0].text = label("control_kind", line.kind, lang)
        cells[1].text = fmt.number(line.workers, lang)
        cells[2].text = fmt.number(round(line.amount_kzt), lang) if line.amount_kzt else "—"
        cells[3].text = fmt.number(line.days_late, lang) if line.days_late else "—"
    doc.add_paragraph(text["request"])
    doc.add_paragraph(text["legal"])
    doc.add_paragraph(text["signature"])
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def zip_notices(files: Iterable[tuple[str, bytes]]) -> bytes:
    """One ZIP of (file name, DOCX bytes) pairs, for a batch per region or inspector."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in files:
            z.writestr(name, data)
    return buf.getvalue()


def file_name(number: str) -> str:
    """A safe file name for an outgoing number such as ``47-2025/0012``."""
    return "notice-" + "".join(ch if ch.isalnum() or ch in "-_" else "-" for ch in number) + ".docx"
