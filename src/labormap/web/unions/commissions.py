"""Tripartite commissions of every level (items 13, 26): a sitting hears employers chosen from the unions'
proposals, its protocol is a DOCX in ru or kk, its decisions become dated tasks, and the semi-annual
sectoral protocol sums a sector's sittings of a half-year.

Planning, holding and deciding are for the state roles of the hearings app (``cases.services.HEARING_ROLES``);
a union sees the sittings that hear its employers. Everything is scoped: a sitting none of whose employers
the user may see answers 404.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from labormap.i18n import gettext, label
from labormap.response import HearingDecision, follow_up_tasks
from labormap.response.bodies import BODIES
from labormap.response.playbook import Due
from labormap.web.accounts import audit
from labormap.web.accounts.scope import restrict, scoped_employers
from labormap.web.cases.context import lang
from labormap.web.cases.models import Task
from labormap.web.cases.services import can_hear
from labormap.web.employers.models import Employer
from labormap.web.unions.models import (
    COMMISSION_LEVELS,
    CommissionSitting,
    HearingProposal,
    SittingDecision,
    SittingEmployer,
)


def visible_sittings(user: Any) -> Any:
    heard = restrict(SittingEmployer.objects.all(), user, "employer__").values("sitting_id")
    return CommissionSitting.objects.filter(pk__in=heard)


def open_proposals(user: Any, level: str, region: str = "", sector: str = "") -> Any:
    qs = restrict(HearingProposal.objects.filter(level=level, hearing_id=None), user, "employer__")
    if level == "regional" and region:
        qs = qs.filter(employer__region=region)
    if level == "sectoral" and sector:
        qs = qs.filter(employer__sector=sector)
    return qs.select_related("employer").order_by("-score")


def plan(
    user: Any,
    level: str,
    planned_on: dt.date,
    proposals: list[HearingProposal],
    region: str = "",
    sector: str = "",
) -> CommissionSitting:
    with transaction.atomic():
        s = CommissionSitting.objects.create(
            level=level, region=region, sector=sector, planned_on=planned_on, created_by=user
        )
        for p in proposals:
            SittingEmployer.objects.get_or_create(
                sitting=s, employer=p.employer, defaults={"proposal": p, "score": p.score}
            )
            p.hearing_id = s.pk
            p.save(update_fields=["hearing_id"])
    return s


def decide(s: CommissionSitting, employer: Employer, text: str, body: str, due_days: int) -> SittingDecision:
    """A protocol decision and its task, due ``due_days`` working days after the sitting."""
    held = s.held_on or s.planned_on
    [spec] = follow_up_tasks([HearingDecision(text, body, Due(due_days, True))], held)
    with transaction.atomic():
        n = s.decisions.count()
        task = Task.objects.create(
            employer=employer, seq=n, code=f"commission_{s.pk}_{n + 1}", rule_id="commission", action_ru=text,
            document_ru=spec.document.ru, document_kk=spec.document.kk, body=body, assigned_body=body,
            due_on=spec.due_on, current_due_on=spec.due_on,
        )  # fmt: skip
        return SittingDecision.objects.create(
            sitting=s, employer=employer, text=text, body=body, due_days=due_days, task_id=task.pk
        )


def _title(s: CommissionSitting, lng: str) -> str:
    where = ""
    if s.level == "regional" and s.region:
        where = f" — {label('region', s.region, lng)}"
    if s.level == "sectoral" and s.sector:
        where = f" — {label('oked_section', s.sector, lng)}"
    return f"{label('commission_level', s.level, lng)}{where}"


def protocol_docx(s: CommissionSitting, lng: str) -> bytes:
    """The sitting's protocol in ``lng`` (ru or kk): employers heard, decisions with body and due date."""
    from docx import Document

    doc = Document()
    doc.add_heading(
        gettext("Protocol of the sitting", lng) + (f" № {s.protocol_no}" if s.protocol_no else ""), 1
    )
    doc.add_paragraph(_title(s, lng))
    doc.add_paragraph(f"{gettext('Date', lng)}: {(s.held_on or s.planned_on).isoformat()}")
    doc.add_heading(gettext("Employers heard", lng), 2)
    for se in s.employers.select_related("employer"):
        e = se.employer
        name = e.name_kk if lng == "kk" and e.name_kk else e.name
        doc.add_paragraph(f"{name} ({e.bin})", style="List Number")
    doc.add_heading(gettext("Decisions", lng), 2)
    t = doc.add_table(rows=1, cols=4)
    for cell, h in zip(t.rows[0].cells, ("Employer", "Decision", "Responsible body", "Due"), strict=True):
        cell.text = gettext(h, lng)
    tasks = {x.pk: x for x in Task.objects.filter(pk__in=[d.task_id for d in s.decisions.all()])}
    for d in s.decisions.select_related("employer"):
        task = tasks.get(d.task_id or 0)
        row = t.add_row().cells
        row[0].text, row[1].text = d.employer.bin, d.text
        row[2].text = label("body", d.body, lng)
        row[3].text = task.due_on.isoformat() if task else ""
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def semiannual_docx(user: Any, sector: str, half: str, lng: str) -> bytes:
    """The semi-annual protocol of a sectoral commission: its sittings of the half-year, decisions, tasks done."""
    from docx import Document

    year, h = int(half[:4]), half[-1]
    start = dt.date(year, 1 if h == "1" else 7, 1)
    end = dt.date(year, 6, 30) if h == "1" else dt.date(year, 12, 31)
    sittings = visible_sittings(user).filter(level="sectoral", sector=sector, planned_on__range=(start, end))
    doc = Document()
    doc.add_heading(gettext("Semi-annual protocol of the sectoral commission", lng), 1)
    doc.add_paragraph(f"{label('oked_section', sector, lng)} · {half}")
    t = doc.add_table(rows=1, cols=5)
    for cell, hd in zip(
        t.rows[0].cells, ("Date", "Employers heard", "Decisions", "Tasks done", "Tasks open"), strict=True
    ):
        cell.text = gettext(hd, lng)
    for s in sittings.order_by("planned_on"):
        ids = [d.task_id for d in s.decisions.all() if d.task_id]
        done = Task.objects.filter(pk__in=ids, status=Task.DONE).count()
        row = t.add_row().cells
        row[0].text = (s.held_on or s.planned_on).isoformat()
        row[1].text = str(s.employers.count())
        row[2].text = str(len(ids))
        row[3].text, row[4].text = str(done), str(len(ids) - done)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@login_required
