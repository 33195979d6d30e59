"""The «Справка» on contractor chains (DOCX, Russian, Kazakh or English): expected releases, large
contracts ending with no successor, contract terms, low pay and, when the web app passes them, the
wage-raise plans. Every sentence comes from this package's gettext catalogue; counts only."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable, Sequence

import duckdb
from docx import Document
from docx.shared import Pt

from labormap import fmt
from labormap.i18n import gettext, label
from labormap.layoffs.expected import expected_releases
from labormap.layoffs.lowpay import low_pay
from labormap.layoffs.plans import PlanActual, annual_report
from labormap.layoffs.terms import contract_terms
from labormap.levels import label as level_label
from labormap.scope import Scope

TOP_CUSTOMERS = 15
TOP_CONTRACTS = 20


def _region(code: str, lang: str) -> str:
    return label("region", code, lang) if code else "—"


def _table(doc: object, header: Sequence[str], rows: Iterable[Sequence[str]]) -> None:
    t = doc.add_table(rows=1, cols=len(header))  # type: ignore[attr-defined]
    t.style = "Table Grid"
    for i, h in enumerate(header):
        t.rows[0].cells[i].text = h
    for r in rows:
        cells = t.add_row().cells
        for i, v in enumerate(r):
            cells[i].text = v


def build_note(
    con: duckdb.DuckDBPyConnection,
    as_of: dt.date,
    *,
    lang: str = "ru",
    region: str | None = None,
    bins: Iterable[str] | Scope | None = None,
    scope_label: str = "",
    plans: Sequence[PlanActual] | None = None,
) -> bytes:
    """The note as DOCX bytes; ``bins`` / ``region`` limit it to a reader's scope."""

    def _(msg: str) -> str:
        return gettext(msg, lang)

    # a BIN iterator would be used up by the first query: keep it as a list
    bins = bins if bins is None or isinstance(bins, Scope) else list(bins)
    e = expected_releases(con, as_of, bins=bins, region=region)
    t = contract_terms(con, as_of, bins=bins, region=region)
    lp = low_pay(con, as_of, bins=bins, region=region)

    doc = Document()
    doc.styles["Normal"].font.name = "Times New Roman"
    doc.styles["Normal"].font.size = Pt(12)
    doc.add_heading(_("Note on expected releases of contractor workers"), level=1)
    scope = scope_label or (_region(region, lang) if region else _("whole country"))
    doc.add_paragraph(f"{_('As of')}: {fmt.date(as_of, lang)}. {_('Scope')}: {scope}.")

    w = {
        3: sum(c.workers_ending_3m for c in e.customers),
        6: sum(c.workers_ending_6m for c in e.customers),
        12: sum(c.workers_ending_12m for c in e.customers),
    }
    doc.add_heading(_("1. Expected releases"), level=2)
    doc.add_paragraph(
        _(
            "Workers on service contracts that end with no successor contract registered: "
            "{w3} within 3 months, {w6} within 6 months, {w12} within 12 months. "
            "Contracts ending within 12 months: {n}; large customers concerned: {c}."
        ).format(
            w3=fmt.number(w[3], lang),
            w6=fmt.number(w[6], lang),
            w12=fmt.number(w[12], lang),
            n=fmt.number(len(e.contracts), lang),
            c=fmt.number(len({c.customer_bin for c in e.contracts}), lang),
        )
    )
    _table(
        doc,
        [_("Month"), _("Workers expected to be released"), _("Contracts")],
        [
            (fmt.month(m.month + "-01", lang), fmt.number(m.workers, lang), fmt.number(m.contracts, lang))
            for m in e.months
        ],
    )
    doc.add_heading(_("2. Large customers"), level=2)
    _table(
        doc,
        [
            _("Customer"),
            _("Region"),
            _("Contractors"),
            _("Within 3 months"),
            _("Within 6 months"),
            _("Within 12 months"),
        ],
        [
            (
                c.name or c.customer_bin,
                _region(c.region, lang),
                fmt.number(c.contractors, lang),
                fmt.number(c.workers_ending_3m, lang),
                fmt.number(c.workers_ending_6m, lang),
                fmt.number(c.workers_ending_12m, lang),
            )
            for c in e.customers[:TOP_CUSTOMERS]
        ],
    )
    doc.add_heading(_("3. Large contracts ending with no successor"), level=2)
    if e.no_successor:
        _table(
            doc,
            [_("Contractor"), _("Region"), _("Contract ends"), _("Workers"), _("Risk")],
            [
                (
                    c.contractor_name or c.contractor_bin,
                    _region(c.region, lang),
                    fmt.date(c.end_on, lang),
                    fmt.number(c.workers, lang),
                    level_label(c.level, lang) if c.level else "—",
                )
                for c in e.no_successor[:TOP_CONTRACTS]
            ],
        )
    else:
        doc.add_paragraph(_("None."))

    doc.add_heading(_("4. Service-contract terms"), level=2)
    doc.add_paragraph(
        _("Chains of short contracts (each shorter than a year, renewed one after another): {n}.").format(
            n=fmt.number(len(t.chains), lang)
        )
    )
    _table(
        doc,
        [_("Year"), _("Contractor workers"), _("On contracts of 3 years or more")],
        [
            (
                str(s.year),
                fmt.number(s.workers, lang),
                fmt.percent(s.share, lang) if s.share is not None else "—",
            )
            for s in t.long_share[-5:]
        ],
    )

    doc.add_heading(_("5. Low-paid workers"), level=2)
    doc.add_paragraph(
        _(
            "Income month {p}; minimum wage {mzp} KZT. Workers paid below 1.1 minimum wages: {w}; "
            "employers paying them: {n}."
        ).format(
            p=fmt.month(lp.period + "-01", lang),
            mzp=fmt.number(lp.mzp, lang),
            n=fmt.number(len(lp.employers), lang),
            w=fmt.number(sum(x.below_mzp for x in lp.employers), lang),
        )
    )
    _table(
        doc,
        [_("Region"), _("Employers"), _("Workers below 1.1 minimum wages")],
        [
            (_region(r.region, lang), fmt.number(r.employers, lang), fmt.number(r.below_mzp, lang))
            for r in lp.regions
        ],
    )
    if plans is not None:
        doc.add_heading(_("6. Wage-raise plans"), level=2)
        rows = annual_report(plans, as_of.year)
        if rows:
            _table(
                doc,
                [_("Region"), _("Plans"), _("Workers covered"), _("Met"), _("Behind"), _("In progress")],
                [
                    (
                        _region(r.region, lang),
                        fmt.number(r.plans, lang),
                        fmt.number(r.workers_covered, lang),
                        fmt.number(r.met, lang),
                        fmt.number(r.behind, lang),
                        fmt.number(r.in_progress, lang),
                    )
                    for r in rows
                ],
            )
        else:
            doc.add_paragraph(_("No plans due this year."))
    doc.add_paragraph(_("Counts only: no worker is named or identified in this note."))
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()
