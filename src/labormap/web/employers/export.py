"""CSV and XLSX exports of the employer list (the same filters and scope as the page; no worker data).

Conventions (docs/architecture.md, "One home for every concept"): codes (level, size, main reason) are
written as their labels in the reader's language, like the page. The CSV is for programs and keeps
one convention in every language: comma-separated, UTF-8 with a BOM, numbers with a decimal point and no
grouping, ISO dates. The XLSX is for people: numbers stay numbers, rounded for display by the cell's
number format, dates are dates shown in the reader's order, columns as wide as their content.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator
from typing import Any

from django.db.models import QuerySet
from django.http import HttpResponse, StreamingHttpResponse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from labormap import csvsafe, fmt, i18n
from labormap.web.core.templatetags.lm import region_name, sector_name
from labormap.web.employers.models import Employer

FIELDS = [
    "bin",
    "name",
    "name_kk",
    "region",
    "sector",
    "oked",
    "size",
    "headcount",
    "holding",
    "level",
    "score",
    "score_change",
    "top_reason",
    "scored_on",
]


# characters per column, in FIELDS order: identifiers fit, names and labels wide enough to read
XLSX_WIDTHS = (14, 40, 30, 26, 34, 8, 16, 11, 24, 12, 8, 9, 30, 12)


def headers() -> list[str]:
    return [
        _("BIN"),
        _("Name"),
        _("Name in Kazakh"),
        _("Region"),
        _("Sector"),
        _("ОКЭД"),
        _("Size"),
        _("Headcount"),
        _("Holding"),
        _("Level"),
        _("Score"),
        _("Change"),
        _("Main reason"),
        _("Date"),
    ]


def _row(e: dict[str, Any]) -> list[Any]:
    lang = i18n.normalise(get_language())
    return [
        e["bin"],
        e["name"],
        e["name_kk"],
        region_name(e["region"]),
        sector_name(e["sector"]),
        e["oked"],
        i18n.label("size_class", e["size"], lang),
        e["headcount"],
        e["holding"],
        i18n.label("level", e["level"], lang),
        None if e["score"] is None else round(e["score"], 1),
        None if e["score_change"] is None else round(e["score_change"], 1),
        i18n.label("reason", e["top_reason"], lang),
        e["scored_on"].isoformat() if e["scored_on"] else "",
    ]


def rows(qs: QuerySet[Employer], limit: int) -> Iterator[list[Any]]:
    for e in qs.values(*FIELDS)[:limit].iterator(chunk_size=5000):
        yield _row(e)


def csv_response(qs: QuerySet[Employer], limit: int) -> StreamingHttpResponse:
    w = csvsafe.writer(csvsafe.Echo())

    def gen() -> Iterator[str]:
        yield "\ufeff" + w.writerow(headers())  # BOM: Excel opens UTF-8 Cyrillic correctly
        for r in rows(qs, limit):
            yield w.writerow(r)

    resp = StreamingHttpResponse(gen(), content_type="text/csv; charset=utf-8")
    resp["Content-Disposition"] = 'attachment; filename="labormap-employers.csv"'
    return resp


def xlsx_response(qs: QuerySet[Employer], limit: int) -> HttpResponse:
    import xlsxwriter

    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(
        buf,
        {"in_memory": True, "constant_memory": True, "strings_to_formulas": False, "strings_to_urls": False},
    )
    lang = i18n.normalise(get_language())
    ws = wb.add_worksheet(_("Employers")[:31])
    bold = wb.add_format({"bold": True, "text_wrap": True, "valign": "top"})
    # rounded for display by the number format; the value keeps its precision
    number = {
        7: wb.add_format({"num_format": fmt.number_format("int", lang)}),
        10: wb.add_format({"num_format": fmt.number_format("float", lang)}),
        11: wb.add_format({"num_format": fmt.number_format("change", lang)}),
    }
    date_fmt = wb.add_format({"num_format": fmt.number_format("date", lang)})
    for c, w in enumerate(XLSX_WIDTHS):  # widths before rows: constant_memory writes rows once
        ws.set_column(c, c, w, number.get(c))
    ws.write_row(0, 0, headers(), bold)
    for i, r in enumerate(rows(qs, limit), start=1):
        for c, v in enumerate(r):
            if c == 13 and v:
                ws.write_datetime(i, c, dt.date.fromisoformat(v), date_fmt)
            elif v is None:
                ws.write_blank(i, c, None)
            else:
                ws.write(i, c, v, number.get(c))
    ws.freeze_panes(1, 0)
    wb.close()
    resp = HttpResponse(
        buf.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    resp["Content-Disposition"] = 'attachment; filename="labormap-employers.xlsx"'
    return resp