def sitting_list(request: HttpRequest) -> HttpResponse:
    lng = lang()
    if request.method == "POST":
        if not can_hear(request.user):
            raise Http404
        level = request.POST.get("level", "sectoral")
        if level not in COMMISSION_LEVELS:
            raise Http404
        region, sector = request.POST.get("region", ""), request.POST.get("sector", "")
        try:
            planned = dt.date.fromisoformat(request.POST.get("planned_on") or "")
        except ValueError:
            planned = timezone.localdate() + dt.timedelta(days=14)
        chosen = request.POST.getlist("proposal")
        props = list(open_proposals(request.user, level, region, sector))
        props = [p for p in props if str(p.pk) in chosen] if chosen else props  # default: all open proposals
        if not props:
            messages.error(request, gettext("No proposals to hear.", lng))
            return redirect("unions:sittings")
        s = plan(request.user, level, planned, props, region, sector)
        audit.record(request, "commission_sitting", target=f"sitting:{s.pk}", kind=level, count=len(props))
        return redirect("unions:sitting", pk=s.pk)
    level = request.GET.get("level", "sectoral")
    level = level if level in COMMISSION_LEVELS else "sectoral"
    ctx = {
        "sittings": visible_sittings(request.user)[:100],
        "levels": COMMISSION_LEVELS,
        "level": level,
        "proposals": open_proposals(request.user, level)[:100],
        "can_plan": can_hear(request.user),
        "planned_on": (timezone.localdate() + dt.timedelta(days=14)).isoformat(),
        "sectors": sorted({s for s in scoped_employers(request.user).values_list("sector", flat=True) if s}),
        "regions": sorted({r for r in scoped_employers(request.user).values_list("region", flat=True) if r}),
    }
    return render(request, "unions/sittings.html", ctx)


def _sitting(user: Any, pk: int) -> CommissionSitting:
    try:
        return visible_sittings(user).get(pk=pk)
    except CommissionSitting.DoesNotExist:
        raise Http404("No such sitting") from None


@login_required
def sitting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    s = _sitting(request.user, pk)
    if request.method == "POST":
        if not can_hear(request.user):
            raise Http404
        if request.POST.get("action") == "held":
            s.status, s.protocol_no = CommissionSitting.HELD, request.POST.get("protocol_no", "")[:50]
            try:
                s.held_on = dt.date.fromisoformat(request.POST.get("held_on") or "")
            except ValueError:
                s.held_on = timezone.localdate()
            s.save()
        else:
            e = s.employers.filter(employer_id=request.POST.get("employer", "")).first()
            body = request.POST.get("body", "mio")
            text = request.POST.get("text", "").strip()
            if e is None or body not in BODIES or not text:
                raise Http404
            decide(s, e.employer, text, body, int(request.POST.get("due_days") or 10))
        audit.record(
            request, "commission_sitting", target=f"sitting:{s.pk}", op=request.POST.get("action", "decision")
        )
        return redirect("unions:sitting", pk=pk)
    tasks = {t.pk: t for t in Task.objects.filter(pk__in=[d.task_id for d in s.decisions.all()])}
    ctx = {
        "s": s,
        "title": _title(s, lang()),
        "heard": s.employers.select_related("employer"),
        "decisions": [(d, tasks.get(d.task_id or 0)) for d in s.decisions.select_related("employer")],
        "bodies": list(BODIES),
        "can_plan": can_hear(request.user),
        "today": timezone.localdate().isoformat(),
    }
    return render(request, "unions/sitting.html", ctx)


@login_required
def sitting_protocol(request: HttpRequest, pk: int, lng: str) -> HttpResponse:
    if lng not in ("ru", "kk", "en"):
        raise Http404
    s = _sitting(request.user, pk)
    audit.record(request, "export", target=f"sitting:{s.pk}", format="docx", lang=lng)
    r = HttpResponse(protocol_docx(s, lng), content_type=DOCX)
    r["Content-Disposition"] = f'attachment; filename="protocol-{s.pk}-{lng}.docx"'
    return r


@login_required
def semiannual(request: HttpRequest) -> HttpResponse:
    sector, half, lng = (
        request.GET.get("sector", ""),
        request.GET.get("half", ""),
        request.GET.get("lang", "ru"),
    )
    if (
        len(sector) != 1
        or len(half) != 7
        or half[4:6] != "-H"
        or half[-1] not in "12"
        or lng not in ("ru", "kk", "en")
    ):
        raise Http404
    audit.record(request, "export", target=f"semiannual:{sector}:{half}", format="docx", lang=lng)
    r = HttpResponse(semiannual_docx(request.user, sector, half, lng), content_type=DOCX)
    r["Content-Disposition"] = f'attachment; filename="sectoral-protocol-{sector}-{half}-{lng}.docx"'
    return r
