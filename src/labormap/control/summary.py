"""The monthly summary for the Ministry of Finance and МТСЗН: XLSX with charts, by region and by kind.

Sheets: the totals by kind (with a bar chart of amounts), by region (with a bar chart of findings), the
self-correction rates when given, and the list of findings (employer BIN and name, never a worker).
Every heading and code label comes from the gettext catalogues, so the same data gives ru, kk or en.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any

import xlsxwriter

from labormap.control.kinds import FINDING_KINDS
from labormap.control.monthly import MonthlyResult
from labormap.i18n import gettext as _
from labormap.i18n import label
from labormap.reference.regions import REGIONS


def region_name(code: str, lang: str) -> str:
    r = REGIONS.get(code)
    return r.name(lang) if r is not None else code


def write_summary(
    result: MonthlyResult,
    out: Path,
    *,
    employers: dict[str, tuple[str, str]],
    lang: str = "ru",
    selfcorrection: list[dict[str, Any]] | None = None,
) -> Path:
    """Write the XLSX; ``employers`` maps BIN → (name, 2-digit region) for the findings' employers."""
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.tmp")
    wb = xlsxwriter.Workbook(str(tmp))
    bold = wb.add_format({"bold": True})
    money = wb.add_format({"num_format": "#,##0"})
    pct = wb.add_format({"num_format": "0.0%"})

    ws = wb.add_worksheet(_("By kind", lang)[:31])
    ws.write(0, 0, _("Monthly control of contributions and ESUTD", lang), bold)
    ws.write(1, 0, _("Income month", lang))
    ws.write(1, 1, result.month)
    ws.write(2, 0, _("Deadline", lang))
    ws.write(2, 1, result.deadline.isoformat())
    ws.write(3, 0, _("Region", lang))
    ws.write(3, 1, region_name(result.region, lang) if result.region else _("Total", lang))
    head = [_("Kind", lang), _("Findings", lang), _("Workers", lang), _("Amount, KZT", lang)]
    ws.write_row(5, 0, head, bold)
    by_kind = result.totals.get("by_kind", {})
    row = 6
    for k in FINDING_KINDS:
        t = by_kind.get(k, {"findings": 0, "workers": 0, "amount_kzt": 0.0})
        ws.write(row, 0, label("control_kind", k, lang))
        ws.write(row, 1, t["findings"])
        ws.write(row, 2, t["workers"])
        ws.write(row, 3, t["amount_kzt"], money)
        row += 1
    ws.write(row, 0, _("Total", lang), bold)
    ws.write(row, 1, result.totals.get("findings", 0), bold)
    ws.write(row, 3, result.totals.get("amount_kzt", 0.0), money)
    ws.set_column(0, 0, 52)
    ws.set_column(1, 3, 16)
    chart = wb.add_chart({"type": "bar"})
    sheet = ws.get_name()
    chart.add_series(
        {
            "name": _("Amount, KZT", lang),
            "categories": [sheet, 6, 0, 6 + len(FINDING_KINDS) - 1, 0],
            "values": [sheet, 6, 3, 6 + len(FINDING_KINDS) - 1, 3],
        }
    )
    chart.set_title({"name": _("By kind", lang)})
    chart.set_legend({"none": True})
    chart.set_size({"width": 720, "height": 520})
    ws.insert_chart(1, 5, chart)

    # by region
    per: dict[str, dict[str, Any]] = defaultdict(lambda: {"findings": 0, "employers": set(), "amount": 0.0})
    for f in result.findings:
        reg = employers.get(f.employer_bin, ("", ""))[1]
        p = per[reg]
        p["findings"] += 1
        p["employers"].add(f.employer_bin)
        p["amount"] += f.amount_kzt
    wr = wb.add_worksheet(_("By region", lang)[:31])
    wr.write_row(
        0, 0, [_("Region", lang), _("Findings", lang), _("Employers", lang), _("Amount, KZT", lang)], bold
    )
    regions = sorted(per, key=lambda r: -per[r]["findings"])
    for i, reg in enumerate(regions, start=1):
        wr.write(i, 0, region_name(reg, lang) if reg else "—")
        wr.write(i, 1, per[reg]["findings"])
        wr.write(i, 2, len(per[reg]["employers"]))
        wr.write(i, 3, round(per[reg]["amount"], 2), money)
    wr.set_column(0, 0, 36)
    wr.set_column(1, 3, 16)
    if regions:
        ch = wb.add_chart({"type": "column"})
        ch.add_series(
            {
                "name": _("Findings", lang),
                "categories": [wr.get_name(), 1, 0, len(regions), 0],
                "values": [wr.get_name(), 1, 1, len(regions), 1],
            }
        )
        ch.set_title({"name": _("By region", lang)})
        ch.set_legend({"none": True})
        ch.set_size({"width": 720, "height": 400})
        wr.insert_chart(1, 5, ch)

    if selfcorrection:
        wsc = wb.add_worksheet(_("Self-correction", lang)[:31])
        wsc.write_row(
            0,
            0,
            [
                _("Kind", lang),
                _("Notified", lang),
                _("Corrected by due date", lang),
                _("Rate", lang),
                _("Comparison rate", lang),
            ],
            bold,
        )
        for i, r in enumerate(selfcorrection, start=1):
            wsc.write(i, 0, label("control_kind", r["kind"], lang) if r["kind"] != "*" else _("Total", lang))
            wsc.write(i, 1, r["notified"])
            wsc.write(i, 2, r["corrected"])
            wsc.write(i, 3, r["rate"] if r["rate"] is not None else "", pct)
            wsc.write(i, 4, r["comparison_rate"] if r["comparison_rate"] is not None else "", pct)
        wsc.set_column(0, 0, 52)
        wsc.set_column(1, 4, 18)

    wl = wb.add_worksheet(_("Findings list", lang)[:31])
    wl.write_row(
        0,
        0,
        [
            _("BIN", lang),
            _("Employer", lang),
            _("Region", lang),
            _("Kind", lang),
            _("Workers", lang),
            _("Amount, KZT", lang),
            _("Days late", lang),
        ],
        bold,
    )
    for i, f in enumerate(result.findings, start=1):
        name, reg = employers.get(f.employer_bin, ("", ""))
        wl.write_string(i, 0, f.employer_bin)
        wl.write(i, 1, name)
        wl.write(i, 2, region_name(reg, lang) if reg else "")
        wl.write(i, 3, label("control_kind", f.kind, lang))
        wl.write(i, 4, f.workers)
        wl.write(i, 5, f.amount_kzt, money)
        wl.write(i, 6, f.days_late)
    wl.set_column(0, 0, 15)
    wl.set_column(1, 1, 40)
    wl.set_column(2, 3, 40)
    wl.autofilter(0, 0, max(len(result.findings), 1), 6)
    wb.close()
    tmp.replace(out)
    return out


def employer_lookup(con: Any, bins: list[str]) -> dict[str, tuple[str, str]]:
    """BIN → (name, region) for the given BINs from the warehouse's employers view."""
    if not bins:
        return {}
    con.execute("CREATE OR REPLACE TEMP TABLE ctl_bins (bin VARCHAR)")
    con.executemany("INSERT INTO ctl_bins VALUES (?)", [(b,) for b in sorted(set(bins))])
    rows = con.execute(
        "SELECT e.bin, any_value(e.name), any_value(substr(e.kato, 1, 2)) FROM employers e "
        "SEMI JOIN ctl_bins b ON b.bin = e.bin GROUP BY e.bin"
    ).fetchall()
    con.execute("DROP TABLE ctl_bins")
    return {r[0]: (r[1], r[2]) for r in rows}
