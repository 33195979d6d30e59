"""Control pages: the month's findings, the notices register (letters, ZIP batches, replies), the arrears
register, self-correction and the letter template. Every query goes through the scope (filters.py);
anything out of scope answers 404."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, Sum
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from labormap import csvsafe, i18n
from labormap.control.kinds import FINDING_KINDS
from labormap.control.notices import TemplateError, file_name, zip_notices
from labormap.web.accounts import audit
from labormap.web.accounts.models import AuditEvent
from labormap.web.accounts.scope import profile_of, sees_country
from labormap.web.control import filters as f
from labormap.web.control import services
from labormap.web.control.forms import GenerateForm, NoticeUpdateForm, ReplyForm, TemplateForm
from labormap.web.control.models import (
    ARREARS_STATES,
    NOTICE_STATUSES,
    Notice,
    NoticeTemplate,
    SelfCorrectionRun,
)
from labormap.web.core.choices import current_lang

PAGE = 100


def _region(request: HttpRequest) -> str:
    r = request.GET.get("region", "")
    return r if len(r) == 2 and r.isdigit() else ""


@login_required
def findings(request: HttpRequest) -> HttpResponse:
    f.require_reader(request.user)
    base = f.findings(request.user)
    months = list(base.order_by("-month").values_list("month", flat=True).distinct()[:36])
    month = request.GET.get("month") or (months[0] if months else "")
    qs = base.filter(month=month)
    region, kind = _region(request), request.GET.get("kind", "")
    if region:
        qs = qs.filter(employer__region=region)
    if kind in FINDING_KINDS:
        qs = qs.filter(kind=kind)
    totals = sorted(
        qs.values("kind")
        .annotate(n=Count("id"), workers=Sum("workers"), amount=Sum("amount_kzt"))
        .order_by(),
        key=lambda t: FINDING_KINDS.index(t["kind"]) if t["kind"] in FINDING_KINDS else 99,
    )
    page = Paginator(qs.prefetch_related("notices"), PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "control/findings.html",
        {
            "page": page,
            "months": months,
            "month": month,
            "region": region,
            "kind": kind,
            "kinds": FINDING_KINDS,
            "totals": totals,
            "can_issue": f.can_issue(request.user),
            "form": GenerateForm(),
        },
    )


@login_required
@require_POST
def generate(request: HttpRequest) -> HttpResponse:
    f.require_issuer(request.user)
    form = GenerateForm(request.POST)
    ids = [int(x) for x in request.POST.getlist("finding") if x.isdigit()]
    if not form.is_valid() or not ids:
        messages.error(request, _("Choose findings and a due date."))
        return redirect("control:findings")
    chosen = f.findings(request.user).filter(pk__in=ids)
    if chosen.count() != len(set(ids)):
        raise Http404("No such finding")
    made = services.generate_notices(
        chosen, request.user, due_on=form.cleaned_data["due_on"], lang=form.cleaned_data["lang"] or "ru"
    )
    audit.record(request, "control_notices", target=",".join(n.number for n in made)[:200], count=len(made))
    messages.success(request, _("%(n)d letters generated.") % {"n": len(made)})
    return redirect("control:notices")


def _notice_filters(request: HttpRequest) -> tuple[Any, dict[str, str]]:
    qs = f.notices(request.user)
    params = {
        "region": _region(request),
        "month": request.GET.get("month", ""),
        "status": request.GET.get("status", ""),
        "mine": request.GET.get("mine", ""),
    }
    if params["region"]:
        qs = qs.filter(region=params["region"])
    if params["month"]:
        qs = qs.filter(month=params["month"])
    if params["status"] in NOTICE_STATUSES:
        qs = qs.filter(status=params["status"])
    if params["mine"]:
        qs = qs.filter(issued_by_id=request.user.pk)
    return qs, params


@login_required
def notices(request: HttpRequest) -> HttpResponse:
    f.require_reader(request.user)
    qs, params = _notice_filters(request)
    page = Paginator(qs, PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "control/notices.html",
        {"page": page, "params": params, "statuses": NOTICE_STATUSES, "can_issue": f.can_issue(request.user)},
    )


@login_required
def notices_zip(request: HttpRequest) -> HttpResponse:
    """One ZIP of the filtered letters (per region, month, or the inspector's own)."""
    f.require_issuer(request.user)
    qs, params = _notice_filters(request)
    qs = qs[:2000]
    data = zip_notices((file_name(n.number), bytes(n.docx)) for n in qs)
    audit.record(request, AuditEvent.EXPORT, target="control_notices", format="zip", filters=params)
    resp = HttpResponse(data, content_type="application/zip")
    tag = "-".join(v for v in (params["region"], params["month"]) if v) or "all"
    resp["Content-Disposition"] = f'attachment; filename="notices-{tag}.zip"'
    return resp


def _notice(request: HttpRequest, pk: int) -> Notice:
    f.require_reader(request.user)
    try:
        return f.notices(request.user).get(pk=pk)
    except Notice.DoesNotExist:
        raise Http404("No such notice") from None


@login_required
def notice_detail(request: HttpRequest, pk: int) -> HttpResponse:
    n = _notice(request, pk)
    audit.record(request, AuditEvent.VIEW_CARD, target=f"notice:{n.number}")
    update = NoticeUpdateForm(
        initial={"status": n.status, "sent_on": n.sent_on, "delivered_on": n.delivered_on, "due_on": n.due_on}
    )
    return render(
        request,
        "control/notice.html",
        {
            "n": n,
            "findings": services.in_kind_order(n.findings.all()),
            "can_issue": f.can_issue(request.user),
            "is_employer": f.is_employer(request.user),
            "update": update,
            "reply": ReplyForm(initial={"reply": n.reply}),
        },
    )


@login_required
def notice_docx(request: HttpRequest, pk: int) -> HttpResponse:
    n = _notice(request, pk)
    lang = request.GET.get("lang", "")
    data = services.render(n, lang) if lang in ("ru", "kk") and lang != n.lang else bytes(n.docx)
    audit.record(request, AuditEvent.EXPORT, target=f"notice:{n.number}", format="docx")
    resp = HttpResponse(
        data, content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    resp["Content-Disposition"] = f'attachment; filename="{file_name(n.number)}"'
    return resp


@login_required
@require_POST
def notice_update(request: HttpRequest, pk: int) -> HttpResponse:
    n = _notice(request, pk)
    f.require_issuer(request.user)
    form = NoticeUpdateForm(request.POST)
    if form.is_valid():
        d = form.cleaned_data
        n.status, n.due_on = d["status"], d["due_on"]
        n.sent_on = d["sent_on"] or (
            dt.date.today() if d["status"] != "draft" and not n.sent_on else n.sent_on
        )
        n.delivered_on = d["delivered_on"]
        n.save(update_fields=["status", "due_on", "sent_on", "delivered_on"])
        messages.success(request, _("Saved."))
    else:
        messages.error(request, _("Check the dates."))
    return redirect("control:notice", pk=n.pk)


@login_required
@require_POST
def notice_reply(request: HttpRequest, pk: int) -> HttpResponse:
    n = _notice(request, pk)
    if not f.is_employer(request.user):
        raise Http404("Only the employer replies")
    form = ReplyForm(request.POST)
    if form.is_valid():
        n.reply = form.cleaned_data["reply"]
        n.replied_on = dt.date.today()
        n.replied_by = request.user  # type: ignore[assignment]
        if n.status in ("draft", "sent", "delivered"):
            n.status = "replied"
        n.save(update_fields=["reply", "replied_on", "replied_by", "status"])
        messages.success(request, _("Your reply has been sent to the inspector."))
    return redirect("control:notice", pk=n.pk)


@login_required
def arrears(request: HttpRequest) -> HttpResponse:
    f.require_reader(request.user)
    qs = f.arrears(request.user)
    region, state = _region(request), request.GET.get("state", "")
    if region:
        qs = qs.filter(employer__region=region)
    if state in ARREARS_STATES:
        qs = qs.filter(state=state)
    since = request.GET.get("since", "")
    try:
        if since:
            qs = qs.filter(found_on__gte=dt.date.fromisoformat(since))
    except ValueError:
        since = ""
    if request.GET.get("format") in ("csv", "xlsx"):
        return _arrears_export(request, qs, request.GET["format"])
    totals = qs.aggregate(n=Count("id"), amount=Sum("amount_kzt"), workers=Sum("workers"))
    page = Paginator(qs, PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "control/arrears.html",
        {
            "page": page,
            "region": region,
            "state": state,
            "since": since,
            "states": ARREARS_STATES,
            "totals": totals,
        },
    )


def _arrears_export(request: HttpRequest, qs: Any, fmt: str) -> HttpResponse:
    lang = current_lang()
    head = [
        _("Case"),
        _("BIN"),
        _("Employer"),
        _("Region"),
        _("Found on"),
        _("Order number"),
        _("Order due date"),
        _("Workers"),
        _("Months"),
        _("Amount, KZT"),
        _("Repaid, KZT"),
        _("State"),
        _("Days overdue"),
        _("Enforcement"),
    ]
    rows = [
        [
            c.case_id,
            c.employer_id,
            c.employer.name,
            i18n.label("region", c.employer.region, lang) if c.employer.region else "",
            c.found_on.isoformat(),
            c.order_no,
            c.order_due_on.isoformat() if c.order_due_on else "",
            c.workers,
            c.months,
            round(c.amount_kzt),
            round(c.repaid_kzt),
            i18n.label("arrears_state", c.state, lang),
            c.overdue_days,
            i18n.label("enforcement_state", c.enforcement, lang),
        ]
        for c in qs[:100_000]
    ]
    audit.record(request, AuditEvent.EXPORT, target="arrears", format=fmt, rows=len(rows))
    if fmt == "csv":
        buf = io.StringIO()
        w = csvsafe.writer(buf)  # cells a spreadsheet would evaluate are neutralised (issue 11)
        w.writerow(head)
        w.writerows(rows)
        resp = HttpResponse(buf.getvalue().encode("utf-8-sig"), content_type="text/csv; charset=utf-8")
        resp["Content-Disposition"] = 'attachment; filename="arrears.csv"'
        return resp
    import xlsxwriter

    out = io.BytesIO()
    wb = xlsxwriter.Workbook(out, {"in_memory": True})
    ws = wb.add_worksheet("arrears")
    ws.write_row(0, 0, head, wb.add_format({"bold": True}))
    for i, r in enumerate(rows, start=1):
        ws.write_row(i, 0, r)
    ws.autofilter(0, 0, max(len(rows), 1), len(head) - 1)
    wb.close()
    resp = HttpResponse(
        out.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    resp["Content-Disposition"] = 'attachment; filename="arrears.xlsx"'
    return resp


@login_required
def selfcorrection(request: HttpRequest) -> HttpResponse:
    f.require_reader(request.user)
    run = SelfCorrectionRun.objects.first()
    by_region: list[dict[str, Any]] = []
    country = sees_country(request.user)
    if run is not None:
        p = profile_of(request.user)
        mine = set(p.region_list()) if p is not None else set()
        by_region = [r for r in run.by_region if country or r["region"] in mine]
    outcomes = (
        f.notices(request.user)
        .exclude(outcome="")
        .values("outcome")
        .annotate(n=Count("id"))
        .order_by("outcome")
    )
    return render(
        request,
        "control/selfcorrection.html",
        {"run": run, "country": country, "by_region": by_region, "outcomes": list(outcomes)},
    )


@login_required
def template_edit(request: HttpRequest) -> HttpResponse:
    p = profile_of(request.user)
    if p is None or p.role != "ministry_admin":
        raise Http404("Only the ministry edits the letter template")
    current = services.current_template()
    form = TemplateForm(request.POST or None, initial={"text": current.text})
    if request.method == "POST" and form.is_valid():
        try:
            t = services.save_template(form.cleaned_data["text"], request.user, form.cleaned_data["comment"])
        except TemplateError as e:
            form.add_error("text", str(e))
        else:
            audit.record(request, AuditEvent.ADMIN, target=f"notice_template:v{t.version}")
            messages.success(request, _("Template saved as version %(v)d.") % {"v": t.version})
            return redirect("control:template")
    return render(
        request,
        "control/template.html",
        {"form": form, "current": current, "versions": NoticeTemplate.objects.filter(name="default")[:20]},
    )
