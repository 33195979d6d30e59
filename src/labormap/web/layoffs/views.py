"""Pages: expected releases (curve, customers, contracts), the group tree, low pay, wage-raise plans,
the «Справка». Every page is limited to the user's scope; employer-level pages are audited."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from labormap.web.accounts import audit
from labormap.web.accounts.scope import get_employer, profile_of, scoped_employers
from labormap.web.layoffs import services
from labormap.web.layoffs.forms import WagePlanForm
from labormap.web.layoffs.models import WagePlan

PLAN_EDITOR_ROLES = ("akimat", "employer")


def can_edit_plans(user: Any) -> bool:
    p = profile_of(user)
    return p is not None and (p.role in PLAN_EDITOR_ROLES or p.is_admin)


def _lang() -> str:
    return (get_language() or "ru")[:2]


def _unavailable(request: HttpRequest, e: services.Unavailable) -> HttpResponse:
    return render(request, "layoffs/unavailable.html", {"reason": str(e)}, status=503)


def _names(bins: set[str]) -> dict[str, Any]:
    from labormap.web.employers.models import Employer

    return {e.bin: e for e in Employer.objects.filter(bin__in=bins)}


@login_required
def expected(request: HttpRequest) -> HttpResponse:
    try:
        e = services.expected_for(request.user)
    except services.Unavailable as err:
        return _unavailable(request, err)
    audit.record(request, "view_layoffs", target="layoffs:expected")
    emps = _names({c.customer_bin for c in e.customers} | {c.contractor_bin for c in e.contracts})
    by_region: dict[tuple[str, str], list[int]] = {}
    for r in e.by_region_sector:
        acc = by_region.setdefault((r.region, r.sector), [0, 0])
        acc[0] += r.workers
        acc[1] += r.contracts
    region_sector = sorted(((k[0], k[1], v[0], v[1]) for k, v in by_region.items()), key=lambda x: -x[2])
    from labormap import fmt

    months = [(fmt.month(m.month + "-01", _lang()), m) for m in e.months]
    chart = {
        "labels": [label for label, _m in months],
        "workers": [m.workers for m in e.months],
        "contracts": [m.contracts for m in e.months],
        "title": _("Workers expected to be released"),
    }
    return render(
        request,
        "layoffs/expected.html",
        {
            "e": e,
            "emps": emps,
            "chart": chart,
            "total_6m": sum(c.workers_ending_6m for c in e.customers),
            "total_12m": sum(c.workers_ending_12m for c in e.customers),
            "contracts": e.contracts[:300],
            "region_sector": region_sector,
            "months": months,
        },
    )


@login_required
def group(request: HttpRequest, bin: str | None = None) -> HttpResponse:
    p = profile_of(request.user)
    root = get_employer(request.user, bin) if bin else None
    holding = None
    if root is None:
        if p is not None and p.holding:
            holding = p.holding
        else:
            # no tree chosen: the customers (operators) in scope to choose from
            try:
                e = services.expected_for(request.user)
            except services.Unavailable as err:
                return _unavailable(request, err)
            visible = set(
                scoped_employers(request.user)
                .filter(bin__in=[c.customer_bin for c in e.customers])
                .values_list("bin", flat=True)
            )
            customers = [c for c in e.customers if c.customer_bin in visible]
            return render(
                request, "layoffs/group_pick.html", {"customers": customers, "emps": _names(visible)}
            )
    try:
        tree = services.group_tree(request.user, root, holding)
    except services.Unavailable as err:
        return _unavailable(request, err)
    audit.record(request, "view_layoffs", target=f"layoffs:group:{bin or holding}")
    return render(request, "layoffs/group.html", {"tree": tree})


@login_required
def terms(request: HttpRequest) -> HttpResponse:
    from labormap.layoffs.terms import BUCKETS

    try:
        t = services.terms_for(request.user)
    except services.Unavailable as err:
        return _unavailable(request, err)
    audit.record(request, "view_layoffs", target="layoffs:terms")
    # region × bucket pivot (contracts, workers)
    pivot: dict[str, dict[str, tuple[int, int]]] = {}
    for d in t.durations:
        if d.by in ("region", "all"):
            pivot.setdefault(d.key if d.by == "region" else "", {})[d.bucket] = (d.contracts, d.workers)
    rows = [
        (k, [pivot[k].get(b, (0, 0)) for b in BUCKETS]) for k in sorted(pivot, key=lambda k: (k == "", k))
    ]
    emps = _names({c.customer_bin for c in t.chains} | {c.contractor_bin for c in t.chains})
    return render(
        request,
        "layoffs/terms.html",
        {"t": t, "buckets": BUCKETS, "rows": rows, "chains": t.chains[:300], "emps": emps},
    )


@login_required
def lowpay(request: HttpRequest) -> HttpResponse:
    try:
        lp = services.lowpay_for(request.user)
    except services.Unavailable as err:
        return _unavailable(request, err)
    audit.record(request, "view_layoffs", target="layoffs:lowpay")
    return render(
        request,
        "layoffs/lowpay.html",
        {
            "lp": lp,
            "rows": lp.employers[:500],
            "can_edit": can_edit_plans(request.user),
            "below_total": sum(r.below_mzp for r in lp.employers),
        },
    )


@login_required
def plans(request: HttpRequest) -> HttpResponse:
    from labormap.layoffs.plans import annual_report
    from labormap.web.layoffs.filters import PlanFilters

    f = PlanFilters.from_query(request.GET)
    items = list(f.apply(services.plans_for(request.user)))
    try:
        actual = services.track(items)
    except services.Unavailable:
        actual = {}
    report = annual_report(actual.values(), f.year)
    audit.record(request, "view_layoffs", target="layoffs:plans", **f.as_params())
    years = sorted({p.due_on.year for p in items} | {f.year})
    rows = [(p, actual.get(p.pk)) for p in items]
    return render(
        request,
        "layoffs/plans.html",
        {
            "rows": rows,
            "report": report,
            "year": f.year,
            "years": years,
            "f": f,
            "can_edit": can_edit_plans(request.user),
        },
    )


def _low_paid_workers(user: Any, bin: str) -> int:
    """Default for a new plan: the employer's workers below 1.1 МЗП (its headcount, else 1)."""
    if not bin:
        return 1
    try:
        for r in services.lowpay_for(user).employers:
            if r.employer_bin == bin:
                return r.below_mzp
    except services.Unavailable:
        pass
    e = scoped_employers(user).filter(bin=bin).first()
    return max(1, (e.headcount or 1) if e else 1)


