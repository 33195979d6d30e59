"""Employer list (filters, sort, search, paging, exports) and the employer card."""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.utils.module_loading import import_string
from django.utils.translation import get_language, gettext

from labormap import fmt, i18n, levels
from labormap.reference import OKED_SECTIONS, REGIONS
from labormap.web.accounts import audit
from labormap.web.accounts.models import AuditEvent
from labormap.web.accounts.scope import restrict, scoped_employers
from labormap.web.core import pubcache
from labormap.web.core.paging import CappedPaginator
from labormap.web.employers import export
from labormap.web.employers.figures import key_figures
from labormap.web.employers.filters import SIZES, SORTS, EmployerFilter
from labormap.web.employers.models import (
    LEVEL_CHOICES,
    SIZE_CHOICES,
    ContractorLink,
    EmployerReason,
    MediaSignal,
    ScoreHistory,
    Snapshot,
)


def _lang() -> str:
    return (get_language() or "ru")[:2]


def filter_choices(lang: str) -> dict[str, Any]:
    # a DISTINCT over every employer's reasons: once per publish, not per page (codes, no scope, no text)
    codes = pubcache.remember(
        "reason-codes",
        (),
        lambda: sorted(EmployerReason.objects.values_list("code", flat=True).distinct()[:200]),
    )
    return {
        "regions": sorted(((k, r.name(lang)) for k, r in REGIONS.items()), key=lambda x: x[1]),
        "sectors": [(k, f"{k} — {s.name(lang)}") for k, s in OKED_SECTIONS.items()],
        "sizes": [c for c in SIZE_CHOICES if c[0] in SIZES],
        "levels": LEVEL_CHOICES,
        "reasons": [(c, i18n.label("reason", c, lang)) for c in codes],
        "sorts": list(SORTS),
    }


@login_required
def employer_list(request: HttpRequest) -> HttpResponse:
    f = EmployerFilter.from_params(request.GET)
    qs = f.ordered(f.apply(scoped_employers(request.user)))
    page = CappedPaginator(
        qs.only(
            "bin",
            "name",
            "name_kk",
            "region",
            "sector",
            "size",
            "headcount",
            "level",
            "score",
            "score_change",
            "top_reason",
            "holding",
        ),
        settings.LABORMAP_PAGE_SIZE,
        published=True,
    ).get_page(request.GET.get("page"))
    lang = _lang()
    ctx = {
        "page": page,
        "f": f,
        "params": f.as_params(),
        "choices": filter_choices(lang),
        "reason_labels": {
            c: i18n.label("reason", c, lang) for c in {e.top_reason for e in page if e.top_reason}
        },
    }
    template = "employers/_table.html" if request.headers.get("HX-Request") else "employers/list.html"
    return render(request, template, ctx)


@login_required
def employer_export(request: HttpRequest, fmt: str) -> HttpResponseBase:
    f = EmployerFilter.from_params(request.GET)
    qs = f.ordered(f.apply(scoped_employers(request.user)))
    limit = settings.LABORMAP_EXPORT_LIMIT
    audit.record(request, AuditEvent.EXPORT, target="employers", format=fmt, filters=f.as_params())
    return export.xlsx_response(qs, limit) if fmt == "xlsx" else export.csv_response(qs, limit)


def card_panels(request: HttpRequest, employer: Any) -> list[str]:
    """HTML panels other domain apps add to the card (an app config's ``card_panel`` dotted path)."""
    out = []
    for name in settings.DOMAIN_APPS:
        cfg = apps.get_containing_app_config(name)
        path = getattr(cfg, "card_panel", None)
        if path:
            out.append(import_string(path)(request, employer))
    return out


def card_reasons(request: HttpRequest, e: Any) -> tuple[list[Any], bool]:
    """(reasons to show, whether to offer computing them) for the card; see :func:`reasons_on_request`."""
    return reasons_on_request(e, request.GET.get("reasons") == "1")


def reasons_on_request(e: Any, asked: bool) -> tuple[list[Any], bool]:
    """(reasons, whether they can still be asked for). A national rescoring computes reasons only for
    employers above "low" (labormap.risk.scoring.SHOWN_LEVELS); a "low" employer's reasons are computed
    from the snapshot's features and model when the reader asks (card ``?reasons=1``, API
    ``?reasons=true``), in well under a second."""
    wh = getattr(settings, "LABORMAP_WAREHOUSE", None)
    if e.reasons or e.level != levels.LOW or not e.scored_on or not wh:
        return list(e.reasons or []), False
    if not asked:
        return [], True
    from labormap.risk.scoring import explain_employer
    from labormap.warehouse import Warehouse

    try:
        return explain_employer(Warehouse(wh), e.bin, e.scored_on), False
    except (OSError, ValueError, KeyError):  # snapshot removed or model gone: say there is nothing
        return [], False


@login_required
def employer_card(request: HttpRequest, bin: str) -> HttpResponse:
    from labormap.web.accounts.scope import get_employer

    e = get_employer(request.user, bin)
    lang = _lang()
    audit.record(request, AuditEvent.VIEW_CARD, target=e.bin)
    history = list(
        ScoreHistory.objects.filter(employer_id=e.bin).order_by("as_of").values("as_of", "score", "level")
    )
    snap = Snapshot.objects.filter(as_of=e.scored_on).first() if e.scored_on else None
    visible = scoped_employers(request.user)
    contractors = ContractorLink.objects.filter(customer_bin=e.bin)
    customers = ContractorLink.objects.filter(contractor_bin=e.bin)

    def chain(links: Any, other: str) -> tuple[list[Any], int]:
        bins = {getattr(link, other): link for link in links[:500]}
        shown = {x.bin: x for x in visible.filter(bin__in=bins)}
        rows = [(shown[b], bins[b]) for b in bins if b in shown]
        return sorted(rows, key=lambda r: -(r[0].score or 0)), len(bins) - len(rows)

    contractor_rows, contractors_hidden = chain(contractors, "contractor_bin")
    customer_rows, customers_hidden = chain(customers, "customer_bin")
    # Dates on the axis in the reader's format; levels (codes, colours, labels) from labormap.levels,
    # so card.js repeats none of them.
    chart = {
        "labels": [fmt.date(h["as_of"], lang) for h in history],
        "level_defs": levels.as_data(lang),
        "score_label": str(gettext("Score")),
        "scores": [round(h["score"], 1) for h in history],
        "levels": [h["level"] for h in history],
        "thresholds": (snap.thresholds if snap else {}),
    }
    reasons, reasons_on_demand = card_reasons(request, e)
    ctx = {
        "e": e,
        "reasons": reasons,
        "reasons_on_demand": reasons_on_demand,
        "history": history[-24:][::-1],
        "chart": chart,
        "snapshot": snap,
        "figures": key_figures(e, lang),
        "media": restrict(MediaSignal.objects.filter(employer_id=e.bin), request.user, "employer__")[:20],
        "contractors": contractor_rows,
        "contractors_hidden": contractors_hidden,
        "customers": customer_rows,
        "customers_hidden": customers_hidden,
        "panels": card_panels(request, e),
        "group": visible.filter(holding=e.holding).exclude(bin=e.bin).order_by("-score")[:20]
        if e.holding
        else [],
    }
    return render(request, "employers/card.html", ctx)
