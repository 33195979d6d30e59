"""Union pages: the workstation (home), collective agreements (list, draft, negotiation, acceptance,
registration, versions), the expiry calendar, member complaints and hearing proposals.

Everything goes through the scope: an agreement of an employer outside it answers 404.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, Sum
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.views.decorators.http import require_POST

from labormap.i18n import label
from labormap.unions import cagreement as rules
from labormap.web.accounts import audit
from labormap.web.accounts.scope import get_employer, profile_of, scoped_employers
from labormap.web.cases.context import lang
from labormap.web.unions import filters, public, services
from labormap.web.unions.forms import CommentForm, ComplaintForm, DraftForm, ProposalForm, TermsForm
from labormap.web.unions.models import (
    COMMISSION_LEVELS,
    CollectiveAgreement,
    Complaint,
    HearingProposal,
    Reminder,
)


def _employer_choices(user: Any, limit: int = 500) -> list[tuple[str, str]]:
    return [(e.bin, f"{e.name} ({e.bin})") for e in scoped_employers(user).order_by("name")[:limit]]


def _get(user: Any, pk: int) -> CollectiveAgreement:
    try:
        return services.visible(user).get(pk=pk)
    except CollectiveAgreement.DoesNotExist:
        raise Http404("No such agreement") from None


def workstation(user: Any, today: dt.date) -> dict[str, Any]:
    """The union's home in data (page and API): its organisations, members, agreements, risk, alerts."""
    p = profile_of(user)
    emps = scoped_employers(user)
    agg = emps.aggregate(n=Count("bin"), members=Sum("headcount"))
    ags = services.visible(user)
    by_state: dict[str, int] = dict.fromkeys(rules.STATES, 0)
    for ag in ags.select_related(None).only("state", "valid_to"):
        by_state[ag.state_on(today)] += 1
    risky = list(emps.filter(level__in=("high", "elevated")).order_by("-score")[:20])
    with_ag = set(
        ags.filter(state=rules.REGISTERED, valid_to__gte=today).values_list("employer_id", flat=True)
    )
    org = p.organisation if p is not None else None
    # each primary organisation with its latest agreement (state as of today) — the union's own register
    latest: dict[str, CollectiveAgreement] = {}
    for ag in ags.order_by("employer_id", "-created_at"):
        latest.setdefault(ag.employer_id, ag)
    orgs = [(e, latest.get(e.bin)) for e in emps.order_by("-headcount", "bin")[:50]]
    return {
        "orgs": orgs,
        "organisation": org,
        "organisations": agg["n"] or 0,
        # headcount of the organisations where the union is present: the aggregate the union reports
        "members": agg["members"] or 0,
        "by_state": by_state,
        "risky": risky,
        "without_agreement": emps.exclude(bin__in=with_ag).count(),
        "reminders": list(
            Reminder.objects.filter(agreement__in=ags).select_related("agreement", "agreement__employer")[:20]
        ),
        "complaints": list(Complaint.objects.filter(employer__in=emps).order_by("-created_at")[:20])
        if org is None
        else list(Complaint.objects.filter(union=org).order_by("-created_at")[:20]),
        "proposals": list(HearingProposal.objects.filter(employer__in=emps).order_by("-created_at")[:20]),
    }


