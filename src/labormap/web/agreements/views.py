"""Agreements pages: pay findings (scoped; a finding can open a case), coverage by sector and region with a
map layer, completeness checklists, the semi-annual note download — and the PUBLIC catalogue of sectoral
and regional agreements (no login: list, CSV/XLSX download, Atom feed).

Every employer-level query goes through ``restrict`` (out of scope answers 404); employer-level views are
audited. Public views read only the ``Agreement`` catalogue, which holds no employer data.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Max, Q, QuerySet, Sum
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from labormap import i18n
from labormap.agreements.common import AgreementsError, Half
from labormap.agreements.completeness import ELEMENTS, Checklist
from labormap.agreements.compliance import KINDS
from labormap.reference import OKED_SECTIONS, REGIONS
from labormap.web.accounts import audit
from labormap.web.accounts.models import AuditEvent
from labormap.web.accounts.scope import profile_of, visible_regions
from labormap.web.agreements.filters import scoped_findings
from labormap.web.agreements.models import Agreement, PayFinding, RegionCoverage, SectorCoverage
from labormap.web.core.paging import CappedPaginator

PAGE = 100
CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
# roles that may open a case from a finding (the cases app's writers)
CASE_ROLES = {"ministry_admin", "analyst", "inspector", "akimat", "union", "association", "holding"}


def _lang() -> str:
    return i18n.normalise(get_language())


def _halves() -> list[str]:
    return list(RegionCoverage.objects.order_by("-half").values_list("half", flat=True).distinct())


def _half(request: HttpRequest, halves: list[str]) -> str:
    h = request.GET.get("half", "")
    return h if h in halves else (halves[0] if halves else "")


def _region(request: HttpRequest) -> str:
    r = request.GET.get("region", "")
    return r if r in REGIONS else ""


@login_required
def findings(request: HttpRequest) -> HttpResponse:
    base = scoped_findings(request.user)
    halves = sorted(set(_halves()) | set(base.values_list("half", flat=True).distinct()), reverse=True)
    half = _half(request, halves)
    qs = base.filter(half=half)
    region, kind = _region(request), request.GET.get("kind", "")
    if region:
        qs = qs.filter(employer__region=region)
    if kind in KINDS:
        qs = qs.filter(kind=kind)
    totals = list(
        qs.values("kind")
        .annotate(n=Count("id"), workers=Sum("workers"), amount=Sum("shortfall_kzt_month"))
        .order_by("kind")
    )
    page = CappedPaginator(qs, PAGE).get_page(request.GET.get("page"))
    audit.record(request, AuditEvent.VIEW_CARD, target="agreements:findings", half=half, region=region)
    p = profile_of(request.user)
    return render(
        request,
        "agreements/findings.html",
        {
            "page": page,
            "halves": halves,
            "half": half,
            "region": region,
            "kind": kind,
            "kinds": KINDS,
            "regions": sorted(REGIONS),
            "totals": totals,
            "can_case": p is not None and p.role in CASE_ROLES,
        },
    )


@login_required
@require_POST
def finding_case(request: HttpRequest, pk: int) -> HttpResponse:
    """Open a case (prevention, cause: wage level) for the finding's employer, linked to the finding."""
    try:
        f = scoped_findings(request.user).get(pk=pk)
    except PayFinding.DoesNotExist:
        raise Http404("No such finding") from None
    p = profile_of(request.user)
    if p is None or p.role not in CASE_ROLES:
        raise PermissionDenied
    from labormap.response.playbook import NO_CONFLICT
    from labormap.web.cases import services as cases

    lang = _lang()
    what = i18n.label("agreement_finding", f.kind, lang)
    text = _("%(what)s in %(half)s: %(workers)d workers, monthly shortfall %(amount).0f KZT.") % {
        "what": what,
        "half": f.half,
        "workers": f.workers,
        "amount": f.shortfall_kzt_month,
    }
    case = cases.open_case(
        employer=f.employer,
        kind=NO_CONFLICT,
        causes=["wage_level"],
        user=request.user,
        demands=text,
        links=[{"kind": "registry", "ref": f"agreements:{f.half}:{f.kind}", "title": what[:500]}],
    )
    audit.record(request, "agreements_case", target=f.employer_id, case=case.pk, half=f.half, kind=f.kind)
    messages.success(request, _("Case opened."))
    return redirect("cases:detail", case.pk)


def _region_rows(user: Any, half: str) -> list[RegionCoverage]:
    qs = RegionCoverage.objects.filter(half=half)
    regs = visible_regions(user)
    if regs is not None:
        qs = qs.filter(region__in=regs)
    return list(qs)


@login_required
def coverage(request: HttpRequest) -> HttpResponse:
    halves = _halves()
    half = _half(request, halves)
    sectors = list(SectorCoverage.objects.filter(half=half))
    return render(
        request,
        "agreements/coverage.html",
        {
            "halves": halves,
            "half": half,
            "sectors": sectors,
            "regions": _region_rows(request.user, half),
            "uncovered_sections": [s for s in sectors if s.level == "section" and not s.agreements],
        },
    )


