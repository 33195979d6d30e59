"""Letters: template validation, DOCX content in ru and kk, no worker identity, ZIP batches."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest
from docx import Document

from labormap.control.notices import (
    NoticeContext,
    NoticeLine,
    TemplateError,
    default_template_text,
    file_name,
    parse_template,
    render_notice,
    zip_notices,
)

CTX = NoticeContext(
    number="47-2025/0001",
    date=dt.date(2025, 5, 10),
    employer="ТОО Тест",
    bin="990000001234",
    month="2025-03",
    due_on=dt.date(2025, 6, 10),
    region="Мангистауская область",
    inspector="Иванов И.",
    body="Департамент труда по Мангистауской области",
    lines=[NoticeLine("vosms_missing", 1, 17_000.0, 0), NoticeLine("esutd_late_hire", 2, 0.0, 3)],
)


def _text(data: bytes) -> str:
    d = Document(io.BytesIO(data))
    return "\n".join(
        [p.text for p in d.paragraphs] + [c.text for t in d.tables for r in t.rows for c in r.cells]
    )


@pytest.mark.parametrize(("lang", "word"), [("ru", "Уведомление"), ("kk", "хабарлама")])
def test_render(lang: str, word: str) -> None:
    t = parse_template(default_template_text())
    text = _text(render_notice(t, CTX, lang))
    assert word in text and "47-2025/0001" in text and "990000001234" in text
    assert "vosms_missing" not in text  # a label, not the code
    assert ("ВОСМС" if lang == "ru" else "МӘМСЖ") in text


def test_template_errors() -> None:
    with pytest.raises(TemplateError, match=r"ru\.sender"):
        parse_template("ru: {}\n")
    bad = default_template_text().replace("№ {number}", "№ {worker_iin}", 1)
    with pytest.raises(TemplateError, match="worker_iin"):
        parse_template(bad)


def test_zip() -> None:
    data = zip_notices([(file_name(CTX.number), b"x")])
    assert zipfile.ZipFile(io.BytesIO(data)).namelist() == ["notice-47-2025-0001.docx"]
