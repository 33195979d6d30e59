"""Reconciliation pages: the quarter's act for a region (live), producing it, the history, downloads.

Inspectors see their regions, the ministry every region; anything else answers 404 (services.regions_for).
Employer-level lines are shown, so every view is written to the audit log.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from labormap.reconcile import act as act_mod
from labormap.reconcile.rules import Quarter
from labormap.web.accounts import audit
from labormap.web.accounts.models import AuditEvent
from labormap.web.core.choices import current_lang
from labormap.web.reconcile import services as s
from labormap.web.reconcile.forms import ActForm

CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _lines(eng: s.EngineAct, lang: str) -> dict[str, object]:
    """The act's lines for the page (labels and sentences in the reader's language, never raw codes)."""
    new = [
        {"d": d, "text": act_mod.details_text(d, lang), "name": eng.names.get(d.employer_bin, "")}
        for d in eng.discrepancies
    ]
    earlier = [{"d": d, "status": st, "text": act_mod.details_text(d, lang)} for d, st in eng.earlier]
    return {"new": new, "earlier": earlier, "summary": act_mod.summary_lines(eng, lang)}


@login_required
def index(request: HttpRequest) -> HttpResponse:
    regions = s.regions_for(request.user)
    if request.GET.get("region"):
        s.check_region(request.user, request.GET["region"])  # out of reach: 404, as for no such region
    try:
        recs = s.records()
    except s.Unavailable as e:
        return render(request, "reconcile/unavailable.html", {"reason": str(e)}, status=200)
    default_region = regions[0] if regions else ""
    initial = {"region": default_region, "quarter": str(s.latest_quarter(recs))}
    form = ActForm(request.GET or initial, regions=regions)
    ctx: dict[str, object] = {"form": form, "can_produce": s.can_produce(request.user)}
    if form.is_valid():
        region, quarter = form.cleaned_data["region"] or "", form.cleaned_data["quarter"]
        eng = s.live_act(request.user, region, quarter)
        ctx.update(_lines(eng, current_lang()), eng=eng, region=region, quarter=str(quarter))
        audit.record(request, AuditEvent.VIEW_CARD, target=f"reconcile:{region or 'RK'}:{quarter}")
    acts = s.visible_acts(request.user)
    if form.is_valid() and form.cleaned_data["region"]:
        acts = acts.filter(region=form.cleaned_data["region"])
    ctx["acts"] = acts[:50]
    return render(request, "reconcile/index.html", ctx)


@login_required
@require_POST
def produce(request: HttpRequest) -> HttpResponse:
    regions = s.regions_for(request.user)
    if not s.can_produce(request.user):
        raise PermissionDenied
    form = ActForm(request.POST, regions=regions)
    if not form.is_valid():
        messages.error(request, _("Choose a region and a quarter like 2025Q3."))
        return redirect("reconcile:index")
    try:
        act = s.produce_act(request.user, form.cleaned_data["region"] or "", form.cleaned_data["quarter"])
    except s.Unavailable as e:
        messages.error(request, str(e))
        return redirect("reconcile:index")
    audit.record(request, AuditEvent.EXPORT, target=f"reconcile:act:{act.pk}", tasks=act.tasks_created)
    messages.success(
        request,
        _("Act produced: %(n)d discrepancies, %(t)d new tasks, %(c)d tasks closed.")
        % {"n": act.new_count, "t": act.tasks_created, "c": act.tasks_closed},
    )
    return redirect("reconcile:act", pk=act.pk)


@login_required
def act_detail(request: HttpRequest, pk: int) -> HttpResponse:
    act = s.get_act(request.user, pk)
    eng = s.engine_act(act)
    tasks = {i.key: i.task for i in act.items.select_related("task", "task__case") if i.task_id}
    ctx = {"act": act, "tasks": tasks, "langs": ("ru", "kk"), "formats": ("docx", "xlsx")}
    ctx.update(_lines(eng, current_lang()))
    history = s.visible_acts(request.user).filter(region=act.region).exclude(pk=act.pk)[:20]
    audit.record(request, AuditEvent.VIEW_CARD, target=f"reconcile:act:{act.pk}")
    return render(request, "reconcile/act.html", {**ctx, "history": history, "eng": eng})


@login_required
def download(request: HttpRequest, pk: int, lang: str, fmt: str) -> HttpResponse:
    act = s.get_act(request.user, pk)
    if lang not in ("ru", "kk", "en") or fmt not in CONTENT_TYPES:
        raise Http404("No such format")
    body = s.render(act, lang, fmt)
    audit.record(request, AuditEvent.EXPORT, target=f"reconcile:act:{act.pk}", lang=lang, format=fmt)
    resp = HttpResponse(body, content_type=CONTENT_TYPES[fmt])
    resp["Content-Disposition"] = f'attachment; filename="{s.file_name(act, lang, fmt)}"'
    return resp


def quarter_or_404(text: str) -> Quarter:
    try:
        return Quarter.parse(text)
    except ValueError:
        raise Http404("No such quarter") from None
