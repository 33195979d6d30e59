"""CSV and XLSX exports of the employer list (the same filters and scope as the page; no worker data)."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

from django.db.models import QuerySet
from django.http import HttpResponse, StreamingHttpResponse
from django.utils.translation import gettext as _

from labormap import csvsafe
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
    return [
        e["bin"],
        e["name"],
        e["name_kk"],
        region_name(e["region"]),
        sector_name(e["sector"]),
        e["oked"],
        e["size"],
        e["headcount"],
        e["holding"],
        e["level"] or "",
        None if e["score"] is None else round(e["score"], 1),
        None if e["score_change"] is None else round(e["score_change"], 1),
        e["top_reason"],
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
    ws = wb.add_worksheet(_("Employers")[:31])
    bold = wb.add_format({"bold": True})
    ws.write_row(0, 0, headers(), bold)
    for i, r in enumerate(rows(qs, limit), start=1):
        ws.write_row(i, 0, r)
    ws.freeze_panes(1, 0)
    wb.close()
    resp = HttpResponse(
        buf.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    resp["Content-Disposition"] = 'attachment; filename="labormap-employers.xlsx"'
    return resp