def share_class(share: float | None) -> int:
    """Map shade 0..5 for the share of workers without any agreement (the maps page's palette)."""
    if share is None or share <= 0:
        return 0
    for i, b in enumerate((0.05, 0.15, 0.3, 0.6), start=1):
        if share <= b:
            return i
    return 5


def coverage_layer(user: Any, half: str = "") -> dict[str, dict[str, Any]]:
    """Per region (2-digit КАТО): workers without a sectoral or regional agreement, as the map shades them."""
    halves = _halves()
    half = half if half in halves else (halves[0] if halves else "")
    out: dict[str, dict[str, Any]] = {}
    for r in _region_rows(user, half):
        share = None if not r.workers else r.workers_no_agreement / r.workers
        out[r.region] = {
            "kato": r.region,
            "half": half,
            "covered": bool(r.agreements),
            "agreements": r.agreements,
            "total": r.workers,
            "flagged": r.workers_no_agreement,
            "employers": r.employers,
            "employers_no_agreement": r.employers_no_agreement,
            "share": share,
            "share_class": share_class(share),
        }
    return out


def overlay_regions(user: Any, regions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The maps page's region rows with the agreements layer's figures (``/map/?layer=agreements``)."""
    layer = coverage_layer(user)
    for r in regions:
        x = layer.get(str(r.get("kato")), {"total": 0, "flagged": 0, "share": None, "share_class": 0})
        r.update({k: x[k] for k in ("total", "flagged", "share", "share_class")})
    return regions


@login_required
def coverage_regions_json(request: HttpRequest) -> JsonResponse:
    """The map layer: per region, workers without a sectoral or regional agreement (the maps page's shape)."""
    layer = coverage_layer(request.user, request.GET.get("half", ""))
    half = next(iter(layer.values()))["half"] if layer else ""
    return JsonResponse({"half": half, "regions": list(layer.values())})


def checklists(half: str) -> list[Checklist]:
    try:
        h = Half.parse(half)
    except AgreementsError:
        return []
    qs = Agreement.objects.filter(level="sectoral", valid_from__lte=h.last, valid_to__gte=h.first).order_by(
        "oked_section", "oked_division", "agreement_id"
    )
    return [
        Checklist(
            a.agreement_id,
            a.level,
            a.oked_section or None,
            a.oked_division or None,
            a.region or None,
            a.title or a.agreement_id,
            a.valid_from.isoformat(),
            a.valid_to.isoformat(),
            a.min_tariff_kzt,
            a.inter_grade_coefficient,
            a.hazard_bonus_pct,
            a.indexation_clause,
        )
        for a in qs
    ]


@login_required
def completeness(request: HttpRequest) -> HttpResponse:
    halves = _halves()
    half = _half(request, halves)
    rows = [
        {
            "c": c,
            "valid_from": dt.date.fromisoformat(c.valid_from),
            "valid_to": dt.date.fromisoformat(c.valid_to),
            "elements": [c.elements[e] for e in ELEMENTS],
            "gaps": c.gaps,
        }
        for c in checklists(half)
    ]
    return render(
        request,
        "agreements/completeness.html",
        {"halves": halves, "half": half, "rows": rows, "elements": ELEMENTS},
    )


@login_required
def note(request: HttpRequest) -> HttpResponse:
    """The semi-annual note in the user's scope (DOCX or XLSX, ru/kk/en), built from the warehouse."""
    halves = _halves()
    error = ""
    if request.method == "POST":
        half, lang, fmt = (
            request.POST.get("half", ""),
            request.POST.get("lang", "ru"),
            request.POST.get("fmt", "docx"),
        )
        if half in halves and lang in i18n.LANGS and fmt in CONTENT_TYPES:
            try:
                data = build_note_bytes(request.user, half, lang, fmt)
            except (AgreementsError, RuntimeError) as e:
                error = str(e)
            else:
                audit.record(
                    request, AuditEvent.EXPORT, target="report:agreements", half=half, lang=lang, format=fmt
                )
                resp = HttpResponse(data, content_type=CONTENT_TYPES[fmt])
                resp["Content-Disposition"] = (
                    f'attachment; filename="labormap-agreements-{half}-{lang}.{fmt}"'
                )
                return resp
        else:
            error = _("Choose a half-year, a language and a format.")
    return render(
        request,
        "agreements/note.html",
        {"halves": halves, "half": halves[0] if halves else "", "lang": _lang(), "error": error},
    )


def build_note_bytes(user: Any, half: str, lang: str, fmt: str) -> bytes:
    from labormap.agreements.common import connect
    from labormap.agreements.note import build_note, note_data
    from labormap.reports import render as render_report
    from labormap.web.cases.services import report_scope

    if settings.LABORMAP_WAREHOUSE is None:
        raise RuntimeError("LABORMAP_WAREHOUSE is not set")
    con = connect(settings.LABORMAP_WAREHOUSE)
    try:
        data = note_data(con, Half.parse(half), report_scope(user))
    finally:
        con.close()
    buf = io.BytesIO()
    render_report(build_note(data, lang), buf, fmt)
    return buf.getvalue()


# --- the public catalogue (no login) -------------------------------------------------------------------
def public_agreements(request: HttpRequest) -> tuple[QuerySet[Agreement], dict[str, Any]]:
    """Sectoral and regional agreements in force on ``on`` (today, or the latest date any is in force)."""
    qs = Agreement.objects.filter(level__in=("sectoral", "regional"))
    on: dt.date | None = None
    try:
        on = dt.date.fromisoformat(request.GET.get("on", ""))
    except ValueError:
        on = None
    if on is None:
        on = dt.date.today()
        if not qs.filter(valid_from__lte=on, valid_to__gte=on).exists():
            latest = qs.aggregate(m=Max("valid_from"))["m"]
            on = latest or on
    qs = qs.filter(valid_from__lte=on, valid_to__gte=on)
    sector = request.GET.get("sector", "")
    sector = sector if sector in OKED_SECTIONS else ""
    region = request.GET.get("region", "")
    region = region if region in REGIONS else ""
    # a sector and a region: what applies to an employer of that sector there
    if sector and region:
        qs = qs.filter(Q(level="sectoral", oked_section=sector) | Q(level="regional", region=region))
    elif sector:
        qs = qs.filter(level="sectoral", oked_section=sector)
    elif region:
        qs = qs.filter(level="regional", region=region)
    return qs.order_by("-level", "oked_section", "oked_division", "region", "agreement_id"), {
        "on": on,
        "sector": sector,
        "region": region,
    }


def public_list(request: HttpRequest) -> HttpResponse:
    qs, params = public_agreements(request)
    return render(
        request,
        "agreements/public_list.html",
        {
            "agreements": qs,
            "params": params,
            "on_iso": params["on"].isoformat(),
            "sections": sorted(OKED_SECTIONS),
            "regions": sorted(REGIONS),
            "query": request.GET.urlencode(),
        },
    )


def _public_rows(qs: QuerySet[Agreement], lang: str) -> tuple[list[str], list[list[Any]]]:
    def _(m: str) -> str:
        return i18n.gettext(m, lang)

    head = [
        _("Registration number"),
        _("Level"),
        _("Sector"),
        _("Region"),
        _("Title"),
        _("In force from"),
        _("In force to"),
        _("Minimum tariff rate, KZT"),
        _("Inter-grade coefficient"),
        _("Hazard bonus, %"),
        _("Indexation clause"),
    ]
    rows = [
        [
            a.agreement_id,
            i18n.label("agreement_level", a.level, lang),
            i18n.label("oked_section", a.oked_section, lang) if a.oked_section else "",
            i18n.label("region", a.region, lang) if a.region else "",
            a.title,
            a.valid_from.isoformat(),
            a.valid_to.isoformat(),
            a.min_tariff_kzt,
            a.inter_grade_coefficient,
            a.hazard_bonus_pct,
            "" if a.indexation_clause is None else (_("yes") if a.indexation_clause else _("no")),
        ]
        for a in qs
    ]
    return head, rows


def public_export(request: HttpRequest, fmt: str) -> HttpResponse:
    from labormap import csvsafe

    qs, params = public_agreements(request)
    head, rows = _public_rows(qs, _lang())
    name = f"agreements-{params['on'].isoformat()}.{fmt}"
    if fmt == "csv":
        buf = io.StringIO()
        w = csvsafe.writer(buf)
        w.writerow(head)
        for r in rows:
            w.writerow(["" if x is None else x for x in r])
        resp = HttpResponse("\ufeff" + buf.getvalue(), content_type="text/csv; charset=utf-8")
    elif fmt == "xlsx":
        import xlsxwriter

        out = io.BytesIO()
        wb = xlsxwriter.Workbook(out, {"in_memory": True, "strings_to_formulas": False})
        ws = wb.add_worksheet("agreements")
        bold = wb.add_format({"bold": True})
        ws.write_row(0, 0, head, bold)
        for i, r in enumerate(rows, start=1):
            ws.write_row(i, 0, ["" if x is None else x for x in r])
        wb.close()
        resp = HttpResponse(out.getvalue(), content_type=CONTENT_TYPES["xlsx"])
    else:
        raise Http404("No such format")
    resp["Content-Disposition"] = f'attachment; filename="{name}"'
    return resp


# --- the panel on the employer card ----------------------------------------------------------------------
def card_panel(request: HttpRequest, employer: Any) -> str:
    """The employer's pay findings of the published half-years (the card has checked the scope)."""
    from django.template.loader import render_to_string

    rows = list(PayFinding.objects.filter(employer_id=employer.bin).order_by("-half", "kind"))
    if not rows:
        return ""
    p = profile_of(request.user)
    return render_to_string(
        "agreements/_panel.html",
        {"e": employer, "rows": rows, "can_case": p is not None and p.role in CASE_ROLES},
        request=request,
    )
