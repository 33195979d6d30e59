"""Case pages: list and card of cases with their tasks and history, tasks across cases and measures —
all within the user's scope. Hearings, the playbook and report downloads are their own apps
(``labormap.web.hearings``, ``labormap.web.playbooks``, ``labormap.web.reportdownloads``).

Every query goes through the project's scope module (``restrict`` / ``scoped_employers`` /
``get_employer``); a case of an employer outside the scope is a 404, exactly like a missing one.
Card views and report downloads are written to the audit log.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from labormap.reference import CAUSES, CONFLICT_KINDS, REGIONS
from labormap.response import BODIES, MEASURE_KINDS
from labormap.response.causes import causes_from_reasons
from labormap.web.accounts import audit
from labormap.web.accounts.models import AuditEvent
from labormap.web.accounts.scope import get_employer, is_admin, restrict
from labormap.web.alerts.models import Alert
from labormap.web.cases import services
from labormap.web.cases.context import lang, response_context, today
from labormap.web.cases.filters import filter_cases, get_case, visible_cases
from labormap.web.cases.forms import (
    CaseEditForm,
    CaseForm,
    CloseForm,
    LinkForm,
    MeasureForm,
    TaskDoneForm,
)
from labormap.web.cases.models import Case, CaseLink, Measure, Task
from labormap.web.employers.models import Employer, MediaSignal

# media signal kinds → the conflict kind and cause a case opened from them starts with
MEDIA_KIND_TO_CASE = {
    "strike": "strike",
    "hunger_strike": "hunger_strike",
    "rally": "rally",
    "appeal": "collective_appeal",
}
MEDIA_KIND_TO_CAUSE = {
    "wage_arrears": "wage_arrears",
    "layoffs": "layoffs",
    "conditions": "working_conditions",
}


def _lang() -> str:
    return lang()


def _today() -> dt.date:
    return today()


def _need_write(request: HttpRequest) -> None:
    if not services.can_write(request.user):
        raise PermissionDenied


def _ctx(request: HttpRequest, **kw: Any) -> dict[str, Any]:
    return response_context(request, **kw)


# --- cases -----------------------------------------------------------------------------------------
@login_required
def case_list(request: HttpRequest) -> HttpResponse:
    today = _today()
    qs: QuerySet[Case] = (
        visible_cases(request.user)
        .annotate(
            # a closed case has no open work, even if it was closed before its tasks were cancelled with it
            open_tasks=Count("tasks", filter=Q(status=Case.OPEN, tasks__status=Task.OPEN)),
            overdue=Count(
                "tasks", filter=Q(status=Case.OPEN, tasks__status=Task.OPEN, tasks__current_due_on__lt=today)
            ),
        )
        .order_by("-opened_on", "-pk")
    )
    qs, used = filter_cases(qs, request.GET)
    status, kind, region = used["status"], used["kind"], used["region"]
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "cases/list.html",
        _ctx(
            request,
            page=page,
            status=status,
            kind=kind,
            region=region,
            overdue=request.GET.get("overdue", ""),
            kinds=[("none", _("prevention"))] + [(k, v.name(_lang())) for k, v in CONFLICT_KINDS.items()],
            regions=[(k, r.name(_lang())) for k, r in REGIONS.items()],
        ),
    )


def _prefill(request: HttpRequest, e: Employer) -> tuple[dict[str, Any], list[dict[str, Any]], str]:
    """Initial values and links when a case is opened from an alert or a media signal."""
    initial: dict[str, Any] = {"kind": "none", "opened_on": _today()}
    links: list[dict[str, Any]] = []
    source = "manual"
    alert_id = request.GET.get("alert") or request.POST.get("alert")
    if alert_id and alert_id.isdigit():
        a = (
            restrict(Alert.objects.all(), request.user, "employer__")
            .filter(pk=int(alert_id), employer_id=e.bin)
            .first()
        )
        if a is not None:
            source = "alert"
            links.append(
                {
                    "kind": CaseLink.ALERT,
                    "ref": str(a.pk),
                    "title": f"{a.get_kind_display()}: {a.as_of}",
                    "on": a.as_of,
                }
            )
            if a.kind == "media" and a.details.get("kind"):
                initial["kind"] = MEDIA_KIND_TO_CASE.get(a.details["kind"], "none")
    item = request.GET.get("media") or request.POST.get("media")
    if item:
        m = MediaSignal.objects.filter(employer_id=e.bin, item_id=item).first()
        if m is not None:
            source = "media" if source == "manual" else source
            links.append(
                {
                    "kind": CaseLink.MEDIA,
                    "ref": m.item_id,
                    "title": m.title[:500],
                    "url": m.url,
                    "on": m.published_at.date() if m.published_at else None,
                }
            )
            initial["kind"] = MEDIA_KIND_TO_CASE.get(m.kind, initial["kind"])
            if m.kind in MEDIA_KIND_TO_CAUSE:
                initial["causes"] = [MEDIA_KIND_TO_CAUSE[m.kind]]
    if "causes" not in initial:
        # no cause named by a signal: the likely causes behind the employer's risk score
        initial["causes"] = list(
            causes_from_reasons(str(r.get("code", "")) for r in (e.reasons or []) if isinstance(r, dict))
        )
    return initial, links, source


@login_required
def case_new(request: HttpRequest) -> HttpResponse:
    _need_write(request)
    bin_ = request.GET.get("employer") or request.POST.get("employer") or ""
    e = get_employer(request.user, bin_)
    initial, links, source = _prefill(request, e)
    form = CaseForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        case = services.open_case(
            employer=e,
            kind=d["kind"],
            causes=d["causes"],
            user=request.user,
            source=source,
            participant_group=d["participant_group"],
            participants=d["participants"],
            demands=d["demands"],
            started_on=d["started_on"],
            opened_on=d["opened_on"],
            links=links,
        )
        messages.success(request, _("Case opened: %(n)d tasks created.") % {"n": case.tasks.count()})
        return redirect("cases:detail", pk=case.pk)
    return render(
        request,
        "cases/new.html",
        _ctx(
            request,
            form=form,
            e=e,
            links=links,
            alert=request.GET.get("alert", ""),
            media=request.GET.get("media", ""),
        ),
    )


@login_required
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_case(request.user, pk)
    audit.record(request, "view_case", target=f"case:{case.pk}", employer=case.employer_id)
    lang = _lang()
    edit = CaseEditForm(
        initial={
            "kind": case.kind,
            "causes": case.cause_list(),
            "participant_group": case.participant_group,
            "participants": case.participants,
            "demands": case.demands,
            "started_on": case.started_on,
            "opened_on": case.opened_on,
        }
    )
    return render(
        request,
        "cases/detail.html",
        _ctx(
            request,
            case=case,
            e=case.employer,
            tasks=case.tasks.prefetch_related("escalations"),
            events=case.events.all()[:200],
            links=case.links.all(),
            measures=case.measures.all(),
            causes=[CAUSES[c].name(lang) if c in CAUSES else c for c in case.cause_list()],
            kind_name=CONFLICT_KINDS[case.kind].name(lang)
            if case.kind in CONFLICT_KINDS
            else _("prevention"),
            edit_form=edit,
            close_form=CloseForm(),
            done_form=TaskDoneForm(),
            link_form=LinkForm(),
            measure_form=MeasureForm(initial={"employer": case.employer_id}),
        ),
    )


@login_required
@require_POST
def case_edit(request: HttpRequest, pk: int) -> HttpResponse:
    _need_write(request)
    case = get_case(request.user, pk)
    form = CaseEditForm(request.POST)
    if form.is_valid():
        d = form.cleaned_data
        data = {
            k: d[k]
            for k in ("kind", "participant_group", "participants", "demands", "started_on", "opened_on")
        }
        data["causes"] = ";".join(d["causes"])
        changes = services.update_case(case, data, request.user, d["note"])
        messages.success(request, _("Saved.") if changes else _("Nothing changed."))
    else:
        messages.error(request, _("Not saved: %(e)s") % {"e": form.errors.as_text()})
    return redirect("cases:detail", pk=case.pk)


@login_required
@require_POST
def case_close(request: HttpRequest, pk: int) -> HttpResponse:
    _need_write(request)
    case = get_case(request.user, pk)
    form = CloseForm(request.POST)
    if form.is_valid():
        d = form.cleaned_data
        services.close_case(case, d["outcome"], d["closed_on"], request.user, d["note"])
        messages.success(request, _("Case closed."))
    return redirect("cases:detail", pk=case.pk)


@login_required
@require_POST
def case_reopen(request: HttpRequest, pk: int) -> HttpResponse:
    _need_write(request)
    case = get_case(request.user, pk)
    services.reopen_case(case, request.user)
    return redirect("cases:detail", pk=case.pk)


@login_required
@require_POST
def case_link(request: HttpRequest, pk: int) -> HttpResponse:
    _need_write(request)
    case = get_case(request.user, pk)
    form = LinkForm(request.POST)
    if form.is_valid():
        CaseLink.objects.get_or_create(
            case=case,
            kind=CaseLink.REGISTRY,
            ref=form.cleaned_data["ref"],
            defaults={"title": form.cleaned_data["title"]},
        )
        services._event(case, "link", request.user, {"link": [None, form.cleaned_data["ref"]]})
    return redirect("cases:detail", pk=case.pk)


@login_required
@require_POST
def task_done(request: HttpRequest, pk: int) -> HttpResponse:
    _need_write(request)
    task = get_object_or_404(restrict(Task.objects.select_related("case"), request.user, "employer__"), pk=pk)
    form = TaskDoneForm(request.POST)
    if form.is_valid() and task.status == Task.OPEN:
        services.complete_task(task, request.user, form.cleaned_data["document_ref"])
    if task.case_id:
        return redirect("cases:detail", pk=task.case_id)
    return redirect("hearings:detail", pk=task.hearing_id)


@login_required
def task_list(request: HttpRequest) -> HttpResponse:
    today = _today()
    qs = (
        restrict(Task.objects.select_related("case", "employer", "hearing"), request.user, "employer__")
        .filter(status=Task.OPEN)
        .exclude(case__status=Case.CLOSED)
    )
    body = request.GET.get("body", "")
    if body in BODIES:
        qs = qs.filter(assigned_body=body)
    if request.GET.get("overdue"):
        qs = qs.filter(current_due_on__lt=today)
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "cases/tasks.html",
        _ctx(request, page=page, body=body, overdue=request.GET.get("overdue", "")),
    )


@login_required
@require_POST
def escalate(request: HttpRequest) -> HttpResponse:
    if not is_admin(request.user):
        raise PermissionDenied
    done = services.run_escalations(_today())
    audit.record(request, AuditEvent.ADMIN, target="cases:escalate", escalated=len(done))
    messages.success(request, _("%(n)d overdue tasks escalated.") % {"n": len(done)})
    return redirect("cases:tasks")


# --- measures --------------------------------------------------------------------------------------
@login_required
def measure_list(request: HttpRequest) -> HttpResponse:
    form = MeasureForm(request.POST or None)
    if request.method == "POST":
        _need_write(request)
        if form.is_valid():
            d = form.cleaned_data
            e = get_employer(request.user, d["employer"])
            case_id = request.POST.get("case")
            case = get_case(request.user, int(case_id)) if case_id and case_id.isdigit() else None
            if case is not None and case.employer_id != e.bin:
                raise Http404("No such case")
            services.add_measure(
                employer=e,
                kind=d["kind"],
                taken_on=d["taken_on"],
                body=d["body"],
                case=case,
                note=d["note"],
                user=request.user,
            )
            messages.success(request, _("Measure recorded."))
            return redirect("cases:detail", pk=case.pk) if case else redirect("cases:measures")
    qs = restrict(Measure.objects.select_related("employer", "case"), request.user, "employer__")
    kind = request.GET.get("kind", "")
    if kind in MEASURE_KINDS:
        qs = qs.filter(kind=kind)
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    today = _today()
    summary = services.measure_summary(request.user, dt.date(today.year, 1, 1), today)
    return render(
        request,
        "cases/measures.html",
        _ctx(
            request,
            page=page,
            form=form,
            kind=kind,
            summary=summary,
            kinds=[(k, v.name(_lang())) for k, v in MEASURE_KINDS.items()],
        ),
    )


# --- the panel on the employer card ----------------------------------------------------------------
def card_panel(request: HttpRequest, employer: Employer) -> str:
    """Cases and measures of an employer, shown on its card (the card already checked the scope)."""
    cases = Case.objects.filter(employer_id=employer.bin).annotate(
        overdue=Count(
            "tasks", filter=Q(status=Case.OPEN, tasks__status=Task.OPEN, tasks__current_due_on__lt=_today())
        )
    )[:20]
    measures = Measure.objects.filter(employer_id=employer.bin)[:20]
    alerts = Alert.objects.filter(employer_id=employer.bin).order_by("-as_of")[:5]
    media = MediaSignal.objects.filter(employer_id=employer.bin).order_by("-published_at")[:5]
    return render_to_string(
        "cases/_panel.html",
        _ctx(request, e=employer, cases=cases, measures=measures, alerts=alerts, media=media),
        request=request,
    )
