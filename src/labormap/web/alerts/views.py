"""In-app alerts (within scope, filtered by the user's subscriptions if any) and subscription management."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseForbidden
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from labormap import alertflow
from labormap.web.accounts.audit import record
from labormap.web.accounts.scope import profile_of
from labormap.web.alerts.filters import visible_alerts
from labormap.web.alerts.forms import AlertActionForm, AlertFilterForm, SubscriptionForm
from labormap.web.alerts.lifecycle import act, actionable, assignable_users, can_act
from labormap.web.alerts.models import KIND_CHOICES, Alert, Subscription
from labormap.web.core.apirequest import UserRequest


def _filtered(qs: QuerySet[Alert], form: AlertFilterForm) -> QuerySet[Alert]:
    """Region, kind, status and dates (of the data the alert is about) from a valid filter form."""
    if not form.is_valid():
        return qs
    d = form.cleaned_data
    if d["region"]:
        qs = qs.filter(employer__region=d["region"])
    if d["kind"]:
        qs = qs.filter(kind=d["kind"])
    if d["status"] == "open":
        qs = qs.filter(status__in=alertflow.OPEN_STATUSES)
    elif d["status"]:
        qs = qs.filter(status=d["status"])
    if d["date_from"]:
        qs = qs.filter(as_of__gte=d["date_from"])
    if d["date_to"]:
        qs = qs.filter(as_of__lte=d["date_to"])
    if d["overdue"]:
        qs = qs.filter(escalated_at__isnull=False, status=alertflow.NEW)
    return qs


@login_required
def alert_list(request: UserRequest) -> HttpResponse:
    filt = AlertFilterForm(request.GET or None)
    qs = _filtered(visible_alerts(request.user).select_related("assignee"), filt)
    kind = request.GET.get("kind", "")
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    profile = profile_of(request.user)
    last_seen = profile.last_alerts_seen_at if profile else None
    if profile is not None:
        profile.last_alerts_seen_at = timezone.now()
        profile.save(update_fields=["last_alerts_seen_at"])
    return render(
        request,
        "alerts/list.html",
        {
            "page": page,
            "kind": kind,
            "filter": filt,
            "kinds": KIND_CHOICES,
            "last_seen": last_seen,
            "subscriptions": Subscription.objects.filter(user=request.user),
            "form": SubscriptionForm(),
        },
    )


@login_required
@require_POST
def subscribe(request: UserRequest) -> HttpResponse:
    form = SubscriptionForm(request.POST)
    if form.is_valid():
        d = form.cleaned_data
        Subscription.objects.create(
            user=request.user,
            regions=",".join(d["regions"]),
            sectors=",".join(d["sectors"]),
            kinds=",".join(d["kinds"]),
            email=d["email"],
        )
        messages.success(request, _("Subscription saved."))
    return redirect("alerts:list")


@login_required
@require_POST
def unsubscribe(request: HttpRequest, pk: int) -> HttpResponse:
    get_object_or_404(Subscription, pk=pk, user=request.user).delete()
    return redirect("alerts:list")


@login_required
def alert_detail(request: UserRequest, pk: int) -> HttpResponse:
    """One alert, its history and the next moves; out of scope is 404."""
    alert = get_object_or_404(actionable(request.user).select_related("assignee"), pk=pk)
    record(request, "view_alert", f"alert:{alert.pk}", employer=alert.employer_id)
    allowed = alertflow.allowed_actions(alert.status) if can_act(request.user) else []
    return render(
        request,
        "alerts/detail.html",
        {
            "a": alert,
            "events": alert.events.all(),
            "allowed": allowed,
            "form": AlertActionForm(users=assignable_users(alert) if "assign" in allowed else ()),
            "ack_due": alertflow.ack_due(timezone.localdate(alert.created_at)),
        },
    )


@login_required
@require_POST
def alert_act(request: UserRequest, pk: int) -> HttpResponse:
    alert = get_object_or_404(actionable(request.user), pk=pk)
    if not can_act(request.user):
        return HttpResponseForbidden()
    users = assignable_users(alert)
    form = AlertActionForm(request.POST, users=users)
    if not form.is_valid():
        messages.error(request, _("The form has errors."))
        return redirect("alerts:detail", pk=pk)
    d = form.cleaned_data
    assignee = None
    if d["action"] == "assign" and d["assignee"]:
        assignee = get_user_model().objects.filter(pk=int(d["assignee"])).first()
    try:
        act(
            alert,
            d["action"],
            request.user,
            request=request,
            assignee=assignee,
            outcome=d["outcome"],
            note=d["note"],
            open_case=d["open_case"],
        )
    except alertflow.TransitionError:
        messages.error(request, _("This step is not possible now."))
        return redirect("alerts:detail", pk=pk)
    messages.success(request, _("Saved."))
    if alert.case_id and d["open_case"]:
        return redirect("cases:detail", alert.case_id)
    return redirect("alerts:detail", pk=pk)
