"""In-app alerts (within scope, filtered by the user's subscriptions if any) and subscription management."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from labormap.reference import OKED_SECTIONS, REGIONS
from labormap.web.accounts.scope import profile_of, restrict
from labormap.web.alerts.models import KIND_CHOICES, Alert, Subscription


class SubscriptionForm(forms.Form):
    regions = forms.MultipleChoiceField(
        label=gettext_lazy("Regions"), required=False, choices=[(k, r.name_ru) for k, r in REGIONS.items()]
    )
    sectors = forms.MultipleChoiceField(
        label=gettext_lazy("Sectors"),
        required=False,
        choices=[(k, f"{k} {s.name_ru}") for k, s in OKED_SECTIONS.items()],
    )
    kinds = forms.MultipleChoiceField(label=gettext_lazy("Kinds"), required=False, choices=KIND_CHOICES)
    email = forms.BooleanField(label=gettext_lazy("Send by e-mail"), required=False, initial=True)


def visible_alerts(user: object) -> QuerySet[Alert]:
    qs = restrict(Alert.objects.select_related("employer"), user, "employer__")
    subs = list(Subscription.objects.filter(user=user)) if getattr(user, "is_authenticated", False) else []
    if subs:
        q = Q(pk__in=[])
        for s in subs:
            q |= Q(pk__in=s.matching(Alert.objects.all()).values("pk"))
        qs = qs.filter(q)
    return qs


@login_required
def alert_list(request: HttpRequest) -> HttpResponse:
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
def subscribe(request: HttpRequest) -> HttpResponse:
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
