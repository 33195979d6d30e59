"""In-app alerts (within scope, filtered by the user's subscriptions if any) and subscription management."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from labormap.web.accounts.scope import profile_of
from labormap.web.alerts.filters import visible_alerts
from labormap.web.alerts.forms import SubscriptionForm
from labormap.web.alerts.models import KIND_CHOICES, Subscription
from labormap.web.core.apirequest import UserRequest


@login_required
def alert_list(request: UserRequest) -> HttpResponse:
    qs = visible_alerts(request.user)
    kind = request.GET.get("kind", "")
    if kind in dict(KIND_CHOICES):
        qs = qs.filter(kind=kind)
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