@login_required
def plan_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    if not can_edit_plans(request.user):
        raise Http404("No such page")
    plan = None
    if pk is not None:
        plan = services.plans_for(request.user).filter(pk=pk).first()
        if plan is None:
            raise Http404("No such plan")
    initial: dict[str, Any] = {}
    if plan is None:
        initial["employer_bin"] = request.GET.get("employer", "")
        if not initial["employer_bin"]:
            # an employer's account sees one employer: the plan is its own
            own = list(scoped_employers(request.user).values_list("bin", flat=True)[:2])
            initial["employer_bin"] = own[0] if len(own) == 1 else ""
        try:
            d = services.as_of()
            from labormap.features.asof import reference_period

            initial["base_period"] = reference_period(d)
            initial["due_on"] = dt.date(d.year + 1, 12, 31)
        except services.Unavailable:
            pass
        initial.setdefault("target_raise_pct", 10.0)
        initial["workers_covered"] = _low_paid_workers(request.user, initial["employer_bin"])
    form = WagePlanForm(request.POST or None, instance=plan, initial=initial, user=request.user)
    if request.method == "POST" and form.is_valid():
        saved = form.save()
        audit.record(request, "wage_plan_saved", target=f"wage_plan:{saved.pk}", employer=saved.employer_id)
        messages.success(request, _("The plan is saved."))
        return redirect("layoffs:plans")
    return render(request, "layoffs/plan_form.html", {"form": form, "plan": plan})


@login_required
def note(request: HttpRequest) -> HttpResponse:
    lang = request.GET.get("lang") or _lang()
    if lang not in ("ru", "kk", "en"):
        lang = "ru"
    try:
        data = services.note_for(request.user, lang)
    except services.Unavailable as err:
        return _unavailable(request, err)
    audit.record(request, "export", target="layoffs:note", lang=lang)
    resp = HttpResponse(
        data, content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    resp["Content-Disposition"] = f'attachment; filename="spravka-layoffs-{lang}.docx"'
    return resp


# --- the panel on the employer card ----------------------------------------------------------------------
def card_panel(request: HttpRequest, employer: Any) -> str:
    """Service contracts and wage-raise plans of an employer on its card (the card checked the scope).

    Reads only the app database (published links and plans), so the card stays fast.
    """
    from django.template.loader import render_to_string

    from labormap.web.employers.models import ContractorLink

    as_customer = ContractorLink.objects.filter(customer_bin=employer.bin).count()
    as_contractor = ContractorLink.objects.filter(contractor_bin=employer.bin).count()
    plans = list(WagePlan.objects.filter(employer_id=employer.bin)[:10])
    editor = can_edit_plans(request.user)
    if not (as_customer or as_contractor or plans or editor):
        return ""
    return render_to_string(
        "layoffs/_panel.html",
        {
            "e": employer,
            "as_customer": as_customer,
            "as_contractor": as_contractor,
            "plans": plans,
            "editor": editor,
        },
        request=request,
    )
