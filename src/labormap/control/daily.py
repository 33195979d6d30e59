"""The daily note's section on wage arrears: cases found in the note's period and inspector orders whose
deadline passed in the period without repayment (roadmap item 18, shown in ``labormap report daily``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import duckdb

from labormap.i18n import gettext as _
from labormap.i18n import label
from labormap.reference.regions import REGIONS

DOCX_ROWS = 30


@dataclass(frozen=True, slots=True)
class ArrearsNews:
    event: str  # new | overdue
    case_id: str
    employer_bin: str
    employer_name: str
    region: str
    found_on: dt.date
    order_no: str
    order_due_on: dt.date | None
    workers: int
    amount_kzt: float


def arrears_news(
    con: duckdb.DuckDBPyConnection, cond: str, start: dt.date, as_of: dt.date, lang: str = "ru"
) -> list[ArrearsNews]:
    """Cases found in [start, as_of] and orders due in [start − 1, as_of − 1] still unpaid on ``as_of``.

    ``cond`` is the report's scope condition with ``{col}`` for the employer column (reports.source).
    """
    name = "coalesce(nullif(e.name_kk, ''), e.name)" if lang == "kk" else "e.name"
    rows = con.execute(
        f"""SELECT CASE WHEN a.found_on >= $s THEN 'new' ELSE 'overdue' END, a.case_id, a.employer_bin,
                   coalesce({name}, a.employer_bin), substr(coalesce(e.kato, ''), 1, 2), a.found_on,
                   coalesce(a.order_no, ''), a.order_due_on, a.workers, a.amount_kzt
            FROM arrears a LEFT JOIN employers e ON e.bin = a.employer_bin
            WHERE {cond.format(col="a.employer_bin")} AND a.found_on <= $d
              AND ((a.found_on >= $s)
                   OR (a.order_due_on >= $s - INTERVAL 1 DAY AND a.order_due_on < $d
                       AND (a.repaid_on IS NULL OR a.repaid_on > $d)))
            ORDER BY 1, a.amount_kzt DESC, a.case_id""",
        {"s": start, "d": as_of},
    ).fetchall()
    return [
        ArrearsNews(
            event=r[0],
            case_id=r[1],
            employer_bin=r[2],
            employer_name=r[3],
            region=r[4],
            found_on=r[5],
            order_no=r[6],
            order_due_on=r[7],
            workers=int(r[8]),
            amount_kzt=float(r[9]),
        )
        for r in rows
    ]


def section(rows: list[ArrearsNews], lang: str) -> list[Any]:
    """Heading and table blocks for the daily note (reports.model)."""
    from labormap.reports.model import Column, Heading, Table

    title = _("Wage arrears: new cases and overdue orders", lang)
    return [
        Heading(title),
        Table(
            title,
            _("Wage arrears", lang)[:31],
            (
                Column(_("Event", lang), "text", 18),
                Column(_("Employer", lang), "text", 30),
                Column(_("Region", lang), "text", 22),
                Column(_("Found on", lang), "date", 12),
                Column(_("Order", lang), "text", 14),
                Column(_("Order due date", lang), "date", 12),
                Column(_("Workers", lang), "int", 10),
                Column(_("Amount, KZT", lang), "int", 14),
            ),
            [
                (
                    label("arrears_event", r.event, lang),
                    r.employer_name,
                    REGIONS[r.region].name(lang) if r.region in REGIONS else r.region,
                    r.found_on,
                    r.order_no,
                    r.order_due_on,
                    r.workers,
                    round(r.amount_kzt),
                )
                for r in rows
            ],
            docx_limit=DOCX_ROWS,
            empty_text=_("No new wage arrears and no overdue orders.", lang),
        ),
    ]
