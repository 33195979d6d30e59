"""Hearing pages: proposals of employers to hear, planning a sitting, its protocol and decisions.

Every query goes through the scope module; a hearing outside the user's scope is a 404.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from labormap.reference import REGIONS
from labormap.web.accounts.scope import get_employer, restrict, visible_regions
from labormap.web.cases import services
from labormap.web.cases.context import lang, response_context, today
from labormap.web.cases.forms import TaskDoneForm
from labormap.web.employers.models import Employer
from labormap.web.hearings.filters import visible_hearings
from labormap.web.hearings.forms import DecisionForm, HearingForm, HearingRecordForm
from labormap.web.hearings.models import Hearing


@login_required
def hearing_list(request: HttpRequest) -> HttpResponse:
    lng = lang()
    proposals = services.hearing_proposals(request.user, today(), lang=lng)
    form = None
    if services.can_hear(request.user):
        choices = [
            (p.candidate.employer_bin, f"{REGIONS[r].name(lng) if r in REGIONS else r}: {p.candidate.name}")
            for r, ps in proposals.items()
            for p in ps
        ]
        form = HearingForm(
            request.POST or None,
            employer_choices=choices,
            initial=planning_defaults(request.user, proposals),
        )
        if request.method == "POST" and form.is_valid():
            d = form.cleaned_data
            emps = [get_employer(request.user, b) for b in d["employers"]]
            if any(e.region != d["region"] for e in emps):
                form.add_error("employers", _("Choose employers of the commission's region."))
            else:
                h = services.create_hearing(d["region"], d["planned_on"], emps, request.user)
                return redirect("hearings:detail", pk=h.pk)
    hearings = visible_hearings(request.user).annotate(n=Count("employers"))[:100]
    return render(
        request,
        "hearings/list.html",
        response_context(request, proposals=proposals, form=form, hearings=hearings, regions=REGIONS),
    )


def planning_defaults(user: Any, proposals: dict[str, list[Any]]) -> dict[str, Any]:
    """The planning form's defaults: the user's own region (a regional account), else the region with
    the most proposals; its proposed employers; a date two weeks ahead — so submitting it as it comes
    plans a valid sitting."""
    own = visible_regions(user) or []
    region = next((r for r in own if r in proposals), own[0] if own else None)
    if region is None and proposals:
        region = max(proposals, key=lambda r: (len(proposals[r]), r))
    return {
        "region": region,
        "planned_on": today() + dt.timedelta(days=14),
        "employers": [p.candidate.employer_bin for p in proposals.get(region or "", [])],
    }


def get_hearing(user: Any, pk: int) -> Hearing:
    try:
        return visible_hearings(user).get(pk=pk)
    except Hearing.DoesNotExist:
        raise Http404("No such hearing") from None


@login_required
def hearing_detail(request: HttpRequest, pk: int) -> HttpResponse:
    h = get_hearing(request.user, pk)
    heard = restrict(h.employers.select_related("employer"), request.user, "employer__")
    choices = [(he.employer_id, cast(Employer, he.employer).display_name(lang())) for he in heard]
    record_form = HearingRecordForm(
        request.POST or None,
        initial={
            # a sitting still to come cannot be recorded as held: the default is never in the future
            "held_on": h.held_on or min(h.planned_on, today()),
            "protocol_no": h.protocol_no,
            "protocol": h.protocol,
        },
        today=today(),
    )
    decision_form = DecisionForm(employer_choices=choices)
    if request.method == "POST":
        if not services.can_hear(request.user):
            raise PermissionDenied
        if request.POST.get("action") == "decision":
            decision_form = DecisionForm(request.POST, employer_choices=choices)
            if decision_form.is_valid():
                d = decision_form.cleaned_data
                services.add_decision(
                    h,
                    get_employer(request.user, d["employer"]),
                    d["text"],
                    d["body"],
                    d["due_days"],
                    request.user,
                )
                return redirect("hearings:detail", pk=h.pk)
        elif record_form.is_valid():
            d = record_form.cleaned_data
            services.record_hearing(h, d["held_on"], d["protocol_no"], d["protocol"], request.user)
            messages.success(request, _("Hearing recorded."))
            return redirect("hearings:detail", pk=h.pk)
    tasks = restrict(h.tasks.all(), request.user, "employer__")
    return render(
        request,
        "hearings/detail.html",
        response_context(
            request,
            h=h,
            heard=heard,
            record_form=record_form,
            decision_form=decision_form,
            tasks=tasks,
            done_form=TaskDoneForm(),
            region=REGIONS.get(h.region),
        ),
    )
