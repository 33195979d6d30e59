"""The «Акт сверки» as a Word document and as a spreadsheet, in Russian or Kazakh (English for reviewers).

One act per region and quarter: the figures, the discrepancies that arose in the quarter (each with the
body that must act), the earlier discrepancies resolved or still open, and the signature blocks of the
labour inspection and of its counterparty (the police, the enforcement officers, or both).
Every text comes from the package catalogue (``labormap/reconcile/locale``); numbers and dates from
:mod:`labormap.fmt`. No worker is named: orders, employers (legal entities), amounts and dates only.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from labormap import fmt
from labormap.i18n import gettext as _
from labormap.i18n import label
from labormap.reconcile.engine import Act, Discrepancy
from labormap.reconcile.rules import KINDS, PARTIES
from labormap.reference.regions import REGIONS

FORMATS = ("docx", "xlsx")


def region_name(code: str | None, lang: str) -> str:
    if code is None:
        return _("Republic of Kazakhstan (all regions)", lang)
    r = REGIONS.get(code)
    if r is None:
        return code
    return (
        str(r.name(lang))
        if hasattr(r, "name") and callable(r.name)
        else str(getattr(r, f"name_{lang}", r.name_ru))
    )


def quarter_text(act: Act, lang: str) -> str:
    return _("{q} quarter {year}", lang).format(q=act.quarter.q, year=act.quarter.year)


def details_text(d: Discrepancy, lang: str) -> str:
    """The discrepancy in one sentence of the act."""
    x = d.details
    if d.kind == "no_enforcement":
        return _("Deadline {due}, {amount} unpaid, {days} days overdue, no proceeding", lang).format(
            due=fmt.date(x["due_on"], lang), amount=fmt.money(x["amount_kzt"], lang), days=x["days_overdue"]
        )
    if d.kind == "unknown_order":
        return _("{ref} of {on} cites an order the inspection has no record of", lang).format(
            ref=d.ref, on=fmt.date(x.get("opened_on") or x.get("registered_on"), lang)
        )
    if d.kind == "status_mismatch":
        if x.get("problem") == "closed_unpaid":
            return _("Proceeding {ref} closed as collected on {on}, arrears still unpaid", lang).format(
                ref=d.ref, on=fmt.date(x["closed_on"], lang)
            )
        return _("Arrears repaid on {on}, proceeding {ref} still open", lang).format(
            ref=d.ref, on=fmt.date(x["arrears_repaid_on"], lang)
        )
    if d.kind == "amount_mismatch":
        return _("{ref}: {amount} against {order_amount} in the order", lang).format(
            ref=d.ref,
            amount=fmt.money(x["amount_kzt"], lang),
            order_amount=fmt.money(x["order_amount_kzt"], lang),
        )
    return _("Case {ref} registered on {on}, term ended {term}, decision: {decision}", lang).format(
        ref=d.ref,
        on=fmt.date(x["registered_on"], lang),
        term=fmt.date(x["term_ends_on"], lang),
        decision=label("police_decision", x["decision"], lang),
    )


def parties(act: Act) -> list[str]:
    """Bodies that sign: the inspection first, then the counterparty (or both counterparties)."""
    return ["labour_inspection", *([act.party] if act.party else PARTIES)]


def _rows(act: Act, lang: str) -> list[list[str]]:
    return [
        [
            str(i),
            d.order_no or fmt.DASH,
            d.employer_bin,
            act.names.get(d.employer_bin, ""),
            label("reconcile_kind", d.kind, lang),
            details_text(d, lang),
            label("body", d.body, lang),
            fmt.date(d.arises_on, lang),
        ]
        for i, d in enumerate(act.discrepancies, 1)
    ]


def _earlier_rows(act: Act, lang: str) -> list[list[str]]:
    return [
        [
            str(i),
            d.order_no or fmt.DASH,
            d.employer_bin,
            label("reconcile_kind", d.kind, lang),
            details_text(d, lang),
            fmt.date(d.arises_on, lang),
            label("reconcile_status", status, lang),
        ]
        for i, (d, status) in enumerate(act.earlier, 1)
    ]


def headers(lang: str) -> tuple[list[str], list[str]]:
    new = [
        _("No.", lang),
        _("Order", lang),
        _("BIN", lang),
        _("Employer", lang),
        _("Discrepancy", lang),
        _("Details", lang),
        _("Responsible body", lang),
        _("Arose on", lang),
    ]
    old = [
        _("No.", lang),
        _("Order", lang),
        _("BIN", lang),
        _("Discrepancy", lang),
        _("Details", lang),
        _("Arose on", lang),
        _("Status", lang),
    ]
    return new, old


def title(lang: str) -> str:
    return _("Reconciliation act", lang)


def summary_lines(act: Act, lang: str) -> list[str]:
    counts = {k: 0 for k in KINDS}
    for d in act.discrepancies:
        counts[d.kind] += 1
    resolved = sum(1 for _d, s in act.earlier if s == "resolved")
    lines = [
        _("Region: {region}", lang).format(region=region_name(act.region, lang)),
        _("Period: {quarter} (as of {as_of})", lang).format(
            quarter=quarter_text(act, lang), as_of=fmt.date(act.as_of, lang)
        ),
        _("Records matched without discrepancies: {n}", lang).format(n=fmt.number(act.matched, lang)),
        _("New discrepancies: {n}", lang).format(n=fmt.number(len(act.discrepancies), lang)),
    ]
    lines += [
        f"  — {label('reconcile_kind', k, lang)}: {fmt.number(n, lang)}" for k, n in counts.items() if n
    ]
    lines.append(
        _("Earlier discrepancies: {resolved} resolved, {open} still open", lang).format(
            resolved=fmt.number(resolved, lang), open=fmt.number(len(act.earlier) - resolved, lang)
        )
    )
    return lines


def render_docx(act: Act, lang: str, out: Path | io.BytesIO) -> None:
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    doc = Document()
    sec = doc.sections[0]
    sec.orientation = WD_ORIENT.LANDSCAPE
    sec.page_width, sec.page_height = sec.page_height, sec.page_width
    sec.left_margin = sec.right_margin = Cm(1.5)
    doc.styles["Normal"].font.size = Pt(10)
    h = doc.add_heading(title(lang), level=1)
    h.alignment = WD_ALIGN_PARAGRAPH.CENTER
    sub = doc.add_paragraph(
        _("between {parties}", lang).format(parties=", ".join(label("body", b, lang) for b in parties(act)))
    )
    sub.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for line in summary_lines(act, lang):
        doc.add_paragraph(line)
    new_h, old_h = headers(lang)
    for head, rows, cols in (
        (_("Discrepancies that arose in the quarter", lang), _rows(act, lang), new_h),
        (_("Earlier discrepancies", lang), _earlier_rows(act, lang), old_h),
    ):
        doc.add_heading(head, level=2)
        if not rows:
            doc.add_paragraph(_("None.", lang))
            continue
        table = doc.add_table(rows=1, cols=len(cols))
        table.style = "Table Grid"
        for c, text in enumerate(cols):
            table.rows[0].cells[c].text = text
        for row in rows:
            cells = table.add_row().cells
            for c, text in enumerate(row):
                cells[c].text = text
    doc.add_heading(_("Signatures", lang), level=2)
    for body in parties(act):
        doc.add_paragraph(label("body", body, lang))
        doc.add_paragraph(
            _("Position, full name: ______________________   Signature: __________   Date: ________", lang)
        )
    doc.core_properties.title = f"{title(lang)} {act.quarter}"
    doc.save(str(out) if isinstance(out, Path) else out)


def render_xlsx(act: Act, lang: str, out: Path | io.BytesIO) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = _("Act", lang)[:31]
    ws.append([title(lang)])
    ws["A1"].font = Font(bold=True, size=14)
    ws.append(
        [_("between {parties}", lang).format(parties=", ".join(label("body", b, lang) for b in parties(act)))]
    )
    for line in summary_lines(act, lang):
        ws.append([line])
    ws.append([])
    ws.append([_("Signatures", lang)])
    for body in parties(act):
        ws.append(
            [
                label("body", body, lang),
                _(
                    "Position, full name: ______________________   Signature: __________   Date: ________",
                    lang,
                ),
            ]
        )
    ws.column_dimensions["A"].width = 60
    ws.column_dimensions["B"].width = 80
    new_h, old_h = headers(lang)
    for name, cols, rows in (
        (_("Discrepancies", lang), new_h, _rows(act, lang)),
        (_("Earlier", lang), old_h, _earlier_rows(act, lang)),
    ):
        s = wb.create_sheet(name[:31])
        s.append(cols)
        for cell in s[1]:
            cell.font = Font(bold=True)
        for row in rows:
            s.append([_safe(v) for v in row])
        for i, width in enumerate((5, 18, 14, 30, 28, 60, 28, 12), 1):
            s.column_dimensions[chr(64 + i)].width = width
        s.freeze_panes = "A2"
    wb.save(out)


def _safe(v: str) -> str:
    """Text that a spreadsheet will not run as a formula."""
    return "'" + v if v[:1] in ("=", "+", "-", "@") else v


def render(act: Act, lang: str, fmt_: str, out: Path | io.BytesIO) -> None:
    if fmt_ == "docx":
        render_docx(act, lang, out)
    elif fmt_ == "xlsx":
        render_xlsx(act, lang, out)
    else:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}, not {fmt_!r}")


def act_bytes(act: Act, lang: str, fmt_: str) -> bytes:
    buf = io.BytesIO()
    render(act, lang, fmt_, buf)
    return buf.getvalue()


def as_text(act: Act, lang: str) -> dict[str, Any]:
    """The act's texts (for the web page): summary lines and table rows."""
    return {
        "summary": summary_lines(act, lang),
        "rows": _rows(act, lang),
        "earlier": _earlier_rows(act, lang),
    }