@login_required
def home(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    data = workstation(request.user, today)
    audit.record(request, "view_cagreement", target="unions:home")
    ctx = {
        **data,
        "agreements": services.visible(request.user)[:20],
        "today": today,
        "can_draft": services.can_draft(request.user),
        "states": rules.STATES,
        "complaint_form": ComplaintForm(employers=_employer_choices(request.user)),
        "proposal_form": ProposalForm(employers=_employer_choices(request.user), levels=_levels(lang())),
        "draft_form": DraftForm(employers=_employer_choices(request.user)),
        # the members' public complaint link of this union (only a union account has one)
        "public_link": public.token_for(data["organisation"])
        if data["organisation"] is not None
        and services.can_draft(request.user)
        and profile_of(request.user).role == "union"  # type: ignore[union-attr]
        else "",
    }
    return render(request, "unions/home.html", ctx)


def _levels(lng: str) -> list[tuple[str, str]]:
    return [(c, label("commission_level", c, lng)) for c in COMMISSION_LEVELS]


@login_required
def agreement_list(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    qs = filters.apply(services.visible(request.user), request.GET, today)
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    audit.record(request, "view_cagreement", target="unions:agreements", filters=dict(request.GET.items()))
    return render(
        request,
        "unions/agreements.html",
        {
            "page": page,
            "states": rules.STATES,
            "state": request.GET.get("state", ""),
            "today": today,
            "can_draft": services.can_draft(request.user),
            "draft_form": DraftForm(employers=_employer_choices(request.user)),
        },
    )


@login_required
@require_POST
def agreement_new(request: HttpRequest) -> HttpResponse:
    if not services.can_draft(request.user):
        raise Http404
    form = DraftForm(request.POST, employers=_employer_choices(request.user))
    if not form.is_valid():
        messages.error(request, "; ".join(str(e) for es in form.errors.values() for e in es))
        return redirect("unions:agreements")
    e = get_employer(request.user, form.cleaned_data["employer"])
    ag = services.create_draft(
        e,
        request.user,
        valid_from=form.cleaned_data["valid_from"],
        years=form.cleaned_data["years"],
        lang=lang(),
    )
    audit.record(request, "cagreement", target=e.bin, op="draft", case=ag.pk)
    return redirect("unions:agreement", pk=ag.pk)


@login_required
def agreement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    ag = _get(request.user, pk)
    today = timezone.localdate()
    party = services.party_of(request.user, ag)
    audit.record(request, "view_cagreement", target=ag.employer_id, case=ag.pk)
    comments: dict[str, list[Any]] = {}
    for c in ag.comments.select_related("author"):
        comments.setdefault(c.clause, []).append(c)
    clauses = [(c, comments.get(c.code, [])) for c in ag.clauses.all()]
    editable = ag.state in (rules.DRAFT, rules.NEGOTIATION) and party is not None
    return render(
        request,
        "unions/agreement.html",
        {
            "ag": ag,
            "state": ag.state_on(today),
            "party": party,
            "editable": editable,
            "clauses": clauses,
            "sections": rules.SECTIONS,
            "diffs": services.versions_diff(ag),
            "terms_form": TermsForm(
                initial={
                    "min_tariff_kzt": ag.min_tariff_kzt,
                    "tariff_coefficients": ag.tariff_coefficients,
                    "hazard_bonus_pct": ag.hazard_bonus_pct,
                    "indexation": ag.indexation,
                    "valid_from": ag.valid_from.isoformat(),
                    "valid_to": ag.valid_to.isoformat(),
                }
            ),
            "can_register": ag.state == rules.SIGNED and services.can_register(request.user, ag),
            "accepted_by_me": (party == "employer" and ag.employer_accepted_by_id is not None)
            or (party == "union" and ag.union_accepted_by_id is not None),
        },
    )


def _act(request: HttpRequest, pk: int, op: str) -> tuple[CollectiveAgreement, str | None]:
    ag = _get(request.user, pk)
    return ag, services.party_of(request.user, ag)


@login_required
@require_POST
def agreement_edit(request: HttpRequest, pk: int) -> HttpResponse:
    ag, party = _act(request, pk, "edit")
    if party is None:
        raise Http404
    form = TermsForm(request.POST)
    if not form.is_valid():
        messages.error(request, "; ".join(str(e) for es in form.errors.values() for e in es))
        return redirect("unions:agreement", pk=pk)
    texts = {k[len("clause_") :]: str(v) for k, v in request.POST.items() if k.startswith("clause_")}
    try:
        changes = services.edit(ag, request.user, texts=texts, terms=form.cleaned_data)
    except rules.AgreementRuleError as e:
        messages.error(request, e.text(lang()))
        return redirect("unions:agreement", pk=pk)
    audit.record(request, "cagreement", target=ag.employer_id, op="edit", case=ag.pk, count=len(changes))
    return redirect("unions:agreement", pk=pk)


@login_required
@require_POST
def agreement_comment(request: HttpRequest, pk: int) -> HttpResponse:
    ag, _party = _act(request, pk, "comment")
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            services.comment(ag, request.user, form.cleaned_data["clause"], form.cleaned_data["text"])
            audit.record(request, "cagreement", target=ag.employer_id, op="comment", case=ag.pk)
        except rules.AgreementRuleError as e:
            messages.error(request, e.text(lang()))
    return redirect("unions:agreement", pk=pk)


@login_required
@require_POST
def agreement_accept(request: HttpRequest, pk: int) -> HttpResponse:
    ag, party = _act(request, pk, "accept")
    if party is None:
        raise Http404
    try:
        services.accept(ag, request.user, override_flags=bool(request.POST.get("override_flags")))
    except rules.AgreementRuleError as e:
        messages.error(request, e.text(lang()))
        return redirect("unions:agreement", pk=pk)
    audit.record(request, "cagreement", target=ag.employer_id, op="accept", case=ag.pk, via=party)
    return redirect("unions:agreement", pk=pk)


@login_required
@require_POST
def agreement_register(request: HttpRequest, pk: int) -> HttpResponse:
    ag = _get(request.user, pk)
    if not services.can_register(request.user, ag):
        raise Http404
    try:
        services.register(ag, request.user)
    except rules.AgreementRuleError as e:
        messages.error(request, e.text(lang()))
        return redirect("unions:agreement", pk=pk)
    audit.record(request, "cagreement", target=ag.employer_id, op="register", case=ag.pk)
    return redirect("unions:agreement", pk=pk)


@login_required
def calendar(request: HttpRequest) -> HttpResponse:
    """Registered agreements by end date, with the reminders raised 180, 90 and 30 days before."""
    today = timezone.localdate()
    qs = services.visible(request.user).filter(state=rules.REGISTERED).order_by("valid_to")
    rows = [(ag, (ag.valid_to - today).days, list(ag.reminders.all())) for ag in qs[:300]]
    audit.record(request, "view_cagreement", target="unions:calendar")
    return render(request, "unions/calendar.html", {"rows": rows, "today": today})


@login_required
@require_POST
def complaint_new(request: HttpRequest) -> HttpResponse:
    """A member's complaint, typed by the union: it becomes a (prevention) case at the employer."""
    from labormap.response.playbook import NO_CONFLICT
    from labormap.web.cases.services import open_case

    p = profile_of(request.user)
    form = ComplaintForm(request.POST, employers=_employer_choices(request.user))
    if p is None or not form.is_valid():
        messages.error(request, "; ".join(str(e) for es in form.errors.values() for e in es))
        return redirect("unions:home")
    e = get_employer(request.user, form.cleaned_data["employer"])
    case = open_case(
        employer=e,
        kind=NO_CONFLICT,
        causes=[form.cleaned_data["topic"]],
        user=request.user,
        demands=form.cleaned_data["text"],
    )
    c = Complaint.objects.create(
        union=p.organisation,
        employer=e,
        topic=form.cleaned_data["topic"],
        text=form.cleaned_data["text"],
        anonymous=form.cleaned_data["anonymous"],
        contact=form.cleaned_data["contact"],
        case_id=case.pk,
        created_by=p.user,
    )
    audit.record(request, "union_complaint", target=e.bin, case=case.pk, kind=c.topic)
    return redirect("cases:detail", pk=case.pk)


@login_required
@require_POST
def propose(request: HttpRequest) -> HttpResponse:
    """A union proposes an employer for a tripartite hearing (unions could not before issue 14)."""
    p = profile_of(request.user)
    form = ProposalForm(request.POST, employers=_employer_choices(request.user), levels=_levels(lang()))
    if p is None or not form.is_valid():
        messages.error(request, "; ".join(str(e) for es in form.errors.values() for e in es))
        return redirect("unions:home")
    e = get_employer(request.user, form.cleaned_data["employer"])
    HearingProposal.objects.create(
        union=p.organisation,
        employer=e,
        level=form.cleaned_data["level"],
        reason=form.cleaned_data["reason"],
        score=e.score,
        created_by=p.user,
    )
    audit.record(request, "union_proposal", target=e.bin, kind=form.cleaned_data["level"])
    return redirect("unions:home")


def card_panel(request: HttpRequest, employer: Any) -> str:
    """The employer's collective agreements on its card (the card has checked the scope)."""
    rows = list(services.visible(request.user).filter(employer_id=employer.bin)[:20])
    if not rows:
        return ""
    return render_to_string(
        "unions/_panel.html", {"rows": rows, "today": timezone.localdate()}, request=request
    )
